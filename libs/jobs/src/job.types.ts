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
  /**
   * At most one job per key waits or runs at a time: enqueueing again while one is waiting, delayed or running is a
   * no-op; once it completes or finally fails the key is free again (BullMQ deduplication, simple mode). What the
   * sweeps use, so a backlog that outlasts their grace period is not enqueued again and again.
   */
  dedupeKey?: string;
  /**
   * How many completed jobs of this kind the queue keeps (as ScheduledJobOptions.keepCompleted; default 1000). 0 for
   * jobs whose outcome is recorded elsewhere (a delivery's row): dropped from Redis as they complete. Failed jobs
   * are kept as any others.
   */
  keepCompleted?: number;
}

/** How often a scheduled job recurs: a fixed interval, or a cron pattern read in a time zone. */
export type ScheduleRepeat = { everyMs: number } | { cron: string; timeZone?: string };

/** Options of the jobs a schedule creates. */
export interface ScheduledJobOptions {
  /** Tries per tick. Default 1: a schedule recurs, so the next tick covers a failed one. */
  attempts?: number;
  /** The first retry's delay, doubling after each failure; only with `attempts` above 1. */
  backoffMs?: number;
  /** How many of the schedule's completed jobs the queue keeps. */
  keepCompleted?: number;
  /** How many of the schedule's failed jobs the queue keeps. */
  keepFailed?: number;
}

/** A job a queue creates for itself on a schedule. It lives on the queue of its job. */
export interface ScheduleSpec {
  /** Stable id within the queue: upserting it again updates the one schedule instead of adding another. */
  id: string;
  repeat: ScheduleRepeat;
  job: JobItem;
  options?: ScheduledJobOptions;
}

/** A schedule as the queue holds it now. */
export interface ScheduleInfo {
  id: string;
  jobName: string;
  /** set for an interval schedule */
  everyMs: number | null;
  /** set for a cron schedule */
  cron: string | null;
}

/**
 * The one way work is enqueued and scheduled. A BullMQ driver serves production; an in-process driver can serve
 * tests. Schedules live with the queue (in Redis for BullMQ): a queue that loses its data loses them too, so whoever
 * owns a schedule checks for it and upserts it again.
 */
export interface JobQueue {
  enqueue(item: JobItem, options?: EnqueueOptions): Promise<void>;
  /** `options[i]`, when given, applies to `items[i]`. */
  enqueueMany(items: JobItem[], options?: EnqueueOptions[]): Promise<void>;
  /** Creates the schedule, or replaces the one with the same id on the job's queue. */
  upsertSchedule(schedule: ScheduleSpec): Promise<void>;
  /** Removes a schedule; false when the queue holds none with that id. */
  removeSchedule(queue: QueueName, id: string): Promise<boolean>;
  /** The schedule with that id on the queue, or null. */
  getSchedule(queue: QueueName, id: string): Promise<ScheduleInfo | null>;
  /** Every schedule the queue holds. */
  listSchedules(queue: QueueName): Promise<ScheduleInfo[]>;
  close(): Promise<void>;
}

export const JOB_QUEUE_TOKEN = Symbol('JobQueue');
