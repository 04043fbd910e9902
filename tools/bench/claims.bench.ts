import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@ksbb/core';
import { cannon, databaseOf, Interleaved, interleavedRow, measureCpu, Measured, pgbench, Row, startApi } from './support';
import { writeFileSync } from 'node:fs';

const NEEDS = 10;
const CLIENTS = 64;

/**
 * Claims: POST /allocations with 64 concurrent clients on 10 hot needs, next to pgbench running the same
 * conditional UPDATE on the same rows; then checks nothing was over-allocated.
 */
export async function benchClaims(databaseUrl: string, seconds: number, runs: number): Promise<Row[]> {
  const ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }), logging: false });
  await ds.initialize();
  const [{ collaboratorId, userId, role }] = await ds.query(
    `SELECT collaborator_id AS "collaboratorId", id AS "userId", role FROM users WHERE email = 'donor@demo.ksbb.id'`,
  );
  const [{ id: packageId }] = await ds.query(`SELECT id FROM packages WHERE program_code = 'PANGAN' AND code = 'SEMBAKO'`);
  const regions: { code: string }[] = await ds.query(`SELECT code FROM regions WHERE level = 'rt' ORDER BY code LIMIT ${NEEDS}`);
  const needIds: string[] = [];
  for (let i = 0; i < NEEDS; i++) {
    const [{ id }] = await ds.query(
      `INSERT INTO needs (program_code, package_id, region_code, title, quantity, status, source, source_ref)
       VALUES ('PANGAN', $1, $2, $3, 100000000, 'open', 'bench', $4) RETURNING id`,
      [packageId, regions[i].code, `Bench need ${i + 1}`, `bench-${i + 1}`],
    );
    needIds.push(id);
  }
  // One approved commitment per client, as many donors claim at once (one shared commitment item would make the
  // item, not the needs, the single hot row).
  const commitments: { id: string }[] = await ds.query(
    `INSERT INTO commitments (number, collaborator_id, program_code, delivery_mode, planned_from, planned_to, status)
     SELECT 'KOM/PANGAN/2026/B' || g, $1, 'PANGAN', 'direct', '2026-01-01', '2026-12-31', 'approved'
       FROM generate_series(1, ${CLIENTS}) g RETURNING id`,
    [collaboratorId],
  );
  await ds.query(
    `INSERT INTO commitment_items (commitment_id, package_id, quantity, unit_value)
     SELECT id, $1, 1000000000, 200000 FROM unnest($2::uuid[]) AS c(id)`,
    [packageId, commitments.map((c) => c.id)],
  );

  const api = await startApi(databaseUrl);
  const login = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'donor@demo.ksbb.id', password: process.env.DEMO_PASSWORD ?? 'Kolaborasi2020!' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const requests = commitments.flatMap((c, i) =>
    needIds.map((_, j) => ({
      method: 'POST' as const,
      path: '/api/v1/allocations',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ commitmentId: c.id, needId: needIds[(i + j) % NEEDS], quantity: 1 }),
    })),
  );

  let non2xx = 0;
  const database = databaseOf(databaseUrl);
  const script = '/tmp/ksbb-claim.pgbench';
  writeFileSync(
    script,
    `\\set n random(1, ${NEEDS})\nUPDATE needs SET allocated_quantity = allocated_quantity + 1, status = CASE WHEN allocated_quantity + 1 = quantity THEN 'fully_allocated' ELSE status END WHERE source_ref = 'bench-' || :n AND status = 'open' AND quantity - allocated_quantity >= 1;\n`,
  );
  // The product's own statement without the API: pgbench calling ksbb_claim as the API does for this donor (its
  // commitment and need drawn at random, looked up by number and source_ref): splits the API's share of the gap from
  // the database's.
  const fnScript = '/tmp/ksbb-claim-fn.pgbench';
  writeFileSync(
    fnScript,
    `\\set c random(1, ${CLIENTS})\n\\set n random(1, ${NEEDS})\n` +
      `SELECT outcome FROM ksbb_claim((SELECT id FROM commitments WHERE number = 'KOM/PANGAN/2026/B' || :c), ` +
      `(SELECT id FROM needs WHERE program_code = 'PANGAN' AND source_ref = 'bench-' || :n), 1, false, '${collaboratorId}', NULL, false, ` +
      `'${collaboratorId}', false, '${userId}', '{"actorId": "${userId}", "actorKind": "user", "actorRole": "${role}", "ip": "127.0.0.1", "requestId": "pgbench"}'::jsonb);\n`,
  );
  // pgbench runs at least 5 s: 64 connections take a while to open on a loaded machine
  const pgSeconds = Math.max(seconds, 5);
  let runs_: Interleaved;
  let fnRuns: Interleaved;
  const pgbenchSide = (file: string) => async (): Promise<Measured> => {
    const { result, cpu } = await measureCpu(null, database, () =>
      pgbench(databaseUrl, ['-n', '-c', String(CLIENTS), '-j', '2', '-T', String(pgSeconds), '-f', file]),
    );
    return { rate: result, count: result * pgSeconds, cpu };
  };
  try {
    // Each claim picks its commitment and need at random, as the pgbench script picks its need; product, baseline,
    // product, baseline, … with the same 64 clients and the load generator on core 1 on both sides.
    const product = async (): Promise<Measured> => {
      const { result, cpu } = await measureCpu(api.pid, database, () => cannon(api.url, requests, CLIENTS, seconds, { random: true }));
      non2xx += result.non2xx;
      return { rate: result.requestsPerSec, count: result.total, cpu };
    };
    // Three-way interleaving: product, pgbench UPDATE, pgbench ksbb_claim, product, … (one warm-up of each first).
    await product();
    await pgbenchSide(script)();
    await pgbenchSide(fnScript)();
    runs_ = { product: [], baseline: [] };
    fnRuns = { product: runs_.product, baseline: [] };
    for (let i = 0; i < runs; i++) {
      runs_.product.push(await product());
      runs_.baseline.push(await pgbenchSide(script)());
      fnRuns.baseline.push(await pgbenchSide(fnScript)());
    }
  } finally {
    await api.stop();
  }

  const [check] = await ds.query(
    `SELECT count(*) FILTER (WHERE n.allocated_quantity > n.quantity)::int AS over,
            count(*) FILTER (WHERE n.allocated_quantity < a.claimed)::int AS lost
       FROM needs n
       JOIN (SELECT need_id, sum(quantity)::bigint AS claimed FROM allocations WHERE status = 'reserved' GROUP BY need_id) a ON a.need_id = n.id`,
  );
  // the items are moved by claims only (the pgbench UPDATE touches needs): each must hold exactly its claims
  const [item] = await ds.query(
    `SELECT bool_and(i.allocated_quantity <= i.quantity AND i.allocated_quantity = coalesce(a.claimed, 0)) AS ok
       FROM commitment_items i
       LEFT JOIN (SELECT commitment_item_id, sum(quantity)::bigint AS claimed FROM allocations WHERE status = 'reserved' GROUP BY 1) a
         ON a.commitment_item_id = i.id`,
  );
  await ds.destroy();
  // Nothing over-allocated in any run: no need above its quantity, no need short of its reserved claims, no
  // commitment item above its quantity.
  const overAllocated = check.over > 0 || check.lost > 0 || item.ok !== true;
  return [
    interleavedRow({
      name: `claims: POST /allocations, ${CLIENTS} clients, ${NEEDS} hot needs`,
      runs: runs_,
      unit: 'claims/s',
      baselineUnit: 'tps',
      baselineLabel: 'pgbench, same conditional UPDATE, same clients and pinning',
      target: 0.5,
      api,
      extraOk: !overAllocated && non2xx === 0,
      note: `over-allocated needs: ${check.over}; needs short of their claims: ${check.lost}; commitment items within their quantity and equal to their claims: ${item.ok}; non-2xx: ${non2xx}`,
    }),
    {
      ...interleavedRow({
        name: `claims: POST /allocations vs pgbench calling ksbb_claim itself (information: the API's share)`,
        runs: fnRuns,
        unit: 'claims/s',
        baselineUnit: 'tps',
        baselineLabel: 'pgbench, SELECT … FROM ksbb_claim(…), same clients and pinning',
        target: 0.5,
        api,
        note: 'the same product runs as the row above, interleaved three ways',
      }),
      target: 'information',
      met: true,
    },
  ];
}
