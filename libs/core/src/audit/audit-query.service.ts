import { Injectable } from '@nestjs/common';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import type { Role } from '../common/roles';
import { AuditEntryRow, AuditFilter, AuditRepository } from './audit.repository';

export type { AuditFilter, AuditEntryRow } from './audit.repository';

/** At most this many rows in one CSV export (narrow the filters for more). */
export const AUDIT_EXPORT_CAP = 50_000;

/** Objects whose labels and before → after carry account data: shown to admins only. */
const ADMIN_ONLY_ENTITIES = new Set(['user', 'api_key']);

/**
 * What a reader of the given role may see of a row: admins everything (NIK is never written, see AuditService);
 * operators not the email, before or after of accounts and API keys.
 */
function forRole(row: AuditEntryRow, role: Role | null): AuditEntryRow {
  if (role === 'admin' || !ADMIN_ONLY_ENTITIES.has(row.entity)) return row;
  return { ...row, objectLabel: null, before: null, after: null };
}

@Injectable()
export class AuditQueryService {
  constructor(private readonly audit: AuditRepository) {}

  async list(filter: AuditFilter, page: PageRequest, role: Role | null): Promise<Page<AuditEntryRow>> {
    const sort = resolveSort(
      page.sort,
      { at: 'at', action: 'action', entity: 'entity' },
      { column: 'at', direction: 'DESC' },
    );
    const result = await this.audit.list(filter, page, sort);
    return { ...result, data: result.data.map((row) => forRole(row, role)) };
  }

  /**
   * The filtered trail, newest first, capped at AUDIT_EXPORT_CAP rows, read in chunks. The first chunk is read
   * before this resolves, so a filter the database refuses (e.g. a NUL in an id) fails here, while the caller can
   * still answer with a problem, and not halfway through a streamed file.
   */
  async export(filter: AuditFilter, role: Role | null): Promise<AsyncIterable<AuditEntryRow>> {
    const rows = this.audit.stream(filter, AUDIT_EXPORT_CAP);
    const first = await rows.next();
    async function* all(): AsyncGenerator<AuditEntryRow> {
      if (first.done) return;
      yield forRole(first.value, role);
      for await (const row of rows) yield forRole(row, role);
    }
    return all();
  }
}
