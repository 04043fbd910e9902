import { cannon, CannonRequest, cpuSeconds, fmt, pgBackends } from '../bench/support';
import { query, scalar } from '../chaos/checks';
import { sleep, waitUntil } from '../chaos/infra';

/**
 * `npm run test:cluster -- --measure` (or CLUSTER_MEASURE=1): figures instead of checks, on the same topology.
 * Throughput and CPU per request with two API replicas and with one, through HAProxy and PgBouncer, and with one
 * API addressed directly (what HAProxy adds); then the replica's lag while a needs import runs on the primary.
 * Load comes from autocannon pinned to core 1 (tools/bench/support); CPU is read from /proc for each process.
 */
interface MeasureTarget {
  lbUrl: string;
  apis: { url: string; pid: number | undefined; kill(signal: NodeJS.Signals): Promise<void>; start(): Promise<number> }[];
  workerPids: number[];
  haproxyPid: number | undefined;
  bouncerPid: number | undefined;
  servers(): Promise<Record<string, string>>;
  primaryUrl: string;
  database: string;
  operatorToken: string;
  donor: { token: string; commitmentId: string };
  needs: string[];
}

const SECONDS = Number(process.env.CLUSTER_MEASURE_SECONDS ?? 10);
const CONNECTIONS = 32;
const IMPORT_ROWS = Number(process.env.CLUSTER_MEASURE_IMPORT_ROWS ?? 100_000);

interface Sample {
  label: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
  /** CPU milliseconds per request: the API processes, HAProxy, PgBouncer, PostgreSQL backends, workers */
  cpu: { api: number; haproxy: number; pgbouncer: number; postgres: number; workers: number };
}

async function load(m: MeasureTarget, label: string, base: string, path: string, requests: CannonRequest[]): Promise<Sample> {
  const pids = {
    api: m.apis.map((a) => a.pid).filter((p): p is number => !!p),
    haproxy: m.haproxyPid ? [m.haproxyPid] : [],
    pgbouncer: m.bouncerPid ? [m.bouncerPid] : [],
    workers: m.workerPids,
  };
  const sum = (ps: number[]): number => ps.reduce((s, p) => s + cpuSeconds(p), 0);
  // PostgreSQL backends come and go with PgBouncer's server connections: sample them while the load runs.
  const pgFirst = new Map<number, number>();
  const pgLast = new Map<number, number>();
  const samplePg = (initial: boolean): void => {
    for (const b of pgBackends(m.database)) {
      const t = cpuSeconds(b);
      if (!pgFirst.has(b)) pgFirst.set(b, initial ? t : 0);
      if (t > 0) pgLast.set(b, t);
    }
  };
  const before = { api: sum(pids.api), haproxy: sum(pids.haproxy), pgbouncer: sum(pids.pgbouncer), workers: sum(pids.workers) };
  samplePg(true);
  const timer = setInterval(() => samplePg(false), 200);
  const r = await cannon(base, requests, CONNECTIONS, SECONDS, { random: true }).finally(() => clearInterval(timer));
  samplePg(false);
  let postgres = 0;
  for (const [b, t] of pgLast) postgres += t - (pgFirst.get(b) ?? 0);
  const n = Math.max(1, r.total);
  const per = (s: number): number => (s * 1000) / n;
  return {
    label,
    path,
    rps: r.requestsPerSec,
    p50: r.latencyP50,
    p99: r.latencyP99,
    non2xx: r.non2xx,
    total: r.total,
    cpu: {
      api: per(sum(pids.api) - before.api),
      haproxy: per(sum(pids.haproxy) - before.haproxy),
      pgbouncer: per(sum(pids.pgbouncer) - before.pgbouncer),
      postgres: per(postgres),
      workers: per(sum(pids.workers) - before.workers),
    },
  };
}

export async function measure(m: MeasureTarget, log: (line: string) => void): Promise<string[]> {
  const reads: CannonRequest[] = m.needs.map((id) => ({
    method: 'GET',
    path: `/api/v1/needs/${id}`,
    headers: { authorization: `Bearer ${m.operatorToken}` },
  }));
  const claims: CannonRequest[] = m.needs.map((needId) => ({
    method: 'POST',
    path: '/api/v1/allocations',
    headers: { authorization: `Bearer ${m.donor.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ commitmentId: m.donor.commitmentId, needId, quantity: 1 }),
  }));
  const samples: Sample[] = [];
  const both = async (label: string, base: string): Promise<void> => {
    for (const [path, requests] of [['GET /needs/{id}', reads], ['POST /allocations (claim)', claims]] as const) {
      await load(m, label, base, path, [...requests]); // warm-up, not counted
      const s = await load(m, label, base, path, [...requests]);
      samples.push(s);
      const c = s.cpu;
      log(
        `  ${label}, ${path}: ${fmt(s.rps)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms, ${s.non2xx} non-2xx of ${s.total}; CPU ms/request: API ${fmt(c.api, 2)}, HAProxy ${fmt(c.haproxy, 3)}, PgBouncer ${fmt(c.pgbouncer, 3)}, PostgreSQL ${fmt(c.postgres, 2)}, workers ${fmt(c.workers, 2)}`,
      );
    }
  };
  // First, the replica's lag while the needs import writes to the primary (sent to API 1 directly: it may run longer
  // than HAProxy's 60 s server timeout on a busy machine).
  const regions = (await query<{ code: string }>(m.primaryUrl, `SELECT code FROM regions WHERE level = 'rt' ORDER BY code`)).map((r) => r.code);
  const lines = ['programCode,packageCode,regionCode,title,quantity,sourceRef'];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const code = regions[i % regions.length];
    lines.push(`PANGAN,SEMBAKO,${code},Sembako untuk warga ${code},${(i % 60) + 1},MEASURE-${i}`);
  }
  const csv = `${lines.join('\n')}\n`;
  const lag: { seconds: number; bytes: number }[] = [];
  let importing = true;
  const sampler = (async () => {
    while (importing) {
      const [row] = await query<{ seconds: number | null; bytes: number | null }>(
        m.primaryUrl,
        `SELECT extract(epoch FROM replay_lag)::float8 AS seconds, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float8 AS bytes
           FROM pg_stat_replication LIMIT 1`,
      ).catch(() => [{ seconds: null, bytes: null }]);
      lag.push({ seconds: row?.seconds ?? 0, bytes: row?.bytes ?? 0 });
      await sleep(200);
    }
  })();
  const walBefore = await scalar(m.primaryUrl, `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8`);
  const started = Date.now();
  const res = await fetch(`${m.apis[0].url}/api/v1/needs/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.operatorToken}`, 'content-type': 'text/csv' },
    body: csv,
    signal: AbortSignal.timeout(600_000),
  });
  const answer = (await res.json().catch(() => ({}))) as { inserted?: number; updated?: number };
  const importSeconds = (Date.now() - started) / 1000;
  // Until the replica has replayed everything the import wrote.
  await waitUntil('the replica to catch up', async () => (lag.at(-1)?.bytes ?? 1) === 0, 120_000, 200).catch(() => undefined);
  const caughtUp = (Date.now() - started) / 1000 - importSeconds;
  importing = false;
  await sampler;
  const walMiB = ((await scalar(m.primaryUrl, `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8`)) - walBefore) / 2 ** 20;
  const maxLag = Math.max(0, ...lag.map((l) => l.seconds));
  const maxBytes = Math.max(0, ...lag.map((l) => l.bytes));
  const over = lag.filter((l) => l.seconds > 5).length * 0.2;
  log(
    `  import of ${fmt(IMPORT_ROWS)} rows: ${res.status} (${answer.inserted ?? '?'} inserted, ${answer.updated ?? '?'} updated) in ${importSeconds.toFixed(1)} s (${fmt(IMPORT_ROWS / importSeconds)} rows/s), ${walMiB.toFixed(0)} MiB of WAL; replica replay lag max ${maxLag.toFixed(2)} s, max ${(maxBytes / 2 ** 20).toFixed(1)} MiB behind, ~${over.toFixed(1)} s over the 5 s bound; caught up ${caughtUp.toFixed(1)} s after the import answered`,
  );

  await both('2 APIs via HAProxy + PgBouncer', m.lbUrl);
  // One API: the second is stopped and HAProxy takes it out, so every request goes to the first.
  const [first, second] = m.apis;
  const secondPid = second.pid;
  await second.kill('SIGTERM');
  await waitUntil('HAProxy to take api2 out', async () => (await m.servers()).api2?.startsWith('DOWN'), 20_000, 100);
  const twoApis = m.apis;
  m.apis = [first];
  await both('1 API via HAProxy + PgBouncer', m.lbUrl);
  await both('1 API direct, via PgBouncer', first.url);
  m.apis = twoApis;
  log(`  (api2, pid ${secondPid}, stays stopped: the run ends here)`);

  const table = [
    '| topology | path | req/s | p50 / p99 ms | CPU ms per request: API · HAProxy · PgBouncer · PostgreSQL · workers | total CPU ms/req |',
    '| --- | --- | --- | --- | --- | --- |',
    ...samples.map((s) => {
      const c = s.cpu;
      const total = c.api + c.haproxy + c.pgbouncer + c.postgres + c.workers;
      return `| ${s.label} | ${s.path} | ${fmt(s.rps)} | ${s.p50} / ${s.p99} | ${fmt(c.api, 2)} · ${fmt(c.haproxy, 3)} · ${fmt(c.pgbouncer, 3)} · ${fmt(c.postgres, 2)} · ${fmt(c.workers, 2)} | ${fmt(total, 2)} |`;
    }),
    '',
    `replica lag under a needs import of ${fmt(IMPORT_ROWS)} rows (${importSeconds.toFixed(1)} s, ${fmt(IMPORT_ROWS / importSeconds)} rows/s, ${walMiB.toFixed(0)} MiB WAL): max replay lag ${maxLag.toFixed(2)} s, max ${(maxBytes / 2 ** 20).toFixed(1)} MiB behind, ~${over.toFixed(1)} s above DATABASE_REPLICA_MAX_LAG_SECONDS=5, caught up ${caughtUp.toFixed(1)} s after the import answered`,
  ];
  return table;
}
