import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COLLABORATOR_TYPES, LedgerCheck, PublicBastView } from '@ksbb/core';

export class PublicCodeNameResponse {
  @ApiProperty({ example: '31.71.01.1001' }) code: string;
  @ApiProperty({ example: 'Gambir' }) name: string;
}

export class PublicBastItemResponse {
  @ApiProperty({ example: 'Paket Sembako' }) package: string;
  @ApiProperty({ example: 'SEMBAKO' }) packageCode: string;
  @ApiProperty({ example: 'paket' }) unit: string;
  @ApiProperty({ example: 40 }) quantity: number;
}

export class PublicGiverResponse {
  @ApiProperty({ example: 'PT Sinar Kolaborasi' }) name: string;
  @ApiProperty({ enum: COLLABORATOR_TYPES }) type: string;
}

export class PublicAggregatorResponse {
  @ApiProperty({ example: 'Dompet Dhuafa' }) name: string;
}

export class LedgerCheckResponse {
  @ApiProperty({ example: true, description: 'every content hash and chain hash recomputes' }) ok: boolean;
  @ApiProperty({ example: 10, description: 'verified handovers in the ledger' }) length: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the last chain hash; null when empty', example: '4b7e1a3c5d9f0e2b6a8c1d3f5e7b9a0c2e4f6b8d0a1c3e5f7b9d0a2c4e6f8b1d' })
  head: string | null;
  @ApiPropertyOptional({
    example: 'BAST/PANGAN/2026/000004',
    description: 'only when broken: the first handover whose position, content or chain hash does not match',
  })
  firstBadBastNumber?: string;

  static of(c: LedgerCheck): LedgerCheckResponse {
    return {
      ok: c.ok,
      length: c.length,
      head: c.head,
      ...(c.firstBadBastNumber ? { firstBadBastNumber: c.firstBadBastNumber } : {}),
    };
  }
}

/** A verified BAST as anyone may check it: no names, no NIK, no address. */
export class PublicBastResponse {
  @ApiProperty({ example: 'BAST/PANGAN/2026/000001' }) bastNumber: string;
  @ApiProperty({ enum: ['verified'] }) status: string;
  @ApiProperty({ type: PublicCodeNameResponse }) program: PublicCodeNameResponse;
  @ApiPropertyOptional({
    type: PublicCodeNameResponse,
    nullable: true,
    description: 'the kelurahan of the handover',
  })
  village: PublicCodeNameResponse | null;
  @ApiProperty({ type: String, format: 'date', example: '2026-01-12', description: 'in Jakarta time' })
  handedOverAt: string;
  @ApiProperty({ type: [PublicBastItemResponse], description: 'totals per package' })
  items: PublicBastItemResponse[];
  @ApiProperty({ example: 40 }) totalQuantity: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  contentHash: string;
  @ApiProperty({ example: '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752' })
  chainHash: string;
  @ApiProperty({ example: 1 }) chainSeq: number;
  @ApiPropertyOptional({
    type: PublicGiverResponse,
    nullable: true,
    description: 'the giving collaborator: an organisation, or an individual who opted in to be named; else null',
  })
  collaborator: PublicGiverResponse | null;
  @ApiPropertyOptional({
    type: PublicAggregatorResponse,
    nullable: true,
    description: 'the aggregator that delivered on the collaborator\'s behalf; null for a direct delivery',
  })
  aggregator: PublicAggregatorResponse | null;
  @ApiProperty({
    example: 'https://ksbb.jakarta.go.id/bast/BAST/PANGAN/2026/000001',
    description: 'the public site\'s page of this BAST; what the QR code on the PDF encodes',
  })
  verificationUrl: string;
  @ApiProperty({
    type: LedgerCheckResponse,
    description: 'the whole ledger recomputed now: whether every content and chain hash still matches',
  })
  ledger: LedgerCheckResponse;

  static of(v: PublicBastView): PublicBastResponse {
    return {
      bastNumber: v.bastNumber,
      status: v.status,
      program: { code: v.program.code, name: v.program.name },
      village: v.village ? { code: v.village.code, name: v.village.name } : null,
      handedOverAt: v.handedOverAt,
      items: v.items.map((i) => ({
        package: i.package,
        packageCode: i.packageCode,
        unit: i.unit,
        quantity: i.quantity,
      })),
      totalQuantity: v.totalQuantity,
      contentHash: v.contentHash,
      chainHash: v.chainHash,
      chainSeq: v.chainSeq,
      collaborator: v.collaborator ? { name: v.collaborator.name, type: v.collaborator.type } : null,
      aggregator: v.aggregator ? { name: v.aggregator.name } : null,
      verificationUrl: v.verificationUrl,
      ledger: LedgerCheckResponse.of(v.ledger),
    };
  }
}
