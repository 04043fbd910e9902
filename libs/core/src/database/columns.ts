import { ValueTransformer } from 'typeorm';

/** bigint columns (rupiah, large counters) come back from node-postgres as strings; we keep them as numbers
 * (every amount we handle is far below 2^53). */
export const bigintNumber: ValueTransformer = {
  to: (v?: number | null) => v,
  from: (v?: string | null) => (v === null || v === undefined ? v : Number(v)),
};

/** The CHECK that a column holds one of a list's values, as the migrations spell it: `status IN ('a','b')`. */
export function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((value) => `'${value}'`).join(',')})`;
}
