import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, seedDatabase } from '@ksbb/core';

const run = promisify(execFile);
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const WORK_DIR = '/tmp/ksbb-chaos';

/** Resolves true when something accepts TCP connections on the port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<number> {
  const started = Date.now();
  while (!(await probe().catch(() => false))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
  return Date.now() - started;
}

/**
 * The chaos run's own PostgreSQL cluster (Debian's pg_createcluster), so restarting it never touches the shared
 * server other test runs use. Created once and kept (stopped) between runs; PostGIS is installed system-wide.
 */
export class PgCluster {
  readonly name = 'chaos';
  readonly version: string;
  port: number;

  constructor(preferredPort: number) {
    const versions = readdirSync('/etc/postgresql').filter((v) => /^\d+$/.test(v));
    this.version = versions.sort((a, b) => Number(a) - Number(b)).pop() ?? '15';
    this.port = preferredPort;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private ctl(...args: string[]): Promise<unknown> {
    return run('pg_ctlcluster', ['--skip-systemctl-redirect', this.version, this.name, ...args]);
  }

  /** Creates the cluster when it does not exist (trust auth on loopback), then starts it. */
  async ensureRunning(): Promise<void> {
    const conf = `/etc/postgresql/${this.version}/${this.name}/postgresql.conf`;
    if (!existsSync(conf)) {
      if (await portOpen(this.port))
        throw new Error(`port ${this.port} is taken; set CHAOS_PG_PORT to a free port`);
      await run('pg_createcluster', [this.version, this.name, '-p', String(this.port), '--', '--auth=trust']);
    }
    const { stdout } = (await run('pg_lsclusters', ['-h', this.version, this.name])) as { stdout: string };
    const [, , port, status] = stdout.trim().split(/\s+/);
    this.port = Number(port);
    if (status !== 'online') await this.ctl('start');
    await waitUntil('the chaos PostgreSQL cluster', () => this.accepts(), 30_000);
  }

  async accepts(): Promise<boolean> {
    const c = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /** Fast shutdown: active sessions are terminated and their transactions rolled back. */
  stop(): Promise<unknown> {
    return this.ctl('stop', '-m', 'fast');
  }

  start(): Promise<unknown> {
    return this.ctl('start');
  }

  /** A fresh database migrated and seeded by the product's own code (demo accounts included). */
  async freshDatabase(name: string, demoPassword: string): Promise<string> {
    const admin = new Client({ connectionString: this.url('postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = this.url(name);
    const ds = new DataSource({
      ...dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 4 }),
      logging: false,
    });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      await seedDatabase(ds, { demoPassword, demo: true });
    } finally {
      await ds.destroy();
    }
    return url;
  }
}

/** The chaos run's own Redis, a child process without persistence: killing it loses everything it held. */
export class RedisServer {
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (await portOpen(this.port))
      throw new Error(`port ${this.port} is taken; set CHAOS_REDIS_PORT to a free port`);
    mkdirSync(WORK_DIR, { recursive: true });
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        WORK_DIR,
      ],
      { stdio: 'ignore' },
    );
    await waitUntil(`redis on ${this.port}`, () => portOpen(this.port), 10_000, 50);
  }

  /** Frozen: connections stay open and every command hangs (what a stuck or partitioned server looks like). */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  /** Gone: connections are refused and the data is lost. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
    this.child = null;
  }
}

export const logFile = (name: string): string => join(WORK_DIR, `${name}.log`);
