import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  AUDIT_ACTIONS,
  AUDIT_ACTOR_KINDS,
  AUDIT_ENTITIES,
  AuditEntryRow,
  AuditFilter,
  AuditQueryService,
  auditCsv,
  Page,
  Principal,
  ROLES,
} from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { ApiFile, fileResponse } from '../platform/file-response';
import { ApiPage, ApiProblems } from '../platform/openapi.decorators';
import { PageQueryDto } from '../platform/pagination.dto';

const WIB_OFFSET_MS = 7 * 3600_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * `from`/`to` in WIB: a date alone is that whole day in WIB (`from` its start, `to` the start of the next day, so
 * `to` includes the day); a date-time without an offset is WIB; one with `Z` or an offset is taken as it is.
 * Anything else stays a string and fails validation (400).
 */
export const wibInstant =
  (end: boolean) =>
  ({ value }: { value: unknown }): unknown => {
    if (typeof value !== 'string') return value;
    let ms: number;
    if (DATE_ONLY.test(value))
      ms = Date.parse(`${value}T00:00:00Z`) - WIB_OFFSET_MS + (end ? 24 * 3600_000 : 0);
    else if (LOCAL_DATE_TIME.test(value)) ms = Date.parse(`${value}Z`) - WIB_OFFSET_MS;
    else ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(ms) ? value : new Date(ms);
  };

/** The filters of the list and of the CSV export. */
export class AuditFilterQuery {
  @ApiPropertyOptional({ enum: AUDIT_ENTITIES, example: 'collaborator', description: 'the type of object' })
  @IsOptional()
  @IsIn(AUDIT_ENTITIES)
  entity?: string;

  @ApiPropertyOptional({
    example: '0b9e3c3e-5f0e-4a57-9d6c-2f8d1c0c2a11',
    description: 'the object’s id (a program’s code)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    description: 'the acting user’s or API key’s id',
  })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    description: 'deprecated: use actorId',
    deprecated: true,
  })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, example: 'collaborator.verified' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional({
    type: String,
    example: '2026-12-01',
    description: 'from this instant on; a date alone is its start in WIB, a date-time without offset is WIB',
  })
  @IsOptional()
  @Transform(wibInstant(false))
  @IsDate({ message: 'must be an ISO 8601 date or date-time' })
  from?: Date;

  @ApiPropertyOptional({
    type: String,
    example: '2026-12-03',
    description:
      'before this instant; a date alone includes that whole day in WIB, a date-time without offset is WIB',
  })
  @IsOptional()
  @Transform(wibInstant(true))
  @IsDate({ message: 'must be an ISO 8601 date or date-time' })
  to?: Date;
}

/** The filters plus `page`, `limit` and `sort`. */
export class AuditQuery extends IntersectionType(PageQueryDto, AuditFilterQuery) {}

function filterOf(q: AuditFilterQuery): AuditFilter {
  return {
    entity: q.entity,
    entityId: q.entityId,
    actor: q.actorId ?? q.actor,
    action: q.action,
    from: q.from,
    to: q.to,
  };
}

export class AuditActorAggregator {
  @ApiProperty({ format: 'uuid', example: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5' }) id: string;
  @ApiProperty({ type: String, nullable: true, example: 'Yayasan Pangan Jakarta' }) name: string | null;
}

export class AuditActor {
  @ApiProperty({ enum: AUDIT_ACTOR_KINDS, example: 'user' }) kind: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  })
  id: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Siti Operator',
    description: 'the user’s or API key’s name',
  })
  name: string | null;
  @ApiPropertyOptional({ enum: ROLES, nullable: true, example: 'operator' }) role: string | null;
  @ApiPropertyOptional({
    type: AuditActorAggregator,
    nullable: true,
    description: 'the aggregator an API key belongs to',
  })
  aggregator: AuditActorAggregator | null;
}

/** The admin SPA's page for an object, when it has one. */
function linkOf(entity: string, id: string | null, label: string | null): string | null {
  if (!id) return null;
  switch (entity) {
    case 'commitment':
      return `/commitments/${id}`;
    case 'handover':
      return `/handovers/${id}`;
    case 'need':
      return `/needs/${id}/edit`;
    case 'aggregator':
      return `/aggregators/${id}`;
    case 'collaborator':
      return label ? `/collaborators?q=${encodeURIComponent(label)}` : '/collaborators';
    case 'program':
    case 'package':
      return '/programs';
    default:
      return null;
  }
}

export class AuditObject {
  @ApiProperty({ enum: AUDIT_ENTITIES, example: 'handover' }) type: string;
  @ApiProperty({ type: String, nullable: true, example: '0b9e3c3e-5f0e-4a57-9d6c-2f8d1c0c2a11' }) id:
    | string
    | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'BAST/2026/000123',
    description:
      'KOM number, BAST number, need title, organisation or key name; an account’s email for admins only',
  })
  label: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/handovers/0b9e3c3e-5f0e-4a57-9d6c-2f8d1c0c2a11',
    description: 'the admin SPA path of the object',
  })
  link: string | null;
}

export class AuditEntryResponse {
  @ApiProperty({ example: '1024' }) id: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: AuditActor }) actor: AuditActor;
  @ApiProperty({ type: AuditObject }) object: AuditObject;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ enum: AUDIT_ACTOR_KINDS }) actorKind: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actorRole: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'handover.verified' }) action: string;
  @ApiProperty({ enum: AUDIT_ENTITIES, example: 'handover' }) entity: string;
  @ApiPropertyOptional({ type: String, nullable: true }) entityId: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) before: Record<
    string,
    unknown
  > | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) after: Record<
    string,
    unknown
  > | null;
  @ApiPropertyOptional({ type: String, nullable: true }) ip: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) userAgent: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) requestId: string | null;

  static of(r: AuditEntryRow): AuditEntryResponse {
    return {
      id: r.id,
      at: r.at,
      actor: {
        kind: r.actorKind,
        id: r.actorId,
        name: r.actorName,
        role: r.actorRole,
        aggregator: r.actorAggregatorId ? { id: r.actorAggregatorId, name: r.actorAggregatorName } : null,
      },
      object: {
        type: r.entity,
        id: r.entityId,
        label: r.objectLabel,
        link: linkOf(r.entity, r.entityId, r.objectLabel),
      },
      actorId: r.actorId,
      actorKind: r.actorKind,
      actorRole: r.actorRole,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      ip: r.ip,
      userAgent: r.userAgent,
      requestId: r.requestId,
    };
  }
}

@ApiTags('audit')
@Controller('audit')
@Roles(...STAFF)
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiPage(AuditEntryResponse)
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'auditList',
    summary: 'List audit entries',
    description:
      'The append-only trail of changes, newest first: who acted (the user with name and role, or the API key with ' +
      'its aggregator), what they did (a stable action key) and to which object (labelled by its KOM or BAST ' +
      'number, title or name, with its admin page). Filterable by actor, object, action and time (WIB). Accounts ' +
      'and API keys are labelled, with their before → after, for admins only. 400 on a malformed query.',
  })
  async list(
    @Query() q: AuditQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<AuditEntryResponse>> {
    const page = await this.audit.list(filterOf(q), q, principal.role);
    return { ...page, data: page.data.map(AuditEntryResponse.of) };
  }

  @Get('export.csv')
  @ApiFile(
    'the filtered audit entries as CSV (UTF-8 with BOM), newest first, at most 50 000 rows',
    'text/csv',
  )
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'auditExportCsv',
    summary: 'Export audit entries as CSV',
    description:
      'The same filters as the list; one line per entry with time (WIB), actor, action and object, read and ' +
      'streamed in chunks, capped at 50 000 rows (narrow the filters for more). Cells a spreadsheet would run as ' +
      'a formula are defused. 400 on a malformed query.',
  })
  async exportCsv(
    @Query() q: AuditFilterQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const rows = await this.audit.export(filterOf(q), principal.role);
    return fileResponse(auditCsv(rows), {
      type: 'text/csv; charset=utf-8',
      name: `audit-${day}.csv`,
      disposition: 'attachment',
    });
  }
}
