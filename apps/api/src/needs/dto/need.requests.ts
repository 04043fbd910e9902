import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BoundingBox, NEED_SORT_KEYS, NEED_STATUSES, NeedStatus } from '@ksbb/core';
import { PageQueryDto, toBool } from '../../platform/pagination.dto';

const MAX_INT = 2_147_483_647;
const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PHONE = /^\+?[0-9 ()-]{4,32}$/;
const NOT_BLANK = /\S/;
/** a present field must be valid; null is not a value for it */
const present = (_: object, value: unknown): boolean => value !== undefined;

export class NeedLocationInput {
  @ApiProperty({ example: 106.8272, minimum: -180, maximum: 180 })
  @IsNumber()
  @Min(-180)
  @Max(180)
  lon: number;
  @ApiProperty({ example: -6.1754, minimum: -90, maximum: 90 }) @IsNumber() @Min(-90) @Max(90) lat: number;
}

export class NeedContactInput {
  @ApiProperty({ example: 'Budi Santoso', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK)
  name: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Ketua RW 05', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '+62812345678',
    description: 'digits, spaces, ( ) - and a leading +',
  })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, ( ) - and a leading +)' })
  phone?: string | null;
}

/** Optional fields shared by creating and editing a need. */
class NeedDetailsFields {
  @ApiPropertyOptional({ maxLength: 5000, example: 'Paket sembako untuk keluarga terdampak banjir di RW 05' })
  @ValidateIf(present)
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ example: 40, minimum: 0 })
  @ValidateIf(present)
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  beneficiaryCount?: number;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2021-03-31' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'dueDate must be a date like 2021-03-31' })
  @IsISO8601({ strict: true }, { message: 'dueDate must be a date that exists' })
  dueDate?: string | null;

  @ApiPropertyOptional({ type: NeedLocationInput, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NeedLocationInput)
  location?: NeedLocationInput | null;

  @ApiPropertyOptional({
    type: NeedContactInput,
    nullable: true,
    description: 'the field contact (personal data); null clears it',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NeedContactInput)
  contact?: NeedContactInput | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'BANSOS-2020-000123', maxLength: 120 })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  sourceRef?: string | null;

  @ApiPropertyOptional({
    example: 'bansos',
    maxLength: 48,
    description: 'where the data come from; default manual',
  })
  @ValidateIf(present)
  @IsString()
  @Length(1, 48)
  source?: string;
}

/** The fields an operator may correct on a need; status moves only through the lifecycle endpoints. */
export class UpdateNeedRequest extends NeedDetailsFields {
  @ApiPropertyOptional({ example: 'Sembako untuk 40 KK di RT 003', maxLength: 200 })
  @ValidateIf(present)
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string;

  @ApiPropertyOptional({ example: 40, minimum: 1, description: 'may not drop below allocatedQuantity (409)' })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  quantity?: number;

  @ApiPropertyOptional({ example: '31.71.01.1001.RW05.RT003', description: 'a Jakarta region at any level' })
  @ValidateIf(present)
  @IsString()
  @Length(1, 40)
  regionCode?: string;
}

export class CreateNeedRequest extends NeedDetailsFields {
  @ApiProperty({ example: 'PANGAN' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'programCode must be a program code like PANGAN' })
  programCode: string;

  @ApiProperty({ example: 'SEMBAKO', description: 'a package of that program' })
  @IsString()
  @Length(1, 48)
  packageCode: string;

  @ApiPropertyOptional({
    example: '31.71.01.1001.RW05.RT003',
    description: "a Jakarta region at any level; required unless targetInstitutionId is given (the need then takes the institution's region)",
  })
  @ValidateIf((o: CreateNeedRequest) => !o.targetInstitutionId || o.regionCode !== undefined)
  @IsString()
  @Length(1, 40)
  regionCode?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '8f14e45f-ceea-4e1a-9d7b-3c2a1b0e9f11',
    description: 'the school, MSME or vendor site the need is for; its package may require one of a given kind',
  })
  @IsOptional()
  @IsUUID()
  targetInstitutionId?: string | null;

  @ApiProperty({ example: 'Sembako untuk 40 KK di RT 003', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title: string;

  @ApiProperty({ example: 40, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  quantity: number;
}

const BBOX_MESSAGE =
  'bbox must be minLon,minLat,maxLon,maxLat: four numbers, longitudes within -180..180, latitudes within -90..90, each minimum below its maximum';

const isBoundingBox = (v: unknown): boolean => {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((n) => typeof n === 'number' && Number.isFinite(n)))
    return false;
  const [minLon, minLat, maxLon, maxLat] = v as number[];
  const lonOk = (x: number): boolean => x >= -180 && x <= 180;
  const latOk = (y: number): boolean => y >= -90 && y <= 90;
  return (
    lonOk(minLon) && lonOk(maxLon) && latOk(minLat) && latOk(maxLat) && minLon < maxLon && minLat < maxLat
  );
};

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/;
const toBoundingBox = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value.split(',').map((part) => (NUMBER.test(part) ? Number(part) : NaN))
    : value;
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : value;

export class NeedListQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PANGAN', description: 'program code' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  program?: string;

  @ApiPropertyOptional({ example: 'SEMBAKO', description: 'package code' })
  @IsOptional()
  @IsString()
  @MaxLength(48)
  package?: string;

  @ApiPropertyOptional({
    example: '31.71',
    description: 'a region code: needs in that region and everything under it',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Z.]{1,40}$/, { message: 'region must be a region code like 31.71.01' })
  region?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'open,fully_allocated',
    description: `one status or a comma list of: ${NEED_STATUSES.join(', ')}`,
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(NEED_STATUSES, { each: true, message: `status must be one or more of ${NEED_STATUSES.join(', ')}` })
  status?: NeedStatus[];

  @ApiPropertyOptional({ example: 'sembako', description: 'words in the title' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({
    type: String,
    example: '106.80,-6.20,106.85,-6.15',
    description: 'minLon,minLat,maxLon,maxLat (WGS 84)',
  })
  @IsOptional()
  @Transform(toBoundingBox)
  @ValidateBy({
    name: 'isBoundingBox',
    validator: { validate: isBoundingBox, defaultMessage: () => BBOX_MESSAGE },
  })
  bbox?: BoundingBox;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '8f14e45f-ceea-4e1a-9d7b-3c2a1b0e9f11',
    description: 'only the needs that name this institution as their target',
  })
  @IsOptional()
  @IsUUID()
  targetInstitution?: string;

  @ApiPropertyOptional({ enum: NEED_SORT_KEYS, default: '-createdAt' })
  declare sort?: string;
}

export class NeedImportQuery {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'create new needs already published (open) instead of draft',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  publish?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    example: true,
    description: 'check and count only: answers what would be created and updated and the rejected rows, writes nothing',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;
}
