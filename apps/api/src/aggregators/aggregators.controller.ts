import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AggregatorsService, Page } from '@ksbb/core';
import { Roles, STAFF } from '../platform/auth.decorators';
import { IfMatchVersion } from '../platform/if-match';
import { ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import {
  AggregatorListQuery,
  AggregatorResponse,
  CreateAggregatorRequest,
  UpdateAggregatorRequest,
} from './dto/aggregator.dto';

/** Aggregators are public organisations: every caller may read them, only Pokja may change them. */
@ApiTags('aggregators')
@Controller('aggregators')
export class AggregatorsController {
  constructor(private readonly aggregators: AggregatorsService) {}

  @Get()
  @Roles()
  @ApiOperation({ summary: 'List aggregators (official distribution partners)' })
  @ApiPage(AggregatorResponse)
  @ApiProblems(400)
  async list(@Query() q: AggregatorListQuery): Promise<Page<AggregatorResponse>> {
    const page = await this.aggregators.list({ program: q.program, status: q.status, q: q.q }, q);
    return { ...page, data: page.data.map(AggregatorResponse.of) };
  }

  @Get(':id')
  @Roles()
  @ApiOperation({ summary: 'One aggregator (ETag carries its version)' })
  @ApiOkResponse({ type: AggregatorResponse })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<AggregatorResponse> {
    return AggregatorResponse.of(await this.aggregators.get(id));
  }

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Register an aggregator; its program and region codes must exist' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: AggregatorResponse })
  @ApiProblems(400, 409)
  async create(@Body() body: CreateAggregatorRequest): Promise<AggregatorResponse> {
    return AggregatorResponse.of(await this.aggregators.create(body));
  }

  @Patch(':id')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Edit an aggregator; inactive ones take no new commitments' })
  @ApiIfMatch()
  @ApiOkResponse({ type: AggregatorResponse })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAggregatorRequest,
    @IfMatchVersion() version?: number,
  ): Promise<AggregatorResponse> {
    return AggregatorResponse.of(await this.aggregators.update(id, body, version));
  }
}
