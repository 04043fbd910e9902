import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../platform/validation';
import { AidPackage, BENEFICIARY_KINDS, BeneficiaryKind, PACKAGE_TARGET_KINDS, PackageTargetKind, Program, PROGRAM_STATUSES, ProgramStatus } from '@ksbb/core';

export class ProgramResponse {
  @ApiProperty({ example: 'PANGAN' }) code: string;
  @ApiProperty({ example: 'Pangan' }) name: string;
  @ApiProperty({ example: 'Bantuan pangan bagi keluarga rentan' }) description: string;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) opensAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closesAt: Date | null;
  @ApiProperty({ example: 'Keluarga terdaftar DTKS di DKI Jakarta' }) eligibility: string;
  @ApiProperty({ example: 14, description: 'days a claim is held before it expires' }) claimHoldDays: number;
  @ApiProperty({ example: false, description: 'handovers are verified only after the kelurahan officer confirmed them' }) requiresKelurahanConfirmation: boolean;
  @ApiProperty({ example: 3, description: 'sent back as ETag; the value If-Match expects' }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(p: Program): ProgramResponse {
    return {
      code: p.code,
      name: p.name,
      description: p.description,
      status: p.status,
      opensAt: p.opensAt,
      closesAt: p.closesAt,
      eligibility: p.eligibility,
      claimHoldDays: p.claimHoldDays,
      requiresKelurahanConfirmation: p.requiresKelurahanConfirmation,
      version: p.version,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
}

export class UpdateProgramRequest {
  @ApiPropertyOptional({ example: 'Tenaga Kerja' }) @IsOmittable() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ example: 'Pelatihan dan penempatan kerja bagi warga terdampak' }) @IsOmittable() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ enum: PROGRAM_STATUSES, example: 'open' }) @IsOmittable() @IsIn(PROGRAM_STATUSES) status?: ProgramStatus;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: '2026-01-01T00:00:00+07:00' }) @IsOptional() @Type(() => Date) @IsDate() opensAt?: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: '2026-12-31T23:59:59+07:00' }) @IsOptional() @Type(() => Date) @IsDate() closesAt?: Date | null;
  @ApiPropertyOptional({ example: 'Warga ber-KTP DKI Jakarta usia 18-55 tahun' }) @IsOmittable() @IsString() @MaxLength(5000) eligibility?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 365, example: 14 }) @IsOmittable() @IsInt() @Min(1) @Max(365) claimHoldDays?: number;
  @ApiPropertyOptional({ example: true, description: 'require the kelurahan confirmation before a handover is verified' }) @IsOmittable() @IsBoolean() requiresKelurahanConfirmation?: boolean;
}

// Not `extends UpdateProgramRequest`: class-validator inherits the optional markers, so a required field
// redeclared here would still be skipped when missing (and reach a NOT NULL column as null).
export class CreateProgramRequest extends OmitType(UpdateProgramRequest, ['name'] as const) {
  @ApiProperty({ example: 'TENAGA_KERJA', description: 'upper-case letters, digits and _' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/)
  code: string;

  @ApiProperty({ example: 'Tenaga Kerja' }) @IsString() @Length(1, 200) name: string;
}

export class PackageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PANGAN' }) programCode: string;
  @ApiProperty({ example: 'SEMBAKO' }) code: string;
  @ApiProperty({ example: 'Paket sembako' }) name: string;
  @ApiProperty({ example: 'paket' }) unit: string;
  @ApiProperty({ example: 150000, description: 'rupiah' }) unitValueMin: number;
  @ApiProperty({ example: 300000, description: 'rupiah' }) unitValueMax: number;
  @ApiProperty({ type: [String], example: ['beras 5 kg', 'minyak goreng 2 L', 'gula 1 kg'] }) workItems: string[];
  @ApiProperty({ enum: BENEFICIARY_KINDS }) beneficiaryKind: string;
  @ApiProperty({ enum: [...PACKAGE_TARGET_KINDS, null], nullable: true, example: 'school', description: 'eligibility: the kind of institution a need must target' }) targetKind: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: "eligibility: the source list a need must come from (its `source`, e.g. 'DTKS')" }) sourceList: string | null;
  @ApiProperty({ example: 3, description: 'sent back as ETag; the value If-Match expects' }) version: number;

  static of(p: AidPackage): PackageResponse {
    return {
      id: p.id,
      programCode: p.programCode,
      code: p.code,
      name: p.name,
      unit: p.unit,
      unitValueMin: p.unitValueMin,
      unitValueMax: p.unitValueMax,
      workItems: p.workItems,
      beneficiaryKind: p.beneficiaryKind,
      targetKind: p.targetKind,
      sourceList: p.sourceList,
      version: p.version,
    };
  }
}

export class UpdatePackageRequest {
  @ApiPropertyOptional({ example: 'Paket sembako' }) @IsOmittable() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ example: 'paket' }) @IsOmittable() @IsString() @Length(1, 32) unit?: string;
  @ApiPropertyOptional({ minimum: 0, example: 150000, description: 'rupiah' }) @IsOmittable() @IsInt() @Min(0) @Max(1e13) unitValueMin?: number;
  @ApiPropertyOptional({ minimum: 0, example: 300000, description: 'rupiah' }) @IsOmittable() @IsInt() @Min(0) @Max(1e13) unitValueMax?: number;
  @ApiPropertyOptional({ type: [String], example: ['beras 5 kg', 'minyak goreng 2 L', 'gula 1 kg'] }) @IsOmittable() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) workItems?: string[];
  @ApiPropertyOptional({ enum: BENEFICIARY_KINDS, example: 'household' }) @IsOmittable() @IsIn(BENEFICIARY_KINDS) beneficiaryKind?: BeneficiaryKind;
  @ApiPropertyOptional({ enum: PACKAGE_TARGET_KINDS, nullable: true, example: 'school', description: 'eligibility rule; null clears it' }) @IsOptional() @IsIn(PACKAGE_TARGET_KINDS) targetKind?: PackageTargetKind | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DTKS', description: 'eligibility rule: the source list needs must come from; null clears it' }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,48}$/) sourceList?: string | null;
}

/** Required fields are declared here, not inherited (see CreateProgramRequest). */
export class CreatePackageRequest extends OmitType(UpdatePackageRequest, ['name', 'unit', 'beneficiaryKind'] as const) {
  @ApiProperty({ example: 'SEMBAKO' }) @Matches(/^[A-Z][A-Z0-9_]{1,47}$/) code: string;
  @ApiProperty({ example: 'Paket sembako' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'paket' }) @IsString() @Length(1, 32) unit: string;
  @ApiProperty({ enum: BENEFICIARY_KINDS, example: 'household' }) @IsIn(BENEFICIARY_KINDS) beneficiaryKind: BeneficiaryKind;
}

export class ProgramListQuery {
  @ApiPropertyOptional({ enum: PROGRAM_STATUSES }) @IsOptional() @IsIn(PROGRAM_STATUSES) status?: ProgramStatus;
}
