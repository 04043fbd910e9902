import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CollaboratorsService, Page, Principal } from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { IfMatchVersion } from '../platform/if-match';
import { ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import {
  CollaboratorListQuery,
  CollaboratorResponse,
  CreateCollaboratorRequest,
  StatusReasonRequest,
  UpdateCollaboratorRequest,
} from './dto/collaborator.dto';

@ApiTags('collaborators')
@Controller('collaborators')
export class CollaboratorsController {
  constructor(private readonly collaborators: CollaboratorsService) {}

  @Get()
  @Roles('admin', 'operator', 'viewer', 'collaborator')
  @ApiOperation({ summary: 'List collaborators; a collaborator member sees only its own' })
  @ApiPage(CollaboratorResponse)
  @ApiProblems(400)
  async list(
    @Query() q: CollaboratorListQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<Page<CollaboratorResponse>> {
    const page = await this.collaborators.list(caller, { type: q.type, status: q.status, q: q.q }, q);
    return { ...page, data: page.data.map(CollaboratorResponse.of) };
  }

  @Get(':id')
  @Roles('admin', 'operator', 'viewer', 'collaborator')
  @ApiOperation({ summary: "One collaborator (ETag carries its version); another's is 404 to a member" })
  @ApiOkResponse({ type: CollaboratorResponse })
  @ApiProblems(400, 404)
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.get(caller, id));
  }

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Record a collaborator; it starts pending verification' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: CollaboratorResponse })
  @ApiProblems(400)
  async create(@Body() body: CreateCollaboratorRequest): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.create(body));
  }

  @Patch(':id')
  @Roles('admin', 'operator', 'collaborator')
  @ApiOperation({
    summary: 'Edit the profile; a member only its own and never the type; status is not writable',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: CollaboratorResponse })
  @ApiProblems(400, 404)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCollaboratorRequest,
    @CurrentPrincipal() caller: Principal,
    @IfMatchVersion() version?: number,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.update(caller, id, body, version));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'pending, rejected or suspended → verified; emits collaborator.verified' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: CollaboratorResponse })
  @ApiProblems(400, 404, 409)
  async verify(
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatchVersion() version?: number,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.verify(id, version));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'pending → rejected, with a reason; emits collaborator.rejected' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: CollaboratorResponse })
  @ApiProblems(400, 404, 409)
  async reject(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StatusReasonRequest,
    @IfMatchVersion() version?: number,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.reject(id, body.reason, version));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'verified → suspended, with a reason; emits collaborator.suspended' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: CollaboratorResponse })
  @ApiProblems(400, 404, 409)
  async suspend(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StatusReasonRequest,
    @IfMatchVersion() version?: number,
  ): Promise<CollaboratorResponse> {
    return CollaboratorResponse.of(await this.collaborators.suspend(id, body.reason, version));
  }
}
