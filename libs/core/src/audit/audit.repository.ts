import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** One audit row as written: the actor and origin already resolved, secrets already scrubbed. */
export interface NewAuditRow {
  actorId: string | null;
  actorKind: string;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The audit trail: appended inside business transactions, read by auditors. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: NewAuditRow): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_kind, actor_role, action, entity, entity_id, before, after, ip, user_agent, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        row.actorId,
        row.actorKind,
        row.actorRole,
        row.action,
        row.entity,
        row.entityId,
        row.before,
        row.after,
        row.ip,
        row.userAgent,
        row.requestId,
      ],
    );
  }

  async list(filter: AuditFilter, page: PageRequest, sort: SortSpec): Promise<Page<AuditEntry>> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.entity) qb.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actor) qb.andWhere('a.actorId = :actor', { actor: filter.actor });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    qb.orderBy(`a.${sort.column}`, sort.direction)
      .addOrderBy('a.id', 'DESC')
      .skip(offsetOf(page))
      .take(page.limit);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows, total, page);
  }
}
