import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ReportSchedulesService, RollupFolder, ScheduledReportRunner } from '@ksbb/core';
import { JOB_QUEUE_TOKEN, JobName, JobQueue, QueueName, ScheduledJobOptions } from '@ksbb/jobs';
import { JobHandlers, JobSchedule, QueueProcessor } from './queue-processor';

/** Facts are folded this often; reports stay exact in between (they add the facts not folded yet). */
const FOLD_EVERY_MS = 2_000;
/** Schedulers are reconciled with the table this often, besides at start and on request from the API. */
const SYNC_EVERY_MS = 60_000;
const SCHEDULER_PREFIX = 'report-schedule:';
/** Report schedules are written in Jakarta time ("every Monday at 07:00"). */
const TIME_ZONE = 'Asia/Jakarta';
const RUN_JOB_OPTIONS: ScheduledJobOptions = {
  attempts: 3,
  backoffMs: 5_000,
  keepCompleted: 200,
  keepFailed: 500,
};

/** The tick a scheduler job stands for: BullMQ stamps it as `prevMillis` and in the job id `repeat:<id>:<millis>`. */
export function tickOf(job: Job): Date {
  const stamped = job.opts.prevMillis;
  if (typeof stamped === 'number' && stamped > 0) return new Date(stamped);
  const fromId = Number(job.id?.split(':').pop());
  if (Number.isFinite(fromId) && fromId > 0) return new Date(fromId);
  throw new Error(`job ${job.id} carries no schedule tick`);
}

/**
 * Reporting in the worker: folds the delta log into the rollups, keeps one BullMQ job scheduler per active report
 * schedule (pattern = its cron), and renders each tick once however many workers run (see ScheduledReportRunner).
 */
@Injectable()
export class ReportsProcessor implements QueueProcessor, OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsProcessor.name);
  readonly queue = QueueName.Reports;
  readonly concurrency = 2;
  readonly schedules: readonly JobSchedule[] = [
    { id: 'fold-report-facts', everyMs: FOLD_EVERY_MS, job: { name: JobName.FoldReportFacts, data: {} } },
    {
      id: 'sync-report-schedules',
      everyMs: SYNC_EVERY_MS,
      job: { name: JobName.SyncReportSchedules, data: {} },
    },
  ];
  readonly handlers: JobHandlers = {
    [JobName.FoldReportFacts]: () => this.folder.fold(),
    [JobName.SyncReportSchedules]: () => this.syncSchedulers(),
    [JobName.RenderScheduledReport]: ({ scheduleId }, job) => this.runner.runTick(scheduleId, tickOf(job)),
  };

  constructor(
    private readonly reportSchedules: ReportSchedulesService,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
    private readonly folder: RollupFolder,
    private readonly runner: ScheduledReportRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.syncSchedulers();
    } catch (err) {
      // Redis may be down at start; the periodic sync reconciles once it is back.
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'report schedulers not synced at start',
      );
    }
  }

  /** Upserts a scheduler for every active schedule whose cron changed or is missing; removes the others. */
  async syncSchedulers(): Promise<{ upserted: number; removed: number }> {
    const active = await this.reportSchedules.active();
    const wanted = new Map(active.map((s) => [`${SCHEDULER_PREFIX}${s.id}`, s]));
    const existing = (await this.jobs.listSchedules(QueueName.Reports)).filter((s) =>
      s.id.startsWith(SCHEDULER_PREFIX),
    );
    let removed = 0;
    for (const scheduler of existing) {
      if (!wanted.has(scheduler.id)) {
        await this.jobs.removeSchedule(QueueName.Reports, scheduler.id);
        removed++;
      }
    }
    const current = new Map(existing.map((s) => [s.id, s.cron]));
    let upserted = 0;
    for (const [key, schedule] of wanted) {
      if (current.get(key) === schedule.cron) continue;
      await this.jobs.upsertSchedule({
        id: key,
        repeat: { cron: schedule.cron, timeZone: TIME_ZONE },
        job: { name: JobName.RenderScheduledReport, data: { scheduleId: schedule.id } },
        options: RUN_JOB_OPTIONS,
      });
      upserted++;
    }
    if (upserted + removed > 0) this.logger.log({ upserted, removed }, 'report schedulers synced');
    return { upserted, removed };
  }
}
