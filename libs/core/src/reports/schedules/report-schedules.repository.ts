import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, PageRequest } from '../../common/pagination';
import { ReportRun } from '../report-run.entity';
import { ReportSchedule } from '../report-schedule.entity';

export interface NewReportSchedule {
  name: string;
  cron: string;
  report: string;
  format: string;
  recipients: string[];
  params: Record<string, unknown>;
  createdBy: string | null;
}

/** Report schedules and their runs (one run per schedule and tick). */
@Injectable()
export class ReportSchedulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, schedule: NewReportSchedule): Promise<ReportSchedule> {
    return manager.getRepository(ReportSchedule).save(schedule);
  }

  /** One page of schedules, newest first, with the total count. */
  list(page: PageRequest): Promise<[ReportSchedule[], number]> {
    return this.dataSource.getRepository(ReportSchedule).findAndCount({
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: offsetOf(page),
    });
  }

  findById(id: string): Promise<ReportSchedule | null> {
    return this.dataSource.getRepository(ReportSchedule).findOneBy({ id });
  }

  /** Locks the row for the rest of the transaction. */
  lockById(manager: EntityManager, id: string): Promise<ReportSchedule | null> {
    return manager
      .getRepository(ReportSchedule)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ReportSchedule).delete({ id });
  }

  /** Every active schedule's id and cron: what the worker keeps a job scheduler for. */
  active(): Promise<{ id: string; cron: string }[]> {
    return this.dataSource.query(`SELECT id, cron FROM report_schedules WHERE active`);
  }

  /** One page of runs (of one schedule, or of all), newest first, with the total count. */
  listRuns(scheduleId: string | undefined, page: PageRequest): Promise<[ReportRun[], number]> {
    return this.dataSource.getRepository(ReportRun).findAndCount({
      where: scheduleId ? { scheduleId } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: offsetOf(page),
    });
  }

  findRun(id: string): Promise<ReportRun | null> {
    return this.dataSource.getRepository(ReportRun).findOneBy({ id });
  }

  /**
   * Claims the run of a tick: inserts it as `running`, or takes over a failed one or one still `running` after
   * `staleMinutes` (its worker died). The run's id when claimed; null when another worker has it.
   */
  async claimRun(schedule: ReportSchedule, scheduledFor: Date, staleMinutes: number): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO report_runs (schedule_id, scheduled_for, report, format, status)
       VALUES ($1, $2, $3, $4, 'running')
       ON CONFLICT (schedule_id, scheduled_for) DO UPDATE SET status = 'running', error = NULL, finished_at = NULL
        WHERE report_runs.status = 'failed'
           OR (report_runs.status = 'running' AND report_runs.created_at < now() - make_interval(mins => $5))
       RETURNING id`,
      [schedule.id, scheduledFor, schedule.report, schedule.format, staleMinutes],
    );
    return rows[0]?.id ?? null;
  }

  async markRunSucceeded(
    manager: EntityManager,
    runId: string,
    file: { storageKey: string; contentType: string; sizeBytes: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE report_runs SET status = 'succeeded', storage_key = $2, content_type = $3, size_bytes = $4,
                  error = NULL, finished_at = now()
            WHERE id = $1`,
      [runId, file.storageKey, file.contentType, file.sizeBytes],
    );
  }

  async markRunFailed(runId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE report_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
      [runId, error],
    );
  }
}
