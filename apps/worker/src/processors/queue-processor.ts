import type { Job } from 'bullmq';
import { JobItem, JobName, JobOf, QueueName } from '@ksbb/jobs';

/** Handles one job; the payload carries ids only, so the handler reloads what it needs. Must be idempotent. */
export type JobHandler<T extends JobName> = (data: JobOf<T>, job: Job) => Promise<unknown>;

/** The handlers of one queue, keyed by job name; each handler is typed by its own payload. */
export type JobHandlers = { [T in JobName]?: JobHandler<T> };

/** A job a queue creates for itself on a fixed interval (a BullMQ job scheduler). */
export interface JobSchedule {
  /** Stable id: upserting it on every start updates the one schedule instead of adding another. */
  id: string;
  everyMs: number;
  job: JobItem;
}

/**
 * What runs on one queue. A processor only declares its handlers and schedules; `ProcessorRunner` turns it
 * into a BullMQ Worker. To serve a new queue, write a processor and list it in `WorkerModule`.
 */
export interface QueueProcessor {
  readonly queue: QueueName;
  /** Jobs of this queue processed at once by one worker process. */
  readonly concurrency: number;
  /**
   * How soon a job whose worker died goes back to the queue (BullMQ's lock duration; stalled jobs are looked for twice
   * as often). Default BullMQ's 30 s. Queues whose jobs are deduplicated want it short: until the stalled job is found,
   * its key keeps the sweep from enqueueing the same row or event again.
   */
  readonly stallAfterMs?: number;
  readonly handlers: JobHandlers;
  readonly schedules: readonly JobSchedule[];
}

/** The lock duration of the queues whose jobs are deduplicated (notifications, outbox, webhooks). */
export const DEDUPLICATED_STALL_MS = 10_000;

export const QUEUE_PROCESSORS = Symbol('QUEUE_PROCESSORS');
