import { Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A domain event written in the business transaction; the relay moves it to the queues. */
@Entity('outbox_events')
@Index('ix_outbox_unpublished', ['id'], { where: 'published_at IS NULL' })
@Index('ix_outbox_aggregate', ['aggregateType', 'aggregateId'])
export class OutboxEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid', unique: true })
  @Generated('uuid')
  eventId: string;

  /** e.g. `commitment.approved`. */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'varchar', length: 48 })
  aggregateType: string;

  @Column({ type: 'varchar', length: 64 })
  aggregateId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  relayAttempts: number;
}
