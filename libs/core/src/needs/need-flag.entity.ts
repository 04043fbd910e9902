import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { oneOf } from '../database/columns';
import { Need } from './need.entity';

export const NEED_FLAG_STATUSES = ['open', 'resolved'] as const;
export type NeedFlagStatus = (typeof NEED_FLAG_STATUSES)[number];

/**
 * A kelurahan officer's report that a need of their area is wrong (wrong place, already served, no such school…),
 * with a reason, for an operator to act on and resolve. At most one open flag per need and officer.
 */
@Entity('need_flags')
@Check('ck_need_flags_status', oneOf('status', NEED_FLAG_STATUSES))
@Check('ck_need_flags_resolution', "(status = 'resolved') = (resolved_at IS NOT NULL)")
@Index('ix_need_flags_status_created', ['status', 'createdAt'])
@Index('ix_need_flags_need', ['needId'])
@Index('uq_need_flags_open', ['needId', 'flaggedBy'], { unique: true, where: "status = 'open'" })
export class NeedFlag {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  needId: string;

  @ManyToOne(() => Need, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: Need;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: NeedFlagStatus;

  @Column({ type: 'uuid' })
  flaggedBy: string;

  /** The kelurahan the flag came from (the officer's, at the time). */
  @Column({ type: 'varchar', length: 40, collation: 'C' })
  kelurahanCode: string;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
