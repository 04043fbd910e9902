import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@ksbb/core';
import {
  FAST_DELIVERY_ENV,
  startWorkerProcess,
  WorkerProcess,
} from '@ksbb/testing/processes';
import { logFile, waitUntil } from './infra';

export const ROOT = join(__dirname, '../..');

export interface Stack {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  prefix: string;
  apiPort: number;
}

/** Secrets of the chaos run: random per run (production mode refuses every secret written in the repository). */
const secret = (): string => randomBytes(32).toString('base64url');
const SECRETS = {
  JWT_ACCESS_SECRET: secret(),
  JWT_REFRESH_SECRET: secret(),
  NIK_HMAC_SECRET: secret(),
  API_KEY_PEPPER: secret(),
};

/**
 * Delivery timings short enough for a run of minutes, with a lease well above the SMTP timeout so a slow send on
 * the busy machine is not mistaken for a dead worker (which would send it twice).
 */
export const DELIVERY_ENV = { ...FAST_DELIVERY_ENV, DELIVERY_LEASE_MS: '8000', SMTP_TIMEOUT_MS: '4000' };

/** The API as a child process on a fixed port, so it can be SIGKILLed and started again at the same address. */
export class ApiProcess {
  private child: ChildProcess | null = null;
  starts = 0;

  /** `name` and `env` let other harnesses (tools/cluster) run several APIs with their own logs and settings. */
  constructor(
    private readonly stack: Stack,
    private readonly options: { log?: string; env?: Record<string, string>; startTimeoutMs?: number } = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.stack.apiPort}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the API and resolves when it is ready (database and Redis answer); returns the start-up time in ms. */
  async start(): Promise<number> {
    const started = Date.now();
    const logPath = this.options.log ?? logFile('api');
    const log = openSync(logPath, 'a');
    this.child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'tools/ts-register.js'), join(ROOT, 'apps/api/src/main.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          ...SECRETS,
          DATABASE_URL: this.stack.databaseUrl,
          DATABASE_POOL_SIZE: '10',
          REDIS_URL: this.stack.redisUrl,
          REDIS_PREFIX: this.stack.prefix,
          PORT: String(this.stack.apiPort),
          LOG_LEVEL: 'warn',
          STORAGE_DIR: join('/tmp/ksbb-chaos/storage'),
          RATE_LIMIT_PER_MINUTE: '100000000',
          LOGIN_LIMIT_PER_IP: '100000',
          LOGIN_LIMIT_PER_ACCOUNT: '100000',
          ...this.options.env,
        },
        stdio: ['ignore', log, log],
      },
    );
    this.starts += 1;
    const child = this.child;
    await waitUntil(
      'the API to be ready',
      async () => {
        if (child.exitCode !== null)
          throw new Error(`the API exited with ${child.exitCode} during start-up (see ${logPath})`);
        const res = await fetch(`${this.url}/health/ready`);
        return res.ok;
      },
      this.options.startTimeoutMs ?? 90_000,
      200,
    );
    return Date.now() - started;
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.alive()) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}

/** The real worker (apps/worker) as a child process on the chaos stack. */
export function startWorker(stack: Stack): Promise<WorkerProcess> {
  const config = { DATABASE_URL: stack.databaseUrl, REDIS_PREFIX: stack.prefix } as AppConfig;
  return startWorkerProcess(
    config,
    { REDIS_URL: stack.redisUrl, SMTP_URL: stack.smtpUrl, LOG_LEVEL: 'info', ...DELIVERY_ENV },
    { timeoutMs: 90_000 },
  );
}

export const workerAlive = (w: WorkerProcess): boolean =>
  w.child.exitCode === null && w.child.signalCode === null;

