// `npm run start:prod`: the compiled build (`npm run build`) with `node` alone — no TypeScript loader, nothing from
// devDependencies, so `npm ci --omit=dev` is enough. Applies pending migrations, then runs the API (which also serves
// the built admin and public site on its own origin) and the worker until SIGINT/SIGTERM, which each child handles by
// draining. In containers, run the three commands separately instead (see docker-compose.yml).
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const SERVER = join(ROOT, 'dist/server');
const envFile = join(ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
process.env.NODE_ENV ??= 'production';
process.env.ADMIN_DIST_DIR ??= join(ROOT, 'dist/apps/admin');

if (!existsSync(join(SERVER, 'apps/api/src/main.js'))) {
  process.stderr.write('no build in dist/server: run `npm run build` first\n');
  process.exit(1);
}

const migrated = spawnSync(process.execPath, [join(SERVER, 'tools/db.js'), 'migrate'], { cwd: ROOT, stdio: 'inherit' });
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

const children = ['apps/api/src/main.js', 'apps/worker/src/main.js'].map((main) =>
  spawn(process.execPath, ['--enable-source-maps', join(SERVER, main)], { cwd: ROOT, stdio: 'inherit' }),
);
let stopping = false;
const stop = (signal) => {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) {
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${child.spawnargs.at(-1)} exited (${code ?? signal}); stopping the others\n`);
      process.exitCode = code || 1;
      stop('SIGTERM');
    }
  });
}
