import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../common/request-context';

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
}

/** Fields never written to the audit trail, whatever entity they belong to. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'tokenHash', 'keyHash', 'key', 'secret', 'nik']);

function scrub(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!SECRET_FIELDS.has(k)) out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

@Injectable()
export class AuditService {
  /** Writes one audit row inside the caller's transaction, with the actor and origin of the current request. */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    const ctx = RequestContext.current();
    const p = ctx?.principal;
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_kind, actor_role, action, entity, entity_id, before, after, ip, user_agent, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        p?.id ?? null,
        p?.kind ?? (ctx ? 'anonymous' : 'system'),
        p?.role ?? null,
        input.action,
        input.entity,
        input.entityId ?? null,
        scrub(input.before),
        scrub(input.after),
        ctx?.ip ?? null,
        ctx?.userAgent?.slice(0, 400) ?? null,
        ctx?.requestId ?? null,
      ],
    );
  }
}
