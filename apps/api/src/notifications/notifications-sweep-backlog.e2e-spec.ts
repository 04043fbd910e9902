import { DeliverySweeper, OutboxRelay } from '@ksbb/core';
import { BullMqJobQueue, JOB_QUEUE_TOKEN, QueueName } from '@ksbb/jobs';
import { deleteRedisKeys } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';

/**
 * The sweeps are the safety net for jobs Redis lost. After an outage the whole backlog is due, and a sweep runs
 * again long before the worker is through it: each row and event must then wait in the queue once, not once per
 * sweep (before, a 1,800-email backlog was queued dozens of times and drained at a fifth of the worker's speed).
 * No worker runs here, so the jobs stay where the sweeps put them (real PostgreSQL and Redis).
 */
describe('the delivery and outbox sweeps over a backlog still in the queue', () => {
  let api: TestApi;
  let queue: BullMqJobQueue;

  beforeAll(async () => {
    api = await startTestApi({});
    queue = api.app.get<BullMqJobQueue>(JOB_QUEUE_TOKEN);
  });

  afterAll(async () => {
    await deleteRedisKeys(api.config.REDIS_PREFIX);
    await api?.close();
  });

  const waiting = async (name: QueueName, key: 'deliveryId' | 'outboxId', ids: string[]): Promise<string[]> =>
    (await queue.queue(name).getJobs(['waiting', 'delayed', 'prioritized']))
      .map((j) => String((j.data as Record<string, unknown>)[key]))
      .filter((id) => ids.includes(id))
      .sort();

  it('queues each due delivery once however often the sweep passes, and a new attempt again', async () => {
    const [event] = await api.ds.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, published_at)
       VALUES ('collaborator.verified', 'collaborator', gen_random_uuid()::text, '{}', now()) RETURNING event_id AS id`,
    );
    const rows: { id: string }[] = await api.ds.query(
      `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, language, status, next_attempt_at)
       SELECT $1, 'collaborator.verified', 'email', 'backlog' || g || '@example.org', 'id', 'pending',
              now() - interval '1 hour'
         FROM generate_series(1, 3) g
       RETURNING id`,
      [event.id],
    );
    const ids = rows.map((r) => r.id).sort();
    const sweeper = api.app.get(DeliverySweeper);
    const backdate = () =>
      api.ds.query(`UPDATE notification_deliveries SET next_attempt_at = now() - interval '1 hour' WHERE id = ANY($1)`, [
        ids,
      ]);

    expect((await sweeper.sweep()).requeued).toBeGreaterThanOrEqual(3);
    expect(await waiting(QueueName.Notifications, 'deliveryId', ids)).toEqual(ids);
    // the grace period passes while the jobs still wait: the sweep takes the rows again, the queue does not grow
    await backdate();
    expect((await sweeper.sweep()).requeued).toBeGreaterThanOrEqual(3);
    await backdate();
    await sweeper.sweep();
    expect(await waiting(QueueName.Notifications, 'deliveryId', ids)).toEqual(ids);

    // an attempt failed (its job is gone): the next attempt is a job of its own
    await api.ds.query(
      `UPDATE notification_deliveries SET status = 'failed', attempts = 1, next_attempt_at = now() - interval '1 hour'
        WHERE id = $1`,
      [ids[0]],
    );
    await sweeper.sweep();
    expect(await waiting(QueueName.Notifications, 'deliveryId', ids)).toEqual([ids[0], ...ids].sort());
  });

  it('relays each undispatched event once however often the outbox sweep passes', async () => {
    const events: { id: string }[] = await api.ds.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, created_at)
       SELECT 'collaborator.verified', 'collaborator', gen_random_uuid()::text, '{}', now() - interval '1 hour'
         FROM generate_series(1, 4)
       RETURNING id::text AS id`,
    );
    const ids = events.map((e) => e.id).sort();
    const relay = api.app.get(OutboxRelay);
    for (let i = 0; i < 3; i++) expect(await relay.sweep(0, 10_000)).toBeGreaterThanOrEqual(4);
    expect(await waiting(QueueName.Outbox, 'outboxId', ids)).toEqual(ids);
    const [{ attempts }] = await api.ds.query(
      `SELECT min(relay_attempts)::int AS attempts FROM outbox_events WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    expect(attempts).toBe(3); // every sweep took them: the queue, not the sweep, dropped the repeats
  });
});
