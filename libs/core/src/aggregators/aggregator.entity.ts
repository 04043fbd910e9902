import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const AGGREGATOR_STATUSES = ['active', 'inactive'] as const;
export type AggregatorStatus = (typeof AGGREGATOR_STATUSES)[number];

/** An official distribution partner (Dompet Dhuafa, Baznas Bazis DKI, …). */
@Entity('aggregators')
export class Aggregator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  name: string;

  /** Look-alike skeleton of the name, written by the database on every insert and update (common/confusable-skeleton.ts). */
  @Index('ix_aggregators_name_skeleton')
  @Column({ type: 'text', select: false, insert: false, update: false })
  nameSkeleton?: string;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  programCodes: string[];

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  regionCodes: string[];

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: AggregatorStatus;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
