import { AllocationsService, CommitmentsService, UnitOfWork } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';
import {
  approvedCommitment,
  auth,
  claim,
  demoAggregatorId,
  insertNeed,
  needRow,
  submittedCommitment,
} from '@ksbb/testing/api';

describe('allocations (claims on needs)', () => {
  let api: TestApi;
  let donor: Record<string, string>;
  let operator: Record<string, string>;
  let expiry: AllocationsService;

  beforeAll(async () => {
    api = await startTestApi();
    donor = auth(await api.tokenFor('collaborator'));
    operator = auth(await api.tokenFor('operator'));
    expiry = api.app.get(AllocationsService);
  });
  afterAll(() => api.close());

  const forceExpiry = (where: string, params: unknown[]) =>
    api.ds.query(`UPDATE allocations SET expires_at = now() - interval '1 second' WHERE ${where}`, params);

  it('64 donors racing for a need of 10: exactly 10 win, the need is never over-allocated, and expiry frees it', async () => {
    const needId = await insertNeed(api.ds, { quantity: 10 });
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 100, unitValue: 200_000 }],
    });
    const results = await Promise.all(
      Array.from({ length: 64 }, () =>
        api.http
          .post('/api/v1/allocations')
          .set(donor)
          .send({ commitmentId: commitment.id, needId, quantity: 1 }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(54);
    const refused = results.find((r) => r.status === 409);
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused?.body.detail).toMatch(/fully_allocated|only 0 left on the need/);
    const won = results.find((r) => r.status === 201)?.body;
    expect(won).toMatchObject({
      status: 'reserved',
      quantity: 1,
      needId,
      commitmentId: commitment.id,
      expiresAt: expect.any(String),
    });
    const hold = new Date(won.expiresAt).getTime() - Date.now();
    expect(hold).toBeGreaterThan(13.9 * 86_400_000);
    expect(hold).toBeLessThanOrEqual(14 * 86_400_000);
    expect(await needRow(api.ds, needId)).toEqual({
      quantity: 10,
      allocated: 10,
      status: 'fully_allocated',
      reserved: 10,
    });
    const [item] = await api.ds.query(
      `SELECT allocated_quantity AS n FROM commitment_items WHERE commitment_id = $1`,
      [commitment.id],
    );
    expect(item.n).toBe(10);

    await forceExpiry('need_id = $1', [needId]);
    expect(await expiry.expireDue()).toBe(10);
    expect(await needRow(api.ds, needId)).toEqual({
      quantity: 10,
      allocated: 0,
      status: 'open',
      reserved: 0,
    });
    const [after] = await api.ds.query(
      `SELECT allocated_quantity AS n FROM commitment_items WHERE commitment_id = $1`,
      [commitment.id],
    );
    expect(after.n).toBe(0);
    const again = await claim(api, { commitmentId: commitment.id, needId, quantity: 10 });
    expect(again.status).toBe(201);
    expect(await needRow(api.ds, needId)).toMatchObject({ allocated: 10, status: 'fully_allocated' });
  });

  it("the commitment item's quantity is a limit too: 10 of 64 win and the need is rolled back for the rest", async () => {
    const needId = await insertNeed(api.ds, { quantity: 100, packageCode: 'MAKANAN_SIAP_SAJI' });
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'MAKANAN_SIAP_SAJI', quantity: 10, unitValue: 25_000 }],
    });
    const results = await Promise.all(
      Array.from({ length: 64 }, () => claim(api, { commitmentId: commitment.id, needId, quantity: 1 })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(54);
    expect(refused[0].body.detail).toMatch(/only 0 left on the commitment item/);
    expect(await needRow(api.ds, needId)).toEqual({
      quantity: 100,
      allocated: 10,
      status: 'open',
      reserved: 10,
    });
  });

  it('two expiry runs at once expire each claim exactly once and give back exactly its quantity', async () => {
    const needs = [await insertNeed(api.ds, { quantity: 50 }), await insertNeed(api.ds, { quantity: 50 })];
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 100, unitValue: 200_000 }],
    });
    const claims = [];
    for (let i = 0; i < 30; i++)
      claims.push(await claim(api, { commitmentId: commitment.id, needId: needs[i % 2], quantity: 2 }));
    expect(claims.every((c) => c.status === 201)).toBe(true);
    await forceExpiry('commitment_id = $1', [commitment.id]);
    const [a, b] = await Promise.all([expiry.expireDue(), expiry.expireDue()]);
    expect(a + b).toBe(30);
    expect(await expiry.expireDue()).toBe(0);
    for (const needId of needs) {
      expect(await needRow(api.ds, needId)).toEqual({
        quantity: 50,
        allocated: 0,
        status: 'open',
        reserved: 0,
      });
    }
    const [events] = await api.ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT aggregate_id)::int AS distinct_ids FROM outbox_events
        WHERE type = 'allocation.expired' AND aggregate_id = ANY($1::text[])`,
      [claims.map((c) => c.body.id)],
    );
    expect(events).toEqual({ n: 30, distinct_ids: 30 });
    const listed = await api.http
      .get(`/api/v1/allocations?commitmentId=${commitment.id}&status=expired&limit=100`)
      .set(donor);
    expect(listed.body.meta.total).toBe(30);
  });

  it('warns each holder once, three days before expiry', async () => {
    const needId = await insertNeed(api.ds, { quantity: 10 });
    const commitment = await approvedCommitment(api);
    const soon = await claim(api, { commitmentId: commitment.id, needId, quantity: 1 });
    const later = await claim(api, { commitmentId: commitment.id, needId, quantity: 1 });
    await api.ds.query(`UPDATE allocations SET expires_at = now() + interval '2 days' WHERE id = $1`, [
      soon.body.id,
    ]);
    const [first, second] = [await expiry.warnExpiring(), await expiry.warnExpiring()];
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(0);
    const rows = await api.ds.query(`SELECT id, warned_at FROM allocations WHERE id = ANY($1::uuid[])`, [
      [soon.body.id, later.body.id],
    ]);
    const warned = Object.fromEntries(
      rows.map((r: { id: string; warned_at: Date | null }) => [r.id, r.warned_at !== null]),
    );
    expect(warned).toEqual({ [String(soon.body.id)]: true, [String(later.body.id)]: false });
    const [{ n }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'allocation.expiring' AND aggregate_id = $1`,
      [soon.body.id],
    );
    expect(n).toBe(1);
  });

  it('releases a reservation and gives its quantity back (a fully allocated need opens again)', async () => {
    const needId = await insertNeed(api.ds, { quantity: 5 });
    const commitment = await approvedCommitment(api);
    const held = await claim(api, { commitmentId: commitment.id, needId, quantity: 5 });
    expect(await needRow(api.ds, needId)).toMatchObject({ status: 'fully_allocated', allocated: 5 });
    const res = await api.http
      .post(`/api/v1/allocations/${held.body.id}/release`)
      .set(donor)
      .send({ reason: 'stok habis' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'released',
      endReason: 'stok habis',
      endedAt: expect.any(String),
    });
    expect(await needRow(api.ds, needId)).toEqual({ quantity: 5, allocated: 0, status: 'open', reserved: 0 });
    const noBody = await claim(api, { commitmentId: commitment.id, needId, quantity: 2 });
    const released = await api.http.post(`/api/v1/allocations/${noBody.body.id}/release`).set(operator);
    expect(released.status).toBe(200);
    const [event] = await api.ds.query(
      `SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY id DESC LIMIT 1`,
      [held.body.id],
    );
    expect(event).toMatchObject({ type: 'allocation.released', payload: { needId, quantity: 5 } });
  });

  it('cancelling a commitment releases all its reservations in the same transaction', async () => {
    const needs = [await insertNeed(api.ds, { quantity: 3 }), await insertNeed(api.ds, { quantity: 8 })];
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 20, unitValue: 200_000 }],
    });
    await claim(api, { commitmentId: commitment.id, needId: needs[0], quantity: 3 });
    await claim(api, { commitmentId: commitment.id, needId: needs[1], quantity: 2 });
    await claim(api, { commitmentId: commitment.id, needId: needs[1], quantity: 4 });
    const res = await api.http
      .post(`/api/v1/commitments/${commitment.id}/cancel`)
      .set(donor)
      .send({ reason: 'anggaran dialihkan' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', statusReason: 'anggaran dialihkan' });
    expect(res.body.items[0]).toMatchObject({ allocatedQuantity: 0, availableQuantity: 20 });
    expect(await needRow(api.ds, needs[0])).toEqual({
      quantity: 3,
      allocated: 0,
      status: 'open',
      reserved: 0,
    });
    expect(await needRow(api.ds, needs[1])).toEqual({
      quantity: 8,
      allocated: 0,
      status: 'open',
      reserved: 0,
    });
    const [{ n }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM allocations WHERE commitment_id = $1 AND status = 'released'`,
      [commitment.id],
    );
    expect(n).toBe(3);
    const late = await claim(api, { commitmentId: commitment.id, needId: needs[0], quantity: 1 });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/the commitment is cancelled/);
  });

  it('refuses claims that break a rule, saying why', async () => {
    const approved = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 50, unitValue: 200_000 }],
    });
    const submitted = await submittedCommitment(api);
    const open = await insertNeed(api.ds, { quantity: 5 });
    const draftNeed = await insertNeed(api.ds, { quantity: 5, status: 'draft' });
    const otherProgram = await insertNeed(api.ds, {
      quantity: 5,
      programCode: 'PENDIDIKAN',
      packageCode: 'GAWAI_SISWA',
    });
    const otherPackage = await insertNeed(api.ds, { quantity: 5, packageCode: 'PAKET_THR' });
    const cases: [string, Record<string, unknown>, number, RegExp][] = [
      [
        'submitted commitment',
        { commitmentId: submitted.id, needId: open, quantity: 1 },
        409,
        /the commitment is submitted/,
      ],
      // A draft does not exist for a collaborator (test/security/drafts.e2e-spec.ts).
      ['draft need', { commitmentId: approved.id, needId: draftNeed, quantity: 1 }, 404, /was not found/],
      [
        'other program',
        { commitmentId: approved.id, needId: otherProgram, quantity: 1 },
        409,
        /program PENDIDIKAN/,
      ],
      [
        'no item for package',
        { commitmentId: approved.id, needId: otherPackage, quantity: 1 },
        409,
        /no item for package PAKET_THR/,
      ],
      [
        'more than is left',
        { commitmentId: approved.id, needId: open, quantity: 6 },
        409,
        /only 5 left on the need/,
      ],
      [
        'unknown need',
        { commitmentId: approved.id, needId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
        404,
        /need/,
      ],
      ['zero quantity', { commitmentId: approved.id, needId: open, quantity: 0 }, 400, /quantity/],
    ];
    for (const [name, body, status, detail] of cases) {
      const res = await claim(api, body as { commitmentId: string; needId: string; quantity: number });
      expect({ name, status: res.status, detail: res.body.detail }).toEqual({
        name,
        status,
        detail: expect.stringMatching(detail),
      });
    }
    expect(await needRow(api.ds, open)).toMatchObject({ allocated: 0, status: 'open' });
  });

  it('lists expiring-soon first, with filters, and an aggregator sees the claims of commitments routed to it', async () => {
    const aggregatorId = await demoAggregatorId(api.ds);
    const needId = await insertNeed(api.ds, { quantity: 10 });
    const routed = await approvedCommitment(api, { deliveryMode: 'aggregator', aggregatorId });
    const direct = await approvedCommitment(api);
    const r1 = await claim(api, { commitmentId: routed.id, needId, quantity: 1 });
    const r2 = await claim(api, { commitmentId: direct.id, needId, quantity: 1 });
    await api.ds.query(`UPDATE allocations SET expires_at = now() + interval '1 day' WHERE id = $1`, [
      r2.body.id,
    ]);
    const byNeed = await api.http.get(`/api/v1/allocations?needId=${needId}`).set(operator);
    expect(byNeed.status).toBe(200);
    expect(byNeed.body.data.map((a: { id: string }) => a.id)).toEqual([r2.body.id, r1.body.id]);
    const newestFirst = await api.http
      .get(`/api/v1/allocations?needId=${needId}&sort=-expiresAt`)
      .set(operator);
    expect(newestFirst.body.data.map((a: { id: string }) => a.id)).toEqual([r1.body.id, r2.body.id]);
    const soon = await api.http
      .get(
        `/api/v1/allocations?needId=${needId}&expiringBefore=${new Date(Date.now() + 2 * 86_400_000).toISOString()}`,
      )
      .set(operator);
    expect(soon.body.data.map((a: { id: string }) => a.id)).toEqual([r2.body.id]);
    const aggregator = auth(await api.tokenFor('aggregator'));
    const seen = await api.http.get(`/api/v1/allocations?needId=${needId}`).set(aggregator);
    expect(seen.body.data.map((a: { id: string }) => a.id)).toEqual([r1.body.id]);
    expect((await api.http.get(`/api/v1/allocations/${r1.body.id}`).set(aggregator)).status).toBe(200);
    expect((await api.http.get(`/api/v1/allocations/${r2.body.id}`).set(aggregator)).status).toBe(404);
    const one = await api.http.get(`/api/v1/allocations/${r1.body.id}`).set(donor);
    expect(one.headers.etag).toBe('"1"');
    expect(one.body).toMatchObject({ commitmentNumber: routed.number, packageCode: 'SEMBAKO', aggregatorId });
  });

  it('completes an approved commitment once every item is delivered (for the handover flow)', async () => {
    const commitments = api.app.get(CommitmentsService);
    const uow = api.app.get(UnitOfWork);
    const needId = await insertNeed(api.ds, { quantity: 5 });
    const commitment = await approvedCommitment(api, {
      items: [{ packageCode: 'SEMBAKO', quantity: 2, unitValue: 200_000 }],
    });
    await claim(api, { commitmentId: commitment.id, needId, quantity: 2 });
    expect(await uow.run((tx) => commitments.completeIfDelivered(tx, commitment.id))).toBe(false);
    await api.ds.query(`UPDATE commitment_items SET delivered_quantity = 2 WHERE commitment_id = $1`, [
      commitment.id,
    ]);
    expect(await uow.run((tx) => commitments.completeIfDelivered(tx, commitment.id))).toBe(true);
    expect(await uow.run((tx) => commitments.completeIfDelivered(tx, commitment.id))).toBe(false);
    const got = await api.http.get(`/api/v1/commitments/${commitment.id}`).set(donor);
    expect(got.body.status).toBe('completed');
  });
});
