import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source';
import { seedDatabase, SeedSummary } from './seed';

const SERVER_URL = 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = `ksbb_seed_spec_${process.pid}`;
const DEMO_PASSWORD = 'Kolaborasi2020!';

/** Each table with the key that orders its rows, for a content fingerprint. */
const TABLE_KEYS: Record<string, string> = {
  regions: 'code',
  programs: 'code',
  packages: 'program_code, code',
  aggregators: 'name',
  collaborators: 'id',
  users: 'email',
};

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${SERVER_URL}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function fingerprints(ds: DataSource): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [table, key] of Object.entries(TABLE_KEYS)) {
    const [row]: { fingerprint: string }[] = await ds.query(
      `SELECT md5(string_agg(t::text, '|' ORDER BY ${key})) AS fingerprint FROM ${table} t`,
    );
    result[table] = row.fingerprint;
  }
  return result;
}

const within = (value: number, target: number, tolerance: number): boolean =>
  Math.abs(value - target) <= target * tolerance;

describe('seedDatabase', () => {
  let ds: DataSource;
  let first: SeedSummary;
  let second: SeedSummary;
  let fingerprintsAfterFirst: Record<string, string>;
  let fingerprintsAfterSecond: Record<string, string>;

  beforeAll(async () => {
    await onServer(`DROP DATABASE IF EXISTS ${DB_NAME}`);
    await onServer(`CREATE DATABASE ${DB_NAME}`);
    ds = new DataSource({
      ...dataSourceOptions({ DATABASE_URL: `${SERVER_URL}/${DB_NAME}`, DATABASE_POOL_SIZE: 5 }),
      migrationsRun: false,
    });
    await ds.initialize();
    await ds.runMigrations();
    first = await seedDatabase(ds, { demo: true, demoPassword: DEMO_PASSWORD });
    fingerprintsAfterFirst = await fingerprints(ds);
    second = await seedDatabase(ds, { demo: true, demoPassword: DEMO_PASSWORD });
    fingerprintsAfterSecond = await fingerprints(ds);
  }, 120_000);

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await onServer(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  });

  it('seeds the Kemendagri regions and about 2,700 RW and 30,000 RT under them', async () => {
    expect(first.regionsByLevel).toMatchObject({ province: 1, city: 6, district: 44, village: 267 });
    expect(within(first.regionsByLevel.rw, 2_700, 0.05)).toBe(true);
    expect(within(first.regionsByLevel.rt, 30_000, 0.05)).toBe(true);
    const [{ count }]: { count: number }[] = await ds.query(
      `SELECT count(*)::int AS count FROM regions WHERE parent_code = '31.71' AND level = 'district'`,
    );
    expect(count).toBe(8);
    const [orphans]: { rw: number; village: number }[] = await ds.query(
      `SELECT count(*) FILTER (WHERE level = 'rw')::int AS rw, count(*) FILTER (WHERE level = 'village')::int AS village
         FROM regions r
        WHERE level IN ('rw', 'village') AND NOT EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code)`,
    );
    expect(orphans).toEqual({ rw: 0, village: 0 });
  });

  it('gives RW and RT codes, names and points in the documented shape', async () => {
    const rows: { code: string; name: string; has_point: boolean }[] = await ds.query(
      `SELECT code, name, point IS NOT NULL AS has_point FROM regions
        WHERE code IN ('31.71.01.1001.RW01', '31.71.01.1001.RW01.RT001') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: '31.71.01.1001.RW01', name: 'RW 01', has_point: true },
      { code: '31.71.01.1001.RW01.RT001', name: 'RT 001', has_point: true },
    ]);
  });

  it('seeds the six programs, Tenaga Kerja as a draft without packages', async () => {
    expect(first.programs).toBe(6);
    const programs: { code: string; status: string; packages: number }[] = await ds.query(
      `SELECT p.code, p.status, (SELECT count(*)::int FROM packages k WHERE k.program_code = p.code) AS packages
         FROM programs p ORDER BY p.code`,
    );
    expect(programs.map((p) => p.code)).toEqual([
      'PANGAN',
      'PENDIDIKAN',
      'PERMUKIMAN',
      'PERSAMPAHAN',
      'TENAGA_KERJA',
      'UMKM',
    ]);
    expect(programs.find((p) => p.code === 'TENAGA_KERJA')).toEqual({
      code: 'TENAGA_KERJA',
      status: 'draft',
      packages: 0,
    });
    expect(
      programs.filter((p) => p.code !== 'TENAGA_KERJA').every((p) => p.status === 'open' && p.packages > 0),
    ).toBe(true);
  });

  it('seeds the eight aggregators', () => {
    expect(first.aggregators).toBe(8);
  });

  it('seeds 222 demo collaborators split as on record', () => {
    expect(first.collaborators).toBe(222);
    expect(first.collaboratorsByType).toEqual({
      individual: 35,
      business: 103,
      government: 18,
      civil_society: 53,
      foreign: 13,
    });
  });

  it('creates one demo account per role, donor and aggregator attached to their organisations', async () => {
    const users: {
      email: string;
      role: string;
      collaborator: string | null;
      status: string | null;
      aggregator: string | null;
    }[] = await ds.query(
      `SELECT u.email, u.role, c.name AS collaborator, c.status, a.name AS aggregator
           FROM users u
           LEFT JOIN collaborators c ON c.id = u.collaborator_id
           LEFT JOIN aggregators a ON a.id = u.aggregator_id
          ORDER BY u.email`,
    );
    expect(users).toEqual([
      { email: 'admin@demo.ksbb.id', role: 'admin', collaborator: null, status: null, aggregator: null },
      {
        email: 'aggregator@demo.ksbb.id',
        role: 'aggregator',
        collaborator: null,
        status: null,
        aggregator: 'Dompet Dhuafa',
      },
      {
        email: 'donor@demo.ksbb.id',
        role: 'collaborator',
        collaborator: 'PT Demo Peduli Sesama',
        status: 'verified',
        aggregator: null,
      },
      { email: 'kelurahan@demo.ksbb.id', role: 'kelurahan', collaborator: null, status: null, aggregator: null },
      {
        email: 'operator@demo.ksbb.id',
        role: 'operator',
        collaborator: null,
        status: null,
        aggregator: null,
      },
      { email: 'viewer@demo.ksbb.id', role: 'viewer', collaborator: null, status: null, aggregator: null },
    ]);
  });

  it('changes nothing when run a second time', () => {
    expect(second).toEqual(first);
    expect(fingerprintsAfterSecond).toEqual(fingerprintsAfterFirst);
  });
});
