import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '..', '..', '..', '..');
const DEFAULT_DIST = join(WORKSPACE, 'dist', 'apps', 'admin');
/** What the bundle is built from: a change to any of these makes dist stale. */
const SOURCES = [
  'apps/admin/src',
  'apps/admin/public',
  'apps/admin/index.html',
  'apps/admin/vite.config.ts',
  'apps/admin/pwa',
  'libs/api-client/src',
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/**
 * The directory of the built admin SPA: `ADMIN_DIST` when given (prebuilt, e.g. by CI), otherwise dist/apps/admin,
 * rebuilt with Vite first when it is missing or older than its sources.
 */
export function ensureAdminBuild(): string {
  const prebuilt = process.env.ADMIN_DIST;
  if (prebuilt) {
    if (!existsSync(join(prebuilt, 'index.html')))
      throw new Error(`ADMIN_DIST=${prebuilt} has no index.html`);
    return prebuilt;
  }
  const builtAt = newestChange(join(DEFAULT_DIST, 'index.html'));
  const changedAt = Math.max(...SOURCES.map((source) => newestChange(join(WORKSPACE, source))));
  if (builtAt < changedAt) {
    execFileSync(
      process.execPath,
      [
        join(WORKSPACE, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'apps/admin/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: WORKSPACE,
        stdio: 'inherit',
        // jest sets NODE_ENV=test, which would make Vite bundle the development builds of React
        env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      },
    );
  }
  return DEFAULT_DIST;
}
