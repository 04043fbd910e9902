import { JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Aggregator } from '../aggregators/aggregator.entity';

/** An aggregator system's API key. The key is shown once; only its peppered SHA-256 is kept. */
@Entity('api_keys')
@Index('ix_api_keys_aggregator', ['aggregatorId'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  aggregatorId: string;

  @ManyToOne(() => Aggregator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'aggregator_id' })
  aggregator?: Aggregator;

  @Column({ type: 'varchar', length: 100, default: '' })
  name: string;

  @Column({ type: 'varchar', length: 24, unique: true })
  prefix: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
