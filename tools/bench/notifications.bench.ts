import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions } from '@ksbb/core';
import { startSmtpPeer } from '@ksbb/testing/notifications';
import { deleteRedisKeys, waitFor } from '@ksbb/testing';
import { startWorkerProcess } from '@ksbb/testing/processes';
import { fmt, median, pinned, Row } from './support';

const run = promisify(execFile);
const REDIS_URL = 'redis://127.0.0.1:6379';
/** The product's notifications queue runs 8 jobs at once per worker process; the baseline gets the same. */
const CONCURRENCY = 8;

/**
 * Emails delivered end to end by the real worker (pending rows → sweep → BullMQ jobs → claim row → render →
 * SMTP to a local peer → mark sent) next to raw BullMQ no-op jobs through a Worker of the same concurrency.
 */
export async function benchNotifications(databaseUrl: string, _seconds: number, runs: number): Promise<Row[]> {
  const count = Number(process.env.BENCH_NOTIFICATIONS ?? 3000);
  const ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }), logging: false });
  await ds.initialize();
  const smtp = await startSmtpPeer();
  const prefix = `bench-notify-${process.pid}`;
  const config = { DATABASE_URL: databaseUrl, REDIS_PREFIX: prefix } as AppConfig;
  const worker = await startWorkerProcess(config, {
    SMTP_URL: smtp.url,
    DELIVERY_SWEEP_MS: '200',
    DELIVERY_SWEEP_GRACE_MS: '0',
    DELIVERY_SWEEP_BATCH: String(count),
    DELIVERY_LEASE_MS: '120000',
  });
  const productRates: number[] = [];
  const rawRates: number[] = [];
  let duplicates = 0;
  try {
    const [{ eventId }] = await ds.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, published_at)
       VALUES ('commitment.approved', 'commitment', gen_random_uuid()::text,
               '{"number": "KOM/PANGAN/2026/000777", "programCode": "PANGAN"}', now())
       RETURNING event_id AS "eventId"`,
    );
    for (let i = 0; i < runs; i++) {
      const before = smtp.received.length;
      const started = process.hrtime.bigint();
      await ds.query(
        `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, language, next_attempt_at)
         SELECT $1, 'commitment.approved', 'email', 'bench-' || $3 || '-' || i || '@example.org',
                CASE WHEN i % 2 = 0 THEN 'en' ELSE 'id' END, now()
           FROM generate_series(1, $2) AS i`,
        [eventId, count, i],
      );
      await waitFor(`${count} emails`, async () => smtp.received.length - before >= count, { timeoutMs: 600_000, intervalMs: 20 });
      productRates.push(count / (Number(process.hrtime.bigint() - started) / 1e9));

      const [cmd, args] = pinned(0, process.execPath, [join(__dirname, 'bullmq-noop-runner.js'), REDIS_URL, `${prefix}-raw`, String(count), String(CONCURRENCY)]);
      const { stdout } = await run(cmd, args);
      const raw = JSON.parse(stdout) as { jobs: number; ms: number };
      rawRates.push(raw.jobs / (raw.ms / 1000));
      process.stdout.write(`    run ${i + 1}: ${fmt(productRates[i])} emails/s, raw BullMQ ${fmt(rawRates[i])} jobs/s\n`);
    }
    duplicates = [...smtp.countsByDelivery().values()].reduce((sum, n) => sum + n - 1, 0);
    const [{ sent }] = await ds.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent FROM notification_deliveries`);
    if (sent !== count * runs) throw new Error(`expected ${count * runs} deliveries sent, found ${sent}`);
  } finally {
    await worker.kill('SIGTERM');
    await smtp.close();
    await deleteRedisKeys(prefix);
    await deleteRedisKeys(`${prefix}-raw`);
    await ds.destroy();
  }
  const ratio = median(productRates) / median(rawRates);
  return [
    {
      name: `notifications: ${fmt(count)} emails to a local SMTP peer`,
      product: `${fmt(median(productRates))} emails/s`,
      baseline: `${fmt(median(rawRates))} jobs/s (raw BullMQ no-op, concurrency ${CONCURRENCY})`,
      ratio,
      target: '≥ 30 %',
      met: ratio >= 0.3,
      note: `end to end per email: claim row, render id/en template, SMTP over a pooled connection, mark sent; ${duplicates} duplicate(s) at the peer`,
    },
  ];
}
