import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MEASURES } from './rollup-sql';

/** Facts moved per statement: bounds the fold's transaction however far behind it has fallen. */
const BATCH = 20_000;
/** Reads fold on their own when the oldest pending fact is older than this (the worker normally folds first). */
const STALE_AFTER_MS = 5_000;
const FOLD_LOCK = `hashtext('ksbb.reports.fold')`;

export interface FoldResult {
  /** false when another fold held the lock and `wait` was not asked for */
  folded: boolean;
  facts: number;
  commitments: number;
}

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
 * Folds the append-only delta log into the rollups. One folder at a time (a transaction-scoped advisory lock):
 * the rollup rows are written by this fold only, never by the transactions that claim or deliver, so no rollup
 * row is a hot spot. The worker folds every few seconds; readers that find the log stale fold themselves.
 */
@Injectable()
export class RollupFolder {
  private readonly logger = new Logger(RollupFolder.name);
  private lastCheck = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Folds everything pending. With `wait`, waits for a running fold instead of skipping. */
  async fold(options: { wait?: boolean } = {}): Promise<FoldResult> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.lock(m, options.wait ?? false))) return { folded: false, facts: 0, commitments: 0 };
      const facts = await this.drain(m, FOLD_FACTS);
      const commitments = await this.drain(m, FOLD_COMMITMENTS);
      if (facts + commitments > 0) this.logger.debug({ facts, commitments }, 'folded report facts');
      return { folded: true, facts, commitments };
    });
  }

  /**
   * Folds when the worker seems to be behind (the oldest pending fact is older than a few seconds). Checked at
   * most once per interval per process, so the check itself costs nearly nothing per read.
   */
  async foldIfStale(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCheck < STALE_AFTER_MS) return;
    this.lastCheck = now;
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM report_facts WHERE recorded_at < now() - make_interval(secs => $1)) AS stale`,
      [STALE_AFTER_MS / 1000],
    );
    if (row.stale) await this.fold();
  }

  /** Commitment facts are recomputed, not summed with pending deltas, so their readers fold first. */
  async foldCommitments(): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM report_dirty_commitments) AS dirty`,
    );
    if (row.dirty) await this.fold({ wait: true });
  }

  /** Rebuilds every rollup from the base tables (repair, or after a bulk load with triggers disabled). */
  async rebuild(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.lock(m, true);
      await m.query(
        `TRUNCATE report_region_rollups, report_daily_rollups, report_commitment_facts, report_facts`,
      );
      await m.query(`SELECT report_backfill_facts()`);
      await m.query(`INSERT INTO report_dirty_commitments (commitment_id) SELECT id FROM commitments`);
    });
    await this.fold({ wait: true });
  }

  private async lock(m: EntityManager, wait: boolean): Promise<boolean> {
    if (wait) {
      await m.query(`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`);
      return true;
    }
    const [row] = await m.query(`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS ok`);
    return row.ok === true;
  }

  private async drain(m: EntityManager, sql: string): Promise<number> {
    let total = 0;
    for (;;) {
      const [row]: { n: number }[] = await m.query(sql, [BATCH]);
      total += row.n;
      if (row.n < BATCH) return total;
    }
  }
}
