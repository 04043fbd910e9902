import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest, resolveSort } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const sort = resolveSort(page.sort, { at: 'at', action: 'action', entity: 'entity' }, { column: 'at', direction: 'DESC' });
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.entity) qb.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actor) qb.andWhere('a.actorId = :actor', { actor: filter.actor });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    qb.orderBy(`a.${sort.column}`, sort.direction).addOrderBy('a.id', 'DESC').skip(offsetOf(page)).take(page.limit);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows, total, page);
  }
}
