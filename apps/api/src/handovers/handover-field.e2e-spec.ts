import { startTestApi, TestApi } from '../../test/harness';
import { auth, claimedAllocation, deliveryRegion, handoverBody, submitHandover } from '@ksbb/testing/api';

/** a 1×1 PNG */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * What a phone in the field sends: the location's accuracy, and the retries of its offline queue — the same
 * Idempotency-Key for the handover and for each photo, so a retry after a lost answer never creates a second one.
 */
describe('handovers from the field', () => {
  let api: TestApi;
  let region: string;

  beforeAll(async () => {
    api = await startTestApi();
    region = await deliveryRegion(api.ds);
  });
  afterAll(() => api.close());

  it('keeps the device’s accuracy in metres with the point, and refuses one without a point or out of range', async () => {
    const c = await claimedAllocation(api, { quantity: 10 });
    const items = [{ allocationId: c.allocationId, quantity: 1 }];
    const located = (location: Record<string, unknown>) =>
      handoverBody(region, items, { location: { regionCode: region, address: 'Balai Warga', ...location } });

    const res = await submitHandover(api, located({ lon: 106.8219, lat: -6.1702, accuracyM: 12 }));
    expect(res.status).toBe(201);
    expect(res.body.location).toMatchObject({ lon: 106.8219, lat: -6.1702, accuracyM: 12 });
    const read = await api.http
      .get(`/api/v1/handovers/${res.body.id}`)
      .set(auth(await api.tokenFor('operator')));
    expect(read.body.location.accuracyM).toBe(12);
    const [row] = await api.ds.query(`SELECT location_accuracy_m FROM handovers WHERE id = $1`, [
      res.body.id,
    ]);
    expect(row).toEqual({ location_accuracy_m: 12 });

    const typed = await submitHandover(api, located({ lon: 106.8219, lat: -6.1702 }));
    expect(typed.body.location).toMatchObject({ accuracyM: null });

    for (const [location, field] of [
      [{ accuracyM: 12 }, 'location.accuracyM'],
      [{ lon: 106.8, lat: -6.1, accuracyM: -1 }, 'location.accuracyM'],
      [{ lon: 106.8, lat: -6.1, accuracyM: 12.5 }, 'location.accuracyM'],
      [{ lon: 106.8, lat: -6.1, accuracyM: 100_001 }, 'location.accuracyM'],
    ] as const) {
      const bad = await submitHandover(api, located(location));
      expect(bad.status).toBe(400);
      expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
  });

  it('creates one handover and one photo however often the queue retries with the same keys', async () => {
    const c = await claimedAllocation(api, { quantity: 5 });
    const donor = await api.tokenFor('collaborator');
    const body = handoverBody(region, [{ allocationId: c.allocationId, quantity: 5 }]);
    const send = () =>
      api.http
        .post('/api/v1/handovers')
        .set(auth(donor))
        .set('idempotency-key', 'offline-queue-1')
        .send(body);
    const [first, second] = await Promise.all([send(), send()]).then(async ([a, b]) =>
      // one of two racing sends may find the first still running (409): the queue then tries again later
      b.status === 409 ? [a, await send()] : a.status === 409 ? [b, await send()] : [a, b],
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const third = await send();
    expect(third.headers['idempotency-replayed']).toBe('true');
    expect(third.body.id).toBe(first.body.id);
    const count = await api.ds.query(
      `SELECT count(*)::int AS n FROM handover_items WHERE allocation_id = $1`,
      [c.allocationId],
    );
    expect(count).toEqual([{ n: 1 }]);

    const upload = () =>
      api.http
        .post(`/api/v1/handovers/${first.body.id}/attachments`)
        .set(auth(donor))
        .set('idempotency-key', `offline-queue-1:photo:0`)
        .attach('file', PNG, 'kamera.png');
    const photo = await upload();
    expect(photo.status).toBe(201);
    const again = await upload();
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(photo.body.id);
    const attachments = await api.ds.query(
      `SELECT count(*)::int AS n FROM handover_attachments WHERE handover_id = $1`,
      [first.body.id],
    );
    expect(attachments).toEqual([{ n: 1 }]);
  });
});
