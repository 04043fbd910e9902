import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { oneOf } from '../database/columns';
import type { Point } from 'typeorm';
import { Aggregator } from '../aggregators/aggregator.entity';
import { Commitment } from '../commitments/commitment.entity';
import { Program } from '../programs/program.entity';
import { Region } from '../regions/region.entity';

export const HANDOVER_STATUSES = ['submitted', 'verified', 'rejected'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export interface HandoverParty {
  name: string;
  title?: string;
  role?: string;
  organization?: string;
}

/** The signed handover record (Berita Acara Serah Terima), numbered `BAST/{PROGRAM}/{YYYY}/{NNNNNN}`. */
@Entity('handovers')
@Check('ck_handovers_status', oneOf('status', HANDOVER_STATUSES))
@Check('ck_handovers_location_accuracy', 'location_accuracy_m IS NULL OR (location IS NOT NULL AND location_accuracy_m BETWEEN 0 AND 100000)')
@Check('ck_handovers_ledger', "(status = 'verified') = (chain_seq IS NOT NULL) AND (chain_seq IS NULL) = (chain_hash IS NULL)")
@Index('ix_handovers_commitment', ['commitmentId'])
@Index('ix_handovers_status_created', ['status', 'createdAt'])
@Index('ix_handovers_program_region', ['programCode', 'regionCode'])
@Index('ix_handovers_aggregator', ['aggregatorId'])
export class Handover {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 48, unique: true })
  bastNumber: string;

  @Column({ type: 'varchar', length: 32 })
  programCode: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', referencedColumnName: 'code' })
  program?: Program;

  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => Commitment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  /** Set when the commitment is routed through an aggregator. */
  @Column({ type: 'uuid', nullable: true })
  aggregatorId: string | null;

  @ManyToOne(() => Aggregator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'aggregator_id' })
  aggregator?: Aggregator;

  @Column({ type: 'timestamptz' })
  handedOverAt: Date;

  @Column({ type: 'varchar', length: 40, collation: 'C' })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', referencedColumnName: 'code' })
  region?: Region;

  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  /** The device's reported accuracy of `location`, in metres (staff only; not part of the signed content). */
  @Column({ type: 'int', nullable: true })
  locationAccuracyM: number | null;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'jsonb' })
  giver: HandoverParty;

  /** name and role; an optional NIK only as `nikHash` (HMAC) and `nikMasked`. */
  @Column({ type: 'jsonb' })
  receiver: HandoverParty & { nikHash?: string; nikMasked?: string };

  @Column({ type: 'jsonb', default: () => "'[]'" })
  witnesses: HandoverParty[];

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: HandoverStatus;

  /** Recipients already present in a verified handover of the same program and year (masked NIKs). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  duplicateWarnings: { nikMasked: string; bastNumber: string }[];

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'varchar', length: 16, default: 'user' })
  submittedByKind: string;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  /** SHA-256 of the canonical signed content, set at verification. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  contentHash: string | null;

  /** SHA-256(previous chainHash + contentHash): the tamper-evident ledger. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  chainHash: string | null;

  /** Position in the ledger (1, 2, 3, …), assigned in strict order at verification. */
  @Column({ type: 'int', nullable: true, unique: true })
  chainSeq: number | null;

  /**
   * The kelurahan officer's electronic confirmation as the witness of the handover: who (account and name as signed)
   * and when. Part of the signed content (and so of the BAST hash) once given.
   */
  @Column({ type: 'uuid', nullable: true })
  kelurahanConfirmedBy: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  kelurahanConfirmedName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  kelurahanConfirmedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
