import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllocationsService, Page, Principal } from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import {
  AllocationListQuery,
  AllocationResponse,
  CreateAllocationRequest,
  ReleaseAllocationRequest,
} from './dto/allocation.dto';

@ApiTags('allocations')
@Controller('allocations')
export class AllocationsController {
  constructor(private readonly allocations: AllocationsService) {}

  @Get()
  @Roles()
  @ApiPage(AllocationResponse)
  @ApiProblems(400)
  async list(
    @Query() q: AllocationListQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<Page<AllocationResponse>> {
    const filter = {
      needId: q.needId,
      commitmentId: q.commitmentId,
      status: q.status,
      expiringBefore: q.expiringBefore,
    };
    const page = await this.allocations.list(filter, q, p);
    return { ...page, data: page.data.map(AllocationResponse.of) };
  }

  @Get(':id')
  @Roles()
  @ApiOkResponse({ type: AllocationResponse, description: 'with ETag: "<version>"' })
  @ApiProblems(400, 404)
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<AllocationResponse> {
    return AllocationResponse.of(await this.allocations.get(id, p));
  }

  @Post()
  @Roles('collaborator', ...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: AllocationResponse, description: 'reserved until expiresAt' })
  @ApiProblems(400, 404, 409)
  async create(
    @Body() body: CreateAllocationRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<AllocationResponse> {
    return AllocationResponse.of(await this.allocations.reserve(body, p));
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('collaborator', ...STAFF)
  @ApiIdempotent()
  @ApiOkResponse({ type: AllocationResponse, description: 'released; the quantity is back on the need' })
  @ApiProblems(400, 404, 409)
  async release(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReleaseAllocationRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<AllocationResponse> {
    return AllocationResponse.of(await this.allocations.release(id, body?.reason ?? null, p));
  }
}
