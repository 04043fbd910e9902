import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { oneOf } from '../database/columns';
import { CommitmentItem } from '../commitments/commitment-item.entity';
import { Commitment } from '../commitments/commitment.entity';
import { Need } from '../needs/need.entity';

import { ALLOCATION_STATUSES, type AllocationStatus } from '../common/allocation-status';

export { ACTIVE_ALLOCATION_STATUSES, ALLOCATION_STATUSES } from '../common/allocation-status';
export type { AllocationStatus } from '../common/allocation-status';

/** A claim of part of a need against an approved commitment item. */
@Entity('allocations')
@Check('ck_allocations_status', oneOf('status', ALLOCATION_STATUSES))
@Check('ck_allocations_quantities', 'quantity > 0 AND delivered_quantity >= 0 AND delivered_quantity <= quantity')
@Index('ix_allocations_need_status', ['needId', 'status'])
@Index('ix_allocations_commitment', ['commitmentId', 'status'])
@Index('ix_allocations_item', ['commitmentItemId'])
@Index('ix_allocations_expiry', ['expiresAt'], { where: "status = 'reserved'" })
export class Allocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => Commitment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  @Column({ type: 'uuid' })
  commitmentItemId: string;

  @ManyToOne(() => CommitmentItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commitment_item_id' })
  commitmentItem?: CommitmentItem;

  @Column({ type: 'uuid' })
  needId: string;

  @ManyToOne(() => Need, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'need_id' })
  need?: Need;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int', default: 0 })
  deliveredQuantity: number;

  @Column({ type: 'varchar', length: 24, default: 'reserved' })
  status: AllocationStatus;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** When the holder was warned that the claim is about to expire (once). */
  @Column({ type: 'timestamptz', nullable: true })
  warnedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
