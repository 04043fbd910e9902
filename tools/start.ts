import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AppConfig, DEMO_ACCOUNTS, loadConfig, loadEnvironment } from '@ksbb/core';
import { migrate, seed } from './db';
import { MailCatcher, MailInfo, startMailCatcher } from './mail-catcher';

const ROOT = join(__dirname, '..');
const NODE = process.execPath;
const REGISTER = ['-r', join(ROOT, 'tools/ts-register.js')];
/** How long a child may take to drain after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = Number(process.env.START_STOP_TIMEOUT_MS ?? 15_000);
const READY_TIMEOUT_MS = 180_000;

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}

/** What runs and has to be stopped; filled as `main` goes. */
const children: Child[] = [];
let mailCatcher: MailCatcher | undefined;
let stopping: Promise<void> | undefined;

/**
 * `npm start`: migrate, seed, start a mail catcher when mail goes to this machine and nothing listens there, then
 * run the API, the worker and the admin SPA together, print where everything is once the API is ready, and stop
 * all of it on Ctrl-C.
 */
async function main(): Promise<void> {
  // Generates the secrets file before the API and the worker start, so they never race for it.
  loadEnvironment();
  // Children run in their own process groups (see `start`), so a closed terminal (SIGHUP) must stop them too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
  // Last resort (a crash in this script): never leave the children running without their supervisor.
  process.on('exit', () => children.forEach((c) => alive(c) && signalGroup(c.process, 'SIGKILL')));

  const config = loadConfig();
  await migrate(config);
  await seed(config);
  const { info: mail, catcher } = await startMailCatcher(config, (line) => process.stdout.write(`${line}\n`));
  mailCatcher = catcher;
  if (stopping) return void (await catcher?.stop());

  const withAdmin = !['off', 'false', '0'].includes(process.env.START_ADMIN ?? '');
  const adminPort = portOf(config.ADMIN_ORIGIN, 4200);
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const adminConfig = join(ROOT, 'apps/admin/vite.config.ts');
  if (
    withAdmin &&
    (!existsSync(join(ROOT, 'dist/apps/admin/index.html')) || process.env.REBUILD_ADMIN === 'true')
  ) {
    const build = start('admin-build', NODE, [vite, 'build', '--config', adminConfig]);
    await build.exited;
    if (stopping) return;
    if (build.process.exitCode !== 0) throw new Error(`admin build failed (${build.process.exitCode})`);
    children.splice(children.indexOf(build), 1);
  }
  // Piped children are no terminals: tell them to write readable lines when this script writes to one.
  const logEnv: Record<string, string> =
    process.stdout.isTTY && config.LOG_FORMAT === 'auto' && config.NODE_ENV !== 'production'
      ? { LOG_FORMAT: 'pretty', FORCE_COLOR: '1' }
      : {};
  const api = start('api', NODE, [...REGISTER, join(ROOT, 'apps/api/src/main.ts')], logEnv);
  start('worker', NODE, [...REGISTER, join(ROOT, 'apps/worker/src/main.ts')], logEnv);
  if (withAdmin) {
    start(
      'admin',
      NODE,
      [
        vite,
        'preview',
        '--config',
        adminConfig,
        '--host',
        '0.0.0.0',
        '--port',
        String(adminPort),
        '--strictPort',
      ],
      { API_URL: `http://127.0.0.1:${config.PORT}` },
    );
  }
  for (const c of children) {
    void c.exited.then(() => {
      if (stopping) return;
      const code = c.process.exitCode ?? 1;
      process.stderr.write(
        `${c.name} exited (${c.process.exitCode ?? c.process.signalCode}); stopping everything\n`,
      );
      void shutdown(code === 0 ? 1 : code);
    });
  }

  const ready = await waitUntilReady(`http://127.0.0.1:${config.PORT}/health/ready`, api);
  if (!ready || stopping) return;
  process.stdout.write(
    banner(config, { adminUrl: withAdmin ? `http://localhost:${adminPort}` : undefined, mail }),
  );
}

async function waitUntilReady(url: string, api: Child): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!stopping && alive(api)) {
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return true;
    if (Date.now() > deadline) {
      process.stderr.write(`the API did not become ready within ${READY_TIMEOUT_MS / 1000} s\n`);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function banner(config: AppConfig, { adminUrl, mail }: { adminUrl?: string; mail: MailInfo }): string {
  const api = `http://localhost:${config.PORT}`;
  const mailLine =
    'inbox' in mail
      ? `Mail inbox   ${mail.inbox}`
      : 'external' in mail
        ? `SMTP         ${mail.external} (external)`
        : 'occupied' in mail
          ? `SMTP         ${mail.occupied} (already running here)`
          : `SMTP         ${mail.none}`;
  const lines = [
    'KSBB is ready',
    '',
    `Admin        ${adminUrl ?? 'not started (START_ADMIN=off)'}`,
    `API docs     ${api}/api/docs`,
    `API          ${api}  (health ${api}/health/ready)`,
    mailLine,
  ];
  if (config.NODE_ENV !== 'production') {
    const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
    lines.push(
      '',
      `Demo accounts (password ${config.DEMO_PASSWORD}, unless changed since they were created):`,
    );
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.email.padEnd(width)}  ${a.role}`);
  }
  lines.push('', 'Ctrl-C stops everything.');
  const rule = '─'.repeat(Math.max(...lines.map((l) => l.length)) + 4);
  return `\n${rule}\n${lines.map((l) => `  ${l}`).join('\n')}\n${rule}\n\n`;
}

/** Stops every child (SIGTERM to its process group, SIGKILL after STOP_TIMEOUT_MS), then the mail catcher. */
function shutdown(code: number): Promise<void> {
  if (stopping) {
    // A second Ctrl-C: no more waiting.
    children.forEach((c) => alive(c) && signalGroup(c.process, 'SIGKILL'));
    return stopping;
  }
  stopping = (async () => {
    if (children.some(alive)) process.stdout.write('\nstopping…\n');
    await Promise.all(
      children.map(async (c) => {
        if (!alive(c)) return;
        signalGroup(c.process, 'SIGTERM');
        const timer = setTimeout(() => {
          process.stderr.write(`${c.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it\n`);
          signalGroup(c.process, 'SIGKILL');
        }, STOP_TIMEOUT_MS);
        await c.exited;
        clearTimeout(timer);
      }),
    );
    await mailCatcher?.stop().catch(() => undefined);
    process.exit(code);
  })();
  return stopping;
}

const alive = (c: Child): boolean => c.process.exitCode === null && c.process.signalCode === null;

/** Each child leads its own process group (see `start`): the signal reaches whatever it spawned too. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Runs a child in its own process group, so that Ctrl-C on the terminal reaches this script only and each child gets
 * exactly one SIGTERM from `shutdown` (a second signal would cut a graceful drain short). Output is prefixed by name.
 */
function start(name: string, cmd: string, args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (stream)
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (l) =>
        out.write(`[${name}] ${l}\n`),
      );
  }
  const entry = { name, process: child, exited };
  children.push(entry);
  return entry;
}

function portOf(origin: string, fallback: number): number {
  try {
    return Number(new URL(origin.split(',')[0].trim()).port) || fallback;
  } catch {
    return fallback;
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
  void shutdown(1);
});
