import type { DataSource, QueryRunner } from 'typeorm';
import type { CollaboratorType } from '../../collaborators/collaborator.entity';
import { REGION_LEVELS, RegionLevel } from '../../regions/region.entity';
import { seedAggregators } from './aggregators.seed';
import { seedDemoAccounts } from './demo-accounts.seed';
import { DEMO_COLLABORATOR_COUNTS } from './demo-collaborators.data';
import { seedDemoCollaborators } from './demo-collaborators.seed';
import { seedNeighbourhoodUnits } from './neighbourhood-units.seed';
import { seedPackages, seedPrograms } from './programs.seed';
import { readRegionsCsv } from './regions-csv';
import { seedReferenceRegions } from './regions.seed';

export interface SeedOptions {
  /** Password of every demo account created by this run (existing accounts keep theirs). */
  demoPassword: string;
  /** Demo accounts and collaborators; reference data (regions, programs, packages, aggregators) always. */
  demo: boolean;
  log?: (msg: string) => void;
}

/** Row counts after seeding (whole tables, not just what this run inserted). */
export interface SeedSummary {
  regions: number;
  regionsByLevel: Record<RegionLevel, number>;
  programs: number;
  packages: number;
  aggregators: number;
  collaborators: number;
  collaboratorsByType: Record<CollaboratorType, number>;
  users: number;
}

/** Serialises concurrent seeds (two deploys starting at once) instead of letting them race on the same keys. */
const SEED_LOCK_KEY = 'ksbb:seed';

/**
 * Idempotent, set-based seed in one transaction: every insert is a single multi-row statement that skips rows
 * already present, so a second run changes nothing and takes a fraction of a second.
 */
export async function seedDatabase(ds: DataSource, opts: SeedOptions): Promise<SeedSummary> {
  const log = opts.log ?? (() => undefined);
  if (opts.demo && opts.demoPassword.length < 8) {
    throw new Error('demoPassword must have at least 8 characters');
  }
  const regionRows = readRegionsCsv();

  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_KEY]);
    // generate_series is estimated at 1,000 rows per call, so the RT insert looks like 267 million rows and would
    // spend half a second compiling JIT code for what is really 30,000.
    await runner.query('SET LOCAL jit = off');

    const step = async (what: string, run: () => Promise<number | Record<string, number>>): Promise<void> => {
      const started = Date.now();
      const inserted = await run();
      log(`${what}: inserted ${JSON.stringify(inserted)} in ${Date.now() - started} ms`);
    };
    await step('regions', () => seedReferenceRegions(runner, regionRows));
    const villages = regionRows.filter((r) => r.level === 'village');
    await step('rw/rt units', () => seedNeighbourhoodUnits(runner, villages));
    await step('programs', () => seedPrograms(runner));
    await step('packages', () => seedPackages(runner));
    await step('aggregators', () => seedAggregators(runner));
    if (opts.demo) {
      await step('demo collaborators', () => seedDemoCollaborators(runner));
      await step('demo accounts', () => seedDemoAccounts(runner, opts.demoPassword));
    }

    const summary = await countRows(runner);
    await runner.commitTransaction();
    return summary;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

async function countRows(runner: QueryRunner): Promise<SeedSummary> {
  const [tables]: Record<'programs' | 'packages' | 'aggregators' | 'users', number>[] = await runner.query(
    `SELECT (SELECT count(*) FROM programs)::int    AS programs,
            (SELECT count(*) FROM packages)::int    AS packages,
            (SELECT count(*) FROM aggregators)::int AS aggregators,
            (SELECT count(*) FROM users)::int       AS users`,
  );
  const regionsByLevel = await countBy<RegionLevel>(runner, 'regions', 'level', REGION_LEVELS);
  const collaboratorTypes = Object.keys(DEMO_COLLABORATOR_COUNTS) as CollaboratorType[];
  const collaboratorsByType = await countBy<CollaboratorType>(
    runner,
    'collaborators',
    'type',
    collaboratorTypes,
  );
  return {
    regions: sum(regionsByLevel),
    regionsByLevel,
    ...tables,
    collaborators: sum(collaboratorsByType),
    collaboratorsByType,
    users: tables.users,
  };
}

/** Counts per value of a column; table and column come from this file only, never from input. */
async function countBy<K extends string>(
  runner: QueryRunner,
  table: string,
  column: string,
  keys: readonly K[],
): Promise<Record<K, number>> {
  const rows: { key: string; count: number }[] = await runner.query(
    `SELECT ${column} AS key, count(*)::int AS count FROM ${table} GROUP BY ${column}`,
  );
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of rows) counts[row.key as K] = row.count;
  return counts;
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}
