import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, loadEnvironment } from '@ksbb/core';
import { migrate, seed } from './db';

const ROOT = join(__dirname, '..');
const NODE = process.execPath;
const REGISTER = ['-r', join(ROOT, 'tools/ts-register.js')];

/** `npm start`: migrate, seed, then run the API, the worker and the admin SPA together until Ctrl-C. */
async function main(): Promise<void> {
  // Generates the secrets file before the API and the worker start, so they never race for it.
  loadEnvironment();
  const config = loadConfig();
  await migrate(config);
  await seed(config);
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const adminConfig = join(ROOT, 'apps/admin/vite.config.ts');
  if (!existsSync(join(ROOT, 'dist/apps/admin/index.html')) || process.env.REBUILD_ADMIN === 'true') {
    await run('admin-build', NODE, [vite, 'build', '--config', adminConfig]);
  }
  const children = [
    start('api', NODE, [...REGISTER, join(ROOT, 'apps/api/src/main.ts')]),
    start('worker', NODE, [...REGISTER, join(ROOT, 'apps/worker/src/main.ts')]),
    start('admin', NODE, [vite, 'preview', '--config', adminConfig, '--host', '0.0.0.0'], { API_URL: `http://127.0.0.1:${config.PORT}` }),
  ];
  process.stdout.write(`\nKSBB is starting: API http://localhost:${config.PORT}/api/docs · admin http://localhost:4200\n\n`);
  const stop = (): void => children.forEach((c) => c.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const c of children) {
    c.on('exit', (code) => {
      if (code && code !== 0) {
        process.stderr.write(`a process exited with ${code}; stopping\n`);
        stop();
        process.exitCode = code;
      }
    });
  }
}

function start(name: string, cmd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${name}] ${l}\n`)
      .join('');
  child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  return child;
}

function run(name: string, cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    start(name, cmd, args).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} failed (${code})`))));
  });
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});
