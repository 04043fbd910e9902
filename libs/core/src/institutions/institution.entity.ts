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
import type { Point } from 'typeorm';
import { oneOf } from '../database/columns';
import { Region } from '../regions/region.entity';

/** What a need may name as its target: a school, an MSME (UMKM) or a temporary vendor site (Loksem). */
export const INSTITUTION_KINDS = ['school', 'msme', 'vendor_site'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** School levels as Dapodik names them (SLB: special needs; MI/MTs/MA: madrasah under Kemenag). */
export const SCHOOL_LEVELS = ['PAUD', 'TK', 'SD', 'MI', 'SMP', 'MTs', 'SMA', 'MA', 'SMK', 'SLB'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/**
 * Reference data about the places aid goes to. `ref` is the institution's own national id — the NPSN (8 digits) of
 * a school, the NIB (13 digits) of an MSME, the Loksem code of a vendor site — unique within its kind, so imports
 * upsert by (kind, ref). Located in a kelurahan or one of its RWs; the point is optional.
 */
@Entity('institutions')
@Check('ck_institutions_kind', oneOf('kind', INSTITUTION_KINDS))
@Check(
  'ck_institutions_ref',
  "(kind <> 'school' OR ref ~ '^[0-9]{8}$') AND (kind <> 'msme' OR ref ~ '^[0-9]{13}$') AND (kind <> 'vendor_site' OR ref ~ '^[A-Za-z0-9._/-]{1,40}$')",
)
@Check('ck_institutions_level', "(kind = 'school') = (school_level IS NOT NULL)")
@Check('ck_institutions_jakpreneur', "kind = 'msme' OR NOT jakpreneur_member")
@Index('uq_institutions_kind_ref', ['kind', 'ref'], { unique: true })
@Index('ix_institutions_region', ['regionCode'])
@Index('ix_institutions_kind_name', ['kind', 'name'])
@Index('ix_institutions_name_trgm', { synchronize: false })
export class Institution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: InstitutionKind;

  /** NPSN, NIB or Loksem code (see the class comment). */
  @Column({ type: 'varchar', length: 40, collation: 'C' })
  ref: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  schoolLevel: SchoolLevel | null;

  @Column({ type: 'boolean', default: false })
  jakpreneurMember: boolean;

  @Column({ type: 'varchar', length: 500, default: '' })
  address: string;

  /** A kelurahan (village) or, where known, one of its RWs. */
  @Column({ type: 'varchar', length: 40, collation: 'C' })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', referencedColumnName: 'code' })
  region?: Region;

  @Index('ix_institutions_location', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
