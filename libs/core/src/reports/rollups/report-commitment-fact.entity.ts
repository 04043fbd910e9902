import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from '../../database/columns';

/**
 * One row per commitment with what the scorecard needs (its items' quantities and its expired and released claims),
 * recomputed by the fold for every commitment marked dirty. Recomputing from committed rows, rather than adding
 * trigger deltas keyed by the commitment's status, cannot drift when a status change and a claim race.
 */
@Entity('report_commitment_facts')
@Index('ix_report_commitment_facts_program', ['programCode', 'collaboratorId'])
@Index('ix_report_commitment_facts_collaborator', ['collaboratorId'])
export class ReportCommitmentFact {
  @PrimaryColumn({ type: 'uuid' })
  commitmentId: string;

  @Column({ type: 'uuid' })
  collaboratorId: string;

  @Column({ type: 'varchar', length: 32 })
  programCode: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'date' })
  plannedTo: string;

  /** The Jakarta day it was signed; null while draft. */
  @Column({ type: 'date', nullable: true })
  signedOn: string | null;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  totalValue: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  quantity: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  allocated: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  delivered: number;

  @Column({ type: 'int', default: 0 })
  expiredClaims: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  expiredQuantity: number;

  @Column({ type: 'int', default: 0 })
  releasedClaims: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  releasedQuantity: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Commitments whose facts must be recomputed, appended by triggers on commitments, their items and allocations. */
@Entity('report_dirty_commitments')
export class ReportDirtyCommitment {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  commitmentId: string;
}
