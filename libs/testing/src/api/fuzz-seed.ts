import type { DataSource } from 'typeorm';

/**
 * The fuzzer's direct database work, kept with the other seeding helpers: rows only the worker makes (report runs,
 * deliveries, in-app notifications), reactivating the aggregator a destructive call suspended, and the pools of
 * existing ids and codes the fuzzer picks path parameters and body fields from.
 */

/** An aggregator the run suspended (PATCH /aggregators) is made active again, so its API key keeps working. */
export async function activateAggregator(ds: DataSource, aggregatorId: string): Promise<void> {
  await ds.query(`UPDATE aggregators SET status = 'active' WHERE id = $1`, [aggregatorId]);
}

/**
 * Report runs (running, failed, queued), email and webhook deliveries in every retryable state, and one in-app
 * notification per demo account: the states the report-run, outbox and inbox handlers branch on.
 */
export async function seedWorkerRows(
  ds: DataSource,
  opts: { scheduleId: string; webhookIds: string[]; webhookUrl: string; email: string },
): Promise<void> {
  await ds.query(
    `INSERT INTO report_runs (schedule_id, report, format, status, error)
     VALUES ($1, 'summary', 'csv', 'running', NULL), ($1, 'coverage', 'xlsx', 'failed', 'smtp down'), (NULL, 'summary', 'csv', 'queued', NULL)`,
    [opts.scheduleId],
  );
  const [first, second] = opts.webhookIds;
  for (const [status, webhookId] of [
    ['failed', null],
    ['dead', null],
    ['sent', null],
    ['failed', first],
    ['dead', second],
  ] as const) {
    await ds.query(
      `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, webhook_id, status, attempts, last_error, sent_at)
       VALUES (gen_random_uuid(), 'handover.verified', $1::varchar, $2, $3, $4::varchar, 2, 'HTTP 503', CASE WHEN $4::varchar = 'sent' THEN now() END)`,
      [webhookId ? 'webhook' : 'email', webhookId ? opts.webhookUrl : opts.email, webhookId ?? null, status],
    );
  }
  await ds.query(
    `INSERT INTO notifications (user_id, event_id, type, title, body)
     SELECT id, gen_random_uuid(), 'commitment.approved', 'Komitmen disetujui', 'KOM/PANGAN' FROM users WHERE email LIKE '%@demo.ksbb.id'`,
  );
}

/** The demo accounts' ids: the fuzzer's callers, which destructive calls must not aim at. */
export async function demoUserIds(ds: DataSource): Promise<string[]> {
  const rows: { id: string }[] = await ds.query(`SELECT id FROM users WHERE email LIKE '%@demo.ksbb.id'`);
  return rows.map((r) => r.id);
}

/** SQL for the existing values of a path parameter, by the collection it names. */
const POOL_SQL: Record<string, string> = {
  aggregators: `SELECT id::text AS v FROM aggregators`,
  allocations: `SELECT id::text AS v FROM allocations`,
  'api-keys': `SELECT id::text AS v FROM api_keys`,
  collaborators: `SELECT id::text AS v FROM collaborators`,
  commitments: `SELECT id::text AS v FROM commitments`,
  handovers: `SELECT id::text AS v FROM handovers`,
  attachments: `SELECT id::text AS v FROM handover_attachments`,
  'me/notifications': `SELECT id::text AS v FROM notifications`,
  notifications: `SELECT id::text AS v FROM notification_deliveries WHERE webhook_id IS NULL`,
  deliveries: `SELECT id::text AS v FROM notification_deliveries WHERE webhook_id IS NOT NULL`,
  institutions: `SELECT id::text AS v FROM institutions`,
  'need-flags': `SELECT id::text AS v FROM need_flags`,
  needs: `SELECT id::text AS v FROM needs`,
  packages: `SELECT id::text AS v FROM packages`,
  programs: `SELECT code AS v FROM programs`,
  'public/bast': `SELECT bast_number AS v FROM handovers`,
  regions: `SELECT code AS v FROM regions WHERE level IN ('province', 'city', 'district', 'village') OR code LIKE '31.71.01.1001%'`,
  'report-runs': `SELECT id::text AS v FROM report_runs`,
  'report-schedules': `SELECT id::text AS v FROM report_schedules`,
  users: `SELECT id::text AS v FROM users`,
  webhooks: `SELECT id::text AS v FROM webhooks`,
};

/** Up to 200 existing values of a collection's path parameter (none for a collection the fuzzer does not know). */
export async function poolValues(ds: DataSource, collection: string): Promise<string[]> {
  const sql = POOL_SQL[collection];
  if (!sql) return [];
  const rows: { v: string | null }[] = await ds.query(`${sql} ORDER BY 1 LIMIT 200`);
  return rows.map((r) => r.v).filter((v): v is string => !!v);
}

/** Existing codes and ids by the kind of value a named body field or query parameter takes. */
export async function existingValues(ds: DataSource): Promise<{
  program: string[];
  package: string[];
  region: string[];
  collaborator: string[];
  aggregator: string[];
  commitment: string[];
  need: string[];
  institution: string[];
  allocation: string[];
  schedule: string[];
  user: string[];
  email: string[];
}> {
  const col = async (sql: string): Promise<string[]> =>
    ((await ds.query(sql)) as { v: string }[]).map((r) => r.v);
  return {
    program: await col(`SELECT code AS v FROM programs ORDER BY 1`),
    package: await col(`SELECT DISTINCT code AS v FROM packages ORDER BY 1`),
    region: await col(
      `SELECT code AS v FROM regions WHERE level IN ('province', 'city', 'village', 'rw') ORDER BY code LIMIT 60`,
    ),
    collaborator: await col(`SELECT id::text AS v FROM collaborators ORDER BY 1 LIMIT 5`),
    aggregator: await col(`SELECT id::text AS v FROM aggregators ORDER BY 1 LIMIT 3`),
    commitment: await col(`SELECT id::text AS v FROM commitments ORDER BY 1`),
    need: await col(`SELECT id::text AS v FROM needs ORDER BY 1`),
    institution: await col(`SELECT id::text AS v FROM institutions ORDER BY 1 LIMIT 20`),
    allocation: await col(`SELECT id::text AS v FROM allocations ORDER BY 1`),
    schedule: await col(`SELECT id::text AS v FROM report_schedules ORDER BY 1`),
    user: await col(`SELECT id::text AS v FROM users ORDER BY 1 LIMIT 10`),
    email: await col(`SELECT email AS v FROM users WHERE email NOT LIKE '%@demo.ksbb.id' ORDER BY 1`),
  };
}

/** Active accounts other than the demo ones, oldest first: whose refresh tokens the refresh and logout calls spend. */
export async function activeNonDemoEmails(ds: DataSource, limit = 10): Promise<string[]> {
  const rows: { email: string }[] = await ds.query(
    `SELECT email FROM users WHERE email NOT LIKE '%@demo.ksbb.id' AND active ORDER BY created_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.email);
}
