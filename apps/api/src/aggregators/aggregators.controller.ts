import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
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
import { ParseUuid } from '../platform/uuid.pipe';

/** Aggregators are public organisations: every caller may read them, only Pokja may change them. */
@ApiTags('aggregators')
@Controller('aggregators')
export class AggregatorsController {
  constructor(private readonly aggregators: AggregatorsService) {}

  @Get()
  @Roles()
  @ApiPage(AggregatorResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'aggregatorsList',
    summary: 'List aggregators',
    description: 'The official distribution partners, paginated (`page`, `limit`, `sort`) and filterable. 400 on an unknown or malformed query parameter.',
  })
  async list(@Query() q: AggregatorListQuery): Promise<Page<AggregatorResponse>> {
    const page = await this.aggregators.list({ program: q.program, status: q.status, q: q.q }, q);
    return { ...page, data: page.data.map(AggregatorResponse.of) };
  }

  @Get(':id')
  @Roles()
  @ApiOkResponse({ type: AggregatorResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'aggregatorsGet',
    summary: 'Get an aggregator',
    description: 'One aggregator, with `ETag: "<version>"` for a later `If-Match`. 404 when the id does not exist.',
  })
  async get(@Param('id', ParseUuid) id: string): Promise<AggregatorResponse> {
    return AggregatorResponse.of(await this.aggregators.get(id));
  }

  @Post()
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: AggregatorResponse })
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'aggregatorsCreate',
    summary: 'Register an aggregator',
    description: 'Its program and region codes must exist. 400 on an invalid body, 409 when the code is taken or a referenced program/region is unknown.',
  })
  async create(@Body() body: CreateAggregatorRequest): Promise<AggregatorResponse> {
    return AggregatorResponse.of(await this.aggregators.create(body));
  }

  @Patch(':id')
  @Roles(...STAFF)
  @ApiIfMatch()
  @ApiOkResponse({ type: AggregatorResponse })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'aggregatorsUpdate',
    summary: 'Update an aggregator',
    description: 'Send `If-Match` with the version you read (412 when stale). An inactive aggregator takes no new commitments. 404 unknown id, 409 on a conflicting change.',
  })
  async update(
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateAggregatorRequest,
    @IfMatchVersion() version?: number,
  ): Promise<AggregatorResponse> {
    return AggregatorResponse.of(await this.aggregators.update(id, body, version));
  }
}
