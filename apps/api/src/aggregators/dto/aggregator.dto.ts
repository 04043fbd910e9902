import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Aggregator, AGGREGATOR_STATUSES, AggregatorStatus } from '@ksbb/core';
import { PageQueryDto } from '../../platform/pagination.dto';
import { IsEmailAddress } from '../../platform/email-address';

const OptionalNotNull = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const PROGRAM_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
const REGION_CODE = /^[0-9]{2}(\.[0-9A-Z]{1,6}){0,5}$/;

export class AggregatorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Dompet Dhuafa' }) name: string;
  @ApiProperty({ type: [String], example: ['PANGAN', 'UMKM'] }) programCodes: string[];
  @ApiProperty({
    type: [String],
    example: ['31'],
    description: 'region codes it works in (31 is all of DKI Jakarta)',
  })
  regionCodes: string[];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ksbb@dompetdhuafa.example.org' }) email:
    | string
    | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '+62 21 5550 9001' }) phone: string | null;
  @ApiProperty({ enum: AGGREGATOR_STATUSES }) status: AggregatorStatus;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(a: Aggregator): AggregatorResponse {
    return {
      id: a.id,
      name: a.name,
      programCodes: a.programCodes,
      regionCodes: a.regionCodes,
      email: a.email,
      phone: a.phone,
      status: a.status,
      version: a.version,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    };
  }
}

const NAME_DOC: ApiPropertyOptions = { example: 'Rumah Zakat', description: 'unique, regardless of case' };
const PROGRAM_CODES_DOC: ApiPropertyOptions = {
  type: [String],
  example: ['PANGAN', 'PENDIDIKAN'],
  description: 'existing program codes',
};

/** Optional in every body. */
class AggregatorDetailsRequest {
  @ApiPropertyOptional({ type: [String], example: ['31.71', '31.72'], description: 'existing region codes' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(REGION_CODE, { each: true })
  regionCodes?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ksbb@rumahzakat.example.org' })
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+62215559003' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,32}$/)
  phone?: string | null;

  @ApiPropertyOptional({
    enum: AGGREGATOR_STATUSES,
    example: 'active',
    description: 'an inactive aggregator takes no new commitments',
  })
  @OptionalNotNull()
  @IsIn(AGGREGATOR_STATUSES)
  status?: AggregatorStatus;
}

export class UpdateAggregatorRequest extends AggregatorDetailsRequest {
  @ApiPropertyOptional(NAME_DOC)
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name?: string;

  @ApiPropertyOptional(PROGRAM_CODES_DOC)
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(PROGRAM_CODE, { each: true })
  programCodes?: string[];
}

export class CreateAggregatorRequest extends AggregatorDetailsRequest {
  @ApiProperty(NAME_DOC) @Transform(trim) @IsString() @Length(2, 200) name: string;

  @ApiProperty(PROGRAM_CODES_DOC)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(PROGRAM_CODE, { each: true })
  programCodes: string[];
}

export class AggregatorListQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PANGAN', description: 'aggregators serving this program' })
  @IsOptional()
  @Matches(PROGRAM_CODE)
  program?: string;

  @ApiPropertyOptional({ enum: AGGREGATOR_STATUSES })
  @IsOptional()
  @IsIn(AGGREGATOR_STATUSES)
  status?: AggregatorStatus;

  @ApiPropertyOptional({ description: 'matches the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
