import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@ksbb/core';
import { cannon, fmt, median, pgbench, pgbenchInit, Row, startApi } from './support';

const CLIENTS = 64;

/** GET /needs/{id} (auth, JSON, contact visibility) next to `pgbench -S` (primary-key SELECT) on the same server. */
export async function benchNeedsGet(databaseUrl: string, seconds: number, runs: number): Promise<Row[]> {
  const ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }), logging: false });
  await ds.initialize();
  const [{ id: packageId }] = await ds.query(`SELECT id FROM packages WHERE program_code = 'PANGAN' AND code = 'SEMBAKO'`);
  const needs: { id: string }[] = await ds.query(
    `INSERT INTO needs (program_code, package_id, region_code, title, quantity, status, source, source_ref, contact_name, contact_phone)
     SELECT 'PANGAN', $1, code, 'Sembako ' || name, 100, 'open', 'bench', 'get-' || code, 'Ketua RT', '+62215550000'
       FROM regions WHERE level = 'rt' ORDER BY code LIMIT 1000 RETURNING id`,
    [packageId],
  );
  await ds.destroy();
  const api = await startApi(databaseUrl);
  const login = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'operator@demo.ksbb.id', password: process.env.DEMO_PASSWORD ?? 'Kolaborasi2020!' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const requests = needs.slice(0, 200).map((n) => ({
    method: 'GET' as const,
    path: `/api/v1/needs/${n.id}`,
    headers: { authorization: `Bearer ${accessToken}` },
  }));
  const apiRates: number[] = [];
  const pgRates: number[] = [];
  let non2xx = 0;
  try {
    await pgbenchInit(databaseUrl, 10);
    for (let i = 0; i < runs; i++) {
      const r = await cannon(api.url, requests, CLIENTS, seconds);
      apiRates.push(r.requestsPerSec);
      non2xx += r.non2xx;
      pgRates.push(await pgbench(databaseUrl, ['-n', '-S', '-c', String(CLIENTS), '-j', '2', '-T', String(seconds)]));
    }
  } finally {
    await api.stop();
  }
  const ratio = median(apiRates) / median(pgRates);
  return [
    {
      name: `GET /needs/{id}, ${CLIENTS} clients`,
      product: `${fmt(median(apiRates))} req/s`,
      baseline: `${fmt(median(pgRates))} tps (pgbench -S)`,
      ratio,
      target: '≥ 20 %',
      met: ratio >= 0.2,
      note: `non-2xx: ${non2xx}`,
    },
  ];
}
