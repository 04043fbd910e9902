import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
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

/** Starts the API as its own process on a database, pinned to core 0, and waits until it is ready. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  // BENCH_API_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the API under the bench's load.
  const flags = (process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const [cmd, args] = pinned(0, process.execPath, [...flags, '-r', join(ROOT, 'tools/ts-register.js'), join(ROOT, 'apps/api/src/main.ts')]);
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
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
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
  if (!m) throw new Error(`pgbench gave no tps:\n${stdout}`);
  return Number(m[1]);
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
