/** Queue names. Never renamed once released: jobs in flight would be orphaned. */
export enum QueueName {
  Outbox = 'outbox',
  Notifications = 'notifications',
  Webhooks = 'webhooks',
  Reports = 'reports',
  Maintenance = 'maintenance',
}

/** Job names. Never renamed once released. */
export enum JobName {
  /** Fan one outbox event out to its recipients (in-app notifications, emails, webhooks). */
  DispatchEvent = 'dispatch-event',
  /** Sweep outbox rows the after-commit relay missed (e.g. while Redis was down). */
  RelayOutbox = 'relay-outbox',
  /** Expire claims past their hold and warn holders 3 days before. */
  ExpireClaims = 'expire-claims',
  /** Delete Idempotency-Key records past their expiry. */
  PurgeIdempotencyKeys = 'purge-idempotency-keys',
}

/** Every job with its payload. Payloads carry ids only; the worker reloads the rows. */
export type JobItem =
  | { name: JobName.DispatchEvent; data: { outboxId: string } }
  | { name: JobName.RelayOutbox; data: Record<string, never> }
  | { name: JobName.ExpireClaims; data: Record<string, never> }
  | { name: JobName.PurgeIdempotencyKeys; data: Record<string, never> };

export type JobOf<T extends JobName> = Extract<JobItem, { name: T }>['data'];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DispatchEvent]: QueueName.Outbox,
  [JobName.RelayOutbox]: QueueName.Maintenance,
  [JobName.ExpireClaims]: QueueName.Maintenance,
  [JobName.PurgeIdempotencyKeys]: QueueName.Maintenance,
};

export interface EnqueueOptions {
  /** A stable job id makes enqueueing the same thing twice a no-op while the first is still known. */
  jobId?: string;
  delayMs?: number;
}

/** The one way work is enqueued. A BullMQ driver serves production; an in-process driver can serve tests. */
export interface JobQueue {
  enqueue(item: JobItem, options?: EnqueueOptions): Promise<void>;
  enqueueMany(items: JobItem[]): Promise<void>;
  close(): Promise<void>;
}

export const JOB_QUEUE_TOKEN = Symbol('JobQueue');
