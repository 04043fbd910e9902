import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Language, LANGUAGES, Role, ROLES } from '@ksbb/core';
import { PageQueryDto, toBool } from '../../platform/pagination.dto';
import { IsEmailAddress } from '../../platform/email-address';

export class CreateUserRequest {
  @ApiProperty({ example: 'petugas@ksbb.jakarta.go.id' }) @IsEmailAddress() email: string;
  @ApiProperty({ minLength: 8, maxLength: 128 }) @IsString() @Length(8, 128) password: string;
  @ApiProperty({ example: 'Budi Santoso' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ format: 'uuid', description: 'required for role collaborator' }) @IsOptional() @IsUUID() collaboratorId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'required for role aggregator' }) @IsOptional() @IsUUID() aggregatorId?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
}

export class UpdateUserRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'false deactivates the account and revokes its sessions' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @ApiPropertyOptional({ minLength: 8, maxLength: 128 }) @IsOptional() @IsString() @Length(8, 128) password?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID() collaboratorId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID() aggregatorId?: string | null;
}

export class UserListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'matches email or name' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}
