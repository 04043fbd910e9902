import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiFile, fileResponse } from '../platform/file-response';
import { Page, Principal, ReportSchedulesService } from '@ksbb/core';
import { CurrentPrincipal, INTERNAL, Roles, STAFF } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { PageQueryDto } from '../platform/pagination.dto';
import {
  CreateReportScheduleRequest,
  paramsOf,
  ReportRunListQuery,
  ReportRunResponse,
  ReportScheduleResponse,
} from './dto/report-schedule.dto';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('reports')
@Controller()
export class ReportSchedulesController {
  constructor(private readonly schedules: ReportSchedulesService) {}

  @Post('report-schedules')
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ReportScheduleResponse })
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'reportSchedulesCreate',
    summary: 'Schedule a report',
    description: 'Runs a report at an interval and emails it to the recipients. 400 on an invalid body.',
  })
  async create(
    @Body() body: CreateReportScheduleRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<ReportScheduleResponse> {
    const { params, ...rest } = body;
    return ReportScheduleResponse.of(await this.schedules.create({ ...rest, params: paramsOf(params) }, p));
  }

  @Get('report-schedules')
  @Roles(...INTERNAL)
  @ApiPage(ReportScheduleResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'reportSchedulesList',
    summary: 'List report schedules',
    description: 'Paginated. 400 on a malformed query.',
  })
  async list(@Query() q: PageQueryDto): Promise<Page<ReportScheduleResponse>> {
    const page = await this.schedules.list(q);
    return { ...page, data: page.data.map(ReportScheduleResponse.of) };
  }

  @Get('report-schedules/:id')
  @Roles(...INTERNAL)
  @ApiOkResponse({ type: ReportScheduleResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'reportSchedulesGet',
    summary: 'Get a report schedule',
    description: '404 when unknown.',
  })
  async get(@Param('id', ParseUuid) id: string): Promise<ReportScheduleResponse> {
    return ReportScheduleResponse.of(await this.schedules.get(id));
  }

  @Delete('report-schedules/:id')
  @Roles(...STAFF)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted; its past runs and files stay' })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'reportSchedulesDelete',
    summary: 'Delete a report schedule',
    description: 'Its past runs and files stay. 404 when unknown.',
  })
  async delete(@Param('id', ParseUuid) id: string): Promise<void> {
    await this.schedules.delete(id);
  }

  @Get('report-runs')
  @Roles(...INTERNAL)
  @ApiPage(ReportRunResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'reportSchedulesRuns',
    summary: 'List report runs',
    description: 'Paginated, filterable by schedule and status. 400 on a malformed query.',
  })
  async runs(@Query() q: ReportRunListQuery): Promise<Page<ReportRunResponse>> {
    const page = await this.schedules.runs(q.scheduleId, q);
    return { ...page, data: page.data.map(ReportRunResponse.of) };
  }

  @Get('report-runs/:id')
  @Roles(...INTERNAL)
  @ApiOkResponse({ type: ReportRunResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'reportSchedulesRun',
    summary: 'Get a report run',
    description: '404 when unknown.',
  })
  async run(@Param('id', ParseUuid) id: string): Promise<ReportRunResponse> {
    return ReportRunResponse.of(await this.schedules.run(id));
  }

  @Get('report-runs/:id/file')
  @Roles(...INTERNAL)
  @ApiFile(
    'the rendered report, as an attachment',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/pdf',
  )
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'reportSchedulesFile',
    summary: 'Download a report run’s file',
    description: '404 when unknown, 409 while the run has no file yet (pending, running or failed).',
  })
  async file(@Param('id', ParseUuid) id: string): Promise<StreamableFile> {
    const file = await this.schedules.file(id);
    return fileResponse(file.body, {
      type: file.contentType,
      name: file.fileName,
      disposition: 'attachment',
      length: file.sizeBytes,
    });
  }
}
