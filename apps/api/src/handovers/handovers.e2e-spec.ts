import { newAggregator, newUser } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';
import {
  auth,
  claimedAllocation,
  deliveryRegion,
  handoverBody,
  insertCollaborator,
  submitHandover,
  submittedHandover,
} from '@ksbb/testing/api';

describe('POST /handovers', () => {
  let api: TestApi;
  let region: string;

  beforeAll(async () => {
    api = await startTestApi();
    region = await deliveryRegion(api.ds);
  });
  afterAll(() => api.close());

  it('submits a numbered BAST against the donor’s own allocation', async () => {
    const c = await claimedAllocation(api, { quantity: 10 });
    const res = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 4 }]),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      programCode: 'PANGAN',
      commitmentId: c.commitmentId,
      totalQuantity: 4,
      location: { regionCode: region, lon: 106.8272, lat: -6.1754 },
      receiver: { name: 'Budi Santoso', role: 'Ketua RW 05' },
      contentHash: null,
      chainHash: null,
      chainSeq: null,
      recipients: null,
      duplicateWarnings: [],
    });
    expect(res.body.bastNumber).toMatch(/^BAST\/PANGAN\/2026\/\d{6}$/);
    expect(res.body.items).toEqual([expect.objectContaining({ allocationId: c.allocationId, quantity: 4 })]);
    const [row] = await api.ds.query(`SELECT status, submitted_by_kind FROM handovers WHERE id = $1`, [
      res.body.id,
    ]);
    expect(row).toEqual({ status: 'submitted', submitted_by_kind: 'user' });
    const events = await api.ds.query(`SELECT type FROM outbox_events WHERE aggregate_id = $1`, [
      res.body.id,
    ]);
    expect(events).toEqual([{ type: 'handover.submitted' }]);
    const audit = await api.ds.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'handover.submitted' }]);
  });

  it('refuses more than is allocated and not yet named by pending handovers (409)', async () => {
    const c = await claimedAllocation(api, { quantity: 10 });
    const over = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 11 }]),
    );
    expect(over.status).toBe(409);
    expect(over.body.detail).toMatch(/10 left/);
    expect(
      (await submitHandover(api, handoverBody(region, [{ allocationId: c.allocationId, quantity: 7 }])))
        .status,
    ).toBe(201);
    const second = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 4 }]),
    );
    expect(second.status).toBe(409);
    expect(second.body.detail).toMatch(/3 left/);
    expect(
      (await submitHandover(api, handoverBody(region, [{ allocationId: c.allocationId, quantity: 3 }])))
        .status,
    ).toBe(201);
  });

  it('answers 404 for an allocation of someone else, and for one that does not exist', async () => {
    const c = await claimedAllocation(api, { quantity: 5 });
    const other = await insertCollaborator(api.ds, 'verified');
    const stranger = await newUser(api.ds, 'collaborator', { collaboratorId: other.id });
    const { accessToken } = await api.login(stranger.email, stranger.password);
    const res = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 1 }]),
      accessToken,
    );
    expect(res.status).toBe(404);
    // The demo aggregator is not on this direct-delivery commitment either.
    const asAggregator = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 1 }]),
      await api.tokenFor('aggregator'),
    );
    expect(asAggregator.status).toBe(404);
    const missing = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: '00000000-0000-4000-8000-000000000000', quantity: 1 }]),
    );
    expect(missing.status).toBe(404);
    expect(
      await api.ds.query(`SELECT 1 FROM handover_items WHERE allocation_id = $1`, [c.allocationId]),
    ).toEqual([]);
  });

  it('takes a handover from the aggregator the commitment is routed to', async () => {
    const [{ id: aggregatorId }] = await api.ds.query(
      `SELECT aggregator_id AS id FROM users WHERE email = 'aggregator@demo.ksbb.id'`,
    );
    const c = await claimedAllocation(api, {
      quantity: 6,
      spec: { deliveryMode: 'aggregator', aggregatorId },
    });
    const res = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: c.allocationId, quantity: 6 }]),
      await api.tokenFor('aggregator'),
    );
    expect(res.status).toBe(201);
    expect(res.body.aggregatorId).toBe(aggregatorId);
    const seen = await api.http.get('/api/v1/handovers').set(auth(await api.tokenFor('aggregator')));
    expect(seen.body.data.map((h: { id: string }) => h.id)).toEqual([res.body.id]);

    // …and from its system, with an API key.
    const key = await api.http
      .post(`/api/v1/aggregators/${aggregatorId}/api-keys`)
      .set(auth(await api.tokenFor('admin')))
      .send({ name: 'Sistem distribusi' });
    expect(key.status).toBe(201);
    const d = await claimedAllocation(api, {
      quantity: 2,
      spec: { deliveryMode: 'aggregator', aggregatorId },
    });
    const bySystem = await api.http
      .post('/api/v1/handovers')
      .set('x-api-key', key.body.key)
      .send(handoverBody(region, [{ allocationId: d.allocationId, quantity: 2 }]));
    expect(bySystem.status).toBe(201);
    expect(bySystem.body.submittedByKind).toBe('api_key');
  });

  it('refuses viewers (403), mixed commitments and bad places (400), and rejected commitments’ leftovers', async () => {
    const a = await claimedAllocation(api, { quantity: 2 });
    const b = await claimedAllocation(api, { quantity: 2 });
    const viewer = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: a.allocationId, quantity: 1 }]),
      await api.tokenFor('viewer'),
    );
    expect(viewer.status).toBe(403);
    const mixed = await submitHandover(
      api,
      handoverBody(region, [
        { allocationId: a.allocationId, quantity: 1 },
        { allocationId: b.allocationId, quantity: 1 },
      ]),
    );
    expect(mixed.status).toBe(400);
    const twice = await submitHandover(
      api,
      handoverBody(region, [
        { allocationId: a.allocationId, quantity: 1 },
        { allocationId: a.allocationId, quantity: 1 },
      ]),
    );
    expect(twice.status).toBe(400);
    const city = await submitHandover(
      api,
      handoverBody('31.71', [{ allocationId: a.allocationId, quantity: 1 }]),
    );
    expect(city.status).toBe(400);
    const future = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: a.allocationId, quantity: 1 }], {
        handedOverAt: '2999-01-01T00:00:00Z',
      }),
    );
    expect(future.status).toBe(400);
    const unknownField = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: a.allocationId, quantity: 1 }], { signedBy: 'x' }),
    );
    expect(unknownField.status).toBe(400);
    await api.http
      .post(`/api/v1/allocations/${a.allocationId}/release`)
      .set(auth(await api.tokenFor('collaborator')))
      .send({});
    const released = await submitHandover(
      api,
      handoverBody(region, [{ allocationId: a.allocationId, quantity: 1 }]),
    );
    expect(released.status).toBe(409);
  });

  it('numbers 10 concurrent submissions of one program gap-free', async () => {
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => claimedAllocation(api, { quantity: 3 })),
    );
    const [{ last }] = await api.ds.query(
      `SELECT coalesce(max(substring(bast_number from '\\d{6}$')::int), 0) AS last FROM handovers WHERE program_code = 'PANGAN'`,
    );
    const results = await Promise.all(
      claims.map((c) =>
        submitHandover(api, handoverBody(region, [{ allocationId: c.allocationId, quantity: 3 }])),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const numbers = results.map((r) => Number(r.body.bastNumber.slice(-6))).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => last + 1 + i));
  });

  it('lets several concurrent submissions on one allocation never exceed it', async () => {
    const c = await claimedAllocation(api, { quantity: 10 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        submitHandover(api, handoverBody(region, [{ allocationId: c.allocationId, quantity: 3 }])),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
  });
});

describe('GET /handovers', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('scopes the list: own for a collaborator, all for staff and viewers; recipients for staff only', async () => {
    const mine = await submittedHandover(api, {
      quantity: 2,
      extra: { recipients: [{ nik: '3171014506900001', name: 'Siti Aminah' }] },
    });
    const other = await insertCollaborator(api.ds, 'verified');
    const stranger = await newUser(api.ds, 'collaborator', { collaboratorId: other.id });
    const { accessToken } = await api.login(stranger.email, stranger.password);
    const theirs = await api.http.get('/api/v1/handovers').set(auth(accessToken));
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ data: [], meta: { total: 0, page: 1, limit: 20 } });
    expect((await api.http.get(`/api/v1/handovers/${mine.id}`).set(auth(accessToken))).status).toBe(404);

    const own = await api.http
      .get(`/api/v1/handovers/${mine.id}`)
      .set(auth(await api.tokenFor('collaborator')));
    expect(own.status).toBe(200);
    expect(own.headers.etag).toBe('"1"');
    expect(own.body.recipients).toBeNull();
    expect(own.body.recipientCount).toBe(1);

    const staff = await api.http
      .get(`/api/v1/handovers/${mine.id}`)
      .set(auth(await api.tokenFor('operator')));
    expect(staff.body.recipients).toEqual([{ nikMasked: '3171********0001', name: 'Siti Aminah' }]);

    const list = await api.http
      .get(`/api/v1/handovers?status=submitted&program=PANGAN&commitmentId=${mine.commitmentId}`)
      .set(auth(await api.tokenFor('viewer')));
    expect(list.body.meta.total).toBe(1);
    expect(list.body.data[0].id).toBe(mine.id);
    expect(
      (await api.http.get('/api/v1/handovers?sort=-nope').set(auth(await api.tokenFor('viewer')))).status,
    ).toBe(400);
  });

  it('is empty for an aggregator with nothing routed to it', async () => {
    const agg = await newAggregator(api.ds, { programCodes: ['PANGAN'] });
    const user = await newUser(api.ds, 'aggregator', { aggregatorId: agg.id });
    const { accessToken } = await api.login(user.email, user.password);
    const res = await api.http.get('/api/v1/handovers').set(auth(accessToken));
    expect(res.body.meta.total).toBe(0);
  });
});
