import { mkdirSync, rmSync } from 'node:fs';
import { hashPassword } from '@ksbb/core';
import { commitmentBody, needBody, SIGNATURE } from '@ksbb/testing/api';
import { startSmtpPeer } from '@ksbb/testing/notifications';
import { freePort } from '../bench/support';
import { query, Verdicts } from './checks';
import { PgCluster, RedisServer, WORK_DIR } from './infra';
import { Actors, Ledger, Load } from './load';
import { ApiProcess, Stack, startWorker } from './processes';
import { apiKilled, Env, Figures, postgresRestarted, redisDown, workerKilled } from './scenarios';

/**
 * `npm run test:chaos`: fault scenarios against the real API and worker processes on a PostgreSQL cluster and a Redis
 * of the run's own (never the shared ones), each ending in invariant checks in SQL. Exit code 1 on any failure.
 * CHAOS_FULL=1 runs longer load phases, three API kills, a 60 s Redis outage and a 10 s PostgreSQL outage.
 */
const FULL = process.env.CHAOS_FULL === '1';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Kolaborasi2020!';
const CROWD = FULL ? 1000 : 300;

async function post(
  url: string,
  path: string,
  token: string | null,
  body: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`setup ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const login = async (url: string, email: string): Promise<string> =>
  String((await post(url, '/auth/login', null, { email, password: PASSWORD })).accessToken);

/** The people and things the load works with, made through the API as users would (accounts come from the seed). */
async function prepare(url: string, databaseUrl: string): Promise<{ actors: Actors; crowd: Env['crowd'] }> {
  const operatorToken = await login(url, 'operator@demo.ksbb.id');
  const donorToken = await login(url, 'donor@demo.ksbb.id');
  const [{ id: donorCollaborator }] = await query<{ id: string }>(
    databaseUrl,
    `SELECT collaborator_id AS id FROM users WHERE email = 'donor@demo.ksbb.id'`,
  );
  const commitment = await post(
    url,
    '/commitments',
    donorToken,
    commitmentBody(donorCollaborator, {
      items: [{ packageCode: 'SEMBAKO', quantity: 1_000_000, unitValue: 250_000 }],
    }),
  );
  await post(url, `/commitments/${commitment.id}/sign`, donorToken, SIGNATURE);
  await post(url, `/commitments/${commitment.id}/approve`, operatorToken, {});
  const needPool: string[] = [];
  for (let i = 0; i < 8; i++) {
    const need = await post(
      url,
      '/needs',
      operatorToken,
      needBody({ quantity: 100_000, sourceRef: `CHAOS-POOL-${i}` }),
    );
    await post(url, `/needs/${need.id}/publish`, operatorToken, {});
    needPool.push(String(need.id));
  }
  const [{ code: deliveryRegion }] = await query<{ code: string }>(
    databaseUrl,
    `SELECT code FROM regions WHERE level = 'rw' ORDER BY code LIMIT 1`,
  );

  // A verified organisation with many members, so that one approval is a batch of emails (scenario 3).
  const [{ id: crowdId }] = await query<{ id: string }>(
    databaseUrl,
    `INSERT INTO collaborators (type, name, email, phone, status, verified_at)
     VALUES ('civil_society', 'Forum Relawan Chaos', 'forum@example.org', '+62215550000', 'verified', now()) RETURNING id`,
  );
  await query(
    databaseUrl,
    `INSERT INTO users (email, password_hash, name, role, collaborator_id, language)
     SELECT 'relawan-' || g || '@example.org', $1, 'Relawan ' || g, 'collaborator', $2, CASE WHEN g % 2 = 0 THEN 'en' ELSE 'id' END
       FROM generate_series(1, $3::int) g`,
    [await hashPassword(PASSWORD), crowdId, CROWD],
  );
  const crowdToken = await login(url, 'relawan-1@example.org');
  return {
    actors: { url, operatorToken, donorToken, commitmentId: String(commitment.id), needPool, deliveryRegion },
    crowd: { collaboratorId: crowdId, token: crowdToken, members: CROWD },
  };
}

function summary(rows: Figures[], verdicts: Verdicts, seconds: number): void {
  const lines = [
    '| scenario | fault | figures | checks |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => {
      const checks = verdicts.all.filter((c) => r.scenario.startsWith(scenarioNumber(c.scenario)));
      const failed = checks.filter((c) => !c.ok).length;
      return `| ${r.scenario} | ${r.fault} | ${r.figures} | ${failed ? `FAIL ${failed}/${checks.length}` : `PASS ${checks.length}`} |`;
    }),
  ];
  process.stdout.write(
    `\n${lines.join('\n')}\n\n${verdicts.all.length - verdicts.failed.length}/${verdicts.all.length} checks passed in ${seconds.toFixed(0)} s${FULL ? ' (CHAOS_FULL)' : ''}\n`,
  );
  for (const f of verdicts.failed) process.stdout.write(`FAIL [${f.scenario}] ${f.name}: ${f.detail}\n`);
}

const scenarioNumber = (s: string): string =>
  ({ 'api-sigkill': '1', 'redis-outage': '2', 'worker-sigkill': '3', 'postgres-restart': '4' })[s] ?? '?';

async function main(): Promise<number> {
  const started = Date.now();
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const cluster = new PgCluster(Number(process.env.CHAOS_PG_PORT ?? 5434));
  const redis = new RedisServer(Number(process.env.CHAOS_REDIS_PORT ?? 6391));
  const smtp = await startSmtpPeer({ delayMs: 5 });
  const cleanups: (() => Promise<unknown>)[] = [() => smtp.close()];
  const verdicts = new Verdicts();
  const rows: Figures[] = [];
  try {
    await cluster.ensureRunning();
    cleanups.push(() => cluster.stop());
    const databaseUrl = await cluster.freshDatabase('ksbb_chaos', PASSWORD);
    await redis.start();
    cleanups.push(() => redis.kill());
    const stack: Stack = {
      databaseUrl,
      redisUrl: redis.url,
      smtpUrl: smtp.url,
      prefix: 'chaos',
      apiPort: await freePort(),
    };
    const api = new ApiProcess(stack);
    cleanups.push(() => api.kill('SIGTERM'));
    const [apiMs, worker] = await Promise.all([api.start(), startWorker(stack)]);
    process.stdout.write(
      `chaos stack: PostgreSQL ${cluster.version}/chaos on ${cluster.port}, Redis on ${redis.port}, API on ${stack.apiPort} (ready in ${(apiMs / 1000).toFixed(1)} s), worker pid ${worker.child.pid}\n`,
    );
    const { actors, crowd } = await prepare(api.url, databaseUrl);
    const ledger = new Ledger();
    const env: Env = {
      full: FULL,
      stack,
      cluster,
      redis,
      smtp,
      api,
      worker,
      ledger,
      crowd,
      operatorToken: actors.operatorToken,
      verdicts,
      newLoad: () => new Load(actors, ledger),
    };
    cleanups.push(() => env.worker.kill('SIGTERM'));
    const scenarios: [string, (env: Env) => Promise<Figures>][] = [
      ['api-sigkill', apiKilled],
      ['redis-outage', redisDown],
      ['worker-sigkill', workerKilled],
      ['postgres-restart', postgresRestarted],
    ];
    const only = process.env.CHAOS_ONLY?.split(',');
    for (const [name, scenario] of scenarios) {
      if (only && !only.includes(scenarioNumber(name))) continue;
      try {
        rows.push(await scenario(env));
      } catch (e) {
        verdicts.add(name, 'scenario ran to its end', false, e instanceof Error ? e.message : String(e));
        rows.push({ scenario: `${scenarioNumber(name)} ${name}`, fault: '-', figures: 'did not finish' });
      }
    }
  } catch (e) {
    verdicts.add(
      'setup',
      'the chaos stack started',
      false,
      e instanceof Error ? (e.stack ?? e.message) : String(e),
    );
  } finally {
    // Children first, then the servers they use. The cluster is kept (stopped) for the next run; see the README.
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
  summary(rows, verdicts, (Date.now() - started) / 1000);
  return verdicts.failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  },
);
