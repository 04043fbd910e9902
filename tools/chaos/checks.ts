import { Client } from 'pg';
import type { SmtpPeer } from '@ksbb/testing/notifications';
import { Ledger } from './load';

export interface Check {
  scenario: string;
  name: string;
  ok: boolean;
  detail: string;
}

/** Collects PASS/FAIL lines; printed as they are decided. */
export class Verdicts {
  readonly all: Check[] = [];

  add(scenario: string, name: string, ok: boolean, detail = ''): boolean {
    this.all.push({ scenario, name, ok, detail });
    process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}\n`);
    return ok;
  }

  get failed(): Check[] {
    return this.all.filter((c) => !c.ok);
  }
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function scalar(url: string, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await query<Record<string, string | number>>(url, sql, params);
  return Number(Object.values(row)[0]);
}

/** Every acknowledged write is in the database, as it was acknowledged. */
export async function checkAcknowledged(
  url: string,
  ledger: Ledger,
  v: Verdicts,
  scenario: string,
): Promise<void> {
  const needIds = [...ledger.needs.keys()];
  const publishedIds = [...ledger.needs].filter(([, n]) => n.published).map(([id]) => id);
  const missingNeeds = await scalar(
    url,
    `SELECT count(*) FROM unnest($1::uuid[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM needs n WHERE n.id = x.id)`,
    [needIds],
  );
  const unpublished = await scalar(
    url,
    `SELECT count(*) FROM unnest($1::uuid[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM needs n WHERE n.id = x.id AND n.published_at IS NOT NULL)`,
    [publishedIds],
  );
  v.add(
    scenario,
    'acknowledged needs present (and published when acknowledged so)',
    missingNeeds + unpublished === 0,
    `${needIds.length} created, ${publishedIds.length} published; missing ${missingNeeds}, not published ${unpublished}`,
  );

  const allocations = [...ledger.allocations];
  const missingAllocations = await scalar(
    url,
    `SELECT count(*) FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS x(id, need_id, quantity)
      WHERE NOT EXISTS (SELECT 1 FROM allocations a WHERE a.id = x.id AND a.need_id = x.need_id AND a.quantity = x.quantity)`,
    [
      allocations.map(([id]) => id),
      allocations.map(([, a]) => a.needId),
      allocations.map(([, a]) => a.quantity),
    ],
  );
  v.add(
    scenario,
    'acknowledged claims present with their need and quantity',
    missingAllocations === 0,
    `${allocations.length} acknowledged; missing ${missingAllocations}`,
  );

  const handovers = [...ledger.handovers];
  const missingHandovers = await scalar(
    url,
    `SELECT count(*) FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS x(id, bast, allocation_id)
      WHERE NOT EXISTS (SELECT 1 FROM handovers h JOIN handover_items i ON i.handover_id = h.id
                         WHERE h.id = x.id AND h.bast_number = x.bast AND i.allocation_id = x.allocation_id)`,
    [
      handovers.map(([id]) => id),
      handovers.map(([, h]) => h.bastNumber),
      handovers.map(([, h]) => h.allocationId),
    ],
  );
  const verified = [...ledger.verified];
  const notVerified = await scalar(
    url,
    `SELECT count(*) FROM unnest($1::uuid[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM handovers h WHERE h.id = x.id AND h.status = 'verified')`,
    [verified],
  );
  v.add(
    scenario,
    'acknowledged handovers present with their BAST number; acknowledged verifications verified',
    missingHandovers + notVerified === 0,
    `${handovers.length} submitted, ${verified.length} verified; missing ${missingHandovers}, not verified ${notVerified}`,
  );
}

/** No partial rows, quantities that add up, gap-free numbers, exact report rollups. Holds whatever was acknowledged. */
export async function checkInvariants(url: string, v: Verdicts, scenario: string): Promise<void> {
  // Each business transaction writes its row, its audit row and (where it emits) its outbox event together.
  const [partial] = await query<Record<string, number>>(
    url,
    `SELECT
       (SELECT count(*) FROM needs n WHERE NOT EXISTS
          (SELECT 1 FROM audit_log l WHERE l.entity = 'need' AND l.entity_id = n.id::text AND l.action = 'need.created'))::int AS "needs without need.created audit",
       (SELECT count(*) FROM needs n WHERE n.published_at IS NOT NULL AND NOT (
          EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'need' AND l.entity_id = n.id::text AND l.action = 'need.published')
          AND EXISTS (SELECT 1 FROM outbox_events e WHERE e.aggregate_id = n.id::text AND e.type = 'need.published')))::int AS "published needs without audit+event",
       (SELECT count(*) FROM allocations a WHERE NOT (
          EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'allocation' AND l.entity_id = a.id::text AND l.action = 'allocation.reserved')
          AND EXISTS (SELECT 1 FROM outbox_events e WHERE e.aggregate_id = a.id::text AND e.type = 'allocation.reserved')))::int AS "claims without audit+event",
       (SELECT count(*) FROM handovers h WHERE NOT (
          EXISTS (SELECT 1 FROM handover_items i WHERE i.handover_id = h.id)
          AND EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'handover' AND l.entity_id = h.id::text AND l.action = 'handover.submitted')
          AND EXISTS (SELECT 1 FROM outbox_events e WHERE e.aggregate_id = h.id::text AND e.type = 'handover.submitted')))::int AS "handovers without items+audit+event",
       (SELECT count(*) FROM handovers h WHERE h.status = 'verified' AND NOT (
          EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'handover' AND l.entity_id = h.id::text AND l.action = 'handover.verified')
          AND EXISTS (SELECT 1 FROM outbox_events e WHERE e.aggregate_id = h.id::text AND e.type = 'handover.verified')))::int AS "verified handovers without audit+event"`,
  );
  const partialTotal = Object.values(partial).reduce((a, b) => a + b, 0);
  v.add(
    scenario,
    'no partial writes (row + audit + outbox event, handover items)',
    partialTotal === 0,
    describe(partial),
  );

  // Claimed and delivered quantities are the sums of the claims that hold them.
  const [sums] = await query<Record<string, number>>(
    url,
    `WITH held AS (
       SELECT a.*, CASE WHEN a.status IN ('released', 'expired') THEN a.delivered_quantity ELSE a.quantity END AS holds FROM allocations a)
     SELECT
       (SELECT count(*) FROM needs n LEFT JOIN (SELECT need_id, sum(holds) AS q, sum(delivered_quantity) AS d FROM held GROUP BY need_id) s ON s.need_id = n.id
         WHERE n.allocated_quantity <> coalesce(s.q, 0) OR n.delivered_quantity <> coalesce(s.d, 0))::int AS "needs off their claims",
       (SELECT count(*) FROM commitment_items i LEFT JOIN (SELECT commitment_item_id, sum(holds) AS q, sum(delivered_quantity) AS d FROM held GROUP BY commitment_item_id) s
           ON s.commitment_item_id = i.id
         WHERE i.allocated_quantity <> coalesce(s.q, 0) OR i.delivered_quantity <> coalesce(s.d, 0))::int AS "commitment items off their claims",
       (SELECT count(*) FROM needs WHERE allocated_quantity > quantity OR delivered_quantity > allocated_quantity)::int AS "over-allocated needs",
       (SELECT count(*) FROM commitment_items WHERE allocated_quantity > quantity)::int AS "over-allocated items",
       (SELECT count(*) FROM allocations a LEFT JOIN (
           SELECT i.allocation_id, sum(i.quantity) AS q FROM handover_items i JOIN handovers h ON h.id = i.handover_id AND h.status = 'verified' GROUP BY 1) s
           ON s.allocation_id = a.id WHERE a.delivered_quantity <> coalesce(s.q, 0))::int AS "claims off their verified handovers"`,
  );
  const sumsTotal = Object.values(sums).reduce((a, b) => a + b, 0);
  v.add(
    scenario,
    'claimed/delivered quantities equal the sums of claims; nothing over-allocated',
    sumsTotal === 0,
    describe(sums),
  );

  // Gap-free numbering: per scope, numbers 1..last_value each used exactly once.
  const gaps = await query<{ scope: string; last: number; used: number; distinct_used: number; max: number }>(
    url,
    `WITH used AS (
       SELECT regexp_replace(bast_number, '/[0-9]+$', '') AS scope, substring(bast_number from '[0-9]+$')::int AS n FROM handovers
       UNION ALL
       SELECT regexp_replace(number, '/[0-9]+$', ''), substring(number from '[0-9]+$')::int FROM commitments WHERE number IS NOT NULL AND number ~ '/[0-9]+$')
     SELECT s.scope, s.last_value AS last, count(u.n)::int AS used, count(DISTINCT u.n)::int AS distinct_used, coalesce(max(u.n), 0) AS max
       FROM number_sequences s LEFT JOIN used u ON u.scope = s.scope
      GROUP BY s.scope, s.last_value`,
  );
  const bad = gaps.filter((g) => !(g.used === g.last && g.distinct_used === g.last && g.max === g.last));
  v.add(
    scenario,
    'BAST and commitment numbers gap-free',
    bad.length === 0 && gaps.length > 0,
    gaps.map((g) => `${g.scope}: ${g.used} used of ${g.last}`).join(', ') +
      (bad.length ? `; BAD: ${JSON.stringify(bad)}` : ''),
  );

  // The ledger of verified handovers is a strict sequence.
  const [chain] = await query<{ n: number; max: number; distinct: number }>(
    url,
    `SELECT count(*)::int AS n, coalesce(max(chain_seq), 0) AS max, count(DISTINCT chain_seq)::int AS distinct FROM handovers WHERE status = 'verified'`,
  );
  v.add(
    scenario,
    'hash chain of verified handovers has no gap',
    chain.n === chain.max && chain.n === chain.distinct,
    `${chain.n} verified, chain head ${chain.max}`,
  );

  // Report rollups (rollup + pending facts, one snapshot) equal a live GROUP BY over the base tables (docs/REPORTING.md):
  // the RW rollup and the kelurahan rollup folded from the same facts.
  for (const { table, length, key } of [
    { table: 'report_region_rollups', length: 18, key: 'RW' },
    { table: 'report_village_rollups', length: 13, key: 'kelurahan' },
  ]) {
    const [rollups] = await query<{ diff: number; groups: number }>(
      url,
      `WITH kept AS (
       SELECT program_code, region_code, need_status, needs::bigint, quantity, allocated, delivered, beneficiaries, beneficiaries_reached,
              handovers_submitted::bigint, handovers_verified::bigint, handovers_rejected::bigint FROM ${table}
       UNION ALL
       SELECT program_code, left(region_code, ${length}), need_status, needs, quantity, allocated, delivered, beneficiaries, beneficiaries_reached,
              handovers_submitted, handovers_verified, handovers_rejected FROM report_facts),
     maintained AS (
       SELECT program_code, region_code, need_status, sum(needs) AS a, sum(quantity) AS b, sum(allocated) AS c, sum(delivered) AS d,
              sum(beneficiaries) AS e, sum(beneficiaries_reached) AS f, sum(handovers_submitted) AS g, sum(handovers_verified) AS h,
              sum(handovers_rejected) AS i
         FROM kept GROUP BY 1, 2, 3),
     live AS (
       SELECT program_code, left(region_code, ${length}) AS region_code, status AS need_status, count(*) AS a, sum(quantity) AS b,
              sum(allocated_quantity) AS c, sum(delivered_quantity) AS d, sum(beneficiary_count) AS e,
              sum(beneficiary_count::bigint * delivered_quantity / quantity) AS f, 0 AS g, 0 AS h, 0 AS i
         FROM needs GROUP BY 1, 2, 3
       UNION ALL
       SELECT program_code, left(region_code, ${length}), '', 0, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE status = 'verified'),
              count(*) FILTER (WHERE status = 'rejected')
         FROM handovers GROUP BY 1, 2),
     m AS (SELECT * FROM maintained WHERE (a, b, c, d, e, f, g, h, i) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)),
     l AS (SELECT program_code, region_code, need_status, sum(a) AS a, sum(b) AS b, sum(c) AS c, sum(d) AS d, sum(e) AS e, sum(f) AS f,
                  sum(g) AS g, sum(h) AS h, sum(i) AS i FROM live GROUP BY 1, 2, 3)
     SELECT (SELECT count(*) FROM ((SELECT * FROM m EXCEPT SELECT * FROM l) UNION ALL (SELECT * FROM l EXCEPT SELECT * FROM m)) x)::int AS diff,
            (SELECT count(*) FROM l)::int AS groups`,
    );
    v.add(
      scenario,
      `report rollups + pending facts equal a live GROUP BY (${key})`,
      rollups.diff === 0,
      `${rollups.groups} program×${key}×status groups; ${rollups.diff} differ`,
    );
  }
}

export interface DrainState {
  unpublished: number;
  open: number;
  dead: number;
  total: number;
}

/** Outbox events not yet dispatched and email deliveries not yet sent. */
export async function drainState(url: string): Promise<DrainState> {
  const [row] = await query<DrainState>(
    url,
    `SELECT (SELECT count(*) FROM outbox_events WHERE published_at IS NULL)::int AS unpublished,
            (SELECT count(*) FROM notification_deliveries WHERE channel = 'email' AND status IN ('pending', 'sending', 'failed'))::int AS open,
            (SELECT count(*) FROM notification_deliveries WHERE channel = 'email' AND status = 'dead')::int AS dead,
            (SELECT count(*) FROM notification_deliveries WHERE channel = 'email')::int AS total`,
  );
  return row;
}

export interface EmailTally {
  expected: number;
  missing: number;
  duplicated: number;
  duplicateMessages: number;
  /** Duplicates whose copies carry different Message-IDs (receivers could not drop them). */
  unmatchedMessageIds: number;
}

/**
 * The emails the acknowledged writes promise, independently of what the product queued: every acknowledged claim
 * tells each member of the donor's organisation, every acknowledged handover tells every active Pokja staff member.
 * Each expected email must have reached the SMTP peer; duplicates are counted by delivery id.
 */
export async function tallyEmails(
  url: string,
  smtp: SmtpPeer,
  ids: { allocations: string[]; handovers: string[] },
): Promise<EmailTally> {
  const expected = await query<{ aggregate: string; recipient: string; delivery: string | null }>(
    url,
    `WITH wanted AS (
       SELECT a.id::text AS aggregate, 'allocation.reserved' AS type, u.email
         FROM allocations a JOIN commitments c ON c.id = a.commitment_id JOIN users u ON u.collaborator_id = c.collaborator_id AND u.active
        WHERE a.id = ANY ($1::uuid[])
       UNION ALL
       SELECT h.id::text, 'handover.submitted', u.email
         FROM handovers h CROSS JOIN users u WHERE h.id = ANY ($2::uuid[]) AND u.active AND u.role IN ('operator', 'admin'))
     SELECT w.aggregate, w.email AS recipient,
            (SELECT d.id FROM outbox_events e JOIN notification_deliveries d ON d.event_id = e.event_id AND d.channel = 'email' AND d.recipient = w.email
              WHERE e.aggregate_id = w.aggregate AND e.type = w.type LIMIT 1)::text AS delivery
       FROM wanted w`,
    [ids.allocations, ids.handovers],
  );
  const counts = smtp.countsByDelivery();
  const messageIds = new Map<string, Set<string>>();
  for (const m of smtp.received)
    messageIds.set(m.deliveryId, (messageIds.get(m.deliveryId) ?? new Set()).add(m.messageId));
  let missing = 0;
  let duplicated = 0;
  let duplicateMessages = 0;
  let unmatchedMessageIds = 0;
  for (const e of expected) {
    const n = e.delivery ? (counts.get(e.delivery) ?? 0) : 0;
    if (n === 0) missing += 1;
    if (n > 1) {
      duplicated += 1;
      duplicateMessages += n - 1;
      if ((messageIds.get(e.delivery ?? '')?.size ?? 0) > 1) unmatchedMessageIds += 1;
    }
  }
  return { expected: expected.length, missing, duplicated, duplicateMessages, unmatchedMessageIds };
}

const describe = (o: Record<string, number>): string =>
  Object.entries(o)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');

export { query, scalar };
