import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@ksbb/core';
import {
  cannon,
  CannonRequest,
  databaseOf,
  interleave,
  interleavedRow,
  measureCpu,
  Measured,
  pgbench,
  pgbenchInit,
  ROOT,
  Row,
  startApi,
  startBare,
} from './support';

const CLIENTS = 64;

/**
 * GET /needs/{id} (session check, JWT, contact visibility in SQL, JSON, the whole request path) interleaved with two
 * baselines on the same server, the same client count and the same pinning (server on core 0, load on core 1):
 * `pgbench -S` (a primary-key SELECT) and a bare node:http + pg server sending the same statement.
 */
export async function benchNeedsGet(databaseUrl: string, seconds: number, runs: number): Promise<Row[]> {
  const database = databaseOf(databaseUrl);
  const ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }), logging: false });
  await ds.initialize();
  const [{ id: packageId }] = await ds.query(`SELECT id FROM packages WHERE program_code = 'PANGAN' AND code = 'SEMBAKO'`);
  const needs: { id: string }[] = await ds.query(
    `INSERT INTO needs (program_code, package_id, region_code, title, quantity, status, source, source_ref, contact_name, contact_phone)
     SELECT 'PANGAN', $1, code, 'Sembako ' || name, 100, 'open', 'bench', 'get-' || code, 'Ketua RT', '+62215550000'
       FROM regions WHERE level = 'rt' ORDER BY code LIMIT 1000 RETURNING id`,
    [packageId],
  );
  const [operator] = await ds.query(`SELECT id, role FROM users WHERE email = 'operator@demo.ksbb.id'`);
  await ds.destroy();
  const api = await startApi(databaseUrl);
  const login = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'operator@demo.ksbb.id', password: process.env.DEMO_PASSWORD ?? 'Kolaborasi2020!' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const paths = needs.slice(0, 200).map((n) => `/api/v1/needs/${n.id}`);
  const requests = paths.map((path) => ({ method: 'GET' as const, path, headers: { authorization: `Bearer ${accessToken}` } }));
  const bare = await startBare(['-r', join(ROOT, 'tools/ts-register.js'), join(ROOT, 'tools/bench/bare-needs-server.ts')], {
    BARE_DATABASE_URL: databaseUrl,
    BARE_PRINCIPAL: JSON.stringify({ kind: 'user', id: operator.id, role: operator.role, collaboratorId: null, aggregatorId: null }),
  });
  let non2xx = 0;
  const viaHttp = async (url: string, pid: number, req: CannonRequest[], count2xx: boolean): Promise<Measured> => {
    const { result, cpu } = await measureCpu(pid, database, () => cannon(url, req, CLIENTS, seconds, { random: true }));
    if (count2xx) non2xx += result.non2xx;
    return { rate: result.requestsPerSec, count: result.total, cpu };
  };
  try {
    await pgbenchInit(databaseUrl, 10);
    const pgS = async (): Promise<Measured> => {
      const { result, cpu } = await measureCpu(null, database, () =>
        pgbench(databaseUrl, ['-n', '-S', '-M', 'prepared', '-c', String(CLIENTS), '-j', '2', '-T', String(Math.max(seconds, 5))]),
      );
      return { rate: result, count: result * Math.max(seconds, 5), cpu };
    };
    const product = () => viaHttp(api.url, api.pid, requests, true);
    const vsPg = await interleave(runs, product, pgS);
    const vsBare = await interleave(runs, product, () => viaHttp(bare.url, bare.pid, requests.map(({ path }) => ({ method: 'GET' as const, path })), false), false);
    return [
      interleavedRow({
        name: `GET /needs/{id}, ${CLIENTS} clients`,
        runs: vsPg,
        unit: 'req/s',
        baselineUnit: 'tps',
        baselineLabel: 'pgbench -S -M prepared',
        target: 0.2,
        api,
        note: `non-2xx: ${non2xx}`,
      }),
      interleavedRow({
        name: `GET /needs/{id} vs bare node:http + pg (same statement), ${CLIENTS} clients`,
        runs: vsBare,
        unit: 'req/s',
        baselineLabel: 'node:http + pg',
        target: 0.6,
        api,
      }),
    ];
  } finally {
    await bare.stop();
    await api.stop();
  }
}
