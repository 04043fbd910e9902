import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig, TEST_SECRETS } from '@ksbb/core';

const ROOT = join(__dirname, '../../../..');

/** Short delivery timings so retries and lease expiry happen within a test. */
export const FAST_DELIVERY_ENV: Record<string, string> = {
  DELIVERY_MAX_ATTEMPTS: '5',
  DELIVERY_BACKOFF_BASE_MS: '100',
  DELIVERY_BACKOFF_MAX_MS: '1000',
  DELIVERY_LEASE_MS: '3000',
  DELIVERY_SWEEP_MS: '300',
  DELIVERY_SWEEP_GRACE_MS: '500',
  WEBHOOK_TIMEOUT_MS: '2000',
  SMTP_TIMEOUT_MS: '2000',
};

export interface WorkerProcess {
  child: ChildProcess;
  /** Prometheus metrics of this worker (its health server); send `METRICS_AUTH` (from @ksbb/testing). */
  metricsUrl: string;
  /** Everything the worker wrote to stderr (start-up failures). */
  stderr(): string;
  /** The worker's log lines of level warn and above. */
  warnings(): string[];
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * The real worker (`apps/worker/src/main.ts`) as a child process on the API's database and Redis prefix, so a
 * test can SIGKILL it. Resolves once it has started (queues processed, health server up).
 */
export async function startWorkerProcess(
  config: AppConfig,
  env: Record<string, string> = {},
  { timeoutMs = 40_000, nodeFlags = [] }: { timeoutMs?: number; nodeFlags?: string[] } = {},
): Promise<WorkerProcess> {
  // nodeFlags: e.g. the bench's BENCH_WORKER_NODE_FLAGS ("--cpu-prof --cpu-prof-dir=…") to profile the worker.
  const child = spawn(process.execPath, [...nodeFlags, '-r', './tools/ts-register.js', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: config.DATABASE_URL,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: config.REDIS_PREFIX,
      WORKER_HEALTH_PORT: '0',
      OUTBOX_SWEEP_MS: '300',
      CLAIM_SWEEP_MS: '60000',
      LOG_LEVEL: 'info',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      METRICS_TOKEN: TEST_SECRETS.METRICS_TOKEN,
      ...FAST_DELIVERY_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const warnings: string[] = [];
  let healthPort = 0;
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker did not start in ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (c: Buffer) => {
      // Only the start-up line is looked for; the rest is dropped to keep memory flat.
      if (stdout !== null && stdout.length < 1e6) stdout += c.toString();
      const started = /"healthPort":(\d+)[^\n]*"worker started"/.exec(stdout);
      if (started) {
        clearTimeout(timer);
        healthPort = Number(started[1]);
        stdout = '';
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} during start-up: ${stderr}`));
    });
  });
  child.stdout?.removeAllListeners('data');
  let partial = '';
  child.stdout?.on('data', (c: Buffer) => {
    const lines = (partial + c.toString()).split('\n');
    partial = lines.pop() ?? '';
    // Warnings and errors are kept (bounded) for a failing test to show.
    for (const line of lines) if (/"level":(4|5|6)0/.test(line) && warnings.length < 200) warnings.push(line);
  });
  return {
    child,
    metricsUrl: `http://127.0.0.1:${healthPort}/metrics`,
    stderr: () => stderr,
    warnings: () => warnings,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
