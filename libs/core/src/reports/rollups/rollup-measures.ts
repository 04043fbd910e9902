import { Column } from 'typeorm';
import { bigintNumber } from '../../database/columns';

/**
 * The additive measures every fact and rollup row carries. Each is a plain sum, so a rollup is the sum of the
 * facts folded into it and a report is the sum of rollup rows plus the facts not folded yet.
 */
export abstract class RollupMeasures {
  /** Needs entering (+1) or leaving (−1) this key. */
  @Column({ type: 'int', default: 0 })
  needs: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  quantity: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  allocated: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  delivered: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  beneficiaries: number;

  /** Beneficiaries in proportion to what was delivered: floor(beneficiaryCount × delivered / quantity) per need. */
  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  beneficiariesReached: number;

  @Column({ type: 'int', default: 0 })
  handoversSubmitted: number;

  @Column({ type: 'int', default: 0 })
  handoversVerified: number;

  @Column({ type: 'int', default: 0 })
  handoversRejected: number;
}
