import { startTestApi, TestApi } from '../../test/harness';
import { SmtpPeer, startSmtpPeer } from '@ksbb/testing/notifications';
import { deleteRedisKeys, waitFor } from '@ksbb/testing';
import { startWorkerProcess, WorkerProcess } from '@ksbb/testing/processes';

const BATCH = 500;

/**
 * The worker killed with SIGKILL in the middle of a batch: nothing may be lost, and the only messages that can
 * be sent twice are those whose SMTP "250 OK" arrived in the instant before the row was marked sent (the crash
 * window). Those carry the same Message-ID (the delivery id), so the peer counts distinct ids.
 */
describe('email batch across a worker crash (real worker processes and SMTP peer)', () => {
  let api: TestApi;
  let smtp: SmtpPeer;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    // A little latency per message, so the kill lands mid-batch rather than after it.
    smtp = await startSmtpPeer({ delayMs: 15 });
  });

  afterAll(async () => {
    for (const w of workers) await w.kill('SIGTERM');
    await smtp?.close();
    await deleteRedisKeys(api.config.REDIS_PREFIX);
    await api?.close();
  });

  const statusCounts = async (): Promise<Record<string, number>> => {
    const rows: { status: string; n: number }[] = await api.ds.query(
      `SELECT status, count(*)::int AS n FROM notification_deliveries GROUP BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  };

  it(`delivers ${BATCH} distinct messages after a SIGKILL and a restart`, async () => {
    const [{ eventId }] = await api.ds.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, published_at)
       VALUES ('commitment.approved', 'commitment', gen_random_uuid()::text,
               '{"number": "KOM/PANGAN/2026/000777", "programCode": "PANGAN"}', now())
       RETURNING event_id AS "eventId"`,
    );
    // Rows as a dispatcher leaves them when Redis was down: pending, with no job; the sweep must find them.
    await api.ds.query(
      `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, language, next_attempt_at)
       SELECT $1, 'commitment.approved', 'email', 'penerima-' || i || '@example.org',
              CASE WHEN i % 2 = 0 THEN 'en' ELSE 'id' END, now() - interval '1 hour'
         FROM generate_series(1, $2) AS i`,
      [eventId, BATCH],
    );

    const first = await startWorkerProcess(api.config, { SMTP_URL: smtp.url });
    workers.push(first);
    await waitFor('about 100 messages', async () => smtp.received.length >= 100, {
      timeoutMs: 30_000,
      intervalMs: 5,
    });
    await first.kill('SIGKILL');
    const atKill = { received: smtp.received.length, rows: await statusCounts() };
    expect(atKill.received).toBeLessThan(BATCH);

    const second = await startWorkerProcess(api.config, { SMTP_URL: smtp.url });
    workers.push(second);
    await waitFor(`all ${BATCH} rows to be sent`, async () => ((await statusCounts()).sent ?? 0) === BATCH, {
      timeoutMs: 40_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const counts = smtp.countsByDelivery();
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    // The honest report: how many of the messages in the crash window were sent again.
    process.stdout.write(
      `worker crash: killed after ${atKill.received} received (rows then ${JSON.stringify(atKill.rows)}); ` +
        `after restart ${smtp.received.length} received, ${counts.size} distinct, ${duplicates} duplicate(s)\n`,
    );
    expect(counts.size).toBe(BATCH);
    expect(await statusCounts()).toEqual({ sent: BATCH });
    // A duplicate can only be a row that was `sending` when the worker died.
    expect(duplicates).toBeLessThanOrEqual(atKill.rows.sending ?? 0);
    const ids: { id: string }[] = await api.ds.query(`SELECT id FROM notification_deliveries`);
    expect(ids.every((r) => counts.get(r.id) !== undefined)).toBe(true);
  });
});
