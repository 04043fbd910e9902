/**
 * Reporting benchmark at the scale of all Jakarta, in one run:
 *   1. a scratch database, migrated and seeded with reference data, then loaded set-based (reports-seed.ts);
 *   2. the coverage report's p50 through ReportsService (rollups) interleaved with the live GROUP BY over the needs,
 *      the same numbers asserted row by row — at ~150 k needs, and with BENCH_LARGE=1 again at ~1.5 M;
 *   3. GET /public/needs/map throughput (the API as its own process) interleaved with a bare node:http server sending
 *      the same bytes and headers, the same autocannon (core 1) on both.
 *
 *   node -r ./tools/ts-register.js tools/bench/reports.bench.ts   (or: BENCH_ONLY=coverage,map npm run bench)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { get as httpGet } from 'node:http';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CoreModule, CoverageRow, dataSourceOptions, loadConfig, ReportsModule, ReportsService, RollupFolder, seedDatabase } from '@ksbb/core';
import { growNeeds, seedJakartaScale } from './reports-seed';
import { cannon, databaseOf, fmt, freePort, interleave, interleavedRow, measureCpu, Measured, median, percentile, pinned, Row, startApi } from './support';

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

/** A bare node:http server (core 0) answering every request with the same bytes and headers the API sent. */
async function bareServer(body: Buffer, headers: Record<string, string>): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const file = join(tmpdir(), `ksbb-bench-map-${process.pid}.bin`);
  writeFileSync(file, body);
  const port = await freePort();
  const script = `
    const body = require('fs').readFileSync(${JSON.stringify(file)});
    const headers = { ...${JSON.stringify(headers)}, 'content-length': body.length };
    require('http').createServer((req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`;
  const [cmd, args] = pinned(0, process.execPath, ['-e', script]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** One GET with node:http (no decoding): the raw bytes and the headers as sent. */
async function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          headers: Object.fromEntries(Object.entries(res.headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
        }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
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
    // The rounds without triggers leave no facts behind, so their claims are taken back before the triggers return:
    // otherwise the rollups would miss them and a later coverage comparison (BENCH_LARGE) would rightly fail.
    const before: { id: string; allocated: number }[] = await ds.query(
      `SELECT id, allocated_quantity AS allocated FROM needs WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    await ds.query(`ALTER TABLE needs DISABLE TRIGGER trg_needs_report_upd`);
    off.push(await round());
    await ds.query(
      `UPDATE needs n SET allocated_quantity = s.allocated FROM unnest($1::uuid[], $2::int[]) AS s(id, allocated)
        WHERE n.id = s.id`,
      [before.map((r) => r.id), before.map((r) => r.allocated)],
    );
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

export interface ReportsOptions {
  coverage: boolean;
  map: boolean;
  /** also at ten times the needs (~1.5 M): BENCH_LARGE=1 */
  large: boolean;
  runs: number;
}

/** The rollup numbers and the live GROUP BY's must be the same, row by row (the report's totals follow from them). */
function assertSameNumbers(level: string, rollup: CoverageRow[], live: Record<string, string | number>[]): void {
  if (rollup.length !== live.length) throw new Error(`coverage at ${level}: ${rollup.length} rollup rows, ${live.length} live rows`);
  const keys = ['needs', 'quantity', 'allocated', 'delivered', 'available'] as const;
  rollup.forEach((r, i) => {
    const l = live[i];
    if (r.code !== l.code) throw new Error(`coverage at ${level}: row ${i} is ${r.code} in the rollups, ${l.code} live`);
    for (const k of keys) {
      if (Number(r[k]) !== Number(l[k] ?? 0)) throw new Error(`coverage at ${level}, ${r.code}: ${k} ${r[k]} from the rollups, ${l[k]} live`);
    }
  });
}

/**
 * Coverage (rollups ÷ live GROUP BY, interleaved, the same numbers asserted) at one size: per level, `runs` pairs of
 * (REPORT_RUNS rollup reads → p50, LIVE_RUNS live queries → p50).
 */
async function coverageAtSize(
  ds: DataSource,
  reports: ReportsService,
  database: string,
  needs: number,
  runs: number,
  headline: boolean,
): Promise<Row[]> {
  const [rollupRows] = await ds.query(
    `SELECT (SELECT count(*) FROM report_region_rollups)::int AS rw, (SELECT count(*) FROM report_village_rollups)::int AS village`,
  );
  log(
    `\ncoverage report (${rollupRows.village} kelurahan and ${rollupRows.rw} RW rollup rows vs ${fmt(needs)} needs), ${runs} interleaved pairs per level:`,
  );
  const rows: Row[] = [];
  for (const level of ['village', 'district', 'city'] as const) {
    const length = level === 'village' ? 13 : level === 'district' ? 8 : 5;
    assertSameNumbers(level, (await reports.coverage(level)).rows, await ds.query(LIVE_COVERAGE, [length]));
    const side = (n: number, fn: () => Promise<unknown>) => async (): Promise<Measured> => {
      const { result, cpu } = await measureCpu(process.pid, database, () => timed(n, fn));
      return { rate: result.p50, count: n, cpu };
    };
    const r = await interleave(
      runs,
      side(REPORT_RUNS, () => reports.coverage(level)),
      side(LIVE_RUNS, () => ds.query(LIVE_COVERAGE, [length])),
      false,
    );
    const row = interleavedRow({
      name: `coverage report p50 (${level}), ${fmt(needs)} needs: rollups vs live GROUP BY`,
      runs: r,
      unit: 'ms',
      baselineLabel: 'live GROUP BY over needs',
      target: 100,
      lowerIsBetter: true,
      digits: 2,
      note: `same numbers asserted row by row; CPU per report (bench process + PostgreSQL)`,
    });
    log(`  ${level.padEnd(9)} | rollups ${row.product} | live ${row.baseline} | ${row.ratioText}`);
    // the headline (and target) is the village level, the finest, at the largest size measured; the rest is information
    if (headline && level === 'village') rows.push(row);
    else rows.push({ ...row, target: 'information', met: true });
  }
  return rows;
}

/**
 * The reporting sections of `npm run bench` (coverage and the public map): loads Jakarta-scale data into `databaseUrl`
 * (migrated and seeded with the reference data), prints the details and returns the headline rows.
 */
export async function benchReports(databaseUrl: string, seconds: number, o: ReportsOptions): Promise<Row[]> {
  Logger.overrideLogger(['error', 'warn']);
  const database = databaseOf(databaseUrl);
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
  const fold = async (): Promise<void> => {
    const t = Date.now();
    const folded = await folder.fold({ wait: true });
    log(`folded ${folded.facts} facts and ${folded.commitments} commitments in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  await fold();
  const rows: Row[] = [];
  const reports = context.get(ReportsService);
  if (o.coverage) {
    // the target is at ten times the city: with BENCH_LARGE, this size is information
    rows.push(...(await coverageAtSize(ds, reports, database, counts.needs, o.runs, !o.large)));
  }

  if (o.map) rows.push(await benchMap(databaseUrl, seconds, o.runs));

  if (o.coverage) await writePathCost(ds, databaseUrl);
  if (o.coverage && o.large) {
    // Ten times the city: nine more needs per RT per program (through the reporting triggers), folded; the
    // rollup read should stay flat while the live query grows with the needs.
    started = Date.now();
    const needs = await growNeeds(ds, 9, log);
    log(`grown to ${fmt(needs)} needs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await fold();
    rows.push(...(await coverageAtSize(ds, reports, database, needs, o.runs, true)));
  }
  await context.close();
  await ds.destroy();
  return rows;
}

/** GET /public/needs/map?level=village vs a bare node:http server sending the same bytes, interleaved. */
async function benchMap(databaseUrl: string, seconds: number, runs: number): Promise<Row> {
  const database = databaseOf(databaseUrl);
  log(`\nGET /public/needs/map?level=village — ${CONNECTIONS} connections, ${seconds} s per run, server on core 0, load on core 1:`);
  const api = await startApi(databaseUrl);
  try {
    const path = '/api/v1/public/needs/map?level=village';
    // What a browser sends; the API answers its pre-compressed brotli form, and the bare server sends those bytes.
    const headers = { 'accept-encoding': 'gzip, deflate, br' };
    const first = await rawGet(`${api.url}${path}`, headers);
    if (first.status !== 200) throw new Error(`the map answered ${first.status}`);
    const sent = Object.fromEntries(
      ['content-type', 'content-encoding', 'cache-control', 'etag', 'vary'].filter((h) => first.headers[h]).map((h) => [h, first.headers[h]]),
    );
    log(`  body: ${fmt(first.body.length / 1024, 1)} KiB as sent (${first.headers['content-encoding'] ?? 'identity'})`);
    const bare = await bareServer(first.body, sent);
    let non2xx = 0;
    try {
      const side = (url: string, pid: number) => async (): Promise<Measured> => {
        const { result, cpu } = await measureCpu(pid, database, () => cannon(url, [{ method: 'GET', path, headers }], CONNECTIONS, seconds));
        non2xx += result.non2xx;
        return { rate: result.requestsPerSec, count: result.total, cpu };
      };
      const r = await interleave(runs, side(api.url, api.pid), side(bare.url, bare.pid));
      const row = interleavedRow({
        name: `GET /public/needs/map (village, ${first.headers['content-encoding'] ?? 'identity'}) vs bare node:http, same bytes, ${CONNECTIONS} clients`,
        runs: r,
        unit: 'req/s',
        baselineLabel: 'node:http, same bytes and headers',
        target: 0.7,
        api,
        extraOk: non2xx === 0,
        note: `non-2xx: ${non2xx}; body ${fmt(first.body.length / 1024, 1)} KiB as sent`,
      });
      log(`  API ${row.product} | bare ${row.baseline} | ${fmt(row.ratio * 100, 1)} %`);
      return row;
    } finally {
      await bare.stop();
    }
  } finally {
    await api.stop();
  }
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
  await benchReports(DB_URL, CANNON_SECONDS, { coverage: true, map: true, large: process.env.BENCH_LARGE === '1', runs: Number(process.env.BENCH_RUNS ?? 3) });
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
