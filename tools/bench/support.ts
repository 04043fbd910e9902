import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(__dirname, '../..');
const run = promisify(execFile);

export interface Row {
  name: string;
  product: string;
  baseline: string;
  ratio: number;
  /** How the ratio reads when it is not a percentage (e.g. "23× faster"). */
  ratioText?: string;
  target: string;
  met: boolean;
  note?: string;
  /** CPU ms per request (or job, row, query) of the product: "process + PostgreSQL" */
  cpuProduct?: string;
  /** the same for the baseline */
  cpuBaseline?: string;
  /** API start time (spawn → ready), when the row started one */
  start?: string;
  /** resident memory of the product process: idle / peak under load */
  rss?: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  return port;
}

/** `taskset -c <cpu>` when available: the load generator and the server on different cores. */
export function pinned(cpu: number, cmd: string, args: string[]): [string, string[]] {
  return ['taskset', ['-c', String(cpu), cmd, ...args]];
}

/** Random per bench run: production mode refuses every secret written in the repository. */
const benchSecret = (): string => randomBytes(32).toString('base64url');
const BENCH_SECRETS = {
  JWT_ACCESS_SECRET: benchSecret(),
  JWT_REFRESH_SECRET: benchSecret(),
  NIK_HMAC_SECRET: benchSecret(),
  API_KEY_PEPPER: benchSecret(),
};

export interface BenchApi {
  url: string;
  pid: number;
  /** spawn to the first 200 of /health/ready, ms */
  startMs: number;
  /** how it was started: the build (dist) or the sources through ts-register */
  from: 'build' | 'sources';
  /** resident memory right after start, MiB */
  idleRssMiB: number;
  stop: () => Promise<void>;
}

/** The built API (`npm run build:server`, which `npm run bench` runs first), which is what production runs; BENCH_API_DIST overrides its path. */
const API_DIST = process.env.BENCH_API_DIST ?? join(ROOT, 'dist/server/apps/api/src/main.js');

/**
 * Starts the API as its own process on a database, pinned to core 0, and waits until it is ready. From the build
 * when there is one (start time and memory as in production), else from the sources.
 */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchApi> {
  const port = await freePort();
  // BENCH_API_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the API under the bench's load.
  const flags = (process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const from = existsSync(API_DIST) ? 'build' : 'sources';
  const entry = from === 'build' ? [API_DIST] : ['-r', join(ROOT, 'tools/ts-register.js'), join(ROOT, 'apps/api/src/main.ts')];
  const [cmd, args] = pinned(0, process.execPath, [...flags, ...entry]);
  const spawned = Date.now();
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ...BENCH_SECRETS,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '20',
      REDIS_PREFIX: `bench:${port}`,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_LIMIT_PER_IP: '100000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let startMs = NaN;
  for (let i = 0; i < 2400; i++) {
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) {
        startMs = Date.now() - spawned;
        break;
      }
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} before it was ready`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (Number.isNaN(startMs)) throw new Error('the API was not ready within 120 s');
  // taskset execs node in place, so the child's pid is the API's
  const pid = child.pid as number;
  return {
    url,
    pid,
    startMs,
    from,
    idleRssMiB: rssMiB(pid),
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export interface CannonResult {
  requestsPerSec: number;
  latencyP50: number;
  latencyP99: number;
  non2xx: number;
  total: number;
}

export interface CannonRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Runs autocannon as a separate process pinned to core 1 and returns its summary. Requests are cycled per connection. */
export async function cannon(
  url: string,
  requests: CannonRequest[],
  connections: number,
  duration: number,
  { random = false }: { random?: boolean } = {},
): Promise<CannonResult> {
  // The request list can be long (a token per request): hand it over in a file, not on the command line.
  const configFile = join(tmpdir(), `ksbb-cannon-${process.pid}.json`);
  writeFileSync(configFile, JSON.stringify({ url, connections, duration, random, requests }));
  const [cmd, full] = pinned(1, process.execPath, [join(__dirname, 'cannon-runner.js'), configFile]);
  const { stdout } = await run(cmd, full, { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  return {
    requestsPerSec: r.requests.average,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    non2xx: r.non2xx ?? 0,
    total: r.requests.total,
  };
}

/** `pgbench -i` (creates and fills pgbench_accounts for the -S baseline). */
export async function pgbenchInit(databaseUrl: string, scale: number): Promise<void> {
  const u = new URL(databaseUrl);
  await run('pgbench', ['-i', '-q', '-s', String(scale), '-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', u.pathname.slice(1)]);
}

/** Runs pgbench with a custom script; returns transactions per second (excluding connection setup). */
export async function pgbench(databaseUrl: string, args: string[]): Promise<number> {
  const u = new URL(databaseUrl);
  const [cmd, full] = pinned(1, 'pgbench', ['-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', ...args, u.pathname.slice(1)]);
  const { stdout } = await run(cmd, full, { maxBuffer: 16 * 1024 * 1024 });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!m) {
    // e.g. a very short run on a loaded machine where no transaction finished after the connections: a 0 run is
    // reported (and shows in the spread) rather than ending the whole bench
    process.stderr.write(`pgbench gave no tps (counted as 0):\n${stdout}\n`);
    return 0;
  }
  return Number(m[1]);
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ---------------------------------------------------------------------------------------------------------------
// Figures that noise moves little: CPU seconds per request of the API process and of PostgreSQL, and memory.

const CLK_TCK = 100; // Linux USER_HZ

/** utime + stime of a process in seconds (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name (which may hold spaces) start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Resident memory of a process in MiB (0 when it is gone). */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** PostgreSQL backends serving one database (their process title is "postgres: … <user> <db> …"). */
export function pgBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres: ') && cmd.split(/\s+/).includes(database)) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

export interface CpuFigures {
  /** CPU seconds of the measured process (the API, or the bare server) during the window */
  process: number;
  /** CPU seconds of the database's backends during the window (backends that exit are counted to their last sample) */
  postgres: number;
  /** largest resident memory of the process seen during the window, MiB */
  peakRssMiB: number;
}

/**
 * Samples /proc every 200 ms while `during` runs: the CPU time of `pid` and of every backend of `database` (including
 * backends that start and end within the window, e.g. pgbench's), and the peak RSS of `pid`.
 */
export async function measureCpu<T>(pid: number | null, database: string, during: () => Promise<T>): Promise<{ result: T; cpu: CpuFigures }> {
  const firstSeen = new Map<number, number>();
  const last = new Map<number, number>();
  const processStart = pid ? cpuSeconds(pid) : 0;
  let peak = pid ? rssMiB(pid) : 0;
  const sample = (initial: boolean): void => {
    for (const b of pgBackends(database)) {
      const t = cpuSeconds(b);
      if (!firstSeen.has(b)) firstSeen.set(b, initial ? t : 0);
      if (t > 0) last.set(b, t);
    }
    if (pid) peak = Math.max(peak, rssMiB(pid));
  };
  sample(true);
  const timer = setInterval(() => sample(false), 200);
  try {
    const result = await during();
    sample(false);
    let postgres = 0;
    for (const [b, t] of last) postgres += t - (firstSeen.get(b) ?? 0);
    return { result, cpu: { process: pid ? cpuSeconds(pid) - processStart : 0, postgres, peakRssMiB: peak } };
  } finally {
    clearInterval(timer);
  }
}

/** One measured run: a rate and what it cost. */
export interface Measured {
  rate: number;
  /** requests (or jobs, rows) done in the run */
  count: number;
  cpu?: CpuFigures;
}

export interface Interleaved {
  product: Measured[];
  baseline: Measured[];
}

/**
 * Product, baseline, product, baseline, … `runs` times each (after one warm-up of each, not counted): warm-up and
 * background load fall on both sides alike.
 */
export async function interleave(runs: number, product: () => Promise<Measured>, baseline: () => Promise<Measured>, warmUp = true): Promise<Interleaved> {
  if (warmUp) {
    await product();
    await baseline();
  }
  const out: Interleaved = { product: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    out.product.push(await product());
    out.baseline.push(await baseline());
  }
  return out;
}

/** a ÷ b, 0 when the baseline did not run (a row is then never "met") */
export const ratioOf = (a: number, b: number): number => (b > 0 && Number.isFinite(a) ? a / b : 0);

/** "1,234 (1,100–1,300)": the median and the spread (min–max) of the runs. */
export function spread(xs: number[], digits = 0): string {
  if (xs.length < 2) return fmt(median(xs), digits);
  return `${fmt(median(xs), digits)} (${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)})`;
}

/** A child process (pinned to core 0) that prints "ready" once it listens. */
export async function startBare(args: string[], env: Record<string, string>): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const [cmd, full] = pinned(0, process.execPath, args);
  const child = spawn(cmd, full, { cwd: ROOT, env: { ...process.env, ...env, BARE_PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout as NodeJS.ReadableStream, 'data');
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** The database name of a connection URL. */
export const databaseOf = (url: string): string => new URL(url).pathname.slice(1);

/** CPU milliseconds per request (median of the runs): "process + PostgreSQL", "–" for a side not measured. */
export function cpuMs(runs: Measured[]): string {
  const counted = runs.filter((r) => r.cpu && r.count > 0);
  if (!counted.length) return '–';
  const per = (k: 'process' | 'postgres'): number => median(counted.map((r) => ((r.cpu as CpuFigures)[k] / r.count) * 1e3));
  const own = per('process');
  return `${own > 0 ? fmt(own, 3) : '–'} + ${fmt(per('postgres'), 3)}`;
}

/** The peak RSS seen over the product's runs, MiB. */
export const peakRss = (runs: Measured[]): number => Math.max(0, ...runs.map((r) => r.cpu?.peakRssMiB ?? 0));

/**
 * A table row from interleaved runs: medians and spreads of both sides, the ratio of the medians (product ÷
 * baseline, or baseline ÷ product when `lowerIsBetter`: latencies), CPU per request of both sides, start and memory.
 */
export function interleavedRow(o: {
  name: string;
  runs: Interleaved;
  unit: string;
  baselineUnit?: string;
  baselineLabel: string;
  /** the ratio that meets the target (0.5 for "≥ 50 %", 100 for "≥ 100×") */
  target: number;
  lowerIsBetter?: boolean;
  digits?: number;
  api?: BenchApi;
  extraOk?: boolean;
  note?: string;
}): Row {
  const d = o.digits ?? 0;
  const p = median(o.runs.product.map((r) => r.rate));
  const b = median(o.runs.baseline.map((r) => r.rate));
  const ratio = o.lowerIsBetter ? ratioOf(b, p) : ratioOf(p, b);
  const pairs = o.runs.product.map((r, i) =>
    o.lowerIsBetter ? ratioOf(o.runs.baseline[i]?.rate ?? 0, r.rate) : ratioOf(r.rate, o.runs.baseline[i]?.rate ?? 0),
  );
  const pairText = o.lowerIsBetter ? `${spread(pairs, 0)}×` : `${spread(pairs.map((x) => x * 100), 1)} %`;
  return {
    name: o.name,
    product: `${spread(o.runs.product.map((r) => r.rate), d)} ${o.unit}`,
    baseline: `${spread(o.runs.baseline.map((r) => r.rate), d)} ${o.baselineUnit ?? o.unit} (${o.baselineLabel})`,
    ratio,
    ratioText: o.lowerIsBetter ? `${fmt(ratio, 0)}× faster` : undefined,
    target: o.lowerIsBetter ? `≥ ${fmt(o.target, 0)}× faster` : `≥ ${fmt(o.target * 100, 0)} %`,
    met: ratio >= o.target && o.extraOk !== false,
    note: [`${o.runs.product.length} interleaved pairs; per-pair ratio ${pairText}`, o.note].filter(Boolean).join('; '),
    cpuProduct: cpuMs(o.runs.product),
    cpuBaseline: cpuMs(o.runs.baseline),
    start: o.api ? `${fmt(o.api.startMs)} ms (${o.api.from})` : undefined,
    rss: o.api ? `${fmt(o.api.idleRssMiB)} / ${fmt(peakRss(o.runs.product))} MiB` : undefined,
  };
}

/** Pins a running process (all its threads) to one core, as `pinned` does for the processes it starts. */
export async function pinPid(pid: number, cpu: number): Promise<void> {
  await run('taskset', ['-a', '-p', '-c', String(cpu), String(pid)]);
}
