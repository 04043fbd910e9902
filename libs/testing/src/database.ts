import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, seedDatabase } from '@ksbb/core';

const SERVER_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const ROOT = join(__dirname, '../../..');

export const dbUrl = (name: string): string => `${SERVER_URL}/${name}`;

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fingerprint of what shapes the template: migrations and seed code (under `database/`), reference data. */
function fingerprint(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|csv)$/.test(f) && !/spec\.ts$/.test(f)) h.update(relative(ROOT, p)).update(readFileSync(p));
    }
  };
  for (const d of ['libs/core/src/database', 'libs/core/data']) walk(join(ROOT, d));
  return h.digest('hex').slice(0, 32);
}

/**
 * The template's name carries the fingerprint of what shaped it, so checkouts with different migrations or seed
 * code (branches, worktrees, CI beside a developer) each keep their own template instead of rebuilding one in turn.
 */
export function templateDb(): string {
  process.env.KSBB_TEST_TEMPLATE ??= `ksbb_tpl_${fingerprint().slice(0, 16)}`;
  return process.env.KSBB_TEST_TEMPLATE;
}

/**
 * Builds the migrated, seeded template database once; each test file then copies it (CREATE DATABASE … TEMPLATE),
 * which takes a fraction of a second. Rebuilt only when migrations or seed code change.
 */
export async function ensureTemplate(): Promise<void> {
  const fp = fingerprint();
  const TEMPLATE_DB = templateDb();
  // Concurrent jest runs (several developers, or watch mode) take turns: the second finds the template built.
  const lock = new Client({ connectionString: dbUrl('postgres') });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('ksbb_test_template'))`);
    const r = await lock.query(`SELECT shobj_description(oid, 'pg_database') AS fp FROM pg_database WHERE datname = $1`, [
      TEMPLATE_DB,
    ]);
    if (r.rows[0]?.fp !== fp) await buildTemplate(fp);
  } finally {
    await lock.end();
  }
}

async function buildTemplate(fp: string): Promise<void> {
  const TEMPLATE_DB = templateDb();
  await withAdmin(async (c) => {
    await c.query(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, [TEMPLATE_DB]);
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: dbUrl(TEMPLATE_DB), DATABASE_POOL_SIZE: 4 }), logging: false });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await seedDatabase(ds, { demoPassword: process.env.DEMO_PASSWORD ?? 'Kolaborasi2020!', demo: true });
  } finally {
    await ds.destroy();
  }
  await withAdmin(async (c) => {
    await c.query(`COMMENT ON DATABASE ${TEMPLATE_DB} IS '${fp}'`);
    await c.query(`UPDATE pg_database SET datistemplate = true WHERE datname = $1`, [TEMPLATE_DB]);
  });
}

/** A private copy of the template for one test file. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `ksbb_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`));
  return {
    name,
    url: dbUrl(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Drops test databases left behind by interrupted runs (their creating process is gone); live runs keep theirs. */
export async function dropStaleTestDatabases(): Promise<void> {
  await withAdmin(async (c) => {
    const r = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'ksbb\\_t\\_%'`);
    for (const { datname } of r.rows as { datname: string }[]) {
      const pid = Number(datname.split('_')[2]);
      if (!alive(pid)) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}
