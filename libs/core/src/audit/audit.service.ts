import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal, RequestContext } from '../common/request-context';
import { AuditAction, AuditEntity } from './audit-actions';
import { AuditRepository } from './audit.repository';

export interface AuditInput {
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
  /**
   * Who acted, when the request has no principal yet but the actor is known: a login is recorded against the
   * account that logged in, a logout against the account whose session ended. Defaults to the request's principal.
   */
  actor?: Pick<Principal, 'kind' | 'id' | 'role'>;
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

/** Who did it and from where, as every audit row of the current request records it. */
export interface AuditOrigin {
  actorId: string | null;
  actorKind: string;
  actorRole: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The current request's actor (or the given one) and origin (the system's, outside a request). */
export function auditOrigin(actor?: AuditInput['actor']): AuditOrigin {
  const ctx = RequestContext.current();
  const p = actor ?? ctx?.principal;
  return {
    actorId: p?.id ?? null,
    actorKind: p?.kind ?? (ctx ? 'anonymous' : 'system'),
    actorRole: p?.role ?? null,
    ip: ctx?.ip ?? null,
    userAgent: ctx?.userAgent?.slice(0, 400) ?? null,
    requestId: ctx?.requestId ?? null,
  };
}

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Writes one audit row inside the caller's transaction, with the actor and origin of the current request. */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    const { actorId, actorKind, actorRole, ip, userAgent, requestId } = auditOrigin(input.actor);
    await this.audit.insert(manager, {
      actorId,
      actorKind,
      actorRole,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId ?? null,
      before: scrub(input.before),
      after: scrub(input.after),
      ip,
      userAgent,
      requestId,
    });
  }
}
