import { RollupFolder, VACUUM_AFTER_FACTS } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';

/**
 * Every report reads the whole delta log (report_facts), which a fold empties by DELETE. A large fold must not leave
 * its dead rows to autovacuum's next pass: until then each report scanned them (180,000 dead facts took a coverage
 * report from 2.5 to 150 ms in the bench at 1.5 M needs).
 */
describe('the rollup fold and the delta log it empties (real PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const facts = (n: number) =>
    api.ds.query(
      `INSERT INTO report_facts (program_code, region_code, need_status, day, needs, quantity)
       SELECT (SELECT code FROM programs ORDER BY code LIMIT 1), '31.71.01.1001.RW02', 'open', current_date, 0, 0
         FROM generate_series(1, $1)`,
      [n],
    );
  const stats = async (): Promise<{ dead: number; vacuums: number }> => {
    const [row] = await api.ds.query(
      `SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums FROM pg_stat_user_tables WHERE relname = 'report_facts'`,
    );
    return row;
  };

  it('vacuums the delta log after a large fold, and leaves a small one to autovacuum', async () => {
    const folder = api.app.get(RollupFolder);
    await folder.fold({ wait: true });
    const before = await stats();

    await facts(10);
    expect((await folder.fold({ wait: true })).facts).toBe(10);
    expect((await stats()).vacuums).toBe(before.vacuums);

    await facts(VACUUM_AFTER_FACTS);
    expect((await folder.fold({ wait: true })).facts).toBe(VACUUM_AFTER_FACTS);
    const after = await stats();
    expect(after.vacuums).toBe(before.vacuums + 1);
    expect(after.dead).toBe(0);
    const [{ left }] = await api.ds.query(`SELECT count(*)::int AS left FROM report_facts`);
    expect(left).toBe(0);
  });
});
