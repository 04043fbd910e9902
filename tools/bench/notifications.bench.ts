import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, loadDeliverySettings } from '@ksbb/core';
import { startSmtpPeer } from '@ksbb/testing/notifications';
import { deleteRedisKeys, METRICS_AUTH, waitFor } from '@ksbb/testing';
import { startWorkerProcess } from '@ksbb/testing/processes';
import { databaseOf, fmt, interleave, Interleaved, interleavedRow, measureCpu, Measured, pinned, pinPid, Row } from './support';

const run = promisify(execFile);
const REDIS_URL = 'redis://127.0.0.1:6379';
/** The worker's settings overridden for this run, e.g. BENCH_NOTIFICATIONS_ENV="NOTIFICATIONS_CONCURRENCY=32 SMTP_POOL_SIZE=32". */
const overrides = (): Record<string, string> =>
  Object.fromEntries((process.env.BENCH_NOTIFICATIONS_ENV ?? '').split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string]));

/**
 * Emails delivered end to end by the real worker (pending rows → sweep → BullMQ jobs → claim row → render →
 * SMTP to a local peer → mark sent) next to raw BullMQ no-op jobs through a Worker of the same concurrency.
 */
export async function benchNotifications(databaseUrl: string, _seconds: number, runs: number): Promise<Row[]> {
  const count = Number(process.env.BENCH_NOTIFICATIONS ?? 3000);
  // The baseline runs at the concurrency the product's worker runs at (its default, or the override).
  const settings = loadDeliverySettings(overrides());
  const concurrency = settings.NOTIFICATIONS_CONCURRENCY;
  const settingsNote = `NOTIFICATIONS_CONCURRENCY ${concurrency}, SMTP_POOL_SIZE ${settings.SMTP_POOL_SIZE}, DELIVERY_MARK_BATCH ${settings.DELIVERY_MARK_BATCH}/${settings.DELIVERY_MARK_WAIT_MS} ms`;
  const ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }), logging: false });
  await ds.initialize();
  const smtp = await startSmtpPeer();
  const prefix = `bench-notify-${process.pid}`;
  const config = { DATABASE_URL: databaseUrl, REDIS_PREFIX: prefix } as AppConfig;
  const worker = await startWorkerProcess(config, {
    SMTP_URL: smtp.url,
    // The sweep hands each run's rows to the queue within 200 ms (they are written as due an hour ago, past the
    // grace); the production grace (30 s) keeps it from taking them again while they wait (with no grace every pass
    // re-stamped the whole run's rows, 5 times a second, which PostgreSQL's CPU column counted against every email).
    DELIVERY_SWEEP_MS: '200',
    DELIVERY_SWEEP_GRACE_MS: '30000',
    DELIVERY_SWEEP_BATCH: String(count),
    DELIVERY_LEASE_MS: '120000',
    ...overrides(),
  }, {
    // BENCH_WORKER_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the worker under the bench's load.
    nodeFlags: (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  });
  // The worker on core 0, as the raw runner below (`pinned`); the bench's own process only waits.
  const workerPid = worker.child.pid as number;
  await pinPid(workerPid, 0);
  const database = databaseOf(databaseUrl);
  let duplicates = 0;
  let jobNote = '';
  let sentRuns = 0;
  let runs_: Interleaved;
  try {
    const [{ eventId }] = await ds.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, published_at)
       VALUES ('commitment.approved', 'commitment', gen_random_uuid()::text,
               '{"number": "KOM/PANGAN/2026/000777", "programCode": "PANGAN"}', now())
       RETURNING event_id AS "eventId"`,
    );
    const product = async (): Promise<Measured> => {
      const i = sentRuns++;
      const before = smtp.received.length;
      const { result: rate, cpu } = await measureCpu(workerPid, database, async () => {
        const started = process.hrtime.bigint();
        await ds.query(
          `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, language, next_attempt_at)
           SELECT $1, 'commitment.approved', 'email', 'bench-' || $3 || '-' || i || '@example.org',
                  CASE WHEN i % 2 = 0 THEN 'en' ELSE 'id' END, now() - interval '1 hour'
             FROM generate_series(1, $2) AS i`,
          [eventId, count, i],
        );
        await waitFor(`${count} emails`, async () => smtp.received.length - before >= count, { timeoutMs: 600_000, intervalMs: 20 });
        return count / (Number(process.hrtime.bigint() - started) / 1e9);
      });
      return { rate, count, cpu };
    };
    const raw = async (): Promise<Measured> => {
      const [cmd, args] = pinned(0, process.execPath, [join(__dirname, 'bullmq-noop-runner.js'), REDIS_URL, `${prefix}-raw`, String(count), String(concurrency)]);
      const { stdout } = await run(cmd, args);
      const r = JSON.parse(stdout) as { jobs: number; ms: number; cpuSeconds: number };
      return { rate: r.jobs / (r.ms / 1000), count: r.jobs, cpu: { process: r.cpuSeconds, postgres: 0, peakRssMiB: 0 } };
    };
    runs_ = await interleave(runs, product, raw);
    duplicates = [...smtp.countsByDelivery().values()].reduce((sum, n) => sum + n - 1, 0);
    // Jobs the worker ran per email sent (1 when every delivery got one job; more when the sweep re-enqueued rows).
    const metrics = await (await fetch(worker.metricsUrl, { headers: METRICS_AUTH })).text();
    const jobsOf = (name: string): number =>
      [...metrics.matchAll(new RegExp(`^ksbb_worker_jobs_total\\{[^}]*name="${name}"[^}]*\\} (\\d+)`, 'gm'))].reduce((s, m) => s + Number(m[1]), 0);
    jobNote = `${fmt(jobsOf('send-email') / Math.max(1, count * sentRuns), 2)} send-email jobs per email, ${fmt(jobsOf('sweep-deliveries'))} sweeps`;
    const [{ sent }] = await ds.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent FROM notification_deliveries`);
    if (sent !== count * sentRuns) throw new Error(`expected ${count * sentRuns} deliveries sent, found ${sent}`);
  } finally {
    await worker.kill('SIGTERM');
    await smtp.close();
    await deleteRedisKeys(prefix);
    await deleteRedisKeys(`${prefix}-raw`);
    await ds.destroy();
  }
  return [
    interleavedRow({
      name: `notifications: ${fmt(count)} emails to a local SMTP peer`,
      runs: runs_,
      unit: 'emails/s',
      baselineUnit: 'jobs/s',
      baselineLabel: `raw BullMQ no-op, concurrency ${concurrency}`,
      target: 0.3,
      extraOk: duplicates === 0,
      note: `end to end per email: claim row, render id/en template, SMTP over a pooled connection, mark sent (batched); ${duplicates} duplicate(s) at the peer; worker and raw runner pinned to core 0; CPU of the raw side is the runner process only (Redis not counted); worker: ${settingsNote}; ${jobNote}`,
    }),
  ];
}
