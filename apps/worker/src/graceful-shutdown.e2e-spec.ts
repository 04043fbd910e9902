import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bullConnection, JOB_QUEUE_TOKEN, JobName, JobQueue, QueueName } from '@ksbb/jobs';
import { bullPrefix } from './queue-handles';
import { waitFor } from '@ksbb/testing';
import { startTestWorker, TestWorker } from '@ksbb/testing/worker';
import { createWorker } from './worker.factory';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('worker shutdown (real PostgreSQL and Redis)', () => {
  let worker: TestWorker;
  /** A connection of the test's own: it holds row locks, and outlives the worker's pool. */
  let sql: Client;

  const insertOutboxEvent = async (): Promise<string> => {
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
       VALUES ('collaborator.registered', 'collaborator', gen_random_uuid()::text, '{}') RETURNING id::text`,
    );
    return rows[0].id;
  };

  beforeAll(async () => {
    worker = await startTestWorker(createWorker);
    sql = new Client({ connectionString: worker.config.DATABASE_URL });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await worker?.stop();
  });

  it('lets the job in flight finish, takes no new one, and loses nothing', async () => {
    const [inFlightId, laterId] = [await insertOutboxEvent(), await insertOutboxEvent()];
    const outbox = new Queue(QueueName.Outbox, {
      connection: bullConnection(worker.config.REDIS_URL),
      prefix: bullPrefix(worker.config),
    });
    try {
      // Holding the outbox row's lock keeps the dispatcher's transaction waiting: the job stays in flight.
      await sql.query('BEGIN');
      await sql.query('SELECT id FROM outbox_events WHERE id = $1 FOR UPDATE', [inFlightId]);
      await worker.app
        .get<JobQueue>(JOB_QUEUE_TOKEN)
        .enqueue(
          { name: JobName.DispatchEvent, data: { outboxId: inFlightId } },
          { jobId: `in-flight-${inFlightId}` },
        );
      await waitFor('the dispatch to wait on the row lock', async () => {
        const [{ waiting }] = await worker.dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting > 0;
      });

      let closed = false;
      const closing = worker.close().then(() => {
        closed = true;
      });
      // Fixed pauses are the point here: once close has begun, a job added must not be taken for a while,
      // and close must keep waiting for the job in flight all that time.
      await pause(150);
      await outbox.add(JobName.DispatchEvent, { outboxId: laterId }, { jobId: `after-close-${laterId}` });
      await pause(250);
      expect(closed).toBe(false);

      await sql.query('COMMIT');
      await expect(closing).resolves.toBeUndefined();

      const { rows } = await sql.query<{ id: string; published: boolean; notifications: number }>(
        `SELECT e.id::text, e.published_at IS NOT NULL AS published,
                (SELECT count(*)::int FROM notifications n WHERE n.event_id = e.event_id) AS notifications
           FROM outbox_events e WHERE e.id IN ($1, $2) ORDER BY e.id`,
        [inFlightId, laterId],
      );
      const [inFlight, later] = rows;
      expect(inFlight).toMatchObject({ id: inFlightId, published: true });
      expect(inFlight.notifications).toBeGreaterThanOrEqual(2);
      expect(await outbox.getJobState(`in-flight-${inFlightId}`)).toBe('completed');
      // The job added while closing stays queued for the next worker instead of being half-run or dropped.
      expect(later).toMatchObject({ id: laterId, published: false, notifications: 0 });
      expect(await outbox.getJobState(`after-close-${laterId}`)).toBe('waiting');
    } finally {
      await sql.query('ROLLBACK').catch(() => undefined);
      await outbox.close();
    }
  });
});
