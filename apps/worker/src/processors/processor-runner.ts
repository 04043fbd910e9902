import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@ksbb/core';
import {
  bullWorkerConnection,
  JOB_QUEUE,
  JOB_QUEUE_TOKEN,
  JobName,
  JobOf,
  JobQueue,
  ScheduledJobOptions,
} from '@ksbb/jobs';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { bullPrefix } from '../queue-handles';
import { JobHandler, JobSchedule, QUEUE_PROCESSORS, QueueProcessor } from './queue-processor';

/** Scheduled jobs recur, so only the recent ones are worth keeping; a missed tick is covered by the next. */
const SCHEDULED_JOB_OPTIONS: ScheduledJobOptions = { keepCompleted: 100, keepFailed: 500 };
/**
 * Job schedulers live in Redis. A Redis that restarts without its data (no persistence, a failover to an empty
 * replica) loses them, and with them the outbox and delivery sweeps that recover everything else: so each one is
 * looked up this often and put back when missing.
 */
const SCHEDULE_CHECK_MS = 5000;

/**
 * Runs every queue processor as a BullMQ Worker: upserts its job schedulers at start, routes each job to the
 * handler for its name, records metrics, and on shutdown stops taking jobs while letting in-flight ones finish.
 */
@Injectable()
export class ProcessorRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProcessorRunner.name);
  private readonly workers: Worker[] = [];
  private scheduleCheck: NodeJS.Timeout | null = null;
  /** A check hung on a frozen Redis must not pile up behind it. */
  private restoring = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_PROCESSORS) private readonly processors: QueueProcessor[],
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
    private readonly metrics: WorkerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const processor of this.processors) assertHandlersBelongToQueue(processor);
    for (const processor of this.processors) {
      for (const schedule of processor.schedules) await this.upsertSchedule(schedule);
      this.workers.push(this.startWorker(processor));
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.scheduleCheck = setInterval(() => void this.restoreLostSchedules(), SCHEDULE_CHECK_MS);
    this.scheduleCheck.unref();
    this.logger.log({ queues: this.processors.map((p) => p.queue) }, 'processing queues');
  }

  private upsertSchedule(schedule: JobSchedule): Promise<void> {
    return this.jobs.upsertSchedule({
      id: schedule.id,
      repeat: { everyMs: schedule.everyMs },
      job: schedule.job,
      options: SCHEDULED_JOB_OPTIONS,
    });
  }

  /** Puts back schedulers Redis no longer has; while Redis is away this fails quietly and is tried again. */
  private async restoreLostSchedules(): Promise<void> {
    if (this.restoring || !this.scheduleCheck) return;
    this.restoring = true;
    try {
      await this.restoreEachLostSchedule();
    } finally {
      this.restoring = false;
    }
  }

  private async restoreEachLostSchedule(): Promise<void> {
    for (const processor of this.processors) {
      for (const schedule of processor.schedules) {
        try {
          // Stopping: the job queue is closing, and a lookup now would open a new queue handle.
          if (!this.scheduleCheck) return;
          if (await this.jobs.getSchedule(processor.queue, schedule.id)) continue;
          if (!this.scheduleCheck) return;
          await this.upsertSchedule(schedule);
          this.logger.warn(
            { queue: processor.queue, schedule: schedule.id },
            'job scheduler was lost (Redis restarted empty?); restored',
          );
        } catch {
          return;
        }
      }
    }
  }

  /** `Worker.close()` stops fetching new jobs and resolves once the jobs already running have finished. */
  async onModuleDestroy(): Promise<void> {
    if (this.scheduleCheck) clearInterval(this.scheduleCheck);
    this.scheduleCheck = null;
    this.logger.log('stopping: no new jobs; waiting for running ones');
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers.length = 0;
    this.logger.log('stopped');
  }

  private startWorker(processor: QueueProcessor): Worker {
    const worker = new Worker(processor.queue, (job) => this.process(processor, job), {
      connection: bullWorkerConnection(this.config.REDIS_URL),
      prefix: bullPrefix(this.config),
      concurrency: processor.concurrency,
      ...(processor.stallAfterMs !== undefined && {
        lockDuration: processor.stallAfterMs,
        stalledInterval: Math.max(1000, Math.floor(processor.stallAfterMs / 2)),
      }),
    });
    worker.on('error', (err) =>
      this.logger.error({ queue: processor.queue, err: err.message }, 'worker error'),
    );
    return worker;
  }

  private async process(processor: QueueProcessor, job: Job): Promise<unknown> {
    const started = process.hrtime.bigint();
    const elapsedSeconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    const context = { queue: processor.queue, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 };
    try {
      const handler = processor.handlers[job.name as JobName] as JobHandler<JobName> | undefined;
      if (!handler) throw new Error(`no handler for job "${job.name}" on queue "${processor.queue}"`);
      const result = await handler(job.data as JobOf<JobName>, job);
      this.metrics.recordJob(processor.queue, job.name, 'completed', elapsedSeconds());
      this.logger.debug({ ...context, durationMs: Math.round(elapsedSeconds() * 1000) }, 'job completed');
      return result;
    } catch (err) {
      this.metrics.recordJob(processor.queue, job.name, 'failed', elapsedSeconds());
      // The message only: never job data, nor the driver error detail that can quote row values.
      this.logger.warn({ ...context, err: err instanceof Error ? err.message : String(err) }, 'job failed');
      throw err;
    }
  }
}

/** A handler registered on the wrong queue would never receive its jobs; fail at start instead. */
function assertHandlersBelongToQueue(processor: QueueProcessor): void {
  for (const name of Object.keys(processor.handlers) as JobName[]) {
    if (JOB_QUEUE[name] !== processor.queue) {
      throw new Error(`job "${name}" belongs to queue "${JOB_QUEUE[name]}", not "${processor.queue}"`);
    }
  }
}
