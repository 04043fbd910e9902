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
import {
  BastPdf,
  HandoverDecisionsService,
  HandoverLedgerService,
  HandoversService,
  Page,
  Principal,
} from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { ApiIdempotent, ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { ApiStateChange } from '../platform/route.decorators';
import {
  CreateHandoverRequest,
  HandoverListQuery,
  RejectHandoverRequest,
  VerifyHandoverRequest,
} from './dto/handover.requests';
import { HandoverResponse } from './dto/handover.response';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('handovers')
@Controller('handovers')
export class HandoversController {
  constructor(
    private readonly handovers: HandoversService,
    private readonly decisions: HandoverDecisionsService,
    private readonly ledger: HandoverLedgerService,
    private readonly pdf: BastPdf,
  ) {}

  /** The public verification page of a BAST number (PUBLIC_SITE_URL, else PUBLIC_BASE_URL). */
  private readonly urlOf = (bastNumber: string): string => this.ledger.verificationUrl(bastNumber);

  @Get()
  @Roles()
  @ApiPage(HandoverResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'handoversList',
    summary: 'List handovers',
    description: 'Paginated and filterable; a collaborator or aggregator sees only its own, a kelurahan officer those of their kelurahan ' +
      '(`status=submitted&kelurahanConfirmed=false`: the ones awaiting their confirmation). 400 on a malformed query.',
  })
  async list(
    @Query() q: HandoverListQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<Page<HandoverResponse>> {
    const filter = {
      status: q.status,
      commitmentId: q.commitmentId,
      programCode: q.program,
      needId: q.needId,
      aggregatorId: q.aggregatorId,
      kelurahanConfirmed: q.kelurahanConfirmed,
    };
    const page = await this.handovers.list(filter, q, p);
    return { ...page, data: page.data.map((h) => HandoverResponse.of(h, p, this.urlOf)) };
  }

  @Get(':id')
  @Roles()
  @ApiOkResponse({ type: HandoverResponse, description: 'with ETag: "<version>"' })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'handoversGet',
    summary: 'Get a handover',
    description: 'With `ETag: "<version>"`. 404 when it does not exist or is not visible to the caller.',
  })
  async get(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<HandoverResponse> {
    return HandoverResponse.of(await this.handovers.get(id, p), p, this.urlOf);
  }

  @Get(':id/bast.pdf')
  @Roles()
  @ApiFile(
    'the Berita Acara Serah Terima as PDF, with a QR code to its public verification URL',
    'application/pdf',
  )
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'handoversBast',
    summary: 'Download the BAST (PDF)',
    description: 'The signed handover record of a handover the caller may see. 404 otherwise.',
  })
  async bast(
    @Param('id', ParseUuid) id: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<StreamableFile> {
    const handover = await this.handovers.get(id, p);
    const pdf = await this.pdf.render(await this.ledger.bastDocument(handover));
    return fileResponse(pdf, {
      type: 'application/pdf',
      name: this.pdf.fileName(handover),
      disposition: 'inline',
    });
  }

  @Post()
  @Roles('collaborator', 'aggregator', ...STAFF)
  @ApiIdempotent()
  @ApiCreatedResponse({
    type: HandoverResponse,
    description: 'submitted and numbered BAST/{PROGRAM}/{YYYY}/{NNNNNN}',
  })
  @ApiProblems(400, 404, 409)
  @ApiOperation({
    operationId: 'handoversCreate',
    summary: 'Submit a handover',
    description: 'Reports a delivery against allocations of one commitment the caller acts for (an aggregator: one routed to it). 400 when the items span commitments or the place is not a known kelurahan/RW/RT, 404 unknown commitment or allocation, 409 when the commitment is not approved, an allocation is not reserved or partially delivered, or the quantity exceeds what is left on it.',
  })
  async create(
    @Body() body: CreateHandoverRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<HandoverResponse> {
    const input = { ...body, handedOverAt: new Date(body.handedOverAt) };
    return HandoverResponse.of(await this.handovers.submit(input, p), p, this.urlOf);
  }

  @Post(':id/kelurahan-confirmation')
  @Roles('kelurahan')
  @ApiStateChange({ type: HandoverResponse, description: 'confirmed: who and when are on the BAST and in its hash' }, {
    operationId: 'handoversConfirmByKelurahan',
    summary: 'Confirm a handover as the kelurahan witness',
    description:
      "The kelurahan officer confirms electronically, as the witness, a submitted handover made in their kelurahan. 404 for another area's handover; 409 `handover_not_submitted`, `handover_already_confirmed`.",
  })
  async confirmByKelurahan(@Param('id', ParseUuid) id: string, @CurrentPrincipal() p: Principal): Promise<HandoverResponse> {
    return HandoverResponse.of(await this.decisions.confirmByKelurahan(id, p), p, this.urlOf);
  }

  @Post(':id/verify')
  @Roles(...STAFF)
  @ApiStateChange({
    type: HandoverResponse,
    description: 'verified: delivered quantities rise and the handover joins the ledger',
  }, {
    operationId: 'handoversVerify',
    summary: 'Verify a handover',
    description: 'submitted → verified: the delivery counts and the BAST is hashed and chained into the public ledger. 409 when the handover is not submitted or its commitment not approved, or when recipients already appear in a verified handover of the same program and year (send `acknowledgeDuplicates: true` to override; audited), or `handover_kelurahan_confirmation_required` when the program requires the kelurahan confirmation and it is missing.',
  })
  async verify(
    @Param('id', ParseUuid) id: string,
    @Body() body: VerifyHandoverRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<HandoverResponse> {
    return HandoverResponse.of(await this.decisions.verify(id, body ?? {}, p), p, this.urlOf);
  }

  @Post(':id/reject')
  @Roles(...STAFF)
  @ApiStateChange({ type: HandoverResponse, description: 'rejected; nothing is counted as delivered' }, {
    operationId: 'handoversReject',
    summary: 'Reject a handover',
    description: 'submitted → rejected, with a reason; nothing is counted as delivered. 409 when it is not submitted.',
  })
  async reject(
    @Param('id', ParseUuid) id: string,
    @Body() body: RejectHandoverRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<HandoverResponse> {
    return HandoverResponse.of(await this.decisions.reject(id, body.reason, p), p, this.urlOf);
  }
}
