import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@ksbb/core';
import { JOB_QUEUE_TOKEN, JobName, JobQueue, QueueName } from '@ksbb/jobs';
import { createTestDatabase, testConfig, waitFor } from '@ksbb/testing';
import { QueueHandles } from '../queue-handles';
import { createWorker } from '../worker.factory';
import { ReportsProcessor } from './reports.processor';

/** Ticks every 2 s: a six-field cron (with seconds), which the API never accepts but BullMQ runs the same way. */
const EVERY_TWO_SECONDS = '*/2 * * * * *';

describe('report schedules with two workers', () => {
  let db: { url: string; drop: () => Promise<void> };
  let config: AppConfig;
  let workers: INestApplicationContext[];
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url, {
      WORKER_HEALTH_PORT: '0',
      OUTBOX_SWEEP_MS: '60000',
      CLAIM_SWEEP_MS: '60000',
    });
    workers = [await createWorker(config), await createWorker(config)];
    ds = workers[0].get(DataSource);
  }, 30_000);

  afterAll(async () => {
    for (const w of workers) await w.close();
    const redis = new Redis(config.REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    await db.drop();
  });

  const runsOf = (
    scheduleId: string,
  ): Promise<{ scheduledFor: Date; status: string; storageKey: string }[]> =>
    ds.query(
      `SELECT scheduled_for AS "scheduledFor", status, storage_key AS "storageKey" FROM report_runs
        WHERE schedule_id = $1 ORDER BY scheduled_for`,
      [scheduleId],
    );

  it('produces exactly one run (one file, one report.ready) per tick, and stops when the schedule is deleted', async () => {
    const [schedule] = await ds.query(
      `INSERT INTO report_schedules (name, cron, report, format, recipients)
       VALUES ('Uji dua pekerja', $1, 'summary', 'csv', '{pimpinan@jakarta.go.id}') RETURNING id`,
      [EVERY_TWO_SECONDS],
    );
    // Both workers reconcile (as each does at start and every minute): one scheduler results, not two.
    await Promise.all(workers.map((w) => w.get(ReportsProcessor).syncSchedulers()));
    const jobs = workers[0].get<JobQueue>(JOB_QUEUE_TOKEN);
    const schedulersOf = async (id: string) =>
      (await jobs.listSchedules(QueueName.Reports)).filter((s) => s.id.includes(id));
    const schedulers = await schedulersOf(schedule.id);
    expect(schedulers).toEqual([
      {
        id: `report-schedule:${schedule.id}`,
        jobName: JobName.RenderScheduledReport,
        everyMs: null,
        cron: EVERY_TWO_SECONDS,
      },
    ]);
    // Each tick is retried (three tries, backing off from 5 s) and its jobs trimmed as the schedule says.
    const raw = await workers[0].get(QueueHandles).get(QueueName.Reports).getJobScheduler(schedulers[0].id);
    expect(raw?.template?.opts).toMatchObject({
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { count: 200 },
      removeOnFail: { count: 500 },
    });

    await waitFor(
      'five runs',
      async () => (await runsOf(schedule.id)).filter((r) => r.status === 'succeeded').length >= 5,
      {
        timeoutMs: 20_000,
        intervalMs: 200,
      },
    );
    const runs = (await runsOf(schedule.id)).filter((r) => r.status === 'succeeded');
    const ticks = runs.map((r) => new Date(r.scheduledFor).getTime());
    // Consecutive ticks, two seconds apart: none skipped, none doubled.
    for (let i = 1; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBe(2000);
    for (const t of ticks) expect(t % 2000).toBe(0);

    const [{ events }] = await ds.query(
      `SELECT count(*)::int AS events FROM outbox_events WHERE type = 'report.ready' AND payload->>'scheduleId' = $1`,
      [schedule.id],
    );
    const allRuns = await runsOf(schedule.id);
    expect(allRuns.filter((r) => r.status === 'failed')).toEqual([]);
    const succeeded = allRuns.filter((r) => r.status === 'succeeded');
    expect(events).toBe(succeeded.length);
    const files = readdirSync(join(config.STORAGE_DIR, 'reports'));
    expect(files.sort()).toEqual(succeeded.map((r) => r.storageKey.split('/')[1]).sort());

    // Deleted: the next reconciliation removes the scheduler, and no run follows.
    await ds.query(`DELETE FROM report_schedules WHERE id = $1`, [schedule.id]);
    await workers[1].get(ReportsProcessor).syncSchedulers();
    expect(await schedulersOf(schedule.id)).toHaveLength(0);
    const countRuns = async (): Promise<number> =>
      (await ds.query(`SELECT count(*)::int AS n FROM report_runs`))[0].n;
    await new Promise((r) => setTimeout(r, 1000));
    const afterDelete = await countRuns();
    await new Promise((r) => setTimeout(r, 4500));
    expect(await countRuns()).toBe(afterDelete);
  }, 40_000);

  it('folds the delta log into the rollups every few seconds', async () => {
    await ds.query(
      `INSERT INTO needs (program_code, package_id, region_code, title, quantity, beneficiary_count, status, source)
       SELECT 'PANGAN', id, '31.71.01.1001.RW01.RT001', 'Uji lipat', 12, 30, 'open', 'bansos'
         FROM packages WHERE program_code = 'PANGAN' AND code = 'SEMBAKO'`,
    );
    await waitFor(
      'the facts to be folded',
      async () => (await ds.query(`SELECT count(*)::int AS n FROM report_facts`))[0].n === 0,
      {
        timeoutMs: 10_000,
        intervalMs: 200,
      },
    );
    const [rollup] = await ds.query(
      `SELECT needs, quantity::int, beneficiaries::int FROM report_region_rollups
        WHERE program_code = 'PANGAN' AND region_code = '31.71.01.1001.RW01' AND need_status = 'open'`,
    );
    expect(rollup).toEqual({ needs: 1, quantity: 12, beneficiaries: 30 });
  });
});
