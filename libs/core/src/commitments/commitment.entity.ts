import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintNumber, oneOf } from '../database/columns';
import { Aggregator } from '../aggregators/aggregator.entity';
import { Collaborator } from '../collaborators/collaborator.entity';
import { Program } from '../programs/program.entity';

export const COMMITMENT_STATUSES = ['draft', 'submitted', 'approved', 'completed', 'rejected', 'cancelled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const DELIVERY_MODES = ['direct', 'aggregator'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** The signed commitment form (formulir komitmen). Numbered `KOM/{PROGRAM}/{YYYY}/{NNNNNN}` when signed. */
@Entity('commitments')
@Check('ck_commitments_status', oneOf('status', COMMITMENT_STATUSES))
@Check(
  'ck_commitments_mode',
  `(delivery_mode = 'aggregator') = (aggregator_id IS NOT NULL) AND ${oneOf('delivery_mode', DELIVERY_MODES)}`,
)
@Check('ck_commitments_window', 'planned_to >= planned_from')
@Index('ix_commitments_collaborator', ['collaboratorId', 'createdAt'])
@Index('ix_commitments_aggregator', ['aggregatorId', 'createdAt'])
@Index('ix_commitments_program_status', ['programCode', 'status'])
export class Commitment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 48, nullable: true, unique: true })
  number: string | null;

  @Column({ type: 'uuid' })
  collaboratorId: string;

  @ManyToOne(() => Collaborator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'collaborator_id' })
  collaborator?: Collaborator;

  @Column({ type: 'varchar', length: 32 })
  programCode: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', referencedColumnName: 'code' })
  program?: Program;

  @Column({ type: 'varchar', length: 16 })
  deliveryMode: DeliveryMode;

  @Column({ type: 'uuid', nullable: true })
  aggregatorId: string | null;

  @ManyToOne(() => Aggregator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'aggregator_id' })
  aggregator?: Aggregator;

  @Column({ type: 'date' })
  plannedFrom: string;

  @Column({ type: 'date' })
  plannedTo: string;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: CommitmentStatus;

  /** Sum of quantity × unit value over the items, in rupiah. */
  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  totalValue: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signatoryName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signatoryTitle: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  signedIp: string | null;

  @Column({ type: 'varchar', length: 400, nullable: true })
  signedUserAgent: string | null;

  /** SHA-256 of the canonical signed content (the form as it was signed). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  signedHash: string | null;

  @Column({ type: 'uuid', nullable: true })
  signedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
