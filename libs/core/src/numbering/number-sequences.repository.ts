import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The gap-free counters behind commitment (KOM) and handover (BAST) numbers. */
@Injectable()
export class NumberSequencesRepository {
  /**
   * Takes the next number of a scope inside the caller's transaction. The upsert locks the counter row until
   * commit, so concurrent callers queue and a rolled-back transaction gives its number back: no gaps, no duplicates.
   */
  async next(manager: EntityManager, scope: string): Promise<number> {
    const rows: { lastValue: number }[] = await manager.query(
      `INSERT INTO number_sequences (scope, last_value) VALUES ($1, 1)
     ON CONFLICT (scope) DO UPDATE SET last_value = number_sequences.last_value + 1
     RETURNING last_value AS "lastValue"`,
      [scope],
    );
    return rows[0].lastValue;
  }
}
