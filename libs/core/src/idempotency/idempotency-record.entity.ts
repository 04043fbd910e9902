import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A remembered POST, keyed by SHA-256(caller, method, path, Idempotency-Key). Kept 24 h. */
@Entity('idempotency_keys')
@Index('ix_idempotency_expires', ['expiresAt'])
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scopeHash: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** `in_progress` or `completed`. */
  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ type: 'varchar', length: 100, nullable: true })
  responseContentType: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
