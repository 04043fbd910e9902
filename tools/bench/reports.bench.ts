/**
 * Reporting benchmark at the scale of all Jakarta, in one run:
 *   1. a scratch database, migrated and seeded with reference data, then loaded set-based (reports-seed.ts);
 *   2. the coverage report's p50/p95 through ReportsService (rollups) next to the live GROUP BY over the needs;
 *   3. GET /public/needs/map throughput (the API as its own process) next to a bare node:http server serving the
 *      same bytes, both measured with autocannon run programmatically from this process.
 *
 *   node -r ./tools/ts-register.js tools/bench/reports.bench.ts
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CoreModule, dataSourceOptions, loadConfig, ReportsModule, ReportsService, RollupFolder, seedDatabase } from '@ksbb/core';
import { seedJakartaScale } from './reports-seed';
import { fmt, freePort, median, percentile, pinned, Row, startApi } from './support';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations.
const autocannon = require('autocannon') as Autocannon;

const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DB = process.env.BENCH_REPORTS_DB ?? 'ksbb_bench_reports';
const DB_URL = `${SERVER}/${DB}`;
const REPORT_RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 200);
const LIVE_RUNS = Number(process.env.BENCH_LIVE_RUNS ?? 30);
const CANNON_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

const log = (msg: string): void => {
  process.stdout.write(`${msg}\n`);
};

async function freshDatabase(): Promise<void> {
  const admin = new Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** The coverage numbers straight from the base table: what the report would cost without rollups. */
const LIVE_COVERAGE = `
  SELECT g.code, r.name, g.needs, g.quantity, g.allocated, g.delivered, g.available
    FROM (SELECT left(region_code, $1) AS code, count(*) AS needs, sum(quantity) AS quantity,
                 sum(allocated_quantity) AS allocated, sum(delivered_quantity) AS delivered,
                 sum(quantity - allocated_quantity) FILTER (WHERE status = 'open') AS available
            FROM needs WHERE status IN ('open', 'fully_allocated', 'fulfilled', 'closed') AND length(region_code) >= $1
           GROUP BY 1) g
    JOIN regions r ON r.code = g.code ORDER BY g.code`;

async function bareServer(body: Buffer, etag: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const file = join(tmpdir(), `ksbb-bench-map-${process.pid}.json`);
  writeFileSync(file, body);
  const port = await freePort();
  const script = `
    const body = require('fs').readFileSync(${JSON.stringify(file)});
    require('http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/geo+json; charset=utf-8', 'content-length': body.length,
        'cache-control': 'public, max-age=30', etag: ${JSON.stringify(etag)} });
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`;
  const [cmd, args] = pinned(0, process.execPath, ['-e', script]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * What the triggers add to a claim: the claim's need update (one transaction each, 8 clients at once, all on needs of
 * ONE village so a rollup row per village would be their shared hot spot) with the reporting triggers on and off.
 */
async function writePathCost(ds: DataSource, databaseUrl: string): Promise<void> {
  const CLIENTS = 8;
  const PER_CLIENT = 400;
  const [{ village }] = await ds.query(
    `SELECT left(region_code, 13) AS village FROM needs GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const ids: string[] = (
    await ds.query(`SELECT id FROM needs WHERE region_code LIKE $1 || '%' AND status = 'open'`, [village])
  ).map((r: { id: string }) => r.id);
  await ds.query(`UPDATE needs SET quantity = quantity + 10000 WHERE id = ANY($1::uuid[])`, [ids]);
  const claimLike = `UPDATE needs SET allocated_quantity = allocated_quantity + 1, version = version + 1, updated_at = now()
                      WHERE id = $1 AND status = 'open' AND quantity - allocated_quantity >= 1`;
  const round = async (): Promise<{ tps: number; p50: number; p95: number }> => {
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const c = new Client({ connectionString: databaseUrl });
        await c.connect();
        return c;
      }),
    );
    const samples: number[] = [];
    const started = Date.now();
    await Promise.all(
      clients.map(async (c, k) => {
        for (let i = 0; i < PER_CLIENT; i++) {
          const t = process.hrtime.bigint();
          await c.query(claimLike, [ids[(k * PER_CLIENT + i) % ids.length]]);
          samples.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    await Promise.all(clients.map((c) => c.end()));
    return {
      tps: (CLIENTS * PER_CLIENT) / seconds,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
    };
  };
  log(
    `\nclaim-like need updates, ${CLIENTS} clients × ${PER_CLIENT}, all in village ${village} (${ids.length} needs):`,
  );
  // Alternating rounds (on, off, on, off, …) so warm-up and background load fall on both sides; medians reported.
  const on: { tps: number; p50: number; p95: number }[] = [];
  const off: typeof on = [];
  for (let i = 0; i < 3; i++) {
    on.push(await round());
    await ds.query(`ALTER TABLE needs DISABLE TRIGGER trg_needs_report_upd`);
    off.push(await round());
    await ds.query(`ALTER TABLE needs ENABLE TRIGGER trg_needs_report_upd`);
  }
  const mid = (xs: { tps: number; p50: number; p95: number }[], k: 'tps' | 'p50' | 'p95'): number =>
    median(xs.map((x) => x[k]));
  log(
    `  reporting triggers on  | ${fmt(mid(on, 'tps'))} tx/s | p50 ${fmt(mid(on, 'p50'), 2)} ms | p95 ${fmt(mid(on, 'p95'), 2)} ms (median of 3)`,
  );
  log(
    `  reporting triggers off | ${fmt(mid(off, 'tps'))} tx/s | p50 ${fmt(mid(off, 'p50'), 2)} ms | p95 ${fmt(mid(off, 'p95'), 2)} ms (median of 3)`,
  );
  const [{ waits }] = await ds.query(`SELECT count(*)::int AS waits FROM report_facts`);
  log(
    `  facts appended by the rounds with triggers (not folded yet): ${waits}; no rollup row was touched by a claim`,
  );
}

/**
 * The reporting section of `npm run bench`: loads Jakarta-scale data into `databaseUrl` (migrated and seeded with the
 * reference data), prints the details and returns the headline rows.
 */
export async function benchReports(databaseUrl: string, seconds = CANNON_SECONDS): Promise<Row[]> {
  Logger.overrideLogger(['error', 'warn']);
  const ds = new DataSource({
    ...dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 4 }),
    logging: false,
  });
  await ds.initialize();
  log('loading Jakarta-scale data:');
  let started = Date.now();
  const counts = await seedJakartaScale(ds, log);
  log(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  // The reports concern as the API wires it (its repositories are private to its module).
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4' });
  @Module({ imports: [CoreModule.forRoot(config, 'ksbb-bench'), ReportsModule] })
  class BenchReportsModule {}
  const context = await NestFactory.createApplicationContext(BenchReportsModule, { logger: false });
  const folder = context.get(RollupFolder);
  started = Date.now();
  const folded = await folder.fold({ wait: true });
  log(
    `folded ${folded.facts} facts and ${folded.commitments} commitments in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const reports = context.get(ReportsService);
  const [rollupRows] = await ds.query(`SELECT count(*)::int AS n FROM report_region_rollups`);
  log(`\ncoverage report (${rollupRows.n} rollup rows vs ${counts.needs} needs):`);
  log(`  level     | rollups p50 / p95 (ms) | live GROUP BY p50 / p95 (ms) | ratio p50`);
  const coverage: Record<string, { fast: { p50: number }; slow: { p50: number } }> = {};
  for (const level of ['village', 'district', 'city'] as const) {
    const length = level === 'village' ? 13 : level === 'district' ? 8 : 5;
    const check = await reports.coverage(level);
    const live = await ds.query(LIVE_COVERAGE, [length]);
    if (check.rows.length !== live.length) throw new Error(`coverage rows differ at ${level}`);
    const fast = await timed(REPORT_RUNS, () => reports.coverage(level));
    const slow = await timed(LIVE_RUNS, () => ds.query(LIVE_COVERAGE, [length]));
    coverage[level] = { fast, slow };
    log(
      `  ${level.padEnd(9)} | ${fmt(fast.p50, 2).padStart(8)} / ${fmt(fast.p95, 2).padEnd(11)} | ` +
        `${fmt(slow.p50, 1).padStart(10)} / ${fmt(slow.p95, 1).padEnd(15)} | ${fmt(slow.p50 / fast.p50, 0)}×`,
    );
  }
  await context.close();
  await writePathCost(ds, databaseUrl);
  await ds.destroy();

  log(
    `\nGET /public/needs/map?level=village — ${CONNECTIONS} connections, ${seconds} s each (server on core 0):`,
  );
  const api = await startApi(databaseUrl);
  let map: { api: number; bare: number; stats: number };
  try {
    const path = '/api/v1/public/needs/map?level=village';
    const first = await fetch(`${api.url}${path}`);
    const body = Buffer.from(await first.arrayBuffer());
    const features = (JSON.parse(body.toString()) as { features: unknown[] }).features.length;
    log(`  body: ${fmt(body.length / 1024, 1)} KiB, ${features} features`);
    const bare = await bareServer(body, first.headers.get('etag') ?? '');
    try {
      const run = (url: string): Promise<AutocannonResult> =>
        autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
      await run(`${api.url}${path}`); // warm-up
      const ksbb = await run(`${api.url}${path}`);
      const node = await run(`${bare.url}${path}`);
      // The same API pipeline (rate limit in Redis, auth guard, request context, metrics) with a 1 KiB body.
      const small = await run(`${api.url}/api/v1/public/stats`);
      map = { api: ksbb.requests.average, bare: node.requests.average, stats: small.requests.average };
      log(`  server          | req/s      | p50 ms | p99 ms | non-2xx`);
      log(
        `  KSBB API        | ${fmt(ksbb.requests.average).padStart(10)} | ${String(ksbb.latency.p50).padStart(6)} | ${String(ksbb.latency.p99).padStart(6)} | ${ksbb.non2xx}`,
      );
      log(
        `  bare node:http  | ${fmt(node.requests.average).padStart(10)} | ${String(node.latency.p50).padStart(6)} | ${String(node.latency.p99).padStart(6)} | ${node.non2xx}`,
      );
      log(
        `  KSBB API, /public/stats (1 KiB) | ${fmt(small.requests.average)} req/s: the pipeline's own ceiling`,
      );
      log(`  API / bare: ${fmt((map.api / map.bare) * 100, 0)} %`);
    } finally {
      await bare.stop();
    }
  } finally {
    await api.stop();
  }
  const village = coverage.village;
  return [
    {
      name: 'coverage report p50 (village): live GROUP BY ÷ rollups',
      product: `${fmt(village.fast.p50, 1)} ms`,
      baseline: `${fmt(village.slow.p50, 1)} ms`,
      ratio: village.slow.p50 / village.fast.p50,
      ratioText: `${fmt(village.slow.p50 / village.fast.p50, 0)}× faster`,
      target: '≥ 100× faster',
      met: village.slow.p50 / village.fast.p50 >= 100,
    },
    {
      name: 'GET /public/needs/map req/s vs bare node:http, same bytes',
      product: `${fmt(map.api)} req/s`,
      baseline: `${fmt(map.bare)} req/s`,
      ratio: map.api / map.bare,
      target: '≥ 70 %',
      met: map.api / map.bare >= 0.7,
      note: `the API answers /public/stats (1 KiB) at ${fmt(map.stats)} req/s: the map runs near the pipeline's own ceiling`,
    },
  ];
}

/** Standalone: a scratch database, migrated and seeded, then the section above. */
async function main(): Promise<void> {
  log(`reporting bench — scratch database ${DB}`);
  await freshDatabase();
  const ds = new DataSource({
    ...dataSourceOptions({ DATABASE_URL: DB_URL, DATABASE_POOL_SIZE: 4 }),
    logging: false,
  });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await seedDatabase(ds, { demoPassword: 'Kolaborasi2020!', demo: true });
  await ds.destroy();
  await benchReports(DB_URL);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
