import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiFile, fileResponse } from '../platform/file-response';
import { AllocationsService, CommitmentFormPdf, CommitmentsService, Page, Principal } from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { ApiStateChange } from '../platform/route.decorators';
import {
  CancelCommitmentRequest,
  CommitmentListQuery,
  CreateCommitmentRequest,
  RejectCommitmentRequest,
  SignCommitmentRequest,
} from './dto/commitment.requests';
import { CommitmentResponse } from './dto/commitment.response';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('commitments')
@Controller('commitments')
export class CommitmentsController {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly forms: CommitmentFormPdf,
    private readonly allocations: AllocationsService,
  ) {}

  @Get()
  @Roles()
  @ApiPage(CommitmentResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'commitmentsList',
    summary: 'List commitments',
    description: 'Paginated and filterable; a collaborator or aggregator sees only its own. 400 on a malformed query.',
  })
  async list(
    @Query() q: CommitmentListQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<Page<CommitmentResponse>> {
    const filter = {
      status: q.status,
      programCode: q.program,
      collaboratorId: q.collaboratorId,
      aggregatorId: q.aggregatorId,
    };
    const page = await this.commitments.list(filter, q, p);
    return { ...page, data: page.data.map(CommitmentResponse.of) };
  }

  @Get(':id')
  @Roles()
  @ApiOkResponse({ type: CommitmentResponse, description: 'with ETag: "<version>"' })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'commitmentsGet',
    summary: 'Get a commitment',
    description: 'With `ETag: "<version>"`. 404 when it does not exist or is not visible to the caller.',
  })
  async get(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<CommitmentResponse> {
    return CommitmentResponse.of(await this.commitments.get(id, p));
  }

  @Get(':id/form.pdf')
  @Roles()
  @ApiFile('the commitment form (formulir komitmen) as PDF', 'application/pdf')
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'commitmentsForm',
    summary: 'Download the commitment form (PDF)',
    description: 'The formulir komitmen of a commitment the caller may see. 404 otherwise.',
  })
  async form(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<StreamableFile> {
    const commitment = await this.commitments.get(id, p);
    const pdf = await this.forms.render(commitment);
    return fileResponse(pdf, {
      type: 'application/pdf',
      name: this.forms.fileName(commitment),
      disposition: 'inline',
    });
  }

  @Post()
  @Roles('collaborator', ...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({ type: CommitmentResponse, description: 'a draft' })
  @ApiProblems(400, 409)
  @ApiOperation({
    operationId: 'commitmentsCreate',
    summary: 'Create a draft commitment',
    description: 'A collaborator member only for its own collaborator (403 otherwise). 400 on an invalid body or an unknown program or collaborator, 409 when the program is not open.',
  })
  async create(
    @Body() body: CreateCommitmentRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<CommitmentResponse> {
    return CommitmentResponse.of(await this.commitments.create(body, p));
  }

  @Post(':id/sign')
  @Roles('collaborator')
  @ApiStateChange({ type: CommitmentResponse, description: 'submitted, numbered and e-signed' }, {
    operationId: 'commitmentsSign',
    summary: 'Sign and submit a commitment',
    description: 'draft → submitted: numbered and e-signed by a member of the collaborator (403 for anyone else), who must agree to it (400 otherwise). 409 when it is not a draft, 404 when not visible.',
  })
  async sign(
    @Param('id', ParseUuid) id: string,
    @Body() body: SignCommitmentRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<CommitmentResponse> {
    return CommitmentResponse.of(await this.commitments.sign(id, body, p));
  }

  @Post(':id/approve')
  @Roles(...STAFF)
  @ApiStateChange({ type: CommitmentResponse, description: 'approved; 403 for the officer who created it' }, {
    operationId: 'commitmentsApprove',
    summary: 'Approve a commitment',
    description: 'submitted → approved. 403 for the officer who created it (four-eyes rule), 409 when it is not submitted.',
  })
  async approve(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<CommitmentResponse> {
    return CommitmentResponse.of(await this.commitments.approve(id, p));
  }

  @Post(':id/reject')
  @Roles(...STAFF)
  @ApiStateChange({ type: CommitmentResponse, description: 'rejected; 403 for the officer who created it' }, {
    operationId: 'commitmentsReject',
    summary: 'Reject a commitment',
    description: 'submitted → rejected, with a reason. 403 for the officer who created it, 409 when it is not submitted.',
  })
  async reject(
    @Param('id', ParseUuid) id: string,
    @Body() body: RejectCommitmentRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<CommitmentResponse> {
    return CommitmentResponse.of(await this.commitments.reject(id, body.reason, p));
  }

  @Post(':id/cancel')
  @Roles('collaborator', ...STAFF)
  @ApiStateChange({
    type: CommitmentResponse,
    description: 'cancelled; its reserved allocations are released',
  }, {
    operationId: 'commitmentsCancel',
    summary: 'Cancel a commitment',
    description: 'draft, submitted or approved → cancelled; its active allocations are released. 403 when the caller does not act for it, 409 from another status, 404 when not visible.',
  })
  async cancel(
    @Param('id', ParseUuid) id: string,
    @Body() body: CancelCommitmentRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<CommitmentResponse> {
    return CommitmentResponse.of(await this.allocations.cancelCommitment(id, body?.reason ?? null, p));
  }
}
