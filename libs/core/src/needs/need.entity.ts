import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { oneOf } from '../database/columns';
import type { Point } from 'typeorm';
import { AidPackage } from '../programs/package.entity';
import { Program } from '../programs/program.entity';
import { Region } from '../regions/region.entity';
import { Institution } from '../institutions/institution.entity';

export const NEED_STATUSES = [
  'draft',
  'open',
  'fully_allocated',
  'fulfilled',
  'closed',
  'cancelled',
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/**
 * What the government published as needed at one place. `allocatedQuantity` is the sum of active claims and
 * `deliveredQuantity` the sum of verified deliveries; both change only through single atomic statements, and the
 * CHECK constraints make over-allocation impossible whatever the concurrency.
 */
@Entity('needs')
@Check('ck_needs_status', oneOf('status', NEED_STATUSES))
@Check(
  'ck_needs_quantities',
  'quantity > 0 AND allocated_quantity >= 0 AND allocated_quantity <= quantity AND delivered_quantity >= 0 AND delivered_quantity <= allocated_quantity',
)
@Check('ck_needs_beneficiaries', 'beneficiary_count >= 0')
@Index('uq_needs_program_source_ref', ['programCode', 'sourceRef'], { unique: true })
@Index('ix_needs_program_status', ['programCode', 'status'])
@Index('ix_needs_region', ['regionCode'])
@Index('ix_needs_package', ['packageId'])
@Index('ix_needs_status_created', ['status', 'createdAt'])
@Index('ix_needs_title_trgm', { synchronize: false })
@Index('ix_needs_target_institution', ['targetInstitutionId'])
export class Need {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  programCode: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', referencedColumnName: 'code' })
  program?: Program;

  @Column({ type: 'uuid' })
  packageId: string;

  @ManyToOne(() => AidPackage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'package_id' })
  package?: AidPackage;

  @Column({ type: 'varchar', length: 40, collation: 'C' })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', referencedColumnName: 'code' })
  region?: Region;

  /** The school, MSME or vendor site the need is for; its region then is the institution's (set by the server). */
  @Column({ type: 'uuid', nullable: true })
  targetInstitutionId: string | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_institution_id' })
  targetInstitution?: Institution;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int', default: 0 })
  allocatedQuantity: number;

  @Column({ type: 'int', default: 0 })
  deliveredQuantity: number;

  @Column({ type: 'int', default: 0 })
  beneficiaryCount: number;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: NeedStatus;

  /** Provenance: e.g. `bansos`, `cap_2019`, `jakpreneur`, `disdik`. */
  @Column({ type: 'varchar', length: 48 })
  source: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  sourceRef: string | null;

  @Index('ix_needs_location', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  /** The field contact (Ketua RW, Loksem coordinator): personal data, shown only to operators and claim holders. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contactRole: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
