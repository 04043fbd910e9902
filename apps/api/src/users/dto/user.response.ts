import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGES, ROLES, User } from '@ksbb/core';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'operator@demo.ksbb.id' }) email: string;
  @ApiProperty({ example: 'Siti Rahmawati' }) name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) collaboratorId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) aggregatorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '31.71.01.1001', description: 'the kelurahan of a kelurahan officer' }) kelurahanCode: string | null;
  @ApiProperty({ enum: LANGUAGES }) language: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 1 }) version: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastLoginAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(u: User): UserResponse {
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      collaboratorId: u.collaboratorId,
      aggregatorId: u.aggregatorId,
      kelurahanCode: u.kelurahanCode ?? null,
      language: u.language,
      active: u.active,
      version: u.version,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
    };
  }
}
