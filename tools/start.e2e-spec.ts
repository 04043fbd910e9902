import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, testEnv, waitFor } from '@ksbb/testing';

const ROOT = join(__dirname, '..');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every process below `pid` (children, grandchildren…), from ps. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const [child, ppid] of rows) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

const accepts = (port: number): Promise<boolean> =>
  fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );

/** `npm start` end to end (without the admin SPA, which would need a build): banner, mail inbox, clean Ctrl-C. */
describe('npm start (tools/start.ts)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let start: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    if (start?.pid && start.exitCode === null) {
      for (const pid of descendants(start.pid)) if (!gone(pid)) process.kill(pid, 'SIGKILL');
      start.kill('SIGKILL');
    }
    await db.drop();
  });

  it('prints the banner once the API is ready, runs a mail inbox, and stops every child on SIGINT', async () => {
    const [apiPort, workerPort, smtpPort, webPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    start = spawn(process.execPath, ['-r', './tools/ts-register.js', 'tools/start.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        ...testEnv(db.url, {
          PORT: String(apiPort),
          WORKER_HEALTH_PORT: String(workerPort),
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          MAIL_WEB_PORT: String(webPort),
          START_ADMIN: 'off',
          DEMO_WORLD: 'off',
          LOG_LEVEL: 'warn',
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = start;
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

    await waitFor(
      'the start banner',
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
        return output.includes('KSBB is ready');
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    );
    expect(output).toContain(`Mail inbox   http://localhost:${webPort}`);
    expect(output).toContain(`http://localhost:${apiPort}/api/docs`);
    expect(output).toContain('admin@demo.ksbb.id');
    expect(output).toContain('not started (START_ADMIN=off)');

    const ready = await fetch(`http://127.0.0.1:${apiPort}/health/ready`);
    expect(ready.status).toBe(200);
    const inbox = await fetch(`http://127.0.0.1:${webPort}/`, { headers: { accept: 'text/html' } });
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toMatch(/<html/i);

    const running = descendants(child.pid as number);
    // The API and the worker (each may run helpers of its own).
    expect(running.length).toBeGreaterThanOrEqual(2);

    child.kill('SIGINT');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await waitFor('every child of npm start to be gone', async () => running.every(gone), {
      timeoutMs: 5000,
    });
    expect(await accepts(apiPort)).toBe(false);
    expect(await accepts(webPort)).toBe(false);
  });
});
