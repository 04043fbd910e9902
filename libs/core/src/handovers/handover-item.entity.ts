import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Allocation } from '../allocations/allocation.entity';
import { Handover } from './handover.entity';

/** What was handed over against one allocation. */
@Entity('handover_items')
@Check('ck_handover_items_quantity', 'quantity > 0')
@Index('uq_handover_items_allocation', ['handoverId', 'allocationId'], { unique: true })
@Index('ix_handover_items_allocation', ['allocationId'])
export class HandoverItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  handoverId: string;

  @ManyToOne(() => Handover, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'handover_id' })
  handover?: Handover;

  @Column({ type: 'uuid' })
  allocationId: string;

  @ManyToOne(() => Allocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'allocation_id' })
  allocation?: Allocation;

  @Column({ type: 'int' })
  quantity: number;
}
