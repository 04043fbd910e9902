import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_QUEUE_TOKEN, JobName, JobQueue } from '@ksbb/jobs';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { Page, PageRequest, offsetOf, pageOf } from '../../common/pagination';
import { Principal } from '../../common/request-context';
import { UnitOfWork } from '../../database/unit-of-work';
import { FileStorage } from '../../storage/file-storage';
import { ReportRun } from '../report-run.entity';
import { ReportSchedule } from '../report-schedule.entity';
import { ReportsRepository } from '../reports.repository';
import { cronProblem } from './cron-expression';
import {
  ReportRunView,
  ReportScheduleInput,
  ReportScheduleView,
  runView,
  scheduleView,
} from './report-schedule.view';

export interface ReportFile {
  fileName: string;
  contentType: string;
  sizeBytes: number | null;
  body: Readable;
}

/** Report schedules (cron, report, format, recipients) and their runs; the worker renders the runs. */
@Injectable()
export class ReportSchedulesService {
  private readonly logger = new Logger(ReportSchedulesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly reports: ReportsRepository,
    private readonly storage: FileStorage,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
  ) {}

  async create(input: ReportScheduleInput, principal: Principal): Promise<ReportScheduleView> {
    const problem = cronProblem(input.cron);
    if (problem) throw new InvalidInputError(`cron ${problem}`, [{ field: 'cron', message: problem }]);
    const program = input.params?.programCode;
    if (program && !(await this.reports.programExists(program))) {
      throw new InvalidInputError(`there is no program ${program}`, [
        { field: 'params.program', message: 'is not a known program code' },
      ]);
    }
    const created = await this.uow.run(async (tx) => {
      const schedule = await tx.manager.getRepository(ReportSchedule).save({
        name: input.name,
        cron: input.cron.trim().replace(/\s+/g, ' '),
        report: input.report,
        format: input.format,
        recipients: [...new Set(input.recipients.map((r) => r.toLowerCase()))],
        params: { ...(input.params ?? {}) },
        createdBy: principal.kind === 'user' ? principal.id : null,
      });
      const view = scheduleView(schedule);
      await tx.audit({
        action: 'report_schedule.created',
        entity: 'report_schedule',
        entityId: schedule.id,
        after: view,
      });
      return view;
    });
    this.requestSync();
    return created;
  }

  async list(page: PageRequest): Promise<Page<ReportScheduleView>> {
    const [rows, total] = await this.dataSource.getRepository(ReportSchedule).findAndCount({
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: offsetOf(page),
    });
    return pageOf(rows.map(scheduleView), total, page);
  }

  async get(id: string): Promise<ReportScheduleView> {
    const schedule = await this.dataSource.getRepository(ReportSchedule).findOneBy({ id });
    if (!schedule) throw new NotFoundError('report schedule', id);
    return scheduleView(schedule);
  }

  /** Deletes the schedule; its past runs (and files) stay, detached from it. */
  async delete(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(ReportSchedule);
      const schedule = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!schedule) throw new NotFoundError('report schedule', id);
      await repo.delete({ id });
      await tx.audit({
        action: 'report_schedule.deleted',
        entity: 'report_schedule',
        entityId: id,
        before: scheduleView(schedule),
      });
    });
    this.requestSync();
  }

  async runs(scheduleId: string | undefined, page: PageRequest): Promise<Page<ReportRunView>> {
    const [rows, total] = await this.dataSource.getRepository(ReportRun).findAndCount({
      where: scheduleId ? { scheduleId } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: offsetOf(page),
    });
    return pageOf(rows.map(runView), total, page);
  }

  async run(id: string): Promise<ReportRunView> {
    const run = await this.dataSource.getRepository(ReportRun).findOneBy({ id });
    if (!run) throw new NotFoundError('report run', id);
    return runView(run);
  }

  async file(id: string): Promise<ReportFile> {
    const run = await this.dataSource.getRepository(ReportRun).findOneBy({ id });
    if (!run) throw new NotFoundError('report run', id);
    if (run.status !== 'succeeded' || !run.storageKey) {
      throw new ConflictError(`the run is ${run.status}; its file exists once it has succeeded`);
    }
    const stamp = (run.scheduledFor ?? run.createdAt).toISOString().slice(0, 16).replace(/[:T]/g, '-');
    return {
      fileName: `ksbb-${run.report}-${stamp}.${run.format}`,
      contentType: run.contentType ?? 'application/octet-stream',
      sizeBytes: run.sizeBytes,
      body: this.storage.stream(run.storageKey),
    };
  }

  /** Asks the worker to reconcile its job schedulers now; its periodic sync covers a lost request. */
  private requestSync(): void {
    this.jobs
      .enqueue({ name: JobName.SyncReportSchedules, data: {} })
      .catch(() => this.logger.warn('queue unavailable; report schedulers sync on the next periodic run'));
  }
}
