/**
 * `db:seed`: seeds reference data, plus demo accounts and collaborators outside production.
 *   --reference-only   skip the demo data
 *   --demo             demand the demo data (refused with NODE_ENV=production)
 * Progress goes to stderr; stdout gets one JSON line with the row counts.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { loadEnvironment } from '../../config/environment';
import { dataSourceOptions } from '../data-source';
import { seedDatabase } from './seed';

const KNOWN_FLAGS = new Set(['--reference-only', '--demo']);

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((arg) => !KNOWN_FLAGS.has(arg));
  if (unknown.length > 0) {
    console.error(`Unknown argument(s): ${unknown.join(' ')}. Usage: seed [--reference-only | --demo]`);
    return 2;
  }
  loadEnvironment();
  const config = loadConfig();
  const production = config.NODE_ENV === 'production';
  if (production && argv.includes('--demo')) {
    console.error('Refusing to seed demo accounts and collaborators with NODE_ENV=production.');
    return 1;
  }
  const demo = !production && !argv.includes('--reference-only');
  if (production) console.error('NODE_ENV=production: seeding reference data only (no demo data).');

  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    const started = Date.now();
    const summary = await seedDatabase(ds, {
      demo,
      demoPassword: config.DEMO_PASSWORD,
      log: (msg) => console.error(`[seed] ${msg}`),
    });
    console.log(JSON.stringify({ demo, durationMs: Date.now() - started, ...summary }));
    return 0;
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('[seed] failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
