import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  INSTITUTION_KINDS,
  InstitutionImportResult,
  InstitutionKind,
  InstitutionView,
  InstitutionsReached,
  SCHOOL_LEVELS,
  SchoolLevel,
} from '@ksbb/core';
import { PageQueryDto, toBool } from '../../platform/pagination.dto';
import { NeedLocationInput } from '../../needs/dto/need.requests';

const NOT_BLANK = /\S/;

export class InstitutionRequest {
  @ApiProperty({ enum: INSTITUTION_KINDS, example: 'school' }) @IsIn(INSTITUTION_KINDS) kind: InstitutionKind;
  @ApiProperty({ example: 'SDN Gambir 01 Pagi', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '20100123', description: 'NPSN, 8 digits; required for a school' })
  @IsOptional()
  @IsString()
  npsn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '9120001234567', description: 'NIB, 13 digits; required for an MSME' })
  @IsOptional()
  @IsString()
  nib?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'LOKSEM-JP-014', description: 'Loksem code; required for a vendor site' })
  @IsOptional()
  @IsString()
  siteCode?: string | null;
  @ApiPropertyOptional({ enum: SCHOOL_LEVELS, nullable: true, example: 'SD', description: 'required for a school' })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS)
  schoolLevel?: SchoolLevel | null;
  @ApiPropertyOptional({ example: false, description: 'only for an MSME' })
  @IsOptional()
  @IsBoolean()
  jakpreneurMember?: boolean;
  @ApiPropertyOptional({ example: 'Jl. Kebon Sirih No. 10', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
  @ApiProperty({ example: '31.71.01.1001', description: 'a kelurahan, or an RW of one (….RW05)' })
  @IsString()
  @Length(1, 40)
  regionCode: string;
  @ApiPropertyOptional({ type: NeedLocationInput, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NeedLocationInput)
  location?: NeedLocationInput | null;
}

export class InstitutionListQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'name (part of it), or an exact NPSN / NIB / site code', example: 'Gambir' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: INSTITUTION_KINDS, example: 'school' })
  @IsOptional()
  @IsIn(INSTITUTION_KINDS)
  kind?: InstitutionKind;
  @ApiPropertyOptional({ description: 'the region and everything under it', example: '31.71.01.1001' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  region?: string;
  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  jakpreneurMember?: boolean;
  @ApiPropertyOptional({ enum: ['name', '-name', 'kind', '-kind', 'createdAt', '-createdAt', 'regionCode', '-regionCode'], default: 'name' })
  declare sort?: string;
}

class InstitutionLocation {
  @ApiProperty({ example: 106.8272 }) lon: number;
  @ApiProperty({ example: -6.1754 }) lat: number;
}

export class InstitutionResponse {
  @ApiProperty({ format: 'uuid', example: '8f14e45f-ceea-4e1a-9d7b-3c2a1b0e9f11' }) id: string;
  @ApiProperty({ enum: INSTITUTION_KINDS, example: 'school' }) kind: string;
  @ApiProperty({ example: 'SDN Gambir 01 Pagi' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '20100123' }) npsn: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) nib: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) siteCode: string | null;
  @ApiProperty({ enum: [...SCHOOL_LEVELS, null], nullable: true, example: 'SD' }) schoolLevel: string | null;
  @ApiProperty({ example: false }) jakpreneurMember: boolean;
  @ApiProperty({ example: 'Jl. Kebon Sirih No. 10' }) address: string;
  @ApiProperty({ example: '31.71.01.1001' }) regionCode: string;
  @ApiProperty({ type: String, nullable: true, example: 'Gambir' }) regionName: string | null;
  @ApiProperty({ example: '31.71.01.1001', description: 'the kelurahan the institution is in' }) kelurahanCode: string;
  @ApiProperty({ type: InstitutionLocation, nullable: true }) location: InstitutionLocation | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-01T02:00:00.000Z' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-01T02:00:00.000Z' }) updatedAt: Date;

  static of(i: InstitutionView): InstitutionResponse {
    return { ...i, location: i.location ? { ...i.location } : null };
  }
}

export class InstitutionImportRejection {
  @ApiProperty({ example: 3, description: '1-based line of the CSV (the header is line 1)' }) line: number;
  @ApiProperty({ type: [String], example: ['npsn "123" must be 8 digits'] }) errors: string[];
}

export class InstitutionImportResponse {
  @ApiProperty({ example: 120 }) inserted: number;
  @ApiProperty({ example: 4 }) updated: number;
  @ApiProperty({ type: [InstitutionImportRejection] }) rejected: InstitutionImportRejection[];

  static of(r: InstitutionImportResult): InstitutionImportResponse {
    return { inserted: r.inserted, updated: r.updated, rejected: r.rejected.map((x) => ({ ...x })) };
  }
}

export class InstitutionsReachedRow {
  @ApiProperty({ enum: INSTITUTION_KINDS, example: 'school' }) kind: string;
  @ApiProperty({ example: 12, description: 'institutions targeted by a published need' }) targeted: number;
  @ApiProperty({ example: 7, description: 'institutions that received at least one verified delivery' }) delivered: number;
}

export class InstitutionsReachedResponse {
  @ApiProperty({ type: [InstitutionsReachedRow] }) data: InstitutionsReachedRow[];

  static of(rows: InstitutionsReached[]): InstitutionsReachedResponse {
    const byKind = new Map(rows.map((r) => [r.kind, r]));
    return {
      data: INSTITUTION_KINDS.map((kind) => ({
        kind,
        targeted: byKind.get(kind)?.targeted ?? 0,
        delivered: byKind.get(kind)?.delivered ?? 0,
      })),
    };
  }
}

export class TargetReportQuery {
  @ApiPropertyOptional({ example: 'PENDIDIKAN', description: 'one program only' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/)
  program?: string;
  @ApiPropertyOptional({
    enum: ['json', 'csv', 'xlsx'],
    example: 'csv',
    description: 'csv: a download (UTF-8 with BOM); xlsx: a workbook with the figures and an info sheet',
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
  @ApiPropertyOptional({ enum: ['id', 'en'], example: 'en', description: 'the language of the CSV / XLSX headers' })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class TargetReportRowResponse {
  @ApiProperty({ enum: INSTITUTION_KINDS, example: 'school' }) kind: string;
  @ApiProperty({ example: 120, description: 'institutions of this kind on record' }) registered: number;
  @ApiProperty({ example: 40, description: 'institutions targeted by a published need' }) targeted: number;
  @ApiProperty({ example: 25, description: 'institutions with at least one verified delivery' }) reached: number;
  @ApiProperty({ example: 44, description: 'published needs targeting institutions of this kind' }) needs: number;
  @ApiProperty({ example: 1320, description: 'units needed' }) quantity: number;
  @ApiProperty({ example: 900, description: 'units claimed by donors' }) allocated: number;
  @ApiProperty({ example: 610, description: 'units delivered (verified)' }) delivered: number;
}

export class TargetReportResponse {
  @ApiProperty({ type: String, nullable: true, example: 'PENDIDIKAN' }) programCode: string | null;
  @ApiProperty({ type: [TargetReportRowResponse] }) rows: TargetReportRowResponse[];
}
