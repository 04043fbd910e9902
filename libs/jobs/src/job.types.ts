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
  /** Send one email delivery row (claimed atomically, so a redelivered job never sends twice). */
  SendEmail = 'send-email',
  /** POST one webhook delivery row to its subscriber. */
  DeliverWebhook = 'deliver-webhook',
  /** Re-enqueue delivery rows that are due but have no job (Redis or a worker was down, a lease expired). */
  SweepDeliveries = 'sweep-deliveries',
  /** Fold the reporting delta log into the rollups. */
  FoldReportFacts = 'fold-report-facts',
  /** Reconcile the BullMQ job schedulers with the report_schedules table. */
  SyncReportSchedules = 'sync-report-schedules',
  /** Render one tick of a report schedule (one report_runs row per tick). */
  RenderScheduledReport = 'render-scheduled-report',
}

/** Every job with its payload. Payloads carry ids only; the worker reloads the rows. */
export type JobItem =
  | { name: JobName.DispatchEvent; data: { outboxId: string } }
  | { name: JobName.RelayOutbox; data: Record<string, never> }
  | { name: JobName.ExpireClaims; data: Record<string, never> }
  | { name: JobName.PurgeIdempotencyKeys; data: Record<string, never> }
  | { name: JobName.SendEmail; data: { deliveryId: string } }
  | { name: JobName.DeliverWebhook; data: { deliveryId: string } }
  | { name: JobName.SweepDeliveries; data: Record<string, never> }
  | { name: JobName.FoldReportFacts; data: Record<string, never> }
  | { name: JobName.SyncReportSchedules; data: Record<string, never> }
  | { name: JobName.RenderScheduledReport; data: { scheduleId: string } };

export type JobOf<T extends JobName> = Extract<JobItem, { name: T }>['data'];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DispatchEvent]: QueueName.Outbox,
  [JobName.RelayOutbox]: QueueName.Maintenance,
  [JobName.ExpireClaims]: QueueName.Maintenance,
  [JobName.PurgeIdempotencyKeys]: QueueName.Maintenance,
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.SweepDeliveries]: QueueName.Notifications,
  [JobName.FoldReportFacts]: QueueName.Reports,
  [JobName.SyncReportSchedules]: QueueName.Reports,
  [JobName.RenderScheduledReport]: QueueName.Reports,
};

export interface EnqueueOptions {
  /** A stable job id makes enqueueing the same thing twice a no-op while the first is still known. */
  jobId?: string;
  delayMs?: number;
}

/** The one way work is enqueued. A BullMQ driver serves production; an in-process driver can serve tests. */
export interface JobQueue {
  enqueue(item: JobItem, options?: EnqueueOptions): Promise<void>;
  /** `options[i]`, when given, applies to `items[i]`. */
  enqueueMany(items: JobItem[], options?: EnqueueOptions[]): Promise<void>;
  close(): Promise<void>;
}

export const JOB_QUEUE_TOKEN = Symbol('JobQueue');
