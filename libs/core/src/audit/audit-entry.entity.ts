import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PRINCIPAL_KINDS } from '../common/request-context';

/** Who acted: a principal's kind, or `anonymous` for a request without one (a login, a registration). */
export const AUDIT_ACTOR_KINDS = [...PRINCIPAL_KINDS, 'anonymous'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** Who did what, when, from where, before → after. Append-only. */
@Entity('audit_log')
@Index('ix_audit_entity', ['entity', 'entityId', 'at'])
@Index('ix_audit_actor', ['actorId', 'at'])
@Index('ix_audit_at', ['at'])
@Index('ix_audit_action', ['action', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** One of AUDIT_ACTOR_KINDS. */
  @Column({ type: 'varchar', length: 16 })
  actorKind: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  actorRole: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 48 })
  entity: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 400, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
