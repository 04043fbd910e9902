import type { ReportRun } from '../report-run.entity';
import type { ReportSchedule } from '../report-schedule.entity';
import type { ReportFormat, ReportKind, ReportParams } from '../report.types';

export interface ReportScheduleInput {
  name: string;
  cron: string;
  report: ReportKind;
  format: ReportFormat;
  recipients: string[];
  params?: ReportParams;
}

export type ReportScheduleView = Pick<
  ReportSchedule,
  'id' | 'name' | 'cron' | 'recipients' | 'active' | 'createdBy' | 'version' | 'createdAt' | 'updatedAt'
> & { report: ReportKind; format: ReportFormat; params: ReportParams };

export type ReportRunView = Pick<
  ReportRun,
  | 'id'
  | 'scheduleId'
  | 'scheduledFor'
  | 'status'
  | 'contentType'
  | 'sizeBytes'
  | 'error'
  | 'finishedAt'
  | 'createdAt'
> & { report: ReportKind; format: ReportFormat; hasFile: boolean };

export const scheduleView = (s: ReportSchedule): ReportScheduleView => ({
  id: s.id,
  name: s.name,
  cron: s.cron,
  report: s.report as ReportKind,
  format: s.format as ReportFormat,
  params: s.params as ReportParams,
  recipients: s.recipients,
  active: s.active,
  createdBy: s.createdBy,
  version: s.version,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

export const runView = (r: ReportRun): ReportRunView => ({
  id: r.id,
  scheduleId: r.scheduleId,
  scheduledFor: r.scheduledFor,
  report: r.report as ReportKind,
  format: r.format as ReportFormat,
  status: r.status,
  contentType: r.contentType,
  sizeBytes: r.sizeBytes,
  error: r.error,
  finishedAt: r.finishedAt,
  createdAt: r.createdAt,
  hasFile: r.status === 'succeeded' && r.storageKey !== null,
});
