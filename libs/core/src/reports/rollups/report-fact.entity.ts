import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RollupMeasures } from './rollup-measures';

/**
 * The append-only delta log. Database triggers on needs and handovers write one row per (program, village, need
 * status) a statement changed, inside the writing transaction; the fold moves them into the rollups. Writers only
 * ever INSERT here, so no claim waits on another claim's rollup row.
 */
@Entity('report_facts')
export class ReportFact extends RollupMeasures {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  programCode: string;

  /** The region cut to village level (`31.71.01.1001`); shorter codes stay as they are. */
  @Column({ type: 'varchar', length: 40, collation: 'C' })
  regionCode: string;

  /** The need status the measures belong to; '' for handover facts. */
  @Column({ type: 'varchar', length: 20 })
  needStatus: string;

  /** The Jakarta calendar day the change was committed on. */
  @Column({ type: 'date' })
  day: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
