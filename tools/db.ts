import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, loadConfig, loadEnvironment, seedDatabase, seedDemoWorld } from '@ksbb/core';

/** Creates the configured database (with PostGIS available) when it does not exist yet. */
export async function ensureDatabase(config: AppConfig): Promise<void> {
  const url = new URL(config.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      process.stdout.write(`created database ${name}\n`);
    }
  } finally {
    await admin.end();
  }
}

async function withDataSource<T>(config: AppConfig, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource({ ...dataSourceOptions(config), logging: ['error', 'migration'] });
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

export async function migrate(config: AppConfig): Promise<void> {
  await ensureDatabase(config);
  await withDataSource(config, async (ds) => {
    const ran = await ds.runMigrations({ transaction: 'each' });
    process.stdout.write(`migrations: ${ran.length ? ran.map((m) => m.name).join(', ') : 'up to date'}\n`);
  });
}

/**
 * Reference data always; demo accounts and collaborators never in production; the demo world (a city of needs,
 * claims and verified BASTs) outside production unless DEMO_WORLD=off. The tests' template skips the world.
 */
export async function seed(config: AppConfig): Promise<void> {
  const demo = config.NODE_ENV !== 'production';
  await withDataSource(config, async (ds) => {
    const summary = await seedDatabase(ds, { demoPassword: config.DEMO_PASSWORD, demo });
    process.stdout.write(`seed: ${JSON.stringify(summary)}\n`);
    if (demo && config.DEMO_WORLD === 'on') {
      // The rollup rebuild logs through Nest's default logger; its debug lines are noise here.
      Logger.overrideLogger(['error', 'warn']);
      const world = await seedDemoWorld(ds);
      process.stdout.write(
        world.built
          ? `demo world: ${world.needs} needs, ${world.commitments} commitments, ${world.claims} claims, ${world.handovers} handovers (${world.verifiedHandovers} verified) in ${world.ms} ms\n`
          : 'demo world: already there (DEMO_WORLD=off skips it)\n',
      );
    }
  });
}

/** Exits non-zero when the entities describe a schema the migrations do not create. */
export async function check(config: AppConfig): Promise<void> {
  await withDataSource(config, async (ds) => {
    const pending = await ds.showMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    if (pending || sql.upQueries.length) {
      process.stderr.write(
        `schema drift (pending migrations: ${pending}):\n${sql.upQueries.map((q) => q.query).join(';\n')}\n`,
      );
      process.exit(1);
    }
    process.stdout.write('entities and migrations agree\n');
  });
}

if (require.main === module) {
  const command = process.argv[2];
  loadEnvironment();
  const config = loadConfig();
  const run = { migrate, seed, check, setup: async (c: AppConfig) => (await migrate(c), await seed(c)) }[
    command ?? ''
  ];
  if (!run) {
    process.stderr.write('usage: db.ts migrate|seed|check|setup\n');
    process.exit(2);
  }
  run(config).then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
      process.exit(1);
    },
  );
}
