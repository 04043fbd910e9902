import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { KELURAHAN_CODE, Language, LANGUAGES, Role, ROLES } from '@ksbb/core';
import { PageQueryDto, toBool } from '../../platform/pagination.dto';
import { IsEmailAddress } from '../../platform/email-address';

export class CreateUserRequest {
  @ApiProperty({ example: 'petugas@ksbb.jakarta.go.id' }) @IsEmailAddress() email: string;
  @ApiProperty({ minLength: 8, maxLength: 128, example: 'Gotong-Royong-2026' }) @IsString() @Length(8, 128) password: string;
  @ApiProperty({ example: 'Budi Santoso' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ROLES, example: 'operator' }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ format: 'uuid', example: 'c4a1e2f3-7b6d-4d5e-8f9a-0b1c2d3e4f5a', description: 'required for role collaborator' }) @IsOptional() @IsUUID() collaboratorId?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '3b9e7a61-4c2d-4e8f-a1b0-5d6c7e8f9a0b', description: 'required for role aggregator' }) @IsOptional() @IsUUID() aggregatorId?: string;
  @ApiPropertyOptional({ example: '31.71.01.1001', description: 'the kelurahan code; required for role kelurahan' }) @IsOptional() @Matches(KELURAHAN_CODE, { message: 'kelurahanCode must be a kelurahan code like 31.71.01.1001' }) kelurahanCode?: string;
  @ApiPropertyOptional({ enum: LANGUAGES, example: 'id' }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
}

export class UpdateUserRequest {
  @ApiPropertyOptional({ example: 'Budi Santoso' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: ROLES, example: 'viewer' }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'false deactivates the account and revokes its sessions', example: true }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: LANGUAGES, example: 'en' }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @ApiPropertyOptional({ minLength: 8, maxLength: 128, example: 'Gotong-Royong-2027' }) @IsOptional() @IsString() @Length(8, 128) password?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, example: null }) @IsOptional() @IsUUID() collaboratorId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, example: null }) @IsOptional() @IsUUID() aggregatorId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '31.71.01.1001' }) @IsOptional() @Matches(KELURAHAN_CODE, { message: 'kelurahanCode must be a kelurahan code like 31.71.01.1001' }) kelurahanCode?: string | null;
}

export class UserListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'matches email or name' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}
