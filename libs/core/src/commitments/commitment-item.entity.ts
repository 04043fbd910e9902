import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../database/columns';
import { AidPackage } from '../programs/package.entity';
import { Commitment } from './commitment.entity';

/** One line of a commitment: a package, how many, at what unit value. Claims draw down `allocatedQuantity`. */
@Entity('commitment_items')
@Check('ck_commitment_items_quantities', 'quantity > 0 AND allocated_quantity >= 0 AND allocated_quantity <= quantity AND delivered_quantity >= 0 AND delivered_quantity <= allocated_quantity')
@Check('ck_commitment_items_value', 'unit_value >= 0')
@Index('uq_commitment_items_package', ['commitmentId', 'packageId'], { unique: true })
export class CommitmentItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => Commitment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  @Column({ type: 'uuid' })
  packageId: string;

  @ManyToOne(() => AidPackage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'package_id' })
  package?: AidPackage;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  unitValue: number;

  @Column({ type: 'int', default: 0 })
  allocatedQuantity: number;

  @Column({ type: 'int', default: 0 })
  deliveredQuantity: number;
}
