import { waitFor } from '@ksbb/testing';
import { startTestWorker, TestWorker } from '@ksbb/testing/worker';
import { createWorker } from './worker.factory';

/** The scheduled sweep returns overdue claims to their needs and warns holders of claims about to expire. */
describe('claim expiry schedule', () => {
  let worker: TestWorker;
  beforeAll(async () => {
    worker = await startTestWorker(createWorker);
  });
  afterAll(() => worker.stop());

  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => worker.dataSource.query(sql, params);

  /** An approved commitment holding one reserved claim of `quantity` on an open need, expiring at `expiresAt`. */
  async function claim(quantity: number, expiresAt: string): Promise<{ needId: string; allocationId: string }> {
    const [{ id: collaboratorId }] = await q<{ id: string }>(`SELECT id FROM collaborators WHERE status = 'verified' LIMIT 1`);
    const [{ id: packageId }] = await q<{ id: string }>(`SELECT id FROM packages WHERE program_code = 'PANGAN' AND code = 'SEMBAKO'`);
    const [{ code: regionCode }] = await q<{ code: string }>(`SELECT code FROM regions WHERE level = 'rt' LIMIT 1`);
    const [{ id: needId }] = await q<{ id: string }>(
      `INSERT INTO needs (program_code, package_id, region_code, title, quantity, allocated_quantity, status, source)
       VALUES ('PANGAN', $1, $2, 'Sembako RT', 10, $3, 'open', 'bansos') RETURNING id`,
      [packageId, regionCode, quantity],
    );
    const [{ id: commitmentId }] = await q<{ id: string }>(
      `INSERT INTO commitments (collaborator_id, program_code, delivery_mode, planned_from, planned_to, status)
       VALUES ($1, 'PANGAN', 'direct', '2026-01-01', '2026-12-31', 'approved') RETURNING id`,
      [collaboratorId],
    );
    const [{ id: itemId }] = await q<{ id: string }>(
      `INSERT INTO commitment_items (commitment_id, package_id, quantity, unit_value, allocated_quantity)
       VALUES ($1, $2, 10, 200000, $3) RETURNING id`,
      [commitmentId, packageId, quantity],
    );
    const [{ id: allocationId }] = await q<{ id: string }>(
      `INSERT INTO allocations (commitment_id, commitment_item_id, need_id, quantity, status, expires_at)
       VALUES ($1, $2, $3, $4, 'reserved', $5::timestamptz) RETURNING id`,
      [commitmentId, itemId, needId, quantity, expiresAt],
    );
    return { needId, allocationId };
  }

  it('expires an overdue claim and gives its quantity back to the need, and warns one expiring within 3 days', async () => {
    const overdue = await claim(4, new Date(Date.now() - 60_000).toISOString());
    const soon = await claim(3, new Date(Date.now() + 2 * 86400_000).toISOString());
    const later = await claim(2, new Date(Date.now() + 10 * 86400_000).toISOString());

    await waitFor('the overdue claim to expire', async () => {
      const [a] = await q<{ status: string }>(`SELECT status FROM allocations WHERE id = $1`, [overdue.allocationId]);
      return a.status === 'expired' ? a : undefined;
    });
    const [need] = await q<{ allocated: number; status: string }>(
      `SELECT allocated_quantity AS allocated, status FROM needs WHERE id = $1`,
      [overdue.needId],
    );
    expect(need).toEqual({ allocated: 0, status: 'open' });

    const warned = await waitFor('the expiring claim to be warned', async () => {
      const rows = await q<{ id: string }>(`SELECT id FROM allocations WHERE warned_at IS NOT NULL`);
      return rows.length ? rows : undefined;
    });
    expect(warned.map((r) => r.id)).toEqual([soon.allocationId]);
    const events = await q<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM outbox_events WHERE type LIKE 'allocation.%' GROUP BY type ORDER BY type`,
    );
    expect(events).toEqual([
      { type: 'allocation.expired', n: 1 },
      { type: 'allocation.expiring', n: 1 },
    ]);
    const [untouched] = await q<{ status: string }>(`SELECT status FROM allocations WHERE id = $1`, [later.allocationId]);
    expect(untouched.status).toBe('reserved');
  });
});
