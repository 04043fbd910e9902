import type { DataSource } from 'typeorm';

/** A school in a kelurahan, made directly (the matrix needs one object of the kind, not the import's checks). */
export async function insertSchool(
  ds: DataSource,
  school: { npsn: string; name: string; regionCode: string; level?: string },
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO institutions (kind, ref, name, school_level, region_code) VALUES ('school', $1, $2, $3, $4) RETURNING id`,
    [school.npsn, school.name, school.level ?? 'SD', school.regionCode],
  );
  return id;
}

/** An open flag on a need, raised by a kelurahan officer of that need's kelurahan. */
export async function insertNeedFlag(
  ds: DataSource,
  flag: { needId: string; officerId: string; kelurahanCode: string; reason?: string },
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO need_flags (need_id, reason, flagged_by, kelurahan_code) VALUES ($1, $2, $3, $4) RETURNING id`,
    [flag.needId, flag.reason ?? 'alamat salah', flag.officerId, flag.kelurahanCode],
  );
  return id;
}

/** The id of a seeded package, by its program's code and its own. */
export async function packageIdOf(ds: DataSource, programCode: string, code: string): Promise<string> {
  const [{ id }] = await ds.query(`SELECT id FROM packages WHERE program_code = $1 AND code = $2`, [
    programCode,
    code,
  ]);
  return id;
}

/**
 * A delivery the worker made and could not send (failed after some attempts): to a webhook when `webhookId` is given,
 * else by email.
 */
export async function insertFailedDelivery(
  ds: DataSource,
  delivery: {
    eventType: string;
    channel: 'email' | 'webhook';
    recipient: string;
    webhookId?: string;
    attempts: number;
    lastError: string;
  },
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, webhook_id, status, attempts, last_error)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, 'failed', $5, $6) RETURNING id`,
    [
      delivery.eventType,
      delivery.channel,
      delivery.recipient,
      delivery.webhookId ?? null,
      delivery.attempts,
      delivery.lastError,
    ],
  );
  return id;
}

/** An in-app notification for the account with this email (the worker makes them from events). */
export async function insertNotification(
  ds: DataSource,
  notification: { email: string; type: string; title: string; body?: string },
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO notifications (user_id, event_id, type, title, body)
     SELECT id, gen_random_uuid(), $2, $3, $4 FROM users WHERE email = $1 RETURNING id`,
    [notification.email, notification.type, notification.title, notification.body ?? ''],
  );
  return id;
}

/** A run of a report schedule that the worker has started and not finished. */
export async function insertRunningReportRun(
  ds: DataSource,
  run: { scheduleId: string; report: string; format: string },
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO report_runs (schedule_id, report, format, status) VALUES ($1, $2, $3, 'running') RETURNING id`,
    [run.scheduleId, run.report, run.format],
  );
  return id;
}

/**
 * Per table: row count and a hash of its sorted row hashes (rows as JSON, minus the columns listed for the table) —
 * equal before and after a refused request when it changed nothing.
 */
export async function tableFingerprints(
  ds: DataSource,
  tables: Record<string, readonly string[]>,
): Promise<Record<string, string>> {
  const parts = Object.entries(tables).map(([table, skip]) => {
    const row = `to_jsonb(t)${skip.map((c) => ` - '${c}'`).join('')}`;
    const digest = `md5((${row})::text)`;
    return `SELECT '${table}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(${digest}, '' ORDER BY ${digest}), '')) AS fp FROM ${table} t`;
  });
  const rows: { t: string; fp: string }[] = await ds.query(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, r.fp]));
}

/** The first (by code) region directly under `parentCode`: an RW of a kelurahan, say. */
export async function firstChildRegion(ds: DataSource, parentCode: string): Promise<string> {
  const [{ code }] = await ds.query(`SELECT code FROM regions WHERE parent_code = $1 ORDER BY code LIMIT 1`, [
    parentCode,
  ]);
  return code;
}

/** Moves a need to another region (set-up only: a need whose place matters to the test, e.g. an officer's area). */
export async function moveNeedToRegion(ds: DataSource, needId: string, regionCode: string): Promise<void> {
  await ds.query(`UPDATE needs SET region_code = $2 WHERE id = $1`, [needId, regionCode]);
}
