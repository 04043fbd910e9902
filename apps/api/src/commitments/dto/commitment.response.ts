import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COLLABORATOR_TYPES,
  COMMITMENT_STATUSES,
  CommitmentItemView,
  CommitmentView,
  DELIVERY_MODES,
} from '@ksbb/core';

export class CommitmentItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) packageId: string;
  @ApiProperty({ example: 'SEMBAKO' }) packageCode: string;
  @ApiProperty({ example: 'Paket Sembako' }) packageName: string;
  @ApiProperty({ example: 'paket' }) unit: string;
  @ApiProperty({ example: 100 }) quantity: number;
  @ApiProperty({ example: 250000, description: 'rupiah per unit' }) unitValue: number;
  @ApiProperty({ example: 25000000, description: 'quantity × unitValue, rupiah' }) subtotal: number;
  @ApiProperty({ example: 40, description: 'claimed by active allocations' }) allocatedQuantity: number;
  @ApiProperty({ example: 10 }) deliveredQuantity: number;
  @ApiProperty({ example: 60, description: 'quantity − allocatedQuantity: what can still be claimed' })
  availableQuantity: number;

  static of(i: CommitmentItemView): CommitmentItemResponse {
    return {
      id: i.id,
      packageId: i.packageId,
      packageCode: i.packageCode,
      packageName: i.packageName,
      unit: i.unit,
      quantity: i.quantity,
      unitValue: i.unitValue,
      subtotal: i.subtotal,
      allocatedQuantity: i.allocatedQuantity,
      deliveredQuantity: i.deliveredQuantity,
      availableQuantity: i.quantity - i.allocatedQuantity,
    };
  }
}

export class CommitmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'KOM/PANGAN/2026/000001',
    description: 'assigned when signed; null for a draft',
  })
  number: string | null;
  @ApiProperty({ enum: COMMITMENT_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) collaboratorId: string;
  @ApiProperty({ example: 'PT Demo Peduli Sesama' }) collaboratorName: string;
  @ApiProperty({ enum: COLLABORATOR_TYPES }) collaboratorType: string;
  @ApiProperty({ example: 'PANGAN' }) programCode: string;
  @ApiProperty({ example: 'Pangan' }) programName: string;
  @ApiProperty({ enum: DELIVERY_MODES }) deliveryMode: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) aggregatorId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Dompet Dhuafa' }) aggregatorName:
    | string
    | null;
  @ApiProperty({ type: [CommitmentItemResponse] }) items: CommitmentItemResponse[];
  @ApiProperty({ example: 25000000, description: 'sum of quantity × unitValue, rupiah' }) totalValue: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-01-05' }) plannedFrom: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-02-28' }) plannedTo: string;
  @ApiProperty({ example: 'Pengiriman bertahap setiap Senin' }) notes: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Rina Wijaya' }) signatoryName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Direktur CSR' }) signatoryTitle: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) signedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'IP address the form was signed from', example: '203.0.113.7' })
  signedIp: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' }) signedUserAgent: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'SHA-256 (hex) of the canonical JSON of the signed content',
    example: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0e',
  })
  signedHash: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) signedBy: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'why it was rejected or cancelled', example: null })
  statusReason: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(c: CommitmentView): CommitmentResponse {
    return {
      id: c.id,
      number: c.number,
      status: c.status,
      collaboratorId: c.collaboratorId,
      collaboratorName: c.collaboratorName,
      collaboratorType: c.collaboratorType,
      programCode: c.programCode,
      programName: c.programName,
      deliveryMode: c.deliveryMode,
      aggregatorId: c.aggregatorId,
      aggregatorName: c.aggregatorName,
      items: c.items.map(CommitmentItemResponse.of),
      totalValue: c.totalValue,
      plannedFrom: c.plannedFrom,
      plannedTo: c.plannedTo,
      notes: c.notes,
      signatoryName: c.signatoryName,
      signatoryTitle: c.signatoryTitle,
      signedAt: c.signedAt,
      signedIp: c.signedIp,
      signedUserAgent: c.signedUserAgent,
      signedHash: c.signedHash,
      signedBy: c.signedBy,
      decidedBy: c.decidedBy,
      decidedAt: c.decidedAt,
      statusReason: c.statusReason,
      createdBy: c.createdBy,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }
}
