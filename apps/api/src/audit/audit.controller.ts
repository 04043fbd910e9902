import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AUDIT_ACTOR_KINDS, AuditEntry, AuditQueryService, Page } from '@ksbb/core';
import { Roles } from '../platform/auth.decorators';
import { ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { PageQueryDto } from '../platform/pagination.dto';

export class AuditQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'user' }) @IsOptional() @IsString() @MaxLength(48) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'actor id' }) @IsOptional() @IsUUID() actor?: string;
  @ApiPropertyOptional({ example: 'user.created' }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
}

export class AuditEntryResponse {
  @ApiProperty({ example: '1024' }) id: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ enum: AUDIT_ACTOR_KINDS }) actorKind: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actorRole: string | null;
  @ApiProperty({ example: 'user.created' }) action: string;
  @ApiProperty({ example: 'user' }) entity: string;
  @ApiPropertyOptional({ type: String, nullable: true }) entityId: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) before: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) after: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: String, nullable: true }) ip: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) userAgent: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) requestId: string | null;
}

@ApiTags('audit')
@Controller('audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiPage(AuditEntryResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'auditList',
    summary: 'List audit entries',
    description: 'The append-only trail of changes, newest first, filterable by actor, entity and time. 400 on a malformed query.',
  })
  list(@Query() q: AuditQuery): Promise<Page<AuditEntry>> {
    return this.audit.list(q, q);
  }
}
