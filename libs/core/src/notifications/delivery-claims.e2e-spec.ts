import { DataSource } from 'typeorm';
import { createTestDatabase } from '@ksbb/testing';
import { dataSourceOptions } from '../database/data-source';
import { loadDeliverySettings } from './delivery-settings';
import { deliveryLatency, DeliveryStateRepository } from './delivery-state.repository';

/** The email worker's coalesced claims and sent marks against the real table: each row is claimed and marked once. */
describe('DeliveryStateRepository: claims and sent marks of many rows in one statement', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let repo: DeliveryStateRepository;
  let eventId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: 4 }), logging: false });
    await ds.initialize();
    repo = new DeliveryStateRepository(ds, loadDeliverySettings({ DELIVERY_MAX_ATTEMPTS: '3' }));
    [{ eventId }] = await ds.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, created_at, published_at)
       VALUES ('commitment.approved', 'commitment', gen_random_uuid()::text, '{"number": "KOM/1"}', now() - interval '10 seconds', now())
       RETURNING event_id AS "eventId"`,
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const deliveries = async (n: number, status = 'pending'): Promise<string[]> =>
    (
      await ds.query<{ id: string }[]>(
        `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, language, status, next_attempt_at)
         SELECT $1, 'commitment.approved', 'email', 'c-' || gen_random_uuid() || '@example.org', 'id', $3, now()
           FROM generate_series(1, $2)
         RETURNING id`,
        [eventId, n, status],
      )
    ).map((r) => r.id);

  it('claims each due row once, for the first place its id has in the batch, with its event', async () => {
    const [a, b] = await deliveries(2);
    const [sentAlready] = await deliveries(1, 'sent');
    const claimed = await repo.claimMany([a, sentAlready, b, a]);
    expect(claimed.map((c) => c?.id ?? null)).toEqual([a, null, b, null]);
    expect(claimed[0]).toMatchObject({ attempt: 1, channel: 'email', event: { type: 'commitment.approved', payload: { number: 'KOM/1' } } });
    // Claimed now: a second batch (a duplicate job on another worker) gets nothing.
    expect(await repo.claimMany([b, a])).toEqual([null, null]);
    const statuses = await ds.query(`SELECT status, attempts FROM notification_deliveries WHERE id = ANY ($1::uuid[])`, [[a, b]]);
    expect(statuses).toEqual([
      { status: 'sending', attempts: 1 },
      { status: 'sending', attempts: 1 },
    ]);
  });

  it('gives a row to exactly one of many overlapping batches running at once', async () => {
    const ids = await deliveries(40);
    const batches = Array.from({ length: 8 }, (_, i) => [...ids.slice(i * 3), ...ids.slice(0, i * 3)].reverse());
    const results = await Promise.all(batches.map((batch) => repo.claimMany(batch)));
    const won = results.flat().filter((c) => c !== null).map((c) => c.id);
    expect(won.sort()).toEqual([...ids].sort());
  });

  it("marks only the rows whose attempt is the caller's, and answers their sent time", async () => {
    const [a, b] = await deliveries(2);
    const [ca, cb] = await repo.claimMany([a, b]);
    if (!ca || !cb) throw new Error('both rows should have been claimed');
    const sent = await repo.markSentMany([
      { id: a, attempt: ca.attempt },
      { id: b, attempt: cb.attempt + 1 },
    ]);
    expect([...sent.keys()]).toEqual([a]);
    expect(deliveryLatency(ca, sent.get(a) as Date)).toBeGreaterThanOrEqual(10);
    // Marked once: the same mark again changes nothing.
    expect((await repo.markSentMany([{ id: a, attempt: ca.attempt }])).size).toBe(0);
    const rows = await ds.query(`SELECT id, status FROM notification_deliveries WHERE id = ANY ($1::uuid[]) ORDER BY status`, [[a, b]]);
    expect(rows).toEqual([
      { id: b, status: 'sending' },
      { id: a, status: 'sent' },
    ]);
  });
});
