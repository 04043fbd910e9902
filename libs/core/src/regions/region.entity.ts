import { Check, Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { oneOf } from '../database/columns';
import type { Geometry, Point } from 'typeorm';

export const REGION_LEVELS = ['province', 'city', 'district', 'village', 'rw', 'rt'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

@Entity('regions')
@Check('ck_regions_level', oneOf('level', REGION_LEVELS))
@Index('ix_regions_parent', ['parentCode'])
@Index('ix_regions_level_code', ['level', 'code'])
@Index('ix_regions_name_trgm', { synchronize: false })
export class Region {
  /** Kemendagri code, RW/RT appended (`31.71.01.1001.RW05.RT003`). C collation so `LIKE 'prefix%'` uses the PK. */
  @PrimaryColumn({ type: 'varchar', length: 40, collation: 'C' })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  level: RegionLevel;

  @Column({ type: 'varchar', length: 40, nullable: true, collation: 'C' })
  parentCode: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', referencedColumnName: 'code' })
  parent?: Region;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index('ix_regions_point', { spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  point: Point | null;

  @Column({ type: 'geometry', spatialFeatureType: 'Geometry', srid: 4326, nullable: true })
  boundary: Geometry | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  pointSource: string | null;
}
