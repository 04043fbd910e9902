import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { UnitOfWork } from '../../database/unit-of-work';
import { ReportMails } from '../../notifications/report-mails.service';
import { FileStorage, newStorageKey } from '../../storage/file-storage';
import { leadershipFileName, leadershipPdf } from '../export/leadership-pdf';
import { CONTENT_TYPES, ExportedReport, ReportExporter } from '../export/report-exporter';
import { ReportSchedule } from '../report-schedule.entity';
import { ReportFormat, ReportKind, ReportParams } from '../report.types';
import { ReportsService } from '../reports.service';
import { ReportSchedulesRepository } from './report-schedules.repository';

/** A run still `running` after this long belongs to a worker that died; the job's retry may take it over. */
const STALE_RUN_MINUTES = 10;

export type TickOutcome = 'rendered' | 'duplicate' | 'inactive';

async function bufferOf(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * Renders one tick of a report schedule. The run row is keyed by (schedule, tick time) and claimed with
 * INSERT … ON CONFLICT, so however many workers receive the same tick, one renders it; a failed or abandoned run
 * is taken over by the job's retry. The run's success, its `report.ready` event and one email delivery per
 * recipient (attaching the stored file) commit together.
 */
@Injectable()
export class ScheduledReportRunner {
  private readonly logger = new Logger(ScheduledReportRunner.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: ReportSchedulesRepository,
    private readonly uow: UnitOfWork,
    private readonly reports: ReportsService,
    private readonly exporter: ReportExporter,
    private readonly storage: FileStorage,
    private readonly mails: ReportMails,
  ) {}

  async runTick(scheduleId: string, scheduledFor: Date): Promise<TickOutcome> {
    const schedule = await this.schedules.findById(scheduleId);
    if (!schedule || !schedule.active) return 'inactive';
    const runId = await this.claim(schedule, scheduledFor);
    if (!runId) return 'duplicate';
    try {
      const format = schedule.format as ReportFormat;
      const exported = await this.render(
        schedule.report as ReportKind,
        format,
        schedule.params as ReportParams,
      );
      const content = await bufferOf(exported.body);
      const key = newStorageKey('reports');
      await this.storage.put(key, content);
      const mails = await this.uow.run(async (tx) => {
        await this.schedules.markRunSucceeded(tx.manager, runId, {
          storageKey: key,
          contentType: exported.contentType,
          sizeBytes: content.length,
        });
        await tx.emit({
          type: 'report.ready',
          aggregateType: 'report_run',
          aggregateId: runId,
          payload: {
            runId,
            scheduleId,
            name: schedule.name,
            report: schedule.report,
            format,
            scheduledFor: scheduledFor.toISOString(),
            recipients: schedule.recipients,
            fileName: exported.fileName,
            contentType: exported.contentType,
            sizeBytes: content.length,
            fileUrl: `${this.config.PUBLIC_BASE_URL}/api/v1/report-runs/${runId}/file`,
          },
        });
        // One email per recipient, with the file attached, at most once per run (unique run + recipient).
        return this.mails.queue(tx.manager, runId, schedule.recipients);
      });
      await this.mails.enqueue(mails);
      return 'rendered';
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.schedules.markRunFailed(runId, message.slice(0, 2000));
      this.logger.warn({ runId, scheduleId, err: message }, 'report run failed');
      throw err;
    }
  }

  /**
   * The file of one run. A scheduled summary as PDF is the leadership brief (one page per program: pledged, claimed,
   * delivered, top collaborators, coverage); everything else is the report's own export.
   */
  private async render(
    kind: ReportKind,
    format: ReportFormat,
    params: ReportParams,
  ): Promise<ExportedReport> {
    if (kind === 'summary' && format === 'pdf') {
      const brief = await this.reports.leadership(params);
      return {
        contentType: CONTENT_TYPES.pdf,
        fileName: leadershipFileName(params.programCode, brief.generatedAt),
        body: await leadershipPdf(brief),
      };
    }
    return this.exporter.export(await this.reports.render(kind, params), format);
  }

  /** The run's id when this call won the tick (or took over a failed or abandoned run); null otherwise. */
  private claim(schedule: ReportSchedule, scheduledFor: Date): Promise<string | null> {
    return this.schedules.claimRun(schedule, scheduledFor, STALE_RUN_MINUTES);
  }
}
