import { Check, JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Program } from './program.entity';
import { bigintNumber } from '../database/columns';

export const BENEFICIARY_KINDS = [
  'household',
  'person',
  'student',
  'teacher',
  'school',
  'msme',
  'rw',
  'community',
] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];

export const PACKAGE_TARGET_KINDS = ['school', 'msme', 'jakpreneur_msme', 'vendor_site'] as const;
export type PackageTargetKind = (typeof PACKAGE_TARGET_KINDS)[number];

/** An aid package of a program (`sembako`, `tablet`, `Paket Penataan RW Utama`, …). */
@Entity('packages')
@Check('ck_packages_value_range', 'unit_value_min >= 0 AND unit_value_max >= unit_value_min')
@Check('ck_packages_target_kind', "target_kind IS NULL OR target_kind IN ('school','msme','jakpreneur_msme','vendor_site')")
@Index('uq_packages_program_code', ['programCode', 'code'], { unique: true })
export class AidPackage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  programCode: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', referencedColumnName: 'code' })
  program?: Program;

  @Column({ type: 'varchar', length: 48 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  unit: string;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  unitValueMin: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  unitValueMax: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  workItems: string[];

  @Column({ type: 'varchar', length: 32 })
  beneficiaryKind: BeneficiaryKind;

  /**
   * Eligibility as a rule: a need for this package must target an institution of this kind (`jakpreneur_msme`: an
   * MSME that is a Jakpreneur member). Null: any target, or none.
   */
  @Column({ type: 'varchar', length: 20, nullable: true })
  targetKind: PackageTargetKind | null;

  /** Eligibility as a rule: a need for this package must come from this named list (its `source`, e.g. `DTKS`). */
  @Column({ type: 'varchar', length: 48, nullable: true })
  sourceList: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
