import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Aggregator } from '../aggregators/aggregator.entity';

/** A partner system's subscription to events. The secret signs each delivery (HMAC-SHA256). */
@Entity('webhooks')
@Index('ix_webhooks_aggregator', ['aggregatorId'])
export class Webhook {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The owning aggregator; null for a subscription made by Pokja operators. */
  @Column({ type: 'uuid', nullable: true })
  aggregatorId: string | null;

  @ManyToOne(() => Aggregator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'aggregator_id' })
  aggregator?: Aggregator;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', array: true })
  events: string[];

  @Column({ type: 'varchar', length: 128 })
  secret: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
