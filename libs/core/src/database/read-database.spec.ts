import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { ReadDatabase } from './read-database';

const config = (over: Partial<AppConfig> = {}): AppConfig =>
  ({
    DATABASE_REPLICA_POOL_SIZE: 2,
    DATABASE_REPLICA_MAX_LAG_SECONDS: 5,
    DATABASE_REPLICA_CHECK_MS: 60_000,
    DATABASE_REPLICA_QUERY_TIMEOUT_MS: 1000,
    ...over,
  }) as AppConfig;

/** A stand-in for the replica's DataSource: answers the lag probe with `lag`, other reads with 'replica'. */
function fakeReplica(lag: () => number | null | Error, read: () => unknown = () => 'replica') {
  return {
    isInitialized: true,
    initialize: jest.fn(),
    destroy: jest.fn(async () => undefined),
    query: jest.fn(async (sql: string) => {
      if (sql.includes('pg_is_in_recovery')) {
        const l = lag();
        if (l instanceof Error) throw l;
        return [{ lag: l }];
      }
      const r = read();
      if (r instanceof Error) throw r;
      return r;
    }),
  };
}

async function withReplica(replica: ReturnType<typeof fakeReplica>, over: Partial<AppConfig> = {}) {
  const primary = { query: jest.fn(async () => 'primary') } as unknown as DataSource;
  const db = new ReadDatabase(primary, config({ DATABASE_REPLICA_URL: 'postgres://x@127.0.0.1:1/ksbb', ...over }));
  const internals = db as unknown as { replica: unknown; probing: Promise<void> | null; check(): Promise<void> };
  // The constructor's first probe went to the unreachable URL: let it finish, then probe the stand-in.
  await internals.probing?.catch(() => undefined);
  internals.replica = replica;
  await internals.check();
  return { db, primary };
}

describe('ReadDatabase', () => {
  it('reads the primary when no replica is configured', async () => {
    const primary = { query: jest.fn(async () => 'primary') } as unknown as DataSource;
    const db = new ReadDatabase(primary, config());
    await expect(db.query('SELECT 1')).resolves.toBe('primary');
    expect(db.state()).toEqual({ configured: false, usingReplica: false, lagSeconds: null });
  });

  it('reads the replica while its lag is within the bound', async () => {
    const { db } = await withReplica(fakeReplica(() => 1.5));
    await expect(db.query('SELECT 1')).resolves.toBe('replica');
    expect(db.state()).toMatchObject({ usingReplica: true, lagSeconds: 1.5 });
    await db.onApplicationShutdown();
  });

  it('reads the primary while the replica lags past the bound or is not streaming', async () => {
    const late = await withReplica(fakeReplica(() => 9));
    await expect(late.db.query('SELECT 1')).resolves.toBe('primary');
    const cut = await withReplica(fakeReplica(() => null));
    await expect(cut.db.query('SELECT 1')).resolves.toBe('primary');
    await late.db.onApplicationShutdown();
    await cut.db.onApplicationShutdown();
  });

  it('runs a read again on the primary when the replica drops the connection, and stops using it', async () => {
    const replica = fakeReplica(
      () => 0,
      () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    const { db } = await withReplica(replica);
    await expect(db.query('SELECT 1')).resolves.toBe('primary');
    expect(db.state().usingReplica).toBe(false);
    await db.onApplicationShutdown();
  });

  it('passes SQL errors of the statement itself through (no retry on the primary)', async () => {
    const replica = fakeReplica(
      () => 0,
      () => Object.assign(new Error('invalid input syntax'), { code: '22P02' }),
    );
    const { db, primary } = await withReplica(replica);
    await expect(db.query('SELECT 1')).rejects.toThrow('invalid input syntax');
    expect(primary.query).not.toHaveBeenCalled();
    await db.onApplicationShutdown();
  });
});
