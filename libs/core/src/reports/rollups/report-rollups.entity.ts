import { Entity, PrimaryColumn } from 'typeorm';
import { RollupMeasures } from './rollup-measures';

/** Current totals per program × RW × need status (codes of 18 characters; coarser codes where a need has no RW). */
@Entity('report_region_rollups')
export class ReportRegionRollup extends RollupMeasures {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  programCode: string;

  @PrimaryColumn({ type: 'varchar', length: 40, collation: 'C' })
  regionCode: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  needStatus: string;
}

/**
 * Current totals per program × kelurahan × need status: the same facts as the RW rollup, folded in the same
 * statement, so reports at kelurahan, kecamatan and city level and the headline numbers sum ~270 rows instead of
 * ~27,000.
 */
@Entity('report_village_rollups')
export class ReportVillageRollup extends RollupMeasures {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  programCode: string;

  @PrimaryColumn({ type: 'varchar', length: 40, collation: 'C' })
  regionCode: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  needStatus: string;
}

/** Net changes per program × Jakarta day × need status: time series and period summaries. */
@Entity('report_daily_rollups')
export class ReportDailyRollup extends RollupMeasures {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  programCode: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  needStatus: string;
}
