import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { COLLABORATOR_TYPES, CollaboratorType, Language, LANGUAGES } from '@ksbb/core';
import { UserResponse } from '../../users/dto/user.response';
import { IsEmailAddress } from '../../platform/email-address';

export class LoginRequest {
  @ApiProperty({ example: 'operator@demo.ksbb.id' }) @IsEmailAddress() email: string;
  @ApiProperty({ example: 'Kolaborasi2020!' }) @IsString() @Length(1, 128) password: string;
}

export class RefreshRequest {
  @ApiProperty({ example: 'rt_4f1c9a0e2b7d4c3a8e6f5b1d0c9a8e7f.Q2xpZW50U2VjcmV0' }) @IsString() @Length(20, 200) refreshToken: string;
}

export class TokenPairResponse {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI…', description: 'a bearer JWT' }) accessToken: string;
  @ApiProperty({ description: 'single use; rotate with /auth/refresh', example: 'rt_4f1c9a0e2b7d4c3a8e6f5b1d0c9a8e7f.Q2xpZW50U2VjcmV0' }) refreshToken: string;
  @ApiProperty({ example: 900, description: 'access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
}

export class LoginResponse extends TokenPairResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

export class RegistrationCollaboratorDto {
  @ApiProperty({ enum: COLLABORATOR_TYPES, example: 'business' }) @IsIn(COLLABORATOR_TYPES) type: CollaboratorType;
  @ApiProperty({ example: 'PT Maju Bersama' }) @IsString() @Length(2, 200) name: string;
  @ApiPropertyOptional({ example: 'ID', description: 'ISO 3166-1 alpha-2' }) @IsOptional() @IsISO31661Alpha2() country?: string;
  @ApiPropertyOptional({ example: 'AHU-0012345.AH.01.01' }) @IsOptional() @IsString() @MaxLength(64) registrationNumber?: string;
  @ApiPropertyOptional({ example: '01.234.567.8-012.000', description: 'NPWP' }) @IsOptional() @IsString() @MaxLength(32) taxNumber?: string;
  @ApiPropertyOptional({ example: '+62215550123' }) @IsOptional() @Matches(/^\+?[0-9 ()-]{6,32}$/) phone?: string;
  @ApiPropertyOptional({ example: 'Jl. Medan Merdeka Selatan No. 8-9, Jakarta Pusat' }) @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional({ description: 'person in charge', example: 'Rina Wijaya' }) @IsOptional() @IsString() @MaxLength(200) picName?: string;
  @ApiPropertyOptional({ description: 'individuals: show my name on public scorecards', example: false }) @IsOptional() @IsBoolean() publicOptIn?: boolean;
}

export class RegisterRequest {
  @ApiProperty({ example: 'csr@majubersama.co.id' }) @IsEmailAddress() email: string;
  @ApiProperty({ minLength: 8, maxLength: 128, example: 'Gotong-Royong-2026' }) @IsString() @Length(8, 128) password: string;
  @ApiProperty({ example: 'Rina Wijaya' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'id', example: 'id' }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @ApiProperty({ type: RegistrationCollaboratorDto }) @IsObject() @ValidateNested() @Type(() => RegistrationCollaboratorDto) collaborator: RegistrationCollaboratorDto;
}

export class RegisterResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ format: 'uuid' }) collaboratorId: string;
  @ApiProperty({ enum: ['pending'] }) collaboratorStatus: 'pending';
}

export class VerifyEmailRequest {
  @ApiProperty({
    description: 'the `token` parameter of the link in the verification email',
    example: '3f0c5a7e-1b2d-4c3e-9f8a-7b6c5d4e3f21.9c1f0e2d3b4a59687766554433221100ffeeddccbbaa99887766554433221100',
  })
  @IsString()
  @Length(1, 200)
  token: string;
}

export class EmailVerifiedResponse {
  @ApiProperty({ example: true }) emailVerified: boolean;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'collaborators: pending, verified, rejected or suspended', example: 'pending' }) status: string;
  @ApiPropertyOptional() type?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "the operator's reason when rejected or suspended (collaborators)" })
  statusReason?: string | null;
}

export class MeResponse {
  @ApiProperty({ enum: ['user', 'api_key'] }) kind: 'user' | 'api_key';
  @ApiPropertyOptional({ type: UserResponse, nullable: true, description: 'null for an API key' }) user: UserResponse | null;
  @ApiProperty({ type: [String], example: ['operator'] }) roles: string[];
  @ApiPropertyOptional({ type: MembershipDto, nullable: true }) collaborator: MembershipDto | null;
  @ApiPropertyOptional({ type: MembershipDto, nullable: true }) aggregator: MembershipDto | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'set when the caller is an API key' })
  apiKeyId: string | null;
  @ApiProperty({ example: true, description: 'false until a self-registered user opens the link of the verification email (an API key: true)' })
  emailVerified: boolean;
}
