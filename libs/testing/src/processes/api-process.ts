import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { testEnv } from '../config';
import { createTestDatabase } from '../database';
import { waitFor } from '../wait-for';

const ROOT = join(__dirname, '../../../..');

export interface ApiProcess {
  /** The API's base URL (`http://127.0.0.1:<port>`), for browsers and other external clients. */
  url: string;
  /** The API's own database: a copy of the seeded template, dropped by `close`. */
  databaseUrl: string;
  child: ChildProcess;
  /** Everything the API wrote to stderr (start-up failures). */
  stderr(): string;
  /** Stops the API and drops its database. */
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The real API (`apps/api/src/main.ts`) as a child process, started by its path (a library never imports an app), on
 * its own copy of the seeded database and its own Redis prefix with the settings of the in-process harness
 * (`testEnv`). Resolves once `/health/ready` answers (database and Redis reachable).
 */
export async function startApiProcess(
  overrides: Record<string, string> = {},
  { timeoutMs = 90_000 }: { timeoutMs?: number } = {},
): Promise<ApiProcess> {
  const db = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['-r', './tools/ts-register.js', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...testEnv(db.url, { PORT: String(port), ...overrides }) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    if (stderr.length < 1e6) stderr += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      if (running()) {
        child.kill('SIGTERM');
        // main() installs no shutdown hooks, so SIGTERM ends it at once; SIGKILL if something holds it up.
        const killer = setTimeout(() => running() && child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      await db.drop();
    })());
  try {
    await waitFor(
      `the API at ${url} to be ready`,
      async () => {
        if (!running()) throw new Error(`exited with ${child.exitCode ?? child.signalCode} during start-up`);
        return fetch(`${url}/health/ready`).then(
          (res) => res.ok,
          () => false,
        );
      },
      { timeoutMs, intervalMs: 100 },
    );
  } catch (e) {
    await close();
    throw new Error(`the API process did not start: ${(e as Error).message}\n${stderr}`);
  }
  return { url, databaseUrl: db.url, child, stderr: () => stderr, close };
}
