import { EntityManager } from 'typeorm';

/**
 * Takes the next number of a scope inside the caller's transaction. The upsert locks the counter row until
 * commit, so concurrent callers queue and a rolled-back transaction gives its number back: no gaps, no duplicates.
 */
export async function nextNumber(manager: EntityManager, scope: string): Promise<number> {
  const rows: { lastValue: number }[] = await manager.query(
    `INSERT INTO number_sequences (scope, last_value) VALUES ($1, 1)
     ON CONFLICT (scope) DO UPDATE SET last_value = number_sequences.last_value + 1
     RETURNING last_value AS "lastValue"`,
    [scope],
  );
  return rows[0].lastValue;
}

/** `KOM/PANGAN/2026/000001` */
export function formatNumber(kind: 'KOM' | 'BAST', programCode: string, year: number, n: number): string {
  return `${kind}/${programCode}/${year}/${String(n).padStart(6, '0')}`;
}

/** Numbers run per program and calendar year in Jakarta time (WIB, UTC+7), where forms and handovers are signed. */
export function jakartaYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}
