import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { HANDOVER_STATUSES, HandoverStatus } from '@ksbb/core';
import { PageQueryDto, toBool } from '../../platform/pagination.dto';

const NIK_DESCRIPTION =
  'NIK: 16 digits with a valid province code and birth date. Stored only as a keyed hash plus a mask ' +
  '(`3171********0001`); never returned, never logged';

export class HandoverItemRequest {
  @ApiProperty({ format: 'uuid', example: '8d2f3c4b-1a5e-4f6d-9b7c-2e1f0a9b8c7d', description: 'a reserved or partially delivered allocation' })
  @IsUUID()
  allocationId: string;

  @ApiProperty({
    example: 10,
    minimum: 1,
    maximum: 1_000_000,
    description: 'at most the allocation’s quantity − delivered − what pending handovers already name',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}

export class HandoverLocationRequest {
  @ApiProperty({ example: '31.71.01.1001.RW05', description: 'a village (kelurahan), RW or RT code' })
  @IsString()
  @Matches(/^[0-9A-Z.]{2,40}$/)
  regionCode: string;

  @ApiPropertyOptional({
    example: 106.8272,
    minimum: -180,
    maximum: 180,
    description: 'with lat, or neither',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon?: number;

  @ApiPropertyOptional({ example: -6.1754, minimum: -90, maximum: 90 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({
    example: 12,
    minimum: 0,
    maximum: 100_000,
    description:
      'the accuracy of lon/lat in whole metres, as the device reported it (Geolocation API `coords.accuracy`, rounded); ' +
      'only with lon and lat. Shown to staff, never public',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  accuracyM?: number;

  @ApiProperty({ example: 'Balai Warga RW 05, Jl. Tanah Abang II', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  address: string;
}

export class GiverRequest {
  @ApiProperty({ example: 'Rina Kartika', maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ example: 'Manajer CSR', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: 'PT Demo Peduli Sesama', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organization?: string;
}

export class ReceiverRequest {
  @ApiProperty({ example: 'Budi Santoso', maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'Ketua RW 05', maxLength: 200 }) @IsString() @Length(1, 200) role: string;
  @ApiPropertyOptional({ example: 'RW 05 Kelurahan Gambir', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organization?: string;

  @ApiPropertyOptional({ example: '3171014506900001', description: NIK_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  nik?: string;
}

export class WitnessRequest {
  @ApiProperty({ example: 'Sari Wulandari', maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'Lurah', maxLength: 200 }) @IsString() @Length(1, 200) role: string;
  @ApiPropertyOptional({ example: 'Kelurahan Gambir', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organization?: string;
}

export class RecipientRequest {
  @ApiProperty({ example: '3171014506900001', description: NIK_DESCRIPTION })
  @IsString()
  @MaxLength(32)
  nik: string;

  @ApiProperty({ example: 'Siti Aminah', maxLength: 200, description: 'shown to Pokja staff only' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class CreateHandoverRequest {
  @ApiProperty({
    type: [HandoverItemRequest],
    minItems: 1,
    maxItems: 100,
    description: 'allocations of one approved commitment, each at most once',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => HandoverItemRequest)
  items: HandoverItemRequest[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2026-01-12T03:30:00Z',
    description: 'not in the future',
  })
  @IsISO8601({ strict: true })
  handedOverAt: string;

  @ApiProperty({ type: HandoverLocationRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => HandoverLocationRequest)
  location: HandoverLocationRequest;

  @ApiProperty({ type: GiverRequest, description: 'PIHAK PERTAMA: who hands over' })
  @IsObject()
  @ValidateNested()
  @Type(() => GiverRequest)
  giver: GiverRequest;

  @ApiProperty({ type: ReceiverRequest, description: 'PIHAK KEDUA: who receives, e.g. the Ketua RW' })
  @IsObject()
  @ValidateNested()
  @Type(() => ReceiverRequest)
  receiver: ReceiverRequest;

  @ApiProperty({ type: [WitnessRequest], maxItems: 20, description: 'e.g. the kelurahan officer, Satpol PP' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WitnessRequest)
  witnesses: WitnessRequest[];

  @ApiPropertyOptional({
    type: [RecipientRequest],
    maxItems: 5000,
    description: 'beneficiaries; each NIK at most once',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => RecipientRequest)
  recipients?: RecipientRequest[];

  @ApiPropertyOptional({ example: 'Diterima dalam keadaan baik', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

export class VerifyHandoverRequest {
  @ApiPropertyOptional({
    example: false,
    description:
      'required (true) when recipients already appear in a verified handover of the same program and year; the override is audited',
  })
  @IsOptional()
  @IsBoolean()
  acknowledgeDuplicates?: boolean;
}

export class RejectHandoverRequest {
  @ApiProperty({ example: 'Foto serah terima tidak terbaca', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class HandoverListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: HANDOVER_STATUSES })
  @IsOptional()
  @IsIn(HANDOVER_STATUSES)
  status?: HandoverStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  commitmentId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60',
    description: 'only handovers with an item delivered against this need',
  })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '0b9e3c3e-5f0e-4a57-9d6c-2f8d1c0c2a11',
    description: 'only handovers of commitments routed to this aggregator',
  })
  @IsOptional()
  @IsUUID()
  aggregatorId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    example: false,
    description:
      'true: only handovers the kelurahan officer has confirmed as witness; false: only those not confirmed (yet)',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  kelurahanConfirmed?: boolean;

  @ApiPropertyOptional({ example: 'PANGAN', description: 'program code' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/)
  program?: string;

  @ApiPropertyOptional({
    description:
      'createdAt (default, newest first), handedOverAt, bastNumber, status, decidedAt or chainSeq; prefix - for descending',
    example: '-createdAt',
  })
  declare sort?: string;
}
