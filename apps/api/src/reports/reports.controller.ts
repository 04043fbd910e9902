import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { ReportExporter, ReportsService } from '@ksbb/core';
import { INTERNAL, Roles } from '../platform/auth.decorators';
import { ApiProblems } from '../platform/openapi.decorators';
import {
  CoverageQuery,
  filterOf,
  PeriodReportQuery,
  ProgramReportQuery,
  TimeseriesQuery,
} from './dto/report-query.dto';
import {
  CollaboratorsReportResponse,
  CoverageResponse,
  SummaryResponse,
  TimeseriesResponse,
} from './dto/report.responses';
import { ApiReport, respondWithReport } from './report-download';

@ApiTags('reports')
@Controller('reports')
@Roles(...INTERNAL)
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exporter: ReportExporter,
  ) {}

  @Get('summary')
  @ApiReport(SummaryResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'reportsSummary',
    summary: 'Get the summary report',
    description: 'Totals of needs, commitments, allocations and handovers over a period of Jakarta (WIB) days; JSON, or a CSV/XLSX download with `?format=csv|xlsx` (`?lang=en` for English headers). 400 on a malformed query, from after to, or a period longer than 3,660 days.',
  })
  async summary(@Query() q: PeriodReportQuery): Promise<SummaryResponse | StreamableFile> {
    return respondWithReport(
      this.exporter,
      { kind: 'summary', report: await this.reports.summary(filterOf(q)) },
      q,
    );
  }

  @Get('coverage')
  @ApiReport(CoverageResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'reportsCoverage',
    summary: 'Get the coverage report',
    description:
      'Quantity needed, allocated and delivered per region (city, kecamatan, kelurahan or RW), as of now, from the rollups; `region` narrows it to the regions within one. 400 on a malformed query.',
  })
  async coverage(@Query() q: CoverageQuery): Promise<CoverageResponse | StreamableFile> {
    const report = await this.reports.coverage(q.level ?? 'district', q.program, q.region);
    return respondWithReport(this.exporter, { kind: 'coverage', report }, q);
  }

  @Get('collaborators')
  @ApiReport(CollaboratorsReportResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'reportsCollaborators',
    summary: 'Get the collaborators report',
    description: 'Per-collaborator commitments, claims and deliveries. 400 on a malformed query.',
  })
  async collaborators(@Query() q: ProgramReportQuery): Promise<CollaboratorsReportResponse | StreamableFile> {
    return respondWithReport(
      this.exporter,
      { kind: 'collaborators', report: await this.reports.collaborators(q.program) },
      q,
    );
  }

  @Get('timeseries')
  @ApiReport(TimeseriesResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'reportsTimeseries',
    summary: 'Get the time-series report',
    description:
      'Activity per day, week or month over a period of Jakarta (WIB) days, from the daily rollups. 400 on a malformed query, from after to, or a period longer than 3,660 days.',
  })
  async timeseries(@Query() q: TimeseriesQuery): Promise<TimeseriesResponse | StreamableFile> {
    const report = await this.reports.timeseries(q.interval ?? 'day', filterOf(q));
    return respondWithReport(this.exporter, { kind: 'timeseries', report }, q);
  }
}
