import type { DataSource, QueryRunner } from 'typeorm';
import {
  GENESIS_CHAIN_HASH,
  handoverContentHash,
  nextChainHash,
  signedHandoverContent,
} from '../../handovers/handover-content';
import { HandoverLedgerRepository } from '../../handovers/handover-ledger.repository';
import { RollupFolder } from '../../reports/rollups/rollup-folder';
import { RollupsRepository } from '../../reports/rollups/rollups.repository';
import { buildDemoCollaborators } from './demo-collaborators.data';
import { DEMO_WORLD_SOURCE, World, WorldInput, buildDemoWorld } from './demo-world.data';
import { deterministicUuid } from './deterministic';
import { execute } from './seed-query';

export interface DemoWorldSummary {
  /** false when the world was already there (or its inputs are missing): nothing was written. */
  built: boolean;
  needs: number;
  commitments: number;
  claims: number;
  handovers: number;
  verifiedHandovers: number;
  ms: number;
}

/** The same lock as the reference seed: two starts at once build one world. */
const SEED_LOCK_KEY = 'ksbb:seed';

/**
 * Builds the demo world (see `demo-world.data.ts`) once: its needs carry `source = 'demo-world'`, and when any
 * exists nothing is written. Set-based inserts in one transaction; verified handovers are appended to the ledger
 * with their content and chain hashes exactly as the verification recomputes them. The reporting rollups are rebuilt
 * afterwards, dated by the world's own timestamps. Never for production data: the caller decides (`npm start`,
 * `db:seed` outside production unless DEMO_WORLD=off).
 */
export async function seedDemoWorld(ds: DataSource, opts: { now?: Date } = {}): Promise<DemoWorldSummary> {
  const started = Date.now();
  const runner = ds.createQueryRunner();
  await runner.connect();
  let world: World | undefined;
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_KEY]);
    await runner.query('SET LOCAL jit = off');
    const [{ exists }]: { exists: boolean }[] = await runner.query(
      'SELECT EXISTS (SELECT 1 FROM needs WHERE source = $1) AS exists',
      [DEMO_WORLD_SOURCE],
    );
    const input = exists ? undefined : await readInput(runner, opts.now ?? new Date());
    if (input) {
      const scopes = await numberOffsets(runner);
      world = buildDemoWorld(input, scopes);
      await insertWorld(runner, world, input.adminId);
      await appendToLedger(runner, world);
      await reserveNumbers(runner, world.numberScopes);
    }
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
  if (!world)
    return {
      built: false,
      needs: 0,
      commitments: 0,
      claims: 0,
      handovers: 0,
      verifiedHandovers: 0,
      ms: Date.now() - started,
    };
  // The triggers dated the world's facts today; a rebuild dates them by the rows' own timestamps.
  await new RollupFolder(ds, new RollupsRepository(ds)).rebuild();
  return {
    built: true,
    needs: world.needs.length,
    commitments: world.commitments.length,
    claims: world.claims.length,
    handovers: world.handovers.length,
    verifiedHandovers: world.handovers.filter((h) => h.status === 'verified').length,
    ms: Date.now() - started,
  };
}

/** What the world is built from; undefined when the reference or demo data it needs is missing. */
async function readInput(runner: QueryRunner, now: Date): Promise<WorldInput | undefined> {
  const villages: WorldInput['villages'] = await runner.query(
    `SELECT v.code, v.name, coalesce(array_agg(rt.code ORDER BY rt.code) FILTER (WHERE rt.code IS NOT NULL), '{}') AS rts
       FROM regions v
       LEFT JOIN regions rt ON rt.level = 'rt' AND left(rt.code, 13) = v.code
      WHERE v.level = 'village'
      GROUP BY v.code, v.name ORDER BY v.code`,
  );
  const packages: WorldInput['packages'] = (
    await runner.query(
      `SELECT pk.id, pk.program_code AS "programCode", pk.code, pk.name, pk.unit_value_min AS "unitValueMin",
              pk.unit_value_max AS "unitValueMax", pk.beneficiary_kind AS "beneficiaryKind",
              p.claim_hold_days AS "claimHoldDays"
         FROM packages pk JOIN programs p ON p.code = pk.program_code
        WHERE p.status = 'open' ORDER BY pk.program_code, pk.code`,
    )
  ).map((p: WorldInput['packages'][number]) => ({
    ...p,
    unitValueMin: Number(p.unitValueMin),
    unitValueMax: Number(p.unitValueMax),
  }));
  const demo = buildDemoCollaborators().filter((c) => c.status === 'verified');
  const present: { id: string }[] = await runner.query(
    `SELECT id FROM collaborators WHERE id = ANY($1::uuid[]) AND status = 'verified'`,
    [demo.map((c) => c.id)],
  );
  const presentIds = new Set(present.map((r) => r.id));
  const collaborators = demo
    .filter((c) => presentIds.has(c.id))
    .map(({ id, name, picName }) => ({ id, name, picName }));
  const aggregators: WorldInput['aggregators'] = await runner.query(
    `SELECT id, name FROM aggregators ORDER BY name`,
  );
  const [admin]: { id: string }[] = await runner.query(`SELECT id FROM users WHERE id = $1`, [
    deterministicUuid('user:admin@demo.ksbb.id'),
  ]);
  if (!villages.length || !packages.length || !collaborators.length) return undefined;
  return { now, villages, packages, collaborators, aggregators, adminId: admin?.id ?? null };
}

async function numberOffsets(runner: QueryRunner): Promise<Record<string, number>> {
  const rows: { scope: string; last: number }[] = await runner.query(
    `SELECT scope, last_value AS last FROM number_sequences`,
  );
  return Object.fromEntries(rows.map((r) => [r.scope, r.last]));
}

/** Moves each counter past the numbers the world took (read under the seed lock, in this transaction). */
async function reserveNumbers(runner: QueryRunner, scopes: Record<string, number>): Promise<void> {
  const entries = Object.entries(scopes);
  await execute(
    runner,
    `INSERT INTO number_sequences (scope, last_value)
     SELECT * FROM unnest($1::varchar[], $2::int[])
     ON CONFLICT (scope) DO UPDATE SET last_value = number_sequences.last_value + excluded.last_value`,
    [entries.map(([s]) => s), entries.map(([, n]) => n)],
  );
}

async function insertWorld(runner: QueryRunner, w: World, adminId: string | null): Promise<void> {
  await execute(
    runner,
    `INSERT INTO needs (id, program_code, package_id, region_code, title, quantity, allocated_quantity,
                        delivered_quantity, beneficiary_count, status, source, source_ref, location, due_date,
                        published_at, created_by, created_at, updated_at)
     SELECT n.id, n.program_code, n.package_id, n.region_code, n.title, n.quantity, n.allocated, n.delivered,
            n.beneficiaries, n.status, $16, n.source_ref,
            (SELECT r.point FROM regions r
              WHERE r.code IN (n.region_code, left(n.region_code, 18), left(n.region_code, 13)) AND r.point IS NOT NULL
              ORDER BY length(r.code) DESC LIMIT 1),
            n.due_date, n.published_at, $17, n.created_at, coalesce(n.published_at, n.created_at)
       FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[], $6::int[], $7::int[],
                   $8::int[], $9::int[], $10::varchar[], $11::varchar[], $12::date[], $13::timestamptz[],
                   $14::timestamptz[], $15::int[])
            AS n(id, program_code, package_id, region_code, title, quantity, allocated, delivered, beneficiaries,
                 status, source_ref, due_date, published_at, created_at, ord)
      ORDER BY n.ord
     ON CONFLICT DO NOTHING`,
    [
      w.needs.map((n) => n.id),
      w.needs.map((n) => n.programCode),
      w.needs.map((n) => n.packageId),
      w.needs.map((n) => n.regionCode),
      w.needs.map((n) => n.title),
      w.needs.map((n) => n.quantity),
      w.needs.map((n) => n.allocatedQuantity),
      w.needs.map((n) => n.deliveredQuantity),
      w.needs.map((n) => n.beneficiaryCount),
      w.needs.map((n) => n.status),
      w.needs.map((n) => n.sourceRef),
      w.needs.map((n) => n.dueDate),
      w.needs.map((n) => n.publishedAt),
      w.needs.map((n) => n.createdAt),
      w.needs.map((_, i) => i),
      DEMO_WORLD_SOURCE,
      adminId,
    ],
  );
  await execute(
    runner,
    `INSERT INTO commitments (id, number, collaborator_id, program_code, delivery_mode, aggregator_id, planned_from,
                              planned_to, status, total_value, signatory_name, signatory_title, signed_at, signed_hash,
                              decided_by, decided_at, status_reason, created_at, updated_at)
     SELECT c.id, c.number, c.collaborator_id, c.program_code,
            CASE WHEN c.aggregator_id IS NULL THEN 'direct' ELSE 'aggregator' END, c.aggregator_id,
            c.planned_from, c.planned_to, c.status, c.total_value, c.signatory_name, c.signatory_title, c.signed_at,
            c.signed_hash, CASE WHEN c.decided_at IS NULL THEN NULL ELSE $17::uuid END, c.decided_at,
            c.status_reason, c.created_at, coalesce(c.decided_at, c.signed_at, c.created_at)
       FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[], $5::uuid[], $6::date[], $7::date[],
                   $8::varchar[], $9::bigint[], $10::varchar[], $11::varchar[], $12::timestamptz[], $13::varchar[],
                   $14::timestamptz[], $15::text[], $16::timestamptz[])
            AS c(id, number, collaborator_id, program_code, aggregator_id, planned_from, planned_to, status,
                 total_value, signatory_name, signatory_title, signed_at, signed_hash, decided_at, status_reason,
                 created_at)
     ON CONFLICT DO NOTHING`,
    [
      w.commitments.map((c) => c.id),
      w.commitments.map((c) => c.number),
      w.commitments.map((c) => c.collaboratorId),
      w.commitments.map((c) => c.programCode),
      w.commitments.map((c) => c.aggregatorId),
      w.commitments.map((c) => c.plannedFrom),
      w.commitments.map((c) => c.plannedTo),
      w.commitments.map((c) => c.status),
      w.commitments.map((c) => c.totalValue),
      w.commitments.map((c) => c.signatoryName),
      w.commitments.map((c) => c.signatoryTitle),
      w.commitments.map((c) => c.signedAt),
      w.commitments.map((c) => c.signedHash),
      w.commitments.map((c) => c.decidedAt),
      w.commitments.map((c) => c.statusReason),
      w.commitments.map((c) => c.createdAt),
      adminId,
    ],
  );
  await execute(
    runner,
    `INSERT INTO commitment_items (id, commitment_id, package_id, quantity, unit_value, allocated_quantity,
                                   delivered_quantity)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::int[], $7::int[])
     ON CONFLICT DO NOTHING`,
    [
      w.items.map((i) => i.id),
      w.items.map((i) => i.commitmentId),
      w.items.map((i) => i.packageId),
      w.items.map((i) => i.quantity),
      w.items.map((i) => i.unitValue),
      w.items.map((i) => i.allocatedQuantity),
      w.items.map((i) => i.deliveredQuantity),
    ],
  );
  await execute(
    runner,
    `INSERT INTO allocations (id, commitment_id, commitment_item_id, need_id, quantity, delivered_quantity, status,
                              expires_at, ended_at, end_reason, created_by, created_at, updated_at)
     SELECT a.id, a.commitment_id, a.item_id, a.need_id, a.quantity, a.delivered, a.status, a.expires_at, a.ended_at,
            a.end_reason, $11, a.created_at, coalesce(a.ended_at, a.created_at)
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::int[], $7::varchar[],
                   $8::timestamptz[], $9::timestamptz[], $10::text[], $12::timestamptz[])
            AS a(id, commitment_id, item_id, need_id, quantity, delivered, status, expires_at, ended_at, end_reason,
                 created_at)
     ON CONFLICT DO NOTHING`,
    [
      w.claims.map((c) => c.id),
      w.claims.map((c) => c.commitmentId),
      w.claims.map((c) => c.itemId),
      w.claims.map((c) => c.needId),
      w.claims.map((c) => c.quantity),
      w.claims.map((c) => c.deliveredQuantity),
      w.claims.map((c) => c.status),
      w.claims.map((c) => c.expiresAt),
      w.claims.map((c) => c.endedAt),
      w.claims.map((c) => c.endReason),
      adminId,
      w.claims.map((c) => c.createdAt),
    ],
  );
  // Verified handovers go in as submitted and join the ledger below (the schema ties `verified` to a position).
  await execute(
    runner,
    `INSERT INTO handovers (id, bast_number, program_code, commitment_id, aggregator_id, handed_over_at, region_code,
                            location, address, giver, receiver, status, submitted_by, decided_by, decided_at,
                            rejection_reason, created_at, updated_at)
     SELECT h.id, h.bast_number, h.program_code, h.commitment_id, h.aggregator_id, h.handed_over_at, h.region_code,
            (SELECT n.location FROM needs n WHERE n.id = h.need_id), '', h.giver, h.receiver,
            CASE WHEN h.status = 'rejected' THEN 'rejected' ELSE 'submitted' END, $14::uuid,
            CASE WHEN h.status = 'rejected' THEN $14::uuid END, CASE WHEN h.status = 'rejected' THEN h.decided_at END,
            h.rejection_reason, h.created_at, coalesce(h.decided_at, h.created_at)
       FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::uuid[], $5::uuid[], $6::timestamptz[],
                   $7::varchar[], $8::uuid[], $9::jsonb[], $10::jsonb[], $11::varchar[], $12::timestamptz[],
                   $13::text[], $15::timestamptz[])
            AS h(id, bast_number, program_code, commitment_id, aggregator_id, handed_over_at, region_code, need_id,
                 giver, receiver, status, decided_at, rejection_reason, created_at)
     ON CONFLICT DO NOTHING`,
    [
      w.handovers.map((h) => h.id),
      w.handovers.map((h) => h.bastNumber),
      w.handovers.map((h) => h.programCode),
      w.handovers.map((h) => h.commitmentId),
      w.handovers.map((h) => h.aggregatorId),
      w.handovers.map((h) => h.handedOverAt),
      w.handovers.map((h) => h.regionCode),
      w.handovers.map((h) => h.needId),
      w.handovers.map((h) => JSON.stringify(h.giver)),
      w.handovers.map((h) => JSON.stringify(h.receiver)),
      w.handovers.map((h) => h.status),
      w.handovers.map((h) => h.decidedAt),
      w.handovers.map((h) => h.rejectionReason),
      adminId,
      w.handovers.map((h) => h.createdAt),
    ],
  );
  const items = w.handovers.flatMap((h) => h.items.map((i) => ({ handoverId: h.id, ...i })));
  await execute(
    runner,
    `INSERT INTO handover_items (id, handover_id, allocation_id, quantity)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])
     ON CONFLICT DO NOTHING`,
    [
      items.map((i) => deterministicUuid(`demo-world:handover-item:${i.handoverId}:${i.claimId}`)),
      items.map((i) => i.handoverId),
      items.map((i) => i.claimId),
      items.map((i) => i.quantity),
    ],
  );
}

/**
 * Appends the world's verified handovers to the ledger in the order they were decided, after the current head,
 * hashing each one's content as read back from the database (the form the ledger check rebuilds).
 */
async function appendToLedger(runner: QueryRunner, w: World): Promise<void> {
  const ledger = new HandoverLedgerRepository(runner.connection);
  await ledger.lockLedger(runner.manager);
  const head = await ledger.head(runner.manager);
  const verified = w.handovers
    .filter((h) => h.status === 'verified')
    .sort(
      (a, b) => (a.decidedAt as Date).getTime() - (b.decidedAt as Date).getTime() || (a.id < b.id ? -1 : 1),
    );
  const contents = new Map(
    (
      await ledger.contents(
        verified.map((h) => h.id),
        runner.manager,
      )
    ).map((r) => [r.id, r]),
  );
  let previous = head?.chainHash ?? GENESIS_CHAIN_HASH;
  let seq = head?.chainSeq ?? 0;
  const rows = verified.map((h) => {
    const contentHash = handoverContentHash(
      signedHandoverContent(contents.get(h.id) as NonNullable<ReturnType<typeof contents.get>>),
    );
    previous = nextChainHash(previous, contentHash);
    seq += 1;
    return { id: h.id, contentHash, chainHash: previous, chainSeq: seq, decidedAt: h.decidedAt };
  });
  await execute(
    runner,
    `UPDATE handovers h
        SET status = 'verified', content_hash = v.content_hash, chain_hash = v.chain_hash, chain_seq = v.chain_seq,
            decided_at = v.decided_at, decided_by = h.submitted_by, updated_at = v.decided_at
       FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::int[], $5::timestamptz[])
            AS v(id, content_hash, chain_hash, chain_seq, decided_at)
      WHERE h.id = v.id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.contentHash),
      rows.map((r) => r.chainHash),
      rows.map((r) => r.chainSeq),
      rows.map((r) => r.decidedAt),
    ],
  );
}
