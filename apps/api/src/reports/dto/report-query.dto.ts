import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  LANGUAGES,
  Language,
  REPORT_INTERVALS,
  REPORT_LEVELS,
  ReportFilter,
  ReportInterval,
  ReportLevel,
} from '@ksbb/core';
import { IsCalendarDay } from '../../platform/calendar-day';

export const DOWNLOAD_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];
const PROGRAM = /^[A-Z][A-Z0-9_]{1,31}$/;
/** A city, kecamatan, kelurahan or RW code (a region coarser than an RT). */
const REGION = /^31(\.\d{2}(\.\d{2}(\.\d{4}(\.RW\d{2})?)?)?)?$/;

/** `?format=csv|xlsx` turns any report into a download; `?lang=en` switches its headers to English. */
export class ReportFormatQuery {
  @ApiPropertyOptional({
    enum: DOWNLOAD_FORMATS,
    default: 'json',
    description: 'csv or xlsx answer with a file download',
  })
  @IsOptional()
  @IsIn(DOWNLOAD_FORMATS)
  format?: DownloadFormat;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'id', description: 'language of the CSV/XLSX headers' })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}

export class ProgramReportQuery extends ReportFormatQuery {
  @ApiPropertyOptional({ example: 'PANGAN', description: 'a program code; all programs when absent' })
  @IsOptional()
  @Matches(PROGRAM, { message: 'must be a program code such as PANGAN' })
  program?: string;
}

export class PeriodReportQuery extends ProgramReportQuery {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-01-01',
    description: 'first Jakarta day, inclusive',
  })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-12-31',
    description: 'last Jakarta day, inclusive',
  })
  @IsOptional()
  @IsCalendarDay()
  to?: string;
}

export class CoverageQuery extends ProgramReportQuery {
  @ApiPropertyOptional({
    enum: REPORT_LEVELS,
    default: 'district',
    example: 'rw',
    description: 'city, kecamatan (district), kelurahan (village) or RW',
  })
  @IsOptional()
  @IsIn(REPORT_LEVELS)
  level?: ReportLevel;

  @ApiPropertyOptional({
    example: '31.71.01',
    description: 'only the regions within this one (e.g. the RWs of one kecamatan or kelurahan)',
  })
  @IsOptional()
  @Matches(REGION, { message: 'must be a region code such as 31.71.01' })
  region?: string;
}

export class TimeseriesQuery extends PeriodReportQuery {
  @ApiPropertyOptional({ enum: REPORT_INTERVALS, default: 'day', description: 'weeks start on Monday' })
  @IsOptional()
  @IsIn(REPORT_INTERVALS)
  interval?: ReportInterval;
}

export const filterOf = (q: Partial<PeriodReportQuery>): ReportFilter => ({
  programCode: q.program,
  from: q.from,
  to: q.to,
});
