import { startTestApi, TestApi } from '../../test/harness';
import { approveNewCommitment, auth, newDonor } from '@ksbb/testing/api';
import { SmtpPeer, startSmtpPeer } from '@ksbb/testing/notifications';
import { deleteRedisKeys, waitFor } from '@ksbb/testing';
import { startWorkerProcess, WorkerProcess } from '@ksbb/testing/processes';

/** Nothing listens here: the API runs as if Redis were stopped. */
const DEAD_REDIS = 'redis://127.0.0.1:6390';

describe('notifications while Redis is down (real PostgreSQL, worker process and SMTP peer)', () => {
  let api: TestApi;
  let smtp: SmtpPeer;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    api = await startTestApi({ REDIS_URL: DEAD_REDIS });
    smtp = await startSmtpPeer();
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await smtp?.close();
    await deleteRedisKeys(api.config.REDIS_PREFIX);
    await api?.close();
  });

  it('takes every write without Redis, and once a worker runs delivers every pending notification exactly once', async () => {
    const donors = [await newDonor(api, ['id', 'en']), await newDonor(api, ['en'])];
    const writes: number[] = [];
    const commitments: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      commitments.push((await approveNewCommitment(api, donors[i % 2])).number);
      writes.push(Date.now() - started);
    }
    // Each create + sign + approve answered, and none waited on Redis (the relay gives up after 500 ms).
    for (const ms of writes) expect(ms).toBeLessThan(5000);

    // A dead delivery retried by hand while Redis is away: the API answers and leaves the row for the sweep.
    const [{ id: deadId }] = await api.ds.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, published_at)
       VALUES ('collaborator.verified', 'collaborator', $1, '{}', now()) RETURNING event_id AS id`,
      [donors[1].collaboratorId],
    );
    const [dead] = await api.ds.query(
      `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, user_id, language, status, attempts, last_error)
       VALUES ($1, 'collaborator.verified', 'email', $2, $3, 'en', 'dead', 5, 'connection refused') RETURNING id`,
      [deadId, donors[1].members[0].email, donors[1].members[0].id],
    );
    const started = Date.now();
    const retry = await api.http
      .post(`/api/v1/notifications/${dead.id}/retry`)
      .set(auth(await api.tokenFor('operator')));
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id: dead.id, status: 'pending' });
    expect(Date.now() - started).toBeLessThan(3000);

    const [{ unpublished }] = await api.ds.query(
      `SELECT count(*)::int AS unpublished FROM outbox_events WHERE published_at IS NULL`,
    );
    expect(unpublished).toBe(6); // 3 × (submitted, approved)
    expect(smtp.received).toHaveLength(0);

    // Redis is back: a worker on the real Redis finds everything through its sweeps.
    worker = await startWorkerProcess(api.config, { SMTP_URL: smtp.url });
    await waitFor('every outbox event and delivery to be done', async () => {
      const [row] = await api.ds.query(
        `SELECT (SELECT count(*) FROM outbox_events WHERE published_at IS NULL)::int AS unpublished,
                (SELECT count(*) FROM notification_deliveries WHERE status <> 'sent')::int AS open,
                (SELECT count(*) FROM notification_deliveries)::int AS total`,
      );
      return row.unpublished === 0 && row.open === 0 && row.total > 0 ? row : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const rows: { id: string; eventType: string; recipient: string }[] = await api.ds.query(
      `SELECT id, event_type AS "eventType", recipient FROM notification_deliveries WHERE channel = 'email'`,
    );
    const counts = smtp.countsByDelivery();
    // Every email row reached the SMTP peer exactly once, and nothing else did.
    expect(rows.map((r) => [r.id, counts.get(r.id)])).toEqual(rows.map((r) => [r.id, 1]));
    expect(smtp.received).toHaveLength(rows.length);

    const approvals = smtp.received
      .filter((m) => m.event === 'commitment.approved')
      .map((m) => m.to)
      .sort();
    // Commitments 1 and 3 belong to donor 0 (two members), commitment 2 to donor 1 (one member).
    const expected = [
      ...donors[0].members.map((m) => m.email),
      ...donors[1].members.map((m) => m.email),
      ...donors[0].members.map((m) => m.email),
    ].sort();
    expect(approvals).toEqual(expected);
    expect(commitments).toHaveLength(3);
    expect(smtp.received.filter((m) => m.deliveryId === dead.id)).toHaveLength(1);
  });
});
