import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { AnyReport, ReportFormat } from '../report.types';
import { reportCsv } from './report-csv';
import { reportPdf } from './report-pdf';
import { Lang, reportDocument } from './report-table';
import { reportXlsx } from './report-xlsx';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface ExportedReport {
  contentType: string;
  fileName: string;
  body: Readable | Buffer;
}

/** Renders a report as a download: CSV (streamed), XLSX, or a PDF summary with a chart. */
@Injectable()
export class ReportExporter {
  async export(report: AnyReport, format: ReportFormat, lang: Lang = 'id'): Promise<ExportedReport> {
    const doc = reportDocument(report);
    const body =
      format === 'csv'
        ? reportCsv(doc, lang)
        : format === 'xlsx'
          ? await reportXlsx(doc, lang)
          : await reportPdf(doc, lang);
    return { contentType: CONTENT_TYPES[format], fileName: this.fileName(report, format), body };
  }

  /** e.g. `ksbb-coverage-district-PANGAN-2026-11-23.xlsx` */
  fileName(report: AnyReport, format: ReportFormat): string {
    const parts = ['ksbb', report.kind];
    if (report.kind === 'coverage') parts.push(report.report.level);
    if (report.kind === 'timeseries') parts.push(report.report.interval);
    parts.push(report.report.program ?? 'all', report.report.generatedAt.slice(0, 10));
    return `${parts.join('-').replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
  }
}
