import { DataSource } from 'typeorm';
import { createTestDatabase, testConfig } from '@ksbb/testing';
import { HandoverLedgerRepository } from '../../handovers/handover-ledger.repository';
import { HandoverLedgerService } from '../../handovers/handover-ledger.service';
import { ReportsRepository } from '../../reports/reports.repository';
import { ReportsService } from '../../reports/reports.service';
import { RollupFolder } from '../../reports/rollups/rollup-folder';
import { RollupsRepository } from '../../reports/rollups/rollups.repository';
import { dataSourceOptions } from '../data-source';
import { ReadDatabase } from '../read-database';
import { DemoWorldSummary, seedDemoWorld } from './demo-world.seed';

/** Content fingerprint of the tables the world writes (and the counters it moves). */
async function fingerprint(ds: DataSource): Promise<Record<string, string>> {
  const tables = [
    'needs',
    'commitments',
    'commitment_items',
    'allocations',
    'handovers',
    'handover_items',
    'number_sequences',
  ];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row]: { f: string }[] = await ds.query(
      `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM ${t} x`,
    );
    out[t] = row.f;
  }
  return out;
}

describe('demo world (seedDemoWorld)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let first: DemoWorldSummary;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({
      ...dataSourceOptions({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: 4 }),
      logging: false,
    });
    await ds.initialize();
    first = await seedDemoWorld(ds);
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('is not in the test template: tests start from an empty city', async () => {
    const fresh = await createTestDatabase();
    const other = new DataSource({
      ...dataSourceOptions({ DATABASE_URL: fresh.url, DATABASE_POOL_SIZE: 1 }),
      logging: false,
    });
    await other.initialize();
    try {
      const [{ n }] = await other.query(`SELECT count(*)::int AS n FROM needs`);
      expect(n).toBe(0);
    } finally {
      await other.destroy();
      await fresh.drop();
    }
  });

  it('builds about 2,000 needs over every kelurahan, at RT/RW level, in every open program', async () => {
    expect(first.built).toBe(true);
    const [c] = await ds.query(
      `SELECT count(*)::int AS needs,
              count(DISTINCT left(region_code, 13))::int AS villages,
              count(*) FILTER (WHERE region_code LIKE '%.RW__%')::int AS below_village,
              count(DISTINCT program_code)::int AS programs
         FROM needs`,
    );
    const [ref] = await ds.query(
      `SELECT (SELECT count(*) FROM regions WHERE level = 'village')::int AS villages,
              (SELECT count(*) FROM programs WHERE status = 'open')::int AS programs`,
    );
    expect(c.needs).toBeGreaterThanOrEqual(1000);
    expect(ref.villages).toBe(267);
    expect(c.villages).toBe(ref.villages);
    expect(c.below_village).toBe(c.needs);
    expect(c.programs).toBe(ref.programs);
  });

  it('has claims in every state, commitments from the demo collaborators and verified BASTs over twelve months', async () => {
    const states: { status: string }[] = await ds.query(`SELECT DISTINCT status FROM allocations ORDER BY 1`);
    expect(states.map((s) => s.status)).toEqual([
      'delivered',
      'expired',
      'partially_delivered',
      'released',
      'reserved',
    ]);
    const [h] = await ds.query(
      `SELECT count(*) FILTER (WHERE status = 'verified')::int AS verified,
              count(*) FILTER (WHERE status = 'submitted')::int AS submitted,
              count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
              count(DISTINCT date_trunc('month', handed_over_at)) FILTER (WHERE status = 'verified')::int AS months,
              bool_and(handed_over_at <= now() AND created_at <= now() AND coalesce(decided_at, now()) <= now()) AS past
         FROM handovers`,
    );
    expect(h.verified).toBeGreaterThanOrEqual(100);
    expect(h.submitted).toBeGreaterThan(0);
    expect(h.rejected).toBeGreaterThan(0);
    expect(h.months).toBeGreaterThanOrEqual(12);
    expect(h.past).toBe(true);
    const [c] = await ds.query(
      `SELECT count(DISTINCT collaborator_id)::int AS collaborators, count(DISTINCT status)::int AS statuses
         FROM commitments`,
    );
    expect(c.collaborators).toBeGreaterThan(50);
    expect(c.statuses).toBeGreaterThanOrEqual(4);
    // Reserved claims still hold (the sweeper would expire them at once otherwise).
    const [{ lapsed }] = await ds.query(
      `SELECT count(*)::int AS lapsed FROM allocations WHERE status = 'reserved' AND expires_at <= now()`,
    );
    expect(lapsed).toBe(0);
  });

  it('keeps the quantities consistent: needs and commitment items add up their active claims', async () => {
    const [bad] = await ds.query(
      `WITH a AS (SELECT need_id, commitment_item_id, quantity, delivered_quantity FROM allocations
                   WHERE status IN ('reserved', 'partially_delivered', 'delivered'))
       SELECT (SELECT count(*) FROM needs n
                WHERE n.allocated_quantity <> coalesce((SELECT sum(quantity) FROM a WHERE a.need_id = n.id), 0)
                   OR n.delivered_quantity <> coalesce((SELECT sum(delivered_quantity) FROM a WHERE a.need_id = n.id), 0))::int AS needs,
              (SELECT count(*) FROM commitment_items i
                WHERE i.allocated_quantity <> coalesce((SELECT sum(quantity) FROM a WHERE a.commitment_item_id = i.id), 0)
                   OR i.delivered_quantity <> coalesce((SELECT sum(delivered_quantity) FROM a WHERE a.commitment_item_id = i.id), 0))::int AS items,
              (SELECT count(*) FROM allocations al
                WHERE al.delivered_quantity <> coalesce((SELECT sum(hi.quantity) FROM handover_items hi
                       JOIN handovers h ON h.id = hi.handover_id AND h.status = 'verified'
                      WHERE hi.allocation_id = al.id), 0))::int AS claims`,
    );
    expect(bad).toEqual({ needs: 0, items: 0, claims: 0 });
  });

  it('appends to the ledger so that it verifies', async () => {
    const ledger = new HandoverLedgerService(new HandoverLedgerRepository(ds), testConfig(db.url));
    const check = await ledger.verify();
    expect(check).toMatchObject({ ok: true, length: first.verifiedHandovers });
    expect(check.length).toBeGreaterThanOrEqual(100);
  });

  it('fills the reporting rollups, dated over the year', async () => {
    const [r] = await ds.query(
      `SELECT (SELECT sum(needs) FROM report_region_rollups)::int AS needs,
              (SELECT sum(handovers_verified) FROM report_region_rollups)::int AS verified,
              (SELECT count(DISTINCT date_trunc('month', day)) FROM report_daily_rollups WHERE handovers_verified > 0)::int AS months`,
    );
    expect(r.needs).toBe(first.needs);
    expect(r.verified).toBe(first.verifiedHandovers);
    expect(r.months).toBeGreaterThanOrEqual(12);
  });

  it("gives the dashboard's charts and the map data: a year of claims and deliveries, coverage down to RW", async () => {
    const reports = new ReportsService(
      new ReportsRepository(new ReadDatabase(ds, testConfig(db.url))),
      new RollupFolder(ds, new RollupsRepository(ds)),
    );
    const [{ today, from }] = await ds.query(
      `SELECT report_today()::text AS today, (report_today() - 364)::text AS from`,
    );
    // what the dashboard's chart asks for: the last twelve months, by month
    const series = await reports.timeseries('month', { from, to: today });
    expect(series.points.length).toBeGreaterThanOrEqual(12);
    expect(series.points.filter((p) => p.delivered > 0).length).toBeGreaterThanOrEqual(10);
    expect(series.totals.allocated).toBeGreaterThan(0);
    expect(series.totals.handoversVerified).toBeGreaterThanOrEqual(100);
    // the coverage charts and the map's levels
    const district = await reports.coverage('district');
    expect(district.rows.length).toBeGreaterThanOrEqual(40);
    expect(district.totals.delivered).toBeGreaterThan(0);
    const village = await reports.coverage('village');
    expect(village.rows.length).toBeGreaterThan(200);
    const rw = await reports.coverage('rw');
    expect(rw.rows.length).toBeGreaterThan(village.rows.length);
    expect(rw.rows.every((r) => /^31\.\d{2}\.\d{2}\.\d{4}\.RW\d{2}$/.test(r.code))).toBe(true);
    expect(rw.totals.quantity).toBeLessThanOrEqual(village.totals.quantity);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await fingerprint(ds);
    const again = await seedDemoWorld(ds);
    expect(again.built).toBe(false);
    expect(await fingerprint(ds)).toEqual(before);
  });
});
