/** SQL shared by the fold and the report queries. Identifiers only; every value is a bind parameter. */

import type { NeedStatus } from '../../needs/need.entity';

export const MEASURES = [
  'needs',
  'quantity',
  'allocated',
  'delivered',
  'beneficiaries',
  'beneficiaries_reached',
  'handovers_submitted',
  'handovers_verified',
  'handovers_rejected',
] as const;

/** Need statuses whose quantities count as needed: published and not cancelled. */
export const COUNTED_NEED_STATUSES: readonly NeedStatus[] = [
  'open',
  'fully_allocated',
  'fulfilled',
  'closed',
];

/** Characters of a region code at each reporting level (`31.71` · `31.71.01` · `31.71.01.1001` · `31.71.01.1001.RW01`). */
export const LEVEL_CODE_LENGTH = { city: 5, district: 8, village: 13, rw: 18 } as const;
export type ReportLevel = keyof typeof LEVEL_CODE_LENGTH;

const measureList = MEASURES.join(', ');

/**
 * The rows of a rollup plus the facts not folded into it yet, read in one statement and so one snapshot: the
 * fold deletes facts and adds them to the rollup in one transaction, so the sum is exact whenever it is read.
 * `where` filters both sides (it may use only columns both tables have).
 */
export function rollupWithPendingFacts(
  rollup: 'report_region_rollups' | 'report_village_rollups' | 'report_daily_rollups',
  where: string,
): string {
  const keys =
    rollup === 'report_daily_rollups'
      ? 'program_code, day, need_status'
      : 'program_code, region_code, need_status';
  return `(SELECT ${keys}, ${measureList} FROM ${rollup} WHERE ${where}
           UNION ALL
           SELECT ${keys}, ${measureList} FROM report_facts WHERE ${where})`;
}
