import { randomBytes, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, AuthModule, AuthService, CoreModule, DatabaseHealth, RegistrationInput } from '@ksbb/core';
import { JOB_QUEUE_TOKEN, JobName, JobQueue, QueueName } from '@ksbb/jobs';
import { DEMO_ACCOUNTS, METRICS_AUTH, newUser, waitFor } from '@ksbb/testing';
import { startTestWorker, TestWorker } from '@ksbb/testing/worker';
import { HealthServer } from './health/health.server';
import { ReadinessProbe } from './health/readiness-probe';
import { WorkerMetrics } from './metrics/worker-metrics';
import { QueueHandles } from './queue-handles';
import { createWorker } from './worker.factory';

interface OutboxRow {
  id: string;
  eventId: string;
  publishedAt: Date | null;
  relayAttempts: number;
}

const suffix = (): string => randomBytes(4).toString('hex');

/** Signs up as the API would (the worker itself does not build the auth concern). */
async function signUp(config: AppConfig, input: RegistrationInput): Promise<{ collaboratorId: string }> {
  @Module({ imports: [CoreModule.forRoot(config, 'ksbb-test-signup'), AuthModule] })
  class SignUpModule {}
  const context = await NestFactory.createApplicationContext(SignUpModule, { logger: false });
  try {
    return await context.get(AuthService).register(input);
  } finally {
    await context.close();
  }
}

describe('worker (real PostgreSQL and Redis)', () => {
  let worker: TestWorker;
  let staffIds: string[];

  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    worker.dataSource.query(sql, params);

  const outboxRow = async (id: string): Promise<OutboxRow> => {
    const [row] = await query<OutboxRow>(
      `SELECT id::text, event_id AS "eventId", published_at AS "publishedAt", relay_attempts AS "relayAttempts"
         FROM outbox_events WHERE id = $1`,
      [id],
    );
    return row;
  };

  const waitUntilPublished = (id: string): Promise<OutboxRow> =>
    waitFor(`outbox event #${id} to be published`, async () => {
      const row = await outboxRow(id);
      return row.publishedAt ? row : undefined;
    });

  /** Notifications of one event per recipient, e.g. `{ <userId>: 1 }`. */
  const notificationsPerUser = async (eventId: string): Promise<Record<string, number>> => {
    const rows = await query<{ userId: string; n: number }>(
      `SELECT user_id AS "userId", count(*)::int AS n FROM notifications WHERE event_id = $1 GROUP BY user_id`,
      [eventId],
    );
    return Object.fromEntries(rows.map((r) => [r.userId, r.n]));
  };

  const oncePerStaffMember = (): Record<string, number> => Object.fromEntries(staffIds.map((id) => [id, 1]));

  /** An outbox row written straight to the table, as if its transaction committed `ageSeconds` ago. */
  const insertOutboxEvent = async (ageSeconds: number): Promise<string> => {
    const collaboratorId = randomUUID();
    const [row] = await query<{ id: string }>(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, created_at)
       VALUES ('collaborator.registered', 'collaborator', $1, $2, now() - make_interval(secs => $3))
       RETURNING id::text`,
      [collaboratorId, { collaboratorId, type: 'business' }, ageSeconds],
    );
    return row.id;
  };

  beforeAll(async () => {
    worker = await startTestWorker(createWorker);
    const ds = worker.dataSource;
    // Recipients are whoever is active staff now: a new operator is included, a deactivated admin is not.
    const newOperator = await newUser(ds, 'operator');
    const formerAdmin = await newUser(ds, 'admin');
    await ds.query(`UPDATE users SET active = false WHERE id = $1`, [formerAdmin.id]);
    const staff = await query<{ id: string; email: string }>(
      `SELECT id, email FROM users WHERE role IN ('admin', 'operator') AND active ORDER BY id`,
    );
    staffIds = staff.map((s) => s.id);
    expect(staff.map((s) => s.email)).toEqual(
      expect.arrayContaining([DEMO_ACCOUNTS.admin, DEMO_ACCOUNTS.operator]),
    );
    expect(staffIds).toContain(newOperator.id);
    expect(staffIds).not.toContain(formerAdmin.id);
  });

  afterAll(async () => {
    await worker?.stop();
  });

  it('builds only the concerns it serves (no auth, no needs in a worker)', () => {
    expect(() => worker.app.get(AuthService)).toThrow(/could not find AuthService/);
    expect(worker.app.get(ReadinessProbe)).toBeDefined();
  });

  it('turns a registration into one notification per active admin and operator', async () => {
    const { collaboratorId } = await signUp(worker.config, {
      email: `worker-e2e-${suffix()}@example.org`,
      password: 'Sandi-Rahasia-77!', // a new password must be strong; the seeded demo one is not checked
      name: 'Pendaftar Uji',
      collaborator: { type: 'business', name: `PT Uji Worker ${suffix()}` },
    });
    const [{ id }] = await query<{ id: string }>(
      `SELECT id::text FROM outbox_events WHERE type = 'collaborator.registered' AND aggregate_id = $1`,
      [collaboratorId],
    );

    const published = await waitUntilPublished(id);

    expect(await notificationsPerUser(published.eventId)).toEqual(oncePerStaffMember());
  });

  it('keeps the outbox sweep and the idempotency purge scheduled', async () => {
    const jobs = worker.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    const sweep = await jobs.getSchedule(QueueName.Maintenance, 'outbox-sweep');
    const purge = await jobs.getSchedule(QueueName.Maintenance, 'purge-idempotency-keys');
    expect(sweep).toMatchObject({ jobName: JobName.RelayOutbox, everyMs: 300, cron: null });
    expect(purge).toMatchObject({ jobName: JobName.PurgeIdempotencyKeys, everyMs: 60 * 60 * 1000 });
  });

  it("gives scheduled jobs their schedule's options only, not the retries of enqueued jobs", async () => {
    const scheduler = await worker.app
      .get(QueueHandles)
      .get(QueueName.Maintenance)
      .getJobScheduler('outbox-sweep');
    const opts = scheduler?.template?.opts;
    expect(opts).toMatchObject({ removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } });
    expect(opts).not.toHaveProperty('attempts');
    expect(opts).not.toHaveProperty('backoff');
  });

  it('puts a job scheduler back when Redis has lost it', async () => {
    const jobs = worker.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    expect(await jobs.removeSchedule(QueueName.Maintenance, 'expire-claims')).toBe(true);
    expect(await jobs.getSchedule(QueueName.Maintenance, 'expire-claims')).toBeNull();

    const restored = await waitFor(
      'the scheduler to be restored',
      () => jobs.getSchedule(QueueName.Maintenance, 'expire-claims'),
      { timeoutMs: 15_000, intervalMs: 250 },
    );

    expect(restored).toMatchObject({ jobName: JobName.ExpireClaims, everyMs: 300 });
  });

  it('dispatches an event nobody enqueued, through the scheduled sweep', async () => {
    const id = await insertOutboxEvent(60);

    const published = await waitUntilPublished(id);

    expect(published.relayAttempts).toBeGreaterThanOrEqual(1);
    expect(await notificationsPerUser(published.eventId)).toEqual(oncePerStaffMember());
  });

  it('delivers an event dispatched twice only once per recipient', async () => {
    const id = await insertOutboxEvent(0);
    const jobIds = [`dispatch-twice-a-${id}`, `dispatch-twice-b-${id}`];
    const jobs = worker.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    await Promise.all(
      jobIds.map((jobId) => jobs.enqueue({ name: JobName.DispatchEvent, data: { outboxId: id } }, { jobId })),
    );

    const outbox = worker.app.get(QueueHandles).get(QueueName.Outbox);
    await waitFor('both deliveries to complete', async () => {
      const states = await Promise.all(jobIds.map((jobId) => outbox.getJobState(jobId)));
      // A failed attempt is retried later (delayed): the second delivery must succeed as a no-op, not fail.
      if (states.some((s) => s === 'failed' || s === 'delayed'))
        throw new Error(`a delivery failed: ${states}`);
      return states.every((s) => s === 'completed');
    });

    const { eventId } = await outboxRow(id);
    expect(await notificationsPerUser(eventId)).toEqual(oncePerStaffMember());
  });

  it('purges expired idempotency keys and keeps live ones', async () => {
    const [expired, live] = [`expired-${suffix()}`, `live-${suffix()}`];
    await query(
      `INSERT INTO idempotency_keys (scope_hash, request_hash, state, expires_at)
       VALUES ($1, 'r', 'completed', now() - interval '1 minute'), ($2, 'r', 'completed', now() + interval '1 hour')`,
      [expired, live],
    );

    await worker.app.get<JobQueue>(JOB_QUEUE_TOKEN).enqueue({ name: JobName.PurgeIdempotencyKeys, data: {} });

    const remaining = await waitFor('the expired key to be purged', async () => {
      const rows = await query<{ scopeHash: string }>(
        `SELECT scope_hash AS "scopeHash" FROM idempotency_keys WHERE scope_hash IN ($1, $2)`,
        [expired, live],
      );
      return rows.length === 1 ? rows : undefined;
    });
    expect(remaining).toEqual([{ scopeHash: live }]);
  });

  it('answers liveness, readiness and metrics', async () => {
    const base = `http://127.0.0.1:${worker.app.get(HealthServer).port}`;

    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });

    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${base}/metrics`, { headers: METRICS_AUTH });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    // The tests above have run dispatches and sweeps, so their series exist by now.
    expect(text).toMatch(/^ksbb_worker_queue_depth\{queue="outbox",state="waiting"\} \d+$/m);
    expect(text).toMatch(/^ksbb_worker_queue_depth\{queue="maintenance",state="delayed"\} [1-9]\d*$/m);
    expect(text).toMatch(
      /^ksbb_worker_jobs_total\{queue="outbox",name="dispatch-event",outcome="completed"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^ksbb_worker_job_duration_seconds_count\{queue="maintenance",name="relay-outbox"\} [1-9]/m,
    );
    expect(text).toContain('ksbb_worker_process_cpu_user_seconds_total');

    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
  });

  it('reports not ready (503) when Redis does not answer', async () => {
    const lostRedis = new Redis(worker.config.REDIS_URL);
    await lostRedis.quit();
    const server = new HealthServer(
      { ...worker.config, WORKER_HEALTH_PORT: 0 },
      new ReadinessProbe(worker.app.get(DatabaseHealth), lostRedis),
      worker.app.get(WorkerMetrics),
    );
    await server.onApplicationBootstrap();
    try {
      const ready = await fetch(`http://127.0.0.1:${server.port}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
    } finally {
      await server.onApplicationShutdown();
    }
  });

  it('has no /metrics while METRICS_TOKEN is unset (404, even to a bearer token)', async () => {
    const server = new HealthServer(
      { ...worker.config, WORKER_HEALTH_PORT: 0, METRICS_TOKEN: undefined },
      worker.app.get(ReadinessProbe),
      worker.app.get(WorkerMetrics),
    );
    await server.onApplicationBootstrap();
    try {
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: METRICS_AUTH })).status).toBe(404);
    } finally {
      await server.onApplicationShutdown();
    }
  });
});
