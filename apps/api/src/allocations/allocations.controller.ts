import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { AllocationsService, Page, Principal } from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { ApiStateChange } from '../platform/route.decorators';
import {
  AllocationListQuery,
  AllocationResponse,
  CreateAllocationRequest,
  ReleaseAllocationRequest,
} from './dto/allocation.dto';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('allocations')
@Controller('allocations')
export class AllocationsController {
  constructor(private readonly allocations: AllocationsService) {}

  @Get()
  @Roles()
  @ApiPage(AllocationResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'allocationsList',
    summary: 'List allocations',
    description: 'Paginated and filterable; a collaborator or aggregator sees only its own. 400 on a malformed query.',
  })
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
  @ApiOperation({
    operationId: 'allocationsGet',
    summary: 'Get an allocation',
    description: 'With `ETag: "<version>"`. 404 when it does not exist or is not visible to the caller.',
  })
  async get(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<AllocationResponse> {
    return AllocationResponse.of(await this.allocations.get(id, p));
  }

  @Post()
  @Roles('collaborator', ...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: AllocationResponse, description: 'reserved until expiresAt' })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'allocationsCreate',
    summary: 'Claim quantity on a need',
    description: 'Requires an approved commitment the caller acts for (403 otherwise) with an item for the need’s package, and an open need. The claim is reserved until `expiresAt` and never overlaps another. 404 unknown need or commitment, 409 when not enough quantity is left on the need or the commitment item, or a status forbids it.',
  })
  async create(
    @Body() body: CreateAllocationRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<AllocationResponse> {
    return AllocationResponse.of(await this.allocations.reserve(body, p));
  }

  @Post(':id/release')
  @Roles('collaborator', ...STAFF)
  @ApiStateChange({ type: AllocationResponse, description: 'released; the quantity is back on the need' }, {
    operationId: 'allocationsRelease',
    summary: 'Release an allocation',
    description: 'Gives the undelivered quantity back to the need. 403 when the caller does not act for it, 409 when it is no longer active, 404 when not visible.',
  })
  async release(
    @Param('id', ParseUuid) id: string,
    @Body() body: ReleaseAllocationRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<AllocationResponse> {
    return AllocationResponse.of(await this.allocations.release(id, body?.reason ?? null, p));
  }
}
