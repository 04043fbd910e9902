import { applyDecorators, StreamableFile, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { fileResponse } from '../platform/file-response';
import { AnyReport, CONTENT_TYPES, ReportExporter } from '@ksbb/core';
import { ReportFormatQuery } from './dto/report-query.dto';

/** Documents a report answering JSON, or a CSV / XLSX download with `?format=`. */
export function ApiReport(model: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiProduces('application/json', 'text/csv', CONTENT_TYPES.xlsx),
    ApiResponse({
      status: 200,
      description:
        'the report; with `?format=csv` a CSV download (UTF-8 with BOM, human headers, a totals row), with ' +
        '`?format=xlsx` a workbook with the report sheet (totals row) and an info sheet; both as attachments',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        'text/csv': { schema: { type: 'string' } },
        [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );
}

/** Answers a report as JSON, or as a file download when a format was asked for. */
export async function respondWithReport<T>(
  exporter: ReportExporter,
  report: AnyReport,
  q: ReportFormatQuery,
): Promise<T | StreamableFile> {
  if (!q.format || q.format === 'json') return report.report as T;
  const file = await exporter.export(report, q.format, q.lang ?? 'id');
  return fileResponse(file.body, { type: file.contentType, name: file.fileName, disposition: 'attachment' });
}
