import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { HandoverLedgerService } from '@ksbb/core';
import { Public } from '../platform/auth.decorators';
import { ApiProblems } from '../platform/openapi.decorators';
import { LedgerCheckResponse, PublicBastResponse } from './dto/public-bast.response';

const CACHE = 'public, max-age=30';

/**
 * The public check of BAST records. BAST numbers hold slashes: `bast/:bastNumber` takes the number URL-encoded
 * (`BAST%2FPANGAN%2F2026%2F000001`, what the QR code carries; Fastify decodes the parameter), and `bast/*`
 * takes it with raw slashes (`BAST/PANGAN/2026/000001`).
 */
@ApiTags('public')
@Controller('public')
export class PublicLedgerController {
  constructor(private readonly ledger: HandoverLedgerService) {}

  @Get('ledger/verify')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiOkResponse({ type: LedgerCheckResponse })
  @ApiOperation({
    operationId: 'publicLedgerVerifyLedger',
    summary: 'Verify the public ledger',
    description: 'Recomputes the hash chain of all verified handovers and reports whether it is intact; cacheable for 30 s.',
  })
  async verifyLedger(): Promise<LedgerCheckResponse> {
    return LedgerCheckResponse.of(await this.ledger.verify());
  }

  @Get('bast/:bastNumber')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiParam({
    name: 'bastNumber',
    description: 'the BAST number, URL-encoded (raw slashes are accepted too)',
    example: 'BAST%2FPANGAN%2F2026%2F000001',
  })
  @ApiOkResponse({ type: PublicBastResponse })
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'publicLedgerBast',
    summary: 'Check a BAST by its number',
    description: 'Status, program, village, date (WIB), item totals, giver organisation and aggregator, hashes, the ledger check and the public page URL of a verified BAST; no personal data. 404 when no verified BAST has that number.',
  })
  async bast(@Param('bastNumber') bastNumber: string): Promise<PublicBastResponse> {
    return PublicBastResponse.of(await this.ledger.publicBast(bastNumber));
  }

  /** The same, for a number written with raw slashes (`/public/bast/BAST/PANGAN/2026/000001`). */
  @Get('bast/*')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiExcludeEndpoint()
  async bastWithSlashes(@Param('*') bastNumber: string): Promise<PublicBastResponse> {
    return PublicBastResponse.of(await this.ledger.publicBast(bastNumber));
  }
}
