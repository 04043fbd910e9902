import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JOB_QUEUE_TOKEN, JobName, JobQueue } from '@ksbb/jobs';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { Page, PageRequest, pageOf } from '../../common/pagination';
import { Principal } from '../../common/request-context';
import { UnitOfWork } from '../../database/unit-of-work';
import { FileStorage } from '../../storage/file-storage';
import { ReportsRepository } from '../reports.repository';
import { cronProblem } from './cron-expression';
import { ReportSchedulesRepository } from './report-schedules.repository';
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
    private readonly schedules: ReportSchedulesRepository,
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
      const schedule = await this.schedules.insert(tx.manager, {
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
    const [rows, total] = await this.schedules.list(page);
    return pageOf(rows.map(scheduleView), total, page);
  }

  async get(id: string): Promise<ReportScheduleView> {
    const schedule = await this.schedules.findById(id);
    if (!schedule) throw new NotFoundError('report schedule', id);
    return scheduleView(schedule);
  }

  /** Deletes the schedule; its past runs (and files) stay, detached from it. */
  async delete(id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const schedule = await this.schedules.lockById(tx.manager, id);
      if (!schedule) throw new NotFoundError('report schedule', id);
      await this.schedules.delete(tx.manager, id);
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
    const [rows, total] = await this.schedules.listRuns(scheduleId, page);
    return pageOf(rows.map(runView), total, page);
  }

  async run(id: string): Promise<ReportRunView> {
    const run = await this.schedules.findRun(id);
    if (!run) throw new NotFoundError('report run', id);
    return runView(run);
  }

  async file(id: string): Promise<ReportFile> {
    const run = await this.schedules.findRun(id);
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

  /** Every active schedule's id and cron: the worker keeps one job scheduler per entry. */
  active(): Promise<{ id: string; cron: string }[]> {
    return this.schedules.active();
  }

  /** Asks the worker to reconcile its job schedulers now; its periodic sync covers a lost request. */
  private requestSync(): void {
    this.jobs
      .enqueue({ name: JobName.SyncReportSchedules, data: {} })
      .catch(() => this.logger.warn('queue unavailable; report schedulers sync on the next periodic run'));
  }
}
