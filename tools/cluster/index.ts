
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '@ksbb/core';
import { commitmentBody, needBody, SIGNATURE } from '@ksbb/testing/api';
import { SmtpPeer, startSmtpPeer } from '@ksbb/testing/notifications';
import { startWorkerProcess, WorkerProcess } from '@ksbb/testing/processes';
import { freePort } from '../bench/support';
import { checkAcknowledged, checkInvariants, drainState, query, scalar, tallyEmails, Verdicts } from '../chaos/checks';
import { RedisServer, sleep, waitUntil } from '../chaos/infra';
import { Ledger } from '../chaos/load';
import { ApiProcess, DELIVERY_ENV, Stack } from '../chaos/processes';
import { ensurePackages, HaProxy, PgBouncer, PgServer, TempDir } from './infra';
import { measure } from './measure';

/**
 * `npm run test:cluster`: the deployment shape of docs/SCALING.md on one machine — HAProxy in front of two API
 * processes, two workers, PgBouncer (transaction pooling) between every process and PostgreSQL, a streaming read
 * replica for reports and public reads, Redis — with the hard cases run through the balancer and faults injected,
 * each ending in checks (SQL invariants as in test:chaos). CI=true: the short length; CLUSTER_FULL=1: longer.
 * Everything it starts lives in one temporary directory and is stopped and removed at the end, also on Ctrl-C.
 */
const FULL = process.env.CLUSTER_FULL === '1';
/** `npm run test:cluster -- --measure` or CLUSTER_MEASURE=1: the figures of docs/SCALING.md instead of the checks. */
const MEASURE = process.argv.includes('--measure') || process.env.CLUSTER_MEASURE === '1';
const CI = !FULL && (process.env.CI === 'true' || process.env.CI === '1');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Kolaborasi2020!';
const LEN = FULL
  ? { donors: 32, needs: 48, raceMs: 120_000, killLoadMs: 16_000, crowd: 1000, readsMs: 8_000 }
  : CI
    ? { donors: 12, needs: 12, raceMs: 60_000, killLoadMs: 6_000, crowd: 200, readsMs: 3_000 }
    : { donors: 16, needs: 24, raceMs: 90_000, killLoadMs: 8_000, crowd: 300, readsMs: 4_000 };
const CLIENTS = 64;
const RATE_LIMIT = 600;
const LOGIN_LIMIT = 5;

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers | null;
  sent: number;
  at: number;
  /** status 0 only: the connection failed before the request went out */
  neverSent?: boolean;
  /** status 0 only: the client's error (undici's code and message) */
  error?: string;
}

/** One HTTP call; status 0 when there was no answer. `ip` is sent as X-Forwarded-For (the APIs trust loopback). */
async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown; ip?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const sent = Date.now();
  for (let attempt = 1; ; attempt++) {
    const a = await callOnce(base, method, path, opts, sent);
    // A connection that never got as far as sending the request (the load generator's own connect timeout: on a
    // starved machine this process sees the connection's "connect" only after its timer ran out — HAProxy logs those
    // as <BADREQ> CR--) can be retried safely, as any client would; anything later cannot.
    if (a.status !== 0 || !a.neverSent || attempt === 3) return a;
    connectRetries++;
  }
}

/** Calls retried because their connection failed before the request was sent (reported with the figures). */
let connectRetries = 0;
const NEVER_SENT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ECONNREFUSED']);

async function callOnce(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown; ip?: string; headers?: Record<string, string> },
  sent: number,
): Promise<Answer> {
  try {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers, sent, at: Date.now() };
  } catch (e) {
    const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = String(cause?.code ?? '');
    return { status: 0, body: {}, headers: null, sent, at: Date.now(), neverSent: NEVER_SENT.has(code), error: `${code || (e as Error).name}: ${String(cause?.message ?? (e as Error).message)}` };
  }
}

async function must(a: Promise<Answer>, what: string): Promise<Record<string, unknown>> {
  const r = await a;
  if (r.status < 200 || r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

interface Donor {
  token: string;
  commitmentId: string;
}

interface Topology {
  tmp: TempDir;
  primary: PgServer;
  replica: PgServer;
  bouncer: PgBouncer;
  redis: RedisServer;
  smtp: SmtpPeer;
  apis: ApiProcess[];
  workers: WorkerProcess[];
  lb: HaProxy;
  stack: Stack;
  databaseUrl: string;
  workerEnv: Record<string, string>;
}

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  killOwnChildren();
}

/** Whatever child process is left (one that failed to start and was never handed over, say): killed by its pid. */
function killOwnChildren(): void {
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) process.kill(Number(entry), 'SIGKILL');
    } catch {
      /* gone already */
    }
  }
}

async function startTopology(): Promise<Topology> {
  await ensurePackages();
  const tmp = new TempDir();
  cleanups.push(async () => tmp.remove());
  const sockets = tmp.sub('sockets');
  const [pgPort, replicaPort, bouncerPort, redisPort, lbPort, statsPort, api1, api2] = await Promise.all(
    Array.from({ length: 8 }, () => freePort()),
  );
  const primary = new PgServer('primary', join(tmp.path, 'primary'), pgPort, sockets);
  cleanups.push(() => primary.stop());
  await primary.init();
  await primary.start();
  const databaseUrl = await primary.freshDatabase('ksbb_cluster', PASSWORD);
  const replica = new PgServer('replica', join(tmp.path, 'replica'), replicaPort, sockets);
  cleanups.push(() => replica.stop());
  await replica.baseBackupFrom(primary);
  await replica.start();
  const bouncer = new PgBouncer(bouncerPort, tmp.sub('pgbouncer'), primary, replica, 'ksbb_cluster');
  cleanups.push(() => bouncer.kill('SIGTERM'));
  await bouncer.start();
  const redis = new RedisServer(redisPort);
  cleanups.push(() => redis.kill());
  await redis.start();
  const smtp = await startSmtpPeer({ delayMs: 5 });
  cleanups.push(() => smtp.close());

  const replicaEnv = {
    DATABASE_REPLICA_URL: bouncer.url('ksbb_replica'),
    DATABASE_REPLICA_MAX_LAG_SECONDS: '5',
    DATABASE_REPLICA_CHECK_MS: '500',
    // A replica that went away answers nothing (PgBouncer queues the query): give up after 3 s and read the primary.
    DATABASE_REPLICA_QUERY_TIMEOUT_MS: '3000',
  };
  const stack = (apiPort: number): Stack => ({
    databaseUrl: bouncer.url('ksbb'),
    redisUrl: redis.url,
    smtpUrl: smtp.url,
    prefix: 'cluster',
    apiPort,
  });
  const apiEnv = {
    ...replicaEnv,
    DATABASE_POOL_SIZE: '20',
    TRUST_PROXY: 'loopback',
    // The measurement's load comes from one address.
    RATE_LIMIT_PER_MINUTE: String(MEASURE ? 100_000_000 : RATE_LIMIT),
    LOGIN_LIMIT_PER_ACCOUNT: String(LOGIN_LIMIT),
    LOGIN_LIMIT_PER_IP: '1000',
    LOGIN_SLOWDOWN_MAX_MS: '0',
    STORAGE_DIR: tmp.sub('storage'),
  };
  const apis = [api1, api2].map(
    (port, i) => // A busy shared machine can take minutes to start an API from the TypeScript sources.
    new ApiProcess(stack(port), { log: join(tmp.path, `api${i + 1}.log`), env: apiEnv, startTimeoutMs: 240_000 }),
  );
  for (const api of apis) cleanups.push(() => api.kill('SIGTERM'));
  const workerEnv = {
    REDIS_URL: redis.url,
    SMTP_URL: smtp.url,
    // startWorkerProcess waits for the worker's start-up line (info).
    LOG_LEVEL: 'info',
    ...DELIVERY_ENV,
    // The SMTP peer runs in this process, next to 64 load clients: on a busy machine its answers come late, and an
    // answer the worker gave up waiting for is a message sent again (the peer got it). The production default wait,
    // and a lease longer than a send can take.
    SMTP_TIMEOUT_MS: '20000',
    DELIVERY_LEASE_MS: '30000',
    ...replicaEnv,
  };
  const workers: WorkerProcess[] = [];
  cleanups.push(async () => Promise.all(workers.map((w) => w.kill('SIGTERM'))));
  const startWorker = (): Promise<WorkerProcess> =>
    startWorkerProcess(
      { DATABASE_URL: bouncer.url('ksbb'), REDIS_PREFIX: 'cluster' } as never,
      workerEnv,
      { timeoutMs: 120_000 },
    ).then((w) => (workers.push(w), w));
  // The first API records the NIK key: it starts alone. Then the other (its own start-up, within ApiProcess's 90 s
  // even on a busy shared machine), then the two workers together.
  await apis[0].start();
  await apis[1].start();
  await Promise.all([startWorker(), startWorker()]);
  const lb = new HaProxy(lbPort, tmp.sub('haproxy'), statsPort, [api1, api2]);
  cleanups.push(() => lb.kill('SIGTERM'));
  await lb.start();
  await waitUntil(
    'HAProxy to see both APIs up',
    async () => Object.values(await lb.servers()).filter((s) => s === 'UP').length === 2,
    20_000,
    200,
  );
  return { tmp, primary, replica, bouncer, redis, smtp, apis, workers, lb, stack: stack(api1), databaseUrl, workerEnv };
}

/** Donor organisations with one member each, whose approved commitments the claim race draws on. */
async function prepareDonors(t: Topology, count: number, perDonor: number, operator: string): Promise<Donor[]> {
  const url = t.databaseUrl;
  const [{ type }] = await query<{ type: string }>(
    url,
    `SELECT c.type FROM collaborators c JOIN users u ON u.collaborator_id = c.id WHERE u.email = 'donor@demo.ksbb.id'`,
  );
  const tag = Math.random().toString(36).slice(2, 8);
  const rows = await query<{ id: string; email: string }>(
    url,
    `WITH c AS (
       INSERT INTO collaborators (type, name, email, phone, status, verified_at)
       SELECT $1, 'Donatur Klaster ' || g || ' ' || $2::text, 'donatur-' || $2::text || '-' || g || '@example.org', '+6221555' || lpad(g::text, 4, '0'), 'verified', now()
         FROM generate_series(1, $3::int) g RETURNING id, email)
     INSERT INTO users (email, password_hash, name, role, collaborator_id, language, email_verified_at)
     SELECT c.email, $4, 'Donatur', 'collaborator', c.id, 'id', now() FROM c RETURNING collaborator_id AS id, email`,
    [type, tag, count, await hashPassword(PASSWORD)],
  );
  return Promise.all(
    rows.map(async (r, i) => {
      const ip = `10.1.0.${i + 1}`;
      const token = String((await must(call(t.lb.url, 'POST', '/auth/login', { body: { email: r.email, password: PASSWORD }, ip }), 'login')).accessToken);
      const c = await must(
        call(t.lb.url, 'POST', '/commitments', {
          token,
          ip,
          body: commitmentBody(r.id, { items: [{ packageCode: 'SEMBAKO', quantity: perDonor, unitValue: 250_000 }] }),
        }),
        'commitment',
      );
      await must(call(t.lb.url, 'POST', `/commitments/${c.id}/sign`, { token, ip, body: SIGNATURE }), 'sign');
      await must(call(t.lb.url, 'POST', `/commitments/${c.id}/approve`, { token: operator, ip, body: {} }), 'approve');
      return { token, commitmentId: String(c.id) };
    }),
  );
}

async function publishNeeds(t: Topology, operator: string, count: number, quantity: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const need = await must(
      call(t.lb.url, 'POST', '/needs', { token: operator, ip: '10.9.0.1', body: needBody({ quantity, sourceRef: `CLUSTER-${tag}-${i}` }) }),
      'need',
    );
    await must(call(t.lb.url, 'POST', `/needs/${need.id}/publish`, { token: operator, ip: '10.9.0.1', body: {} }), 'publish');
    ids.push(String(need.id));
  }
  return ids;
}

/** 64 clients claiming random quantities of random needs for random donors through the balancer. */
async function claimLoad(
  t: Topology,
  donors: Donor[],
  needs: string[],
  ledger: Ledger,
  ms: number,
  maxQuantity: number,
  during?: (startedAt: number) => Promise<void>,
  done: () => boolean = () => false,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  const until = Date.now() + ms;
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
  const client = async (n: number): Promise<void> => {
    const ip = `10.2.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    while (Date.now() < until && !done()) {
      const donor = pick(donors);
      const needId = pick(needs);
      const quantity = 1 + Math.floor(Math.random() * maxQuantity);
      const a = await call(t.lb.url, 'POST', '/allocations', {
        token: donor.token,
        ip,
        body: { commitmentId: donor.commitmentId, needId, quantity },
      });
      answers.push(a);
      if (a.status === 201 && typeof a.body.id === 'string') ledger.allocations.set(a.body.id, { needId, quantity });
      if (a.status === 0) await sleep(50);
    }
  };
  const started = Date.now();
  await Promise.all([...Array.from({ length: CLIENTS }, (_, i) => client(i)), during?.(started)]);
  return answers;
}

const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const count = (as: Answer[], f: (a: Answer) => boolean): number => as.filter(f).length;
const statuses = (as: Answer[]): string => {
  const m = new Map<number, number>();
  for (const a of as) m.set(a.status, (m.get(a.status) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
};

async function drained(url: string, timeoutMs: number): Promise<string> {
  let last = '';
  await waitUntil(
    'outbox and email deliveries to drain',
    async () => {
      const s = await drainState(url);
      last = JSON.stringify(s);
      return s.unpublished === 0 && s.open === 0;
    },
    timeoutMs,
    250,
  ).catch(() => undefined);
  await sleep(500);
  return last;
}

async function main(): Promise<number> {
  const started = Date.now();
  const v = new Verdicts();
  const ledger = new Ledger();
  const figures: string[] = [];
  let t: Topology | null = null;
  try {
    t = await startTopology();
    const topo = t;
    process.stdout.write(
      `cluster: HAProxy :${t.lb.port} → API :${t.apis.map((a) => a.url.split(':').pop()).join(', :')}; 2 workers; PgBouncer :${t.bouncer.port} (transaction) → primary :${t.primary.port}, replica :${t.replica.port}; Redis :${t.redis.port}; ${t.tmp.path} (${((Date.now() - started) / 1000).toFixed(0)} s to start)\n`,
    );
    const lb = t.lb.url;
    const operator = String(
      (await must(call(lb, 'POST', '/auth/login', { body: { email: 'operator@demo.ksbb.id', password: PASSWORD }, ip: '10.9.0.1' }), 'login')).accessToken,
    );
    if (MEASURE) {
      process.stdout.write(`\n[measure] 32 connections from autocannon on core 1; load average before: ${loadAverage()}\n`);
      const [donor] = await prepareDonors(t, 1, 1_000_000, operator);
      const needs = await publishNeeds(t, operator, 8, 1_000_000, 'MEASURE');
      const table = await measure(
        {
          lbUrl: lb,
          apis: t.apis,
          workerPids: t.workers.map((w) => w.child.pid).filter((p): p is number => !!p),
          haproxyPid: t.lb.pid,
          bouncerPid: t.bouncer.pid,
          servers: () => topo.lb.servers(),
          primaryUrl: t.databaseUrl,
          database: 'ksbb_cluster',
          operatorToken: operator,
          donor,
          needs,
        },
        (line) => process.stdout.write(`${line}\n`),
      );
      figures.push('', ...table, '', `load average after: ${loadAverage()} (2 cores, shared)`);
      v.add('measure', 'the measurement ran', true, `${t.apis.length} APIs`);
    } else {

      // 1. The claim race: many donors, many small needs, 64 clients, both needs and commitment items run out.
      process.stdout.write(`\n[1] claim race: ${LEN.donors} donors, ${LEN.needs} needs of 20, ${CLIENTS} clients, until all is claimed (at most ${LEN.raceMs / 1000} s)\n`);
      const donors = await prepareDonors(t, LEN.donors, 60, operator);
      const needs = await publishNeeds(t, operator, LEN.needs, 20, 'RACE');
      // Until every unit of the needs is claimed (the commitments hold more), or the time cap on a slow machine.
      const capacity = LEN.needs * 20;
      const claimed = (): number => [...ledger.allocations.values()].reduce((sum, a) => sum + a.quantity, 0);
      const race = await claimLoad(t, donors, needs, ledger, LEN.raceMs, 4, undefined, () => claimed() >= capacity);
      figures.push(`claim race: ${race.length} claims (${statuses(race)}), ${claimed()} of ${capacity} units claimed`);
      v.add('race', 'every claim answered 201 or a 4xx refusal (no 5xx, no connection failure)', race.every((a) => a.status === 201 || (a.status >= 400 && a.status < 500 && a.status !== 429)), statuses(race));
      const [over] = await query<{ needs: number; items: number; exhaustedNeeds: number; exhaustedItems: number }>(
        t.databaseUrl,
        `SELECT (SELECT count(*) FROM needs n WHERE n.id = ANY($1::uuid[]) AND n.allocated_quantity > n.quantity)::int AS needs,
                (SELECT count(*) FROM needs n WHERE n.id = ANY($1::uuid[]) AND n.allocated_quantity = n.quantity)::int AS "exhaustedNeeds",
                (SELECT count(*) FROM commitment_items ci WHERE ci.commitment_id = ANY($2::uuid[]) AND ci.allocated_quantity > ci.quantity)::int AS items,
                (SELECT count(*) FROM commitment_items ci WHERE ci.commitment_id = ANY($2::uuid[]) AND ci.allocated_quantity = ci.quantity)::int AS "exhaustedItems"`,
        [needs, donors.map((d) => d.commitmentId)],
      ).catch(async (e) => {
        throw new Error(`race check: ${e}`);
      });
      v.add('race', 'the race ran things out (contention at the limit)', over.exhaustedNeeds + over.exhaustedItems > 0, `${over.exhaustedNeeds} needs and ${over.exhaustedItems} commitment items fully claimed`);
      v.add('race', 'no need or commitment item over-allocated', over.needs === 0 && over.items === 0, JSON.stringify(over));

      // 2. Notifications with two workers: every email once (the race's claims and one approval to a big organisation).
      process.stdout.write(`\n[2] notifications with two workers (${LEN.crowd} members + the race's claims)\n`);
      const [{ id: crowdId }] = await query<{ id: string }>(
        t.databaseUrl,
        `INSERT INTO collaborators (type, name, email, phone, status, verified_at)
         VALUES ('civil_society', 'Forum Relawan Klaster', 'forum-klaster@example.org', '+62215550001', 'verified', now()) RETURNING id`,
      );
      await query(
        t.databaseUrl,
        `INSERT INTO users (email, password_hash, name, role, collaborator_id, language, email_verified_at)
         SELECT 'klaster-' || g || '@example.org', $1, 'Relawan ' || g, 'collaborator', $2, 'id', now() FROM generate_series(1, $3::int) g`,
        [await hashPassword(PASSWORD), crowdId, LEN.crowd],
      );
      const crowdToken = String((await must(call(lb, 'POST', '/auth/login', { body: { email: 'klaster-1@example.org', password: PASSWORD }, ip: '10.9.0.2' }), 'login')).accessToken);
      const crowdCommitment = await must(call(lb, 'POST', '/commitments', { token: crowdToken, ip: '10.9.0.2', body: commitmentBody(crowdId) }), 'commitment');
      await must(call(lb, 'POST', `/commitments/${crowdCommitment.id}/sign`, { token: crowdToken, ip: '10.9.0.2', body: SIGNATURE }), 'sign');
      await must(call(lb, 'POST', `/commitments/${crowdCommitment.id}/approve`, { token: operator, ip: '10.9.0.1', body: {} }), 'approve');
      const state = await drained(t.databaseUrl, FULL ? 180_000 : 90_000);
      const tally = await tallyEmails(t.databaseUrl, t.smtp, { allocations: [...ledger.allocations.keys()], handovers: [] });
      const approvalRows = await query<{ id: string }>(
        t.databaseUrl,
        `SELECT d.id FROM notification_deliveries d JOIN outbox_events e ON e.event_id = d.event_id
          WHERE e.aggregate_id = $1 AND e.type = 'commitment.approved' AND d.channel = 'email'`,
        [crowdCommitment.id],
      );
      const counts = t.smtp.countsByDelivery();
      const approvalMissing = approvalRows.filter((r) => !counts.get(r.id)).length;
      const approvalDup = approvalRows.reduce((s, r) => s + Math.max(0, (counts.get(r.id) ?? 0) - 1), 0);
      v.add('mail', "every claim's email reached the SMTP peer exactly once", tally.missing === 0 && tally.duplicated === 0, `${tally.expected} expected, ${tally.missing} missing, ${tally.duplicated} duplicated; ${state}`);
      v.add('mail', 'the approval reached every member exactly once', approvalRows.length === LEN.crowd && approvalMissing === 0 && approvalDup === 0, `${approvalRows.length} rows, ${approvalMissing} missing, ${approvalDup} duplicates`);
      v.add('mail', 'both workers stayed up', topo.workers.every((w) => w.child.exitCode === null), topo.workers.map((w) => w.child.pid).join(', '));

      // 3. Rate limits and login throttles are shared: alternate the two APIs directly, as one client address.
      process.stdout.write('\n[3] rate limits and login throttles across replicas\n');
      const [a1, a2] = t.apis.map((a) => a.url);
      // The limit counts fixed minutes (the clock's): the burst must fall in one. It starts with at least 40 s of the
    // minute left; on a machine so busy that it still spans two, it runs once more from the start of the next minute
    // (as another address).
    const lease = Math.max(1, Math.floor(RATE_LIMIT / 100));
    // Each API leases 1 % of the limit at a time from Redis: together they never admit more than the limit, and at
    // most (lease - 1) per API fewer (tokens one API holds while the other is refused).
    const floor = RATE_LIMIT - t.apis.length * (lease - 1);
    let rl: Answer[] = [];
    let oneWindow = false;
    for (let attempt = 0; attempt < 2 && !oneWindow; attempt++) {
      const minuteLeft = 60_000 - (Date.now() % 60_000);
      if (attempt > 0 || minuteLeft < 40_000) await sleep(minuteLeft + 200);
      rl = [];
      for (let i = 0; i < RATE_LIMIT + 20; i += 20)
        rl.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => call((i + j) % 2 ? a2 : a1, 'GET', '/programs', { token: operator, ip: `198.51.100.${7 + attempt * 10}` })))));
      oneWindow = Math.floor(rl[0].sent / 60_000) === Math.floor(Math.max(...rl.map((a) => a.at)) / 60_000);
    }
    const allowed = count(rl, (a) => a.status === 200);
    const limited = count(rl, (a) => a.status === 429);
    v.add('limits', `the request limit (${RATE_LIMIT}/min per address) counts both replicas together (${floor}–${RATE_LIMIT} admitted)`, oneWindow && allowed <= RATE_LIMIT && allowed >= floor && allowed + limited === rl.length, `${allowed} allowed, ${limited} refused of ${rl.length} (${statuses(rl)})${oneWindow ? '' : ', the burst spanned two minutes twice'}`);
    const logins: Answer[] = [];
      for (let i = 0; i < LOGIN_LIMIT + 3; i++)
        logins.push(await call(i % 2 ? a2 : a1, 'POST', '/auth/login', { body: { email: 'operator@demo.ksbb.id', password: 'wrong-password-1' }, ip: '198.51.100.8' }));
      v.add('limits', `the login throttle (${LOGIN_LIMIT} per account and address) counts both replicas together`, logins.slice(0, LOGIN_LIMIT).every((a) => a.status === 401) && logins.slice(LOGIN_LIMIT).every((a) => a.status === 429), logins.map((a) => a.status).join(' '));

      // 4. An idempotent request replayed on the other replica.
      process.stdout.write('\n[4] idempotent replay on the other replica\n');
      const [big] = await prepareDonors(t, 1, 100_000, operator);
      const pool = await publishNeeds(t, operator, 8, 100_000, 'POOL');
      const key = `cluster-${Date.now()}`;
      const body = { commitmentId: big.commitmentId, needId: pool[0], quantity: 3 };
      const first = await call(a1, 'POST', '/allocations', { token: big.token, ip: '10.9.0.3', body, headers: { 'idempotency-key': key } });
      const again = await call(a2, 'POST', '/allocations', { token: big.token, ip: '10.9.0.3', body, headers: { 'idempotency-key': key } });
      const viaLb = await call(lb, 'POST', '/allocations', { token: big.token, ip: '10.9.0.3', body, headers: { 'idempotency-key': key } });
      const made = await scalar(t.databaseUrl, `SELECT count(*) FROM allocations WHERE commitment_id = $1`, [big.commitmentId]);
      v.add(
        'idempotency',
        'the replay on the other replica answers the first answer and claims nothing more',
        first.status === 201 && again.status === 201 && viaLb.status === 201 && again.body.id === first.body.id && viaLb.body.id === first.body.id && again.headers?.get('idempotency-replayed') === 'true' && made === 1,
        `${first.status}/${again.status}/${viaLb.status}, replayed: ${again.headers?.get('idempotency-replayed')}, ${made} allocation(s)`,
      );
      if (first.status === 201) ledger.allocations.set(String(first.body.id), { needId: pool[0], quantity: 3 });

      // 5. SIGKILL one API under claim load: HAProxy drains it; nothing acknowledged is lost; only in-flight calls fail.
      process.stdout.write(`\n[5] SIGKILL API 1 under claim load (${LEN.killLoadMs / 1000} s)\n`);
      let killedAt = 0;
      let goneAt = 0;
      let downAfter = -1;
      const killLoad = await claimLoad(t, [big], pool, ledger, LEN.killLoadMs, 1, async () => {
        await sleep(LEN.killLoadMs / 3);
        killedAt = Date.now();
        await topo.apis[0].kill('SIGKILL');
        // A busy process takes a while to be torn down after SIGKILL (a few hundred ms here): until then its sockets
        // still take connections and requests, which die with it.
        goneAt = Date.now();
        const down = await waitUntil('HAProxy to mark api1 down', async () => (await topo.lb.servers()).api1?.startsWith('DOWN'), 10_000, 50).catch(() => -1);
        downAfter = down < 0 ? -1 : goneAt + down - killedAt;
      });
      const failed = killLoad.filter((a) => a.status !== 201);
      // In flight at the kill: sent before the process was gone and answered (or given up) after the signal — on
      // either API, since the client cannot tell which one HAProxy chose. The killed API's share of these may fail;
      // nothing else may.
      const inFlight = count(killLoad, (a) => a.sent <= goneAt && a.at >= killedAt);
      const drainedAt = killedAt + Math.max(downAfter, 0);
      // Sent after HAProxy took the killed API out: must all succeed, whatever the failure (an answer or none).
      const late = failed.filter((a) => a.sent > drainedAt);
      // A failure is the balancer's answer for a dead server (502, 503) or no answer; a 500 would be the API's fault.
      const notBalancer = failed.filter((a) => a.status !== 0 && a.status !== 502 && a.status !== 503);
      figures.push(`API kill: ${killLoad.length} claims, ${inFlight} in flight at the kill, ${failed.length} failed (${statuses(failed)}), the process gone ${goneAt - killedAt} ms after SIGKILL, HAProxy marked it down after ${downAfter} ms`);
      const afterKill = failed.filter((a) => a.sent > killedAt);
      if (afterKill.length)
        figures.push(
          `API kill, failures sent after SIGKILL (ms from the signal: sent→answered, error): ${afterKill.map((a) => `${a.sent - killedAt}→${a.at - killedAt} ${a.status || a.error}`).join('; ')}`,
        );
      v.add('api-kill', 'the balancer drained the killed API (HAProxy marked it down)', downAfter >= 0, `${downAfter} ms after the kill`);
      v.add(
        'api-kill',
        'clients saw at most the in-flight failures: no more failures than calls in flight at the kill, none sent after the drain, none a 500',
        killedAt > 0 && failed.length <= inFlight && late.length === 0 && notBalancer.length === 0,
        `${failed.length} failed (${statuses(failed)}) of ${inFlight} in flight at the kill; ${failed.filter((a) => a.sent > killedAt).length} of them sent after the signal, ${failed.filter((a) => a.sent > goneAt).length} after the process was gone, ${late.length} after HAProxy marked it down; ${killLoad.length} claims in all`,
      );
      await t.apis[0].start();
      await waitUntil('HAProxy to see api1 up again', async () => (await topo.lb.servers()).api1 === 'UP', 20_000, 200).catch(() => undefined);
      await checkAcknowledged(t.databaseUrl, ledger, v, 'api-kill');

      // 6. The read replica stops: reports and public reads go to the primary; nothing fails.
      process.stdout.write('\n[6] read replica stopped under report, public and claim traffic\n');
      const replicaStats = async (): Promise<number> =>
        scalar(topo.replica.url('ksbb_cluster'), `SELECT xact_commit FROM pg_stat_database WHERE datname = 'ksbb_cluster'`);
      const readPaths = ['/reports/summary', '/reports/coverage?level=city', '/public/stats', '/public/needs?limit=20', '/reports/collaborators'];
      const readBurst = async (ms: number, ip: string): Promise<Answer[]> => {
        const out: Answer[] = [];
        const end = Date.now() + ms;
        await Promise.all(
          Array.from({ length: 8 }, async (_, i) => {
            while (Date.now() < end) {
              const path = readPaths[(out.length + i) % readPaths.length];
              out.push(await call(lb, 'GET', path, { token: path.startsWith('/public') ? undefined : operator, ip: `${ip}.${i + 1}` }));
            }
          }),
        );
        return out;
      };
      const before = await replicaStats();
      const warm = await readBurst(1500, '10.3.0');
      const onReplica = (await replicaStats()) - before;
      v.add('replica', 'reports and public reads are served by the replica while it is fresh', warm.every((a) => a.status === 200) && onReplica >= warm.length / 2, `${warm.length} reads (${statuses(warm)}), ${onReplica} transactions on the replica`);
      let stoppedAt = 0;
      const [reads, writes] = await Promise.all([
        readBurst(LEN.readsMs + 2000, '10.4.0'),
        claimLoad(t, [big], pool, ledger, LEN.readsMs + 2000, 1, async () => {
          await sleep(1000);
          stoppedAt = Date.now();
          await topo.replica.stop();
        }),
      ]);
      v.add('replica', 'with the replica stopped, every report and public read still answered 200 (from the primary)', reads.every((a) => a.status === 200), `${reads.length} reads (${statuses(reads)}), replica stopped ${stoppedAt ? 'at +1 s' : 'never'}`);
      v.add('replica', 'and nothing else failed (claims)', writes.every((a) => a.status === 201), statuses(writes));
      await t.replica.start();
      await waitUntil(
        'the replica to stream again',
        async () => (await scalar(topo.primary.url('ksbb_cluster'), `SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'`)) === 1,
        30_000,
        200,
      );
      await sleep(1500);
      const back = await replicaStats();
      const again2 = await readBurst(1500, '10.5.0');
      const onReplica2 = (await replicaStats()) - back;
      v.add('replica', 'reads go back to the replica once it streams again', again2.every((a) => a.status === 200) && onReplica2 >= again2.length / 2, `${again2.length} reads, ${onReplica2} transactions on the replica`);

      // 7. PgBouncer restarts: the processes recover without a restart of their own.
      process.stdout.write('\n[7] PgBouncer restarted under claim load\n');
      const pids = [...t.apis.map((a) => a.pid), ...t.workers.map((w) => w.child.pid)];
      let restartedAt = 0;
      // Until claims have run for a while from 3 s after the restart, however long it takes on a busy machine.
      const bounced = await claimLoad(
        t,
        [big],
        pool,
        ledger,
        120_000,
        1,
        async () => {
          await sleep(1500);
          await topo.bouncer.kill('SIGTERM');
          await sleep(1000);
          await topo.bouncer.start();
          restartedAt = Date.now();
        },
        () => restartedAt > 0 && Date.now() > restartedAt + 3000 + LEN.killLoadMs / 2,
      );
      const afterRestart = bounced.filter((a) => a.sent > restartedAt + 3000);
      const wrong = bounced.filter((a) => a.status !== 201 && a.status !== 503 && a.status !== 0);
      const unanswered = count(bounced, (a) => a.status === 0);
      v.add('pgbouncer', `during the restart calls failed only with 503 (never 500), at most the ${CLIENTS} in flight without an answer`, wrong.length === 0 && unanswered <= CLIENTS, statuses(bounced));
      v.add('pgbouncer', 'from 3 s after the restart every claim succeeds', afterRestart.length > 0 && afterRestart.every((a) => a.status === 201), `${afterRestart.length} claims after (${statuses(afterRestart)})`);
      v.add('pgbouncer', 'APIs and workers kept their processes', [...t.apis.map((a) => a.pid), ...t.workers.map((w) => w.child.pid)].every((p, i) => p === pids[i]) && t.workers.every((w) => w.child.exitCode === null), pids.join(', '));
      const finalState = await drained(t.databaseUrl, 90_000);
      const tally2 = await tallyEmails(t.databaseUrl, t.smtp, { allocations: [...ledger.allocations.keys()], handovers: [] });
      // Every email exactly once at the SMTP peer, through the restart too: a send whose "sent" mark met the dropped
      // connection is marked again once PgBouncer is back (EmailDeliveryService), not sent again after its lease.
      const repeated = [...t.smtp.countsByDelivery().values()].filter((n) => n > 1).length;
      v.add(
        'pgbouncer',
        'every acknowledged claim of the run has its email, and no email reached the SMTP peer twice',
        tally2.missing === 0 && tally2.duplicated === 0 && repeated === 0,
        `${tally2.expected} expected, ${tally2.missing} missing, ${tally2.duplicated} duplicated; ${repeated} of ${t.smtp.countsByDelivery().size} deliveries at the peer more than once; ${finalState}`,
      );

      // The invariants of test:chaos over everything the run did.
      process.stdout.write('\n[end] invariants\n');
      await checkAcknowledged(t.databaseUrl, ledger, v, 'end');
      await checkInvariants(t.databaseUrl, v, 'end');
    }
  } catch (e) {
    v.add('setup', 'the cluster run finished', false, e instanceof Error ? (e.stack ?? e.message) : String(e));
    if (t) process.stdout.write(`logs: ${t.tmp.path} (removed at exit; set CLUSTER_KEEP=1 to keep it)\n`);
  } finally {
    // The workers log to pipes: their warnings go next to the APIs' logs (kept with CLUSTER_KEEP=1).
    for (const [i, w] of (t?.workers ?? []).entries())
      writeFileSync(join(t?.tmp.path ?? '', `worker${i + 1}.warnings.log`), `${w.warnings().join('\n')}\n`);
    if (process.env.CLUSTER_KEEP === '1' && t) {
      const keep = t.tmp;
      const i = cleanups.findIndex((c) => c.toString().includes('tmp.remove'));
      if (i >= 0) cleanups.splice(i, 1);
      process.stdout.write(`kept ${keep.path}\n`);
    }
    await cleanUp();
  }
  for (const f of figures) process.stdout.write(`${f}\n`);
  if (connectRetries) process.stdout.write(`${connectRetries} calls retried after a connect timeout of the load generator (request never sent)\n`);
  const failed = v.failed.length;
  process.stdout.write(`\n${v.all.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s${FULL ? ', CLUSTER_FULL' : CI ? ', CI length' : ''})\n`);
  for (const f of v.failed) process.stdout.write(`FAIL [${f.scenario}] ${f.name}: ${f.detail}\n`);
  return failed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    process.stdout.write(`\n${signal}: stopping the cluster\n`);
    void cleanUp().finally(() => process.exit(130));
  });


main().then(
  (code) => process.exit(code),
  async (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    await cleanUp();
    process.exit(1);
  },
);
