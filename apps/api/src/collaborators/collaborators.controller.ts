import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CollaboratorsService, Page, Principal, UsersService } from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { IfMatchVersion } from '../platform/if-match';
import { BULK_MAX_ITEMS, BulkIdsRequest, BulkResponse, runBulk } from '../platform/bulk';
import { ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { ApiBulk, ApiStateChange } from '../platform/route.decorators';
import {
  CollaboratorListQuery,
  CollaboratorResponse,
  MemberResponse,
  CreateCollaboratorRequest,
  BulkRejectRequest,
  StatusReasonRequest,
  UpdateCollaboratorRequest,
} from './dto/collaborator.dto';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('collaborators')
@Controller('collaborators')
export class CollaboratorsController {
  constructor(
    private readonly collaborators: CollaboratorsService,
    private readonly users: UsersService,
  ) {}

  @Get()
  @Roles('admin', 'operator', 'viewer', 'collaborator')
  @ApiPage(CollaboratorResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'collaboratorsList',
    summary: 'List collaborators',
    description: 'Paginated and filterable; a collaborator member sees only its own organisation. 400 on a malformed query.',
  })
  async list(
    @Query() q: CollaboratorListQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<Page<CollaboratorResponse>> {
    const page = await this.collaborators.list(caller, { type: q.type, status: q.status, q: q.q }, q);
    return { ...page, data: page.data.map(CollaboratorResponse.of) };
  }

  @Get(':id')
  @Roles('admin', 'operator', 'viewer', 'collaborator')
  @ApiOkResponse({ type: CollaboratorResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'collaboratorsGet',
    summary: 'Get a collaborator',
    description: 'With `ETag: "<version>"`. Another organisation is 404 to a collaborator member.',
  })
  async get(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.get(caller, id));
  }

  @Get(':id/members')
  @Roles(...STAFF)
  @ApiOkResponse({ type: [MemberResponse], description: 'the accounts of the collaborator, oldest first (at most 100)' })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'collaboratorsMembers',
    summary: "List a collaborator's member accounts",
    description:
      "Pokja only: the user accounts belonging to the collaborator (name, email, active, last sign-in), for its detail " +
      'page. 404 when the collaborator does not exist.',
  })
  async members(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<MemberResponse[]> {
    await this.collaborators.get(caller, id);
    const page = await this.users.list({ collaboratorId: id }, { page: 1, limit: 100, sort: 'createdAt' });
    return page.data.map(MemberResponse.of);
  }

  @Post()
  @Roles(...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: CollaboratorResponse })
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'collaboratorsCreate',
    summary: 'Record a collaborator',
    description: 'The collaborator starts `pending` verification. 400 on an invalid body.',
  })
  async create(@Body() body: CreateCollaboratorRequest): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.create(body));
  }

  @Patch(':id')
  @Roles('admin', 'operator', 'collaborator')
  @ApiIfMatch()
  @ApiOkResponse({ type: CollaboratorResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'collaboratorsUpdate',
    summary: 'Update a collaborator’s profile',
    description: 'A member edits only its own and never the type (403); the status is not writable here. Send `If-Match` (412 when stale). 404 when not visible.',
  })
  async update(
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateCollaboratorRequest,
    @CurrentPrincipal() caller: Principal,
    @IfMatchVersion() version?: number,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.update(caller, id, body, version));
  }

  @Post('bulk-verify')
  @Roles(...STAFF)
  @ApiBulk({
    operationId: 'collaboratorsBulkVerify',
    summary: 'Verify several collaborators',
    description:
      `Verifies each of 1 to ${BULK_MAX_ITEMS} distinct collaborators in its own transaction with its own audit entry, ` +
      'exactly as `POST /collaborators/{id}/verify` (without If-Match). Answers 200 even when some fail: each result ' +
      'says ok, or the status, code and detail the single route would have answered (404 unknown, 409 already ' +
      'verified). 400 when the list is empty, too long, repeats an id or holds something other than a UUID.',
  })
  async bulkVerify(@Body() body: BulkIdsRequest, @Req() request: FastifyRequest): Promise<BulkResponse> {
    return runBulk(body.ids, request.headers['accept-language'], (id) => this.collaborators.verify(id));
  }

  @Post('bulk-reject')
  @Roles(...STAFF)
  @ApiBulk({
    operationId: 'collaboratorsBulkReject',
    summary: 'Reject several collaborators',
    description:
      `Rejects each of 1 to ${BULK_MAX_ITEMS} distinct pending collaborators with the same reason, each in its own ` +
      'transaction with its own audit entry, exactly as `POST /collaborators/{id}/reject`. Answers 200 even when some ' +
      'fail (404 unknown, 409 not pending). 400 when the reason is missing or the list is empty, too long, repeats an ' +
      'id or holds something other than a UUID.',
  })
  async bulkReject(@Body() body: BulkRejectRequest, @Req() request: FastifyRequest): Promise<BulkResponse> {
    return runBulk(body.ids, request.headers['accept-language'], (id) =>
      this.collaborators.reject(id, body.reason),
    );
  }

  @Post(':id/verify')
  @Roles(...STAFF)
  @ApiStateChange({ type: CollaboratorResponse }, {
    operationId: 'collaboratorsVerify',
    summary: 'Verify a collaborator',
    description: 'pending, rejected or suspended → verified; emits `collaborator.verified`. 409 from any other status, 412 on a stale `If-Match`.',
  })
  @ApiIfMatch()
  async verify(
    @Param('id', ParseUuid) id: string,
    @IfMatchVersion() version?: number,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.verify(id, version));
  }

  @Post(':id/reject')
  @Roles(...STAFF)
  @ApiStateChange({ type: CollaboratorResponse }, {
    operationId: 'collaboratorsReject',
    summary: 'Reject a collaborator',
    description: 'pending → rejected, with a reason; emits `collaborator.rejected`. 409 from any other status.',
  })
  @ApiIfMatch()
  async reject(
    @Param('id', ParseUuid) id: string,
    @Body() body: StatusReasonRequest,
    @IfMatchVersion() version?: number,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.reject(id, body.reason, version));
  }

  @Post(':id/suspend')
  @Roles(...STAFF)
  @ApiStateChange({ type: CollaboratorResponse }, {
    operationId: 'collaboratorsSuspend',
    summary: 'Suspend a collaborator',
    description: 'verified → suspended, with a reason; emits `collaborator.suspended`. 409 from any other status.',
  })
  @ApiIfMatch()
  async suspend(
    @Param('id', ParseUuid) id: string,
    @Body() body: StatusReasonRequest,
    @IfMatchVersion() version?: number,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.suspend(id, body.reason, version));
  }
}
