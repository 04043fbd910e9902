import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { BulkIdsRequest } from '../../platform/bulk';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  COLLABORATOR_STATUSES,
  COLLABORATOR_TYPES,
  CollaboratorStatus,
  CollaboratorType,
  CollaboratorWithLookAlikes,
  LOOK_ALIKE_KINDS,
  LookAlikeKind,
} from '@ksbb/core';
import { PageQueryDto } from '../../platform/pagination.dto';
import { IsEmailAddress } from '../../platform/email-address';

/** May be left out, but not sent as null: the column has no "unknown" value. */
const OptionalNotNull = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class LookAlikeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Yayasan Peduli', description: "the organisation's name, or the account's email" }) name: string;
  @ApiProperty({ enum: LOOK_ALIKE_KINDS }) kind: LookAlikeKind;
}

export class CollaboratorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: COLLABORATOR_TYPES }) type: CollaboratorType;
  @ApiProperty({ example: 'PT Maju Bersama' }) name: string;
  @ApiProperty({ example: 'ID', description: 'ISO 3166-1 alpha-2' }) country: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'NIB 8120001234567' }) registrationNumber:
    | string
    | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '01.234.567.8-012.000', description: 'NPWP' })
  taxNumber: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'csr@majubersama.co.id' }) email:
    | string
    | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '+62 21 5550 0123' }) phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) address: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'person in charge', example: 'Rina Wijaya' }) picName:
    | string
    | null;
  @ApiProperty({ enum: COLLABORATOR_STATUSES }) status: CollaboratorStatus;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'why it was rejected or suspended' })
  statusReason: string | null;
  @ApiProperty({ description: 'individuals: shown by name on public scorecards' }) publicOptIn: boolean;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when it was last verified',
  })
  verifiedAt: Date | null;
  @ApiProperty({ example: 1, description: 'user accounts belonging to it' }) memberCount: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiPropertyOptional({
    type: [LookAlikeResponse],
    description:
      'operators and admins only (absent for anyone else): other collaborators and aggregators whose name looks the ' +
      'same (equal Unicode confusable skeletons, ignoring case and spaces, e.g. a Greek "Ρ" for a Latin "P"), and, ' +
      "for admins, accounts outside this collaborator whose email looks like a member's. Empty when none.",
  })
  lookAlikes?: LookAlikeResponse[];

  static of(c: CollaboratorWithLookAlikes): CollaboratorResponse {
    return {
      id: c.id,
      type: c.type,
      name: c.name,
      country: c.country,
      registrationNumber: c.registrationNumber,
      taxNumber: c.taxNumber,
      email: c.email,
      phone: c.phone,
      address: c.address,
      picName: c.picName,
      status: c.status,
      statusReason: c.statusReason,
      publicOptIn: c.publicOptIn,
      verifiedAt: c.verifiedAt,
      memberCount: c.memberCount,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      ...(c.lookAlikes ? { lookAlikes: c.lookAlikes.map(({ id, name, kind }) => ({ id, name, kind })) } : {}),
    };
  }
}

/** Optional in every body. Send null to clear one that may be empty. */
class CollaboratorDetailsRequest {
  @ApiPropertyOptional({ example: 'ID', description: 'ISO 3166-1 alpha-2' })
  @OptionalNotNull()
  @IsISO31661Alpha2()
  country?: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'AHU-0012345.AH.01.01' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  registrationNumber?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '01.234.567.8-012.000', description: 'NPWP' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  taxNumber?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'csr@majubersama.co.id' })
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '+62215550123' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,32}$/)
  phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Jl. Jend. Sudirman Kav. 52-53, Jakarta Selatan' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'person in charge', example: 'Rina Wijaya' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  picName?: string | null;
  @ApiPropertyOptional({ description: 'individuals: show my name on public scorecards', example: false })
  @OptionalNotNull()
  @IsBoolean()
  publicOptIn?: boolean;
}

/**
 * A member may edit its own profile; Pokja may also change the type. Status is never writable here: it changes
 * only through verify, reject and suspend.
 */
export class UpdateCollaboratorRequest extends CollaboratorDetailsRequest {
  @ApiPropertyOptional({ example: 'PT Maju Bersama' })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name?: string;

  @ApiPropertyOptional({ enum: COLLABORATOR_TYPES, example: 'business', description: 'Pokja only; a member sending it gets 403' })
  @OptionalNotNull()
  @IsIn(COLLABORATOR_TYPES)
  type?: CollaboratorType;
}

export class CreateCollaboratorRequest extends CollaboratorDetailsRequest {
  @ApiProperty({ enum: COLLABORATOR_TYPES, example: 'business' }) @IsIn(COLLABORATOR_TYPES) type: CollaboratorType;
  @ApiProperty({ example: 'PT Maju Bersama' }) @Transform(trim) @IsString() @Length(2, 200) name: string;
}

export class StatusReasonRequest {
  @ApiProperty({ example: 'the deed of establishment is missing', maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason: string;
}

/** A member account of a collaborator, as Pokja sees it on the collaborator's page. */
export class MemberResponse {
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' }) id: string;
  @ApiProperty({ example: 'Rina Wijaya' }) name: string;
  @ApiProperty({ example: 'rina@majubersama.co.id' }) email: string;
  @ApiProperty({ example: true }) active: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: '2026-11-02T03:15:00.000Z' })
  lastLoginAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-10-01T02:00:00.000Z' }) createdAt: Date;

  static of(u: { id: string; name: string; email: string; active: boolean; lastLoginAt: Date | null; createdAt: Date }): MemberResponse {
    return { id: u.id, name: u.name, email: u.email, active: u.active, lastLoginAt: u.lastLoginAt, createdAt: u.createdAt };
  }
}

/** Several collaborators rejected for the same reason. */
export class BulkRejectRequest extends IntersectionType(BulkIdsRequest, StatusReasonRequest) {}

export class CollaboratorListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: COLLABORATOR_TYPES })
  @IsOptional()
  @IsIn(COLLABORATOR_TYPES)
  type?: CollaboratorType;
  @ApiPropertyOptional({ enum: COLLABORATOR_STATUSES })
  @IsOptional()
  @IsIn(COLLABORATOR_STATUSES)
  status?: CollaboratorStatus;
  @ApiPropertyOptional({ description: 'matches name, email, registration or tax number' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
