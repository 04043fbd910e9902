import { ApiProperty } from '@nestjs/swagger';
import { HomeClaimView, HomeCommitmentView, HomeRejectedItemView, HomeView } from '@ksbb/core';

const UUID = '6c0f3c9e-1d7e-4a43-9d55-8f3c1b0f2a11';

/** An open claim (reserved or partially delivered) of the caller's organisation. */
export class HomeClaimResponse {
  @ApiProperty({ format: 'uuid', example: UUID }) id: string;
  @ApiProperty({ enum: ['reserved', 'partially_delivered'], example: 'reserved' })
  status: 'reserved' | 'partially_delivered';
  @ApiProperty({ example: 40 }) quantity: number;
  @ApiProperty({ example: 10 }) deliveredQuantity: number;
  @ApiProperty({ example: 30, description: 'still to hand over: quantity − deliveredQuantity' })
  remaining: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2026-12-10T10:00:00.000Z',
    description: 'the due date: a reserved claim not handed over by then expires and returns to the pool',
  })
  expiresAt: Date;
  @ApiProperty({
    example: false,
    description:
      'named in a handover awaiting verification (it then neither expires nor needs another handover)',
  })
  handoverPending: boolean;
  @ApiProperty({ format: 'uuid', example: UUID }) needId: string;
  @ApiProperty({ example: 'Sembako untuk RT 001/RW 002 Gambir' }) needTitle: string;
  @ApiProperty({ example: '31.71.01.1001.002.001' }) regionCode: string;
  @ApiProperty({ example: 'RT 001' }) regionName: string;
  @ApiProperty({ example: 'PANGAN' }) programCode: string;
  @ApiProperty({ example: 'SEMBAKO' }) packageCode: string;
  @ApiProperty({ format: 'uuid', example: UUID }) commitmentId: string;
  @ApiProperty({ type: String, nullable: true, example: 'KOM/PANGAN/2026/000001' }) commitmentNumber:
    | string
    | null;
  @ApiProperty({
    example: 'PT Contoh Peduli',
    description: 'the donor organisation (useful to an aggregator)',
  })
  collaboratorName: string;

  static of(v: HomeClaimView): HomeClaimResponse {
    return {
      id: v.id,
      status: v.status,
      quantity: v.quantity,
      deliveredQuantity: v.deliveredQuantity,
      remaining: v.remaining,
      expiresAt: v.expiresAt,
      handoverPending: v.handoverPending,
      needId: v.needId,
      needTitle: v.needTitle,
      regionCode: v.regionCode,
      regionName: v.regionName,
      programCode: v.programCode,
      packageCode: v.packageCode,
      commitmentId: v.commitmentId,
      commitmentNumber: v.commitmentNumber,
      collaboratorName: v.collaboratorName,
    };
  }
}

/** A claim named in a rejected handover that has not been handed over again since. */
export class HomeRejectedItemResponse {
  @ApiProperty({ format: 'uuid', example: UUID }) handoverId: string;
  @ApiProperty({ example: 'BAST/PANGAN/2026/000003' }) bastNumber: string;
  @ApiProperty({ type: String, nullable: true, example: 'Foto serah terima tidak terbaca' })
  rejectionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-02T03:00:00.000Z' })
  decidedAt: Date | null;
  @ApiProperty({ format: 'uuid', example: UUID, description: 'the claim to hand over again' })
  allocationId: string;
  @ApiProperty({ example: 20, description: 'the quantity the rejected handover named' }) quantity: number;
  @ApiProperty({ format: 'uuid', example: UUID }) needId: string;
  @ApiProperty({ example: 'Sembako untuk RT 001/RW 002 Gambir' }) needTitle: string;
  @ApiProperty({ format: 'uuid', example: UUID }) commitmentId: string;
  @ApiProperty({ type: String, nullable: true, example: 'KOM/PANGAN/2026/000001' }) commitmentNumber:
    | string
    | null;

  static of(v: HomeRejectedItemView): HomeRejectedItemResponse {
    return { ...v };
  }
}

/** A commitment's progress, summed over its items. */
export class HomeCommitmentResponse {
  @ApiProperty({ format: 'uuid', example: UUID }) id: string;
  @ApiProperty({ type: String, nullable: true, example: 'KOM/PANGAN/2026/000001' }) number: string | null;
  @ApiProperty({ example: 'PANGAN' }) programCode: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'approved', 'completed'], example: 'approved' }) status: string;
  @ApiProperty({ example: 100, description: 'quantity pledged' }) pledged: number;
  @ApiProperty({ example: 60, description: 'quantity claimed against needs (reserved or delivered)' })
  claimed: number;
  @ApiProperty({ example: 25, description: 'quantity delivered in verified handovers' }) delivered: number;

  static of(v: HomeCommitmentView): HomeCommitmentResponse {
    return { ...v };
  }
}

/** The caller's home page: only its own organisation's claims, rejected items and commitments. */
export class HomeResponse {
  @ApiProperty({ enum: ['collaborator', 'aggregator'], example: 'collaborator' }) role:
    | 'collaborator'
    | 'aggregator';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: UUID }) organisationId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'PT Contoh Peduli' }) organisationName: string | null;
  @ApiProperty({
    type: [HomeClaimResponse],
    description:
      'open claims (reserved or partially delivered), soonest due first, at most 100. For a donor: its claims; ' +
      'for an aggregator: the claims of the commitments routed through it (its assignments).',
  })
  claims: HomeClaimResponse[];
  @ApiProperty({
    type: [HomeRejectedItemResponse],
    description:
      'items of rejected handovers whose claim is still open and not handed over again, newest first, at most 50',
  })
  rejectedItems: HomeRejectedItemResponse[];
  @ApiProperty({
    type: [HomeCommitmentResponse],
    description: 'commitments not rejected or cancelled, newest first, at most 50',
  })
  commitments: HomeCommitmentResponse[];

  static of(v: HomeView): HomeResponse {
    return {
      role: v.role,
      organisationId: v.organisationId,
      organisationName: v.organisationName,
      claims: v.claims.map(HomeClaimResponse.of),
      rejectedItems: v.rejectedItems.map(HomeRejectedItemResponse.of),
      commitments: v.commitments.map(HomeCommitmentResponse.of),
    };
  }
}
