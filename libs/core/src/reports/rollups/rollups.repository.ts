import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MEASURES } from './rollup-sql';

const FOLD_LOCK = `hashtext('ksbb.reports.fold')`;

const sums = MEASURES.map((m) => `sum(${m})`).join(', ');
const list = MEASURES.join(', ');
const addExcluded = MEASURES.map((m) => `${m} = r.${m} + excluded.${m}`).join(', ');

const FOLD_FACTS = `
  WITH moved AS (
    DELETE FROM report_facts WHERE id IN (SELECT id FROM report_facts ORDER BY id LIMIT $1)
    RETURNING program_code, region_code, need_status, day, ${list}
  ), by_region AS (
    INSERT INTO report_region_rollups AS r (program_code, region_code, need_status, ${list})
    SELECT program_code, region_code, need_status, ${sums} FROM moved GROUP BY 1, 2, 3
    ON CONFLICT (program_code, region_code, need_status) DO UPDATE SET ${addExcluded}
  ), by_village AS (
    INSERT INTO report_village_rollups AS r (program_code, region_code, need_status, ${list})
    SELECT program_code, left(region_code, 13), need_status, ${sums} FROM moved GROUP BY 1, 2, 3
    ON CONFLICT (program_code, region_code, need_status) DO UPDATE SET ${addExcluded}
  ), by_day AS (
    INSERT INTO report_daily_rollups AS r (program_code, day, need_status, ${list})
    SELECT program_code, day, need_status, ${sums} FROM moved GROUP BY 1, 2, 3
    ON CONFLICT (program_code, day, need_status) DO UPDATE SET ${addExcluded}
  )
  SELECT count(*)::int AS n FROM moved`;

/**
 * Recomputes the facts of every commitment marked dirty from the committed rows. Markers and base rows are read
 * in one statement (one snapshot), so every change whose marker is consumed here is also visible here.
 */
const FOLD_COMMITMENTS = `
  WITH marked AS (
    DELETE FROM report_dirty_commitments WHERE id IN (SELECT id FROM report_dirty_commitments ORDER BY id LIMIT $1)
    RETURNING commitment_id
  ), ids AS (SELECT DISTINCT commitment_id AS id FROM marked),
  gone AS (
    DELETE FROM report_commitment_facts f USING ids
     WHERE f.commitment_id = ids.id AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.id = ids.id)
  ), upserted AS (
    INSERT INTO report_commitment_facts AS f (
      commitment_id, collaborator_id, program_code, status, planned_to, signed_on, total_value, quantity, allocated,
      delivered, expired_claims, expired_quantity, released_claims, released_quantity, updated_at)
    SELECT c.id, c.collaborator_id, c.program_code, c.status, c.planned_to,
           (c.signed_at AT TIME ZONE 'Asia/Jakarta')::date, c.total_value,
           coalesce(i.quantity, 0), coalesce(i.allocated, 0), coalesce(i.delivered, 0),
           coalesce(a.expired_claims, 0), coalesce(a.expired_quantity, 0),
           coalesce(a.released_claims, 0), coalesce(a.released_quantity, 0), now()
      FROM ids JOIN commitments c ON c.id = ids.id
      LEFT JOIN LATERAL (
        SELECT sum(quantity) AS quantity, sum(allocated_quantity) AS allocated, sum(delivered_quantity) AS delivered
          FROM commitment_items WHERE commitment_id = c.id) i ON true
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE status = 'expired') AS expired_claims,
               sum(quantity) FILTER (WHERE status = 'expired') AS expired_quantity,
               count(*) FILTER (WHERE status = 'released') AS released_claims,
               sum(quantity) FILTER (WHERE status = 'released') AS released_quantity
          FROM allocations WHERE commitment_id = c.id AND status IN ('expired', 'released')) a ON true
    ON CONFLICT (commitment_id) DO UPDATE SET
      collaborator_id = excluded.collaborator_id, program_code = excluded.program_code, status = excluded.status,
      planned_to = excluded.planned_to, signed_on = excluded.signed_on, total_value = excluded.total_value,
      quantity = excluded.quantity, allocated = excluded.allocated, delivered = excluded.delivered,
      expired_claims = excluded.expired_claims, expired_quantity = excluded.expired_quantity,
      released_claims = excluded.released_claims, released_quantity = excluded.released_quantity,
      updated_at = now()
  )
  SELECT (SELECT count(*) FROM marked)::int AS n`;

/**
 * The reporting delta log (`report_facts`, `report_dirty_commitments`) and the rollups it folds into. The fold's
 * statements run in the caller's transaction, under the transaction-scoped fold lock.
 */
@Injectable()
export class RollupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the fold lock for the rest of the transaction; without `wait`, false when another fold holds it. */
  async lock(m: EntityManager, wait: boolean): Promise<boolean> {
    if (wait) {
      await m.query(`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`);
      return true;
    }
    const [row] = await m.query(`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS ok`);
    return row.ok === true;
  }

  /** Moves up to `batch` facts into the RW, village and daily rollups; returns how many. */
  async foldFacts(m: EntityManager, batch: number): Promise<number> {
    const [row]: { n: number }[] = await m.query(FOLD_FACTS, [batch]);
    return row.n;
  }

  /** Recomputes the facts of up to `batch` commitments marked dirty; returns how many markers it consumed. */
  async foldCommitments(m: EntityManager, batch: number): Promise<number> {
    const [row]: { n: number }[] = await m.query(FOLD_COMMITMENTS, [batch]);
    return row.n;
  }

  /**
   * Reclaims the facts a fold deleted. Every report reads the whole (normally near-empty) delta log, so until
   * autovacuum's next pass (a minute or more, later on a busy server) a large fold leaves each read scanning its dead
   * rows: 180,000 of them made a coverage report 2.5 → 150 ms. SKIP_LOCKED: never waits behind another vacuum.
   */
  async vacuumFacts(): Promise<void> {
    await this.dataSource.query(`VACUUM (SKIP_LOCKED) report_facts, report_dirty_commitments`);
  }

  /** Whether a fact older than `olderThanMs` waits to be folded. */
  async hasStaleFacts(olderThanMs: number): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM report_facts WHERE recorded_at < now() - make_interval(secs => $1)) AS stale`,
      [olderThanMs / 1000],
    );
    return row.stale;
  }

  async hasDirtyCommitments(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM report_dirty_commitments) AS dirty`,
    );
    return row.dirty;
  }

  /** Empties the rollups and refills the delta log from the base tables, every commitment marked dirty. */
  async refillFromBaseTables(m: EntityManager): Promise<void> {
    await m.query(
      `TRUNCATE report_region_rollups, report_village_rollups, report_daily_rollups, report_commitment_facts, report_facts`,
    );
    await m.query(`SELECT report_backfill_facts()`);
    await m.query(`INSERT INTO report_dirty_commitments (commitment_id) SELECT id FROM commitments`);
  }
}
