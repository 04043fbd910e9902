import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ALLOCATION_STATUSES, AllocationStatus, AllocationView } from '@ksbb/core';
import { PageQueryDto } from '../../platform/pagination.dto';

export class CreateAllocationRequest {
  @ApiProperty({ format: 'uuid', example: '8d2f3c4b-1a5e-4f6d-9b7c-2e1f0a9b8c7d', description: 'an approved commitment with an item for the need’s package' })
  @IsUUID()
  commitmentId: string;

  @ApiProperty({ format: 'uuid', example: '3b9e7a61-4c2d-4e8f-a1b0-5d6c7e8f9a0b', description: 'an open need of the commitment’s program' })
  @IsUUID()
  needId: string;

  @ApiProperty({ example: 10, minimum: 1, maximum: 1_000_000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}

export class ReleaseAllocationRequest {
  @ApiPropertyOptional({ example: 'Stok tidak mencukupi', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class AllocationListQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() needId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() commitmentId?: string;
  @ApiPropertyOptional({ enum: ALLOCATION_STATUSES })
  @IsOptional()
  @IsIn(ALLOCATION_STATUSES)
  status?: AllocationStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'only allocations whose hold ends before this instant',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiringBefore?: Date;

  @ApiPropertyOptional({
    description:
      'expiresAt (default: expiring soonest first), createdAt, quantity or status; prefix - for descending',
    example: 'expiresAt',
  })
  declare sort?: string;
}

export class AllocationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ALLOCATION_STATUSES }) status: string;
  @ApiProperty({ example: 10 }) quantity: number;
  @ApiProperty({ example: 0 }) deliveredQuantity: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'a reservation not delivered by then expires',
  })
  expiresAt: Date;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the holder was warned',
  })
  warnedAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) endedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) endReason: string | null;
  @ApiProperty({ format: 'uuid' }) needId: string;
  @ApiProperty({ example: 'Sembako RT 003 RW 05 Gambir' }) needTitle: string;
  @ApiProperty({ example: '31.71.01.1001.RW05.RT003' }) regionCode: string;
  @ApiProperty({ example: 'PANGAN' }) programCode: string;
  @ApiProperty({ example: 'SEMBAKO' }) packageCode: string;
  @ApiProperty({ format: 'uuid' }) commitmentId: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'KOM/PANGAN/2026/000001' })
  commitmentNumber: string | null;
  @ApiProperty({ format: 'uuid' }) commitmentItemId: string;
  @ApiProperty({ format: 'uuid' }) collaboratorId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) aggregatorId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(a: AllocationView): AllocationResponse {
    return {
      id: a.id,
      status: a.status,
      quantity: a.quantity,
      deliveredQuantity: a.deliveredQuantity,
      expiresAt: a.expiresAt,
      warnedAt: a.warnedAt,
      endedAt: a.endedAt,
      endReason: a.endReason,
      needId: a.needId,
      needTitle: a.needTitle,
      regionCode: a.regionCode,
      programCode: a.programCode,
      packageCode: a.packageCode,
      commitmentId: a.commitmentId,
      commitmentNumber: a.commitmentNumber,
      commitmentItemId: a.commitmentItemId,
      collaboratorId: a.collaboratorId,
      aggregatorId: a.aggregatorId,
      createdBy: a.createdBy,
      version: a.version,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    };
  }
}
