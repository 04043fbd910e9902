import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RollupsRepository } from './rollups.repository';
import { RollupVersion } from './rollup-version';

/** Facts moved per statement: bounds the fold's transaction however far behind it has fallen. */
const BATCH = 20_000;
/** A fold that moved at least this many facts vacuums the delta log at once instead of leaving it to autovacuum. */
export const VACUUM_AFTER_FACTS = 5_000;
/** Reads fold on their own when the oldest pending fact is older than this (the worker normally folds first). */
const STALE_AFTER_MS = 5_000;

export interface FoldResult {
  /** false when another fold held the lock and `wait` was not asked for */
  folded: boolean;
  facts: number;
  commitments: number;
}

/**
 * Folds the append-only delta log into the rollups. One folder at a time (a transaction-scoped advisory lock):
 * the rollup rows are written by this fold only, never by the transactions that claim or deliver, so no rollup
 * row is a hot spot. The worker folds every few seconds; readers that find the log stale fold themselves.
 */
@Injectable()
export class RollupFolder {
  private readonly logger = new Logger(RollupFolder.name);
  private lastCheck = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rollups: RollupsRepository,
    @Optional() private readonly version?: RollupVersion,
  ) {}

  /** Folds everything pending. With `wait`, waits for a running fold instead of skipping. */
  async fold(options: { wait?: boolean } = {}): Promise<FoldResult> {
    const result = await this.dataSource.transaction(async (m): Promise<FoldResult> => {
      if (!(await this.rollups.lock(m, options.wait ?? false))) return { folded: false, facts: 0, commitments: 0 };
      const facts = await this.drain((batch) => this.rollups.foldFacts(m, batch));
      const commitments = await this.drain((batch) => this.rollups.foldCommitments(m, batch));
      if (facts + commitments > 0) this.logger.debug({ facts, commitments }, 'folded report facts');
      return { folded: true, facts, commitments };
    });
    // after the commit: readers that rebuild now see the folded rows
    if (result.facts + result.commitments > 0) await this.version?.changed();
    if (result.facts + result.commitments >= VACUUM_AFTER_FACTS) {
      // best effort: a fold that could not vacuum (e.g. a role that does not own the table) has still folded
      await this.rollups
        .vacuumFacts()
        .catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'could not vacuum report facts'));
    }
    return result;
  }

  /**
   * Folds when the worker seems to be behind (the oldest pending fact is older than a few seconds). Checked at
   * most once per interval per process, so the check itself costs nearly nothing per read.
   */
  async foldIfStale(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCheck < STALE_AFTER_MS) return;
    this.lastCheck = now;
    if (await this.rollups.hasStaleFacts(STALE_AFTER_MS)) await this.fold();
  }

  /** Commitment facts are recomputed, not summed with pending deltas, so their readers fold first. */
  async foldCommitments(): Promise<void> {
    if (await this.rollups.hasDirtyCommitments()) await this.fold({ wait: true });
  }

  /** Rebuilds every rollup from the base tables (repair, or after a bulk load with triggers disabled). */
  async rebuild(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.rollups.lock(m, true);
      await this.rollups.refillFromBaseTables(m);
    });
    await this.version?.changed();
    await this.fold({ wait: true });
  }

  /** Repeats a batch step until a batch comes back short. */
  private async drain(step: (batch: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await step(BATCH);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
