import { Injectable } from '@nestjs/common';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';
import { AuditFilter, AuditRepository } from './audit.repository';

export type { AuditFilter } from './audit.repository';

@Injectable()
export class AuditQueryService {
  constructor(private readonly audit: AuditRepository) {}

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const sort = resolveSort(
      page.sort,
      { at: 'at', action: 'action', entity: 'entity' },
      { column: 'at', direction: 'DESC' },
    );
    return this.audit.list(filter, page, sort);
  }
}
