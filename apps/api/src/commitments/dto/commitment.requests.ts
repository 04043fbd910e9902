import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMMITMENT_STATUSES, CommitmentStatus, DELIVERY_MODES, DeliveryMode } from '@ksbb/core';
import { PageQueryDto } from '../../platform/pagination.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PROGRAM_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

export class CommitmentItemRequest {
  @ApiProperty({ example: 'SEMBAKO', description: 'a package code of the program' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,47}$/)
  packageCode: string;

  @ApiProperty({ example: 100, minimum: 1, maximum: 1_000_000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @ApiProperty({
    example: 250000,
    minimum: 0,
    description:
      "rupiah per unit; must lie within the package's [unitValueMin, unitValueMax] when the package has a range (unitValueMax > 0)",
  })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  unitValue: number;
}

export class CreateCommitmentRequest {
  @ApiProperty({
    format: 'uuid',
    example: 'c4a1e2f3-7b6d-4d5e-8f9a-0b1c2d3e4f5a',
    description: "a collaborator member may only give its own collaborator's id",
  })
  @IsUUID()
  collaboratorId: string;

  @ApiProperty({ example: 'PANGAN', description: 'an open program' })
  @Matches(PROGRAM_CODE)
  programCode: string;

  @ApiProperty({ enum: DELIVERY_MODES, example: 'direct' })
  @IsIn(DELIVERY_MODES)
  deliveryMode: DeliveryMode;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    example: null,
    description:
      'required when deliveryMode is aggregator (an active aggregator serving the program), empty otherwise',
  })
  @IsOptional()
  @IsUUID()
  aggregatorId?: string | null;

  @ApiProperty({
    type: [CommitmentItemRequest],
    minItems: 1,
    maxItems: 50,
    description: 'each package at most once',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CommitmentItemRequest)
  items: CommitmentItemRequest[];

  @ApiProperty({ type: String, format: 'date', example: '2026-01-05' })
  @Matches(DATE, { message: 'plannedFrom must be a date like 2026-01-05' })
  @IsISO8601({ strict: true })
  plannedFrom: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-02-28', description: 'not before plannedFrom' })
  @Matches(DATE, { message: 'plannedTo must be a date like 2026-02-28' })
  @IsISO8601({ strict: true })
  plannedTo: string;

  @ApiPropertyOptional({ example: 'Penyaluran bertahap per RW', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

export class SignCommitmentRequest {
  @ApiProperty({ example: 'Rina Kartika', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  signatoryName: string;

  @ApiProperty({ example: 'Direktur Utama', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  signatoryTitle: string;

  @ApiProperty({
    enum: [true],
    example: true,
    description: 'must be literally true: the signatory agrees to the form',
  })
  @IsBoolean()
  @Equals(true, { message: 'agree must be true' })
  agree: boolean;
}

export class RejectCommitmentRequest {
  @ApiProperty({ example: 'Nilai satuan tidak sesuai dengan spesifikasi paket', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class CancelCommitmentRequest {
  @ApiPropertyOptional({ example: 'Anggaran dialihkan', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class CommitmentListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: COMMITMENT_STATUSES })
  @IsOptional()
  @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  @ApiPropertyOptional({ example: 'PANGAN', description: 'program code' })
  @IsOptional()
  @Matches(PROGRAM_CODE)
  program?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  collaboratorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  aggregatorId?: string;
}
