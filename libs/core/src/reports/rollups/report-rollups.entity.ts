import { Entity, PrimaryColumn } from 'typeorm';
import { RollupMeasures } from './rollup-measures';

/** Current totals per program × village × need status: coverage, the public map and headline numbers. */
@Entity('report_region_rollups')
export class ReportRegionRollup extends RollupMeasures {
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
