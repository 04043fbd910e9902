import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  REPORT_FORMATS,
  REPORT_INTERVALS,
  REPORT_KINDS,
  REPORT_LEVELS,
  REPORT_RUN_STATUSES,
  ReportFormat,
  ReportInterval,
  ReportKind,
  ReportLevel,
  ReportParams,
  ReportRunView,
  ReportScheduleView,
} from '@ksbb/core';
import { PageQueryDto } from '../../platform/pagination.dto';
import { IsEmailAddress } from '../../platform/email-address';
import { IsCalendarDay } from '../../platform/calendar-day';


export class ReportScheduleParamsDto {
  @ApiPropertyOptional({ example: 'PANGAN' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'must be a program code such as PANGAN' })
  program?: string;

  @ApiPropertyOptional({ enum: REPORT_LEVELS, example: 'district', description: 'coverage only' })
  @IsOptional()
  @IsIn(REPORT_LEVELS)
  level?: ReportLevel;

  @ApiPropertyOptional({ enum: REPORT_INTERVALS, example: 'week', description: 'timeseries only' })
  @IsOptional()
  @IsIn(REPORT_INTERVALS)
  interval?: ReportInterval;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;
}

export class CreateReportScheduleRequest {
  @ApiProperty({ example: 'Laporan mingguan pimpinan' }) @IsString() @Length(1, 200) name: string;

  @ApiProperty({
    example: '0 7 * * MON',
    description: 'five-field cron (minute hour day-of-month month day-of-week), Asia/Jakarta time',
  })
  @IsString()
  @Length(9, 100)
  cron: string;

  @ApiProperty({ enum: REPORT_KINDS, example: 'summary' }) @IsIn(REPORT_KINDS) report: ReportKind;
  @ApiProperty({ enum: REPORT_FORMATS, example: 'pdf', description: 'pdf is a summary with a bar chart' })
  @IsIn(REPORT_FORMATS)
  format: ReportFormat;

  @ApiProperty({ type: [String], example: ['pimpinan@jakarta.go.id'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsEmailAddress({ each: true })
  recipients: string[];

  @ApiPropertyOptional({ type: ReportScheduleParamsDto, description: 'the report filters' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportScheduleParamsDto)
  params?: ReportScheduleParamsDto;
}

export const paramsOf = (p: ReportScheduleParamsDto | undefined): ReportParams => {
  const out: ReportParams = {};
  if (p?.program) out.programCode = p.program;
  if (p?.level) out.level = p.level;
  if (p?.interval) out.interval = p.interval;
  if (p?.from) out.from = p.from;
  if (p?.to) out.to = p.to;
  return out;
};

export class ReportScheduleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '0 7 * * MON' }) cron: string;
  @ApiProperty({ enum: REPORT_KINDS }) report: string;
  @ApiProperty({ enum: REPORT_FORMATS }) format: string;
  @ApiProperty({ type: ReportScheduleParamsDto }) params: ReportScheduleParamsDto;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(s: ReportScheduleView): ReportScheduleResponse {
    const params: ReportScheduleParamsDto = {};
    if (s.params.programCode) params.program = s.params.programCode;
    if (s.params.level) params.level = s.params.level;
    if (s.params.interval) params.interval = s.params.interval;
    if (s.params.from) params.from = s.params.from;
    if (s.params.to) params.to = s.params.to;
    return { ...s, params };
  }
}

export class ReportRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) scheduleId: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'the schedule tick it renders',
  })
  scheduledFor: Date | null;
  @ApiProperty({ enum: REPORT_KINDS }) report: string;
  @ApiProperty({ enum: REPORT_FORMATS }) format: string;
  @ApiProperty({ enum: REPORT_RUN_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) contentType: string | null;
  @ApiProperty({ type: Number, nullable: true }) sizeBytes: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ description: 'GET /report-runs/{id}/file serves it' }) hasFile: boolean;

  static of(r: ReportRunView): ReportRunResponse {
    return { ...r };
  }
}

export class ReportRunListQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() scheduleId?: string;
}
