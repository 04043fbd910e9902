import { commitmentBody, SIGNATURE } from '@ksbb/testing/api';
import type { SmtpPeer } from '@ksbb/testing/notifications';
import type { WorkerProcess } from '@ksbb/testing/processes';
import { checkAcknowledged, checkInvariants, drainState, query, tallyEmails, Verdicts } from './checks';
import { PgCluster, RedisServer, sleep, waitUntil } from './infra';
import { Ledger, Load } from './load';
import { ApiProcess, Stack, startWorker, workerAlive } from './processes';

export interface Env {
  full: boolean;
  stack: Stack;
  cluster: PgCluster;
  redis: RedisServer;
  smtp: SmtpPeer;
  api: ApiProcess;
  worker: WorkerProcess;
  newLoad: () => Load;
  ledger: Ledger;
  /** A collaborator with many members and one member's token: one approval fans out to a batch of emails. */
  crowd: { collaboratorId: string; token: string; members: number };
  operatorToken: string;
  verdicts: Verdicts;
}

/** One line of the summary table. */
export interface Figures {
  scenario: string;
  fault: string;
  figures: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const ids = (ledger: Ledger): { allocations: Set<string>; handovers: Set<string> } => ({
  allocations: new Set(ledger.allocations.keys()),
  handovers: new Set(ledger.handovers.keys()),
});

/**
 * Waits until every outbox event is dispatched and every email delivery sent (or dead); returns the time taken.
 * It waits as long as the backlog keeps shrinking: it gives up when nothing moved for `stallMs` (a stuck pipeline),
 * or after `capMs` in all. A fixed deadline failed on slower machines, where the writes acknowledged during an
 * outage (and so the backlog) grow faster than the drain rate, although nothing was stuck.
 */
async function drain(
  env: Env,
  stallMs: number,
  capMs = 300_000,
): Promise<{ ms: number; ok: boolean; state: string }> {
  const started = Date.now();
  let last = '';
  let least = Number.POSITIVE_INFINITY;
  let movedAt = started;
  for (;;) {
    const s = await drainState(env.stack.databaseUrl);
    last = JSON.stringify(s);
    const left = s.unpublished + s.open;
    if (left === 0) {
      // Let the last SMTP transactions reach the peer's list.
      await sleep(500);
      return { ms: Date.now() - started, ok: true, state: last };
    }
    if (left < least) {
      least = left;
      movedAt = Date.now();
    }
    if (Date.now() - movedAt > stallMs || Date.now() - started > capMs) {
      await explainStall(env);
      return {
        ms: Date.now() - started,
        ok: false,
        state: `${last}; nothing moved for ${((Date.now() - movedAt) / 1000).toFixed(0)} s`,
      };
    }
    await sleep(250);
  }
}

/** What a failing drain waits on: open transactions of the apps, and the worker's last warnings. */
async function explainStall(env: Env): Promise<void> {
  const sessions = await query<Record<string, unknown>>(
    env.stack.databaseUrl,
    `SELECT pid, state, wait_event_type, wait_event, now() - xact_start AS xact_age, left(query, 120) AS query
       FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
  ).catch(() => []);
  process.stdout.write(`    sessions not idle: ${JSON.stringify(sessions)}\n`);
  for (const line of env.worker.warnings().slice(-8))
    process.stdout.write(`    worker: ${line.slice(0, 400)}\n`);
}

/** 1. The API SIGKILLed under write load, then started again. */
export async function apiKilled(env: Env): Promise<Figures> {
  const name = 'api-sigkill';
  const v = env.verdicts;
  const kills = env.full ? 3 : 1;
  const load = env.newLoad();
  const before = env.ledger.writes;
  const restarts: number[] = [];
  let unanswered = 0;
  load.start();
  for (let k = 0; k < kills; k++) {
    await sleep(env.full ? 8000 : 4000);
    const killedAt = Date.now();
    await env.api.kill('SIGKILL');
    await sleep(1000);
    restarts.push(await env.api.start());
    // In flight when the process died: sent before the kill, never answered. Their fate is unknown to the client.
    unanswered += load.outcomes.filter(
      (o) => o.write && o.status === 0 && o.sent < killedAt && o.at >= killedAt,
    ).length;
  }
  const restartedAt = Date.now();
  await sleep(env.full ? 8000 : 4000);
  await load.stop();
  const after = load
    .between(restartedAt, Date.now())
    .filter((o) => o.write && o.status >= 200 && o.status < 300).length;
  const fiveHundreds = load.outcomes.filter((o) => o.status >= 500).length;
  const acked = env.ledger.writes - before;
  process.stdout.write(
    `\n[1] API SIGKILL ×${kills}: ${acked} writes acknowledged, ${unanswered} writes in flight (unanswered) at the kill(s)\n`,
  );
  v.add(
    name,
    'writes acknowledged before and after the kill',
    acked > 0 && after > 0,
    `${acked} acknowledged, ${after} after the last restart`,
  );
  v.add(name, 'no 5xx answered', fiveHundreds === 0, `${fiveHundreds} answers ≥ 500`);
  await checkAcknowledged(env.stack.databaseUrl, env.ledger, v, name);
  await checkInvariants(env.stack.databaseUrl, v, name);
  return {
    scenario: '1 API SIGKILL under writes',
    fault: `SIGKILL ×${kills}, restart ${restarts.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
    figures: `${acked} writes acked, all present; ${unanswered} writes in flight at the kill (either outcome allowed, never half); ${fiveHundreds} 5xx`,
  };
}

/** 2. Redis frozen, then gone and back empty, under write load: writes keep succeeding, every email arrives once. */
export async function redisDown(env: Env): Promise<Figures> {
  const name = 'redis-outage';
  const v = env.verdicts;
  const outageMs = env.full ? 60_000 : 30_000;
  const start = ids(env.ledger);
  const load = env.newLoad();
  load.start();
  await sleep(3000);
  const down = Date.now();
  // First half frozen (commands hang: timeouts are what save the API), second half dead (refused; the data is lost).
  env.redis.pause();
  await sleep(outageMs / 2);
  await env.redis.kill();
  await sleep(outageMs / 2);
  await env.redis.start();
  const back = Date.now();
  await sleep(3000);
  await load.stop();
  const during = load.between(down, back).filter((o) => o.write);
  const ok = during.filter((o) => o.status >= 200 && o.status < 300).length;
  const failed = during.filter((o) => o.status === 0 || o.status >= 500).length;
  const secs = (back - down) / 1000;
  process.stdout.write(
    `\n[2] Redis down ${secs.toFixed(0)} s: ${ok} writes acknowledged during the outage, ${failed} failed\n`,
  );
  v.add(
    name,
    'writes keep succeeding while Redis is down',
    ok > 0 && failed === 0,
    `${ok} writes 2xx in ${secs.toFixed(0)} s (${(ok / secs).toFixed(1)}/s), ${failed} failed or 5xx`,
  );
  v.add(name, 'the worker survived the outage', workerAlive(env.worker), `pid ${env.worker.child.pid}`);
  const drained = await drain(env, 90_000);
  v.add(
    name,
    'every outbox event dispatched and every email sent after Redis is back',
    drained.ok,
    `${(drained.ms / 1000).toFixed(1)} s; ${drained.state}`,
  );
  const tally = await tallyEmails(env.stack.databaseUrl, env.smtp, {
    allocations: [...env.ledger.allocations.keys()].filter((id) => !start.allocations.has(id)),
    handovers: [...env.ledger.handovers.keys()].filter((id) => !start.handovers.has(id)),
  });
  v.add(
    name,
    'every email the acknowledged writes promise arrived',
    tally.missing === 0 && tally.expected > 0,
    `${tally.expected} expected, ${tally.missing} missing`,
  );
  v.add(
    name,
    'no email arrived twice',
    tally.duplicateMessages === 0,
    `${tally.duplicateMessages} duplicate messages`,
  );
  await checkAcknowledged(env.stack.databaseUrl, env.ledger, v, name);
  await checkInvariants(env.stack.databaseUrl, v, name);
  return {
    scenario: '2 Redis down under writes',
    fault: `${outageMs / 2000} s frozen (SIGSTOP) + ${outageMs / 2000} s gone (SIGKILL), back empty`,
    figures: `${ok} writes acked during outage, ${failed} failed; ${tally.expected} emails expected, ${tally.expected - tally.missing} delivered, ${tally.duplicateMessages} twice; drained ${(drained.ms / 1000).toFixed(1)} s after`,
  };
}

/** 3. The worker SIGKILLed in the middle of a batch of emails, then started again. */
export async function workerKilled(env: Env): Promise<Figures> {
  const name = 'worker-sigkill';
  const v = env.verdicts;
  const url = env.api.url;
  const post = async (path: string, token: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const created = await post('/commitments', env.crowd.token, commitmentBody(env.crowd.collaboratorId));
  await post(`/commitments/${created.id}/sign`, env.crowd.token, SIGNATURE);
  await drain(env, 30_000);
  const from = env.smtp.received.length;
  const batchOf = (): number =>
    env.smtp.received.slice(from).filter((m) => m.event === 'commitment.approved').length;
  // One approval: the event fans out to every member of the collaborator.
  await post(`/commitments/${created.id}/approve`, env.operatorToken, {});
  // generous: after the Redis outage of scenario 2 a slower machine may still be sending at a few emails a second
  await waitUntil(
    'a quarter of the batch to arrive',
    async () => batchOf() >= env.crowd.members / 4,
    120_000,
    5,
  );
  await env.worker.kill('SIGKILL');
  const atKill = batchOf();
  const [rows] = await query<{ sending: number; sent: number }>(
    env.stack.databaseUrl,
    `SELECT count(*) FILTER (WHERE d.status = 'sending')::int AS sending, count(*) FILTER (WHERE d.status = 'sent')::int AS sent
       FROM notification_deliveries d JOIN outbox_events e ON e.event_id = d.event_id
      WHERE e.aggregate_id = $1 AND e.type = 'commitment.approved'`,
    [created.id],
  );
  process.stdout.write(
    `\n[3] worker SIGKILL after ${atKill} of ${env.crowd.members} emails (rows then: ${rows.sent} sent, ${rows.sending} sending)\n`,
  );
  env.worker = await startWorker(env.stack);
  const drained = await drain(env, 60_000);
  const deliveries = await query<{ id: string }>(
    env.stack.databaseUrl,
    `SELECT d.id FROM notification_deliveries d JOIN outbox_events e ON e.event_id = d.event_id
      WHERE e.aggregate_id = $1 AND e.type = 'commitment.approved' AND d.channel = 'email'`,
    [created.id],
  );
  const counts = env.smtp.countsByDelivery();
  const missing = deliveries.filter((d) => !counts.get(d.id)).length;
  const duplicates = deliveries.reduce((sum, d) => sum + Math.max(0, (counts.get(d.id) ?? 0) - 1), 0);
  const sameMessageId = deliveries.every((d) => {
    const ms = env.smtp.received.filter((m) => m.deliveryId === d.id);
    return new Set(ms.map((m) => m.messageId)).size <= 1;
  });
  v.add(
    name,
    'the kill landed mid-batch',
    atKill < env.crowd.members,
    `${atKill} of ${env.crowd.members} received at the kill`,
  );
  v.add(
    name,
    'every email of the batch delivered after the restart',
    drained.ok && missing === 0 && deliveries.length === env.crowd.members,
    `${deliveries.length} rows, ${missing} missing; ${drained.state}`,
  );
  // The product's promise (EmailDeliveryService): only a row caught between the SMTP "250" and its "sent" mark can go
  // twice, with the same Message-ID so receivers drop it.
  v.add(
    name,
    'duplicates only from the crash window, with the same Message-ID',
    duplicates <= rows.sending && sameMessageId,
    `${duplicates} duplicate(s), ${rows.sending} row(s) were sending at the kill`,
  );
  await checkInvariants(env.stack.databaseUrl, v, name);
  return {
    scenario: '3 worker SIGKILL mid-batch',
    fault: `SIGKILL after ${atKill}/${env.crowd.members} emails`,
    figures: `${deliveries.length - missing}/${deliveries.length} delivered; ${duplicates} duplicate(s) (≤ ${rows.sending} in flight), same Message-ID; drained ${(drained.ms / 1000).toFixed(1)} s after restart`,
  };
}

/** 4. PostgreSQL stopped (fast) and started again under read and write load. */
export async function postgresRestarted(env: Env): Promise<Figures> {
  const name = 'postgres-restart';
  const v = env.verdicts;
  const downMs = env.full ? 10_000 : 3000;
  const apiPid = env.api.pid;
  const workerPid = env.worker.child.pid;
  const load = env.newLoad();
  load.start();
  await sleep(env.full ? 15_000 : 7000);
  const stopAt = Date.now();
  await env.cluster.stop();
  await sleep(downMs);
  await env.cluster.start();
  await waitUntil('PostgreSQL to accept connections', () => env.cluster.accepts(), 30_000, 50);
  const upAt = Date.now();
  const window = 12;
  await sleep(window * 1000);
  await load.stop();

  const pre = median(load.rates(stopAt - 5000, 5));
  const post = load.rates(upAt, window);
  const reached = post.findIndex((r) => r >= 0.8 * pre);
  const recoveryS = reached < 0 ? Infinity : reached + 1;
  const outage = load.between(stopAt, upAt + 1000);
  const c500 = outage.filter((o) => o.status >= 500 && o.status !== 503).length;
  const c503 = outage.filter((o) => o.status === 503);
  const noAnswer = outage.filter((o) => o.status === 0).length;
  process.stdout.write(
    `\n[4] PostgreSQL down ${((upAt - stopAt) / 1000).toFixed(1)} s: pre-fault ${pre} ok/s; after: ${post.join(' ')} ok/s; ` +
      `during: ${c503.length}×503, ${c500} other 5xx, ${noAnswer} unanswered\n`,
  );
  v.add(
    name,
    'the API process survived (same pid, alive)',
    env.api.alive() && env.api.pid === apiPid,
    `pid ${apiPid}`,
  );
  v.add(
    name,
    'calls during the outage answered 503 problem+json, never 500',
    c500 === 0 && noAnswer === 0 && c503.every((o) => o.problemJson),
    `${c503.length}×503, ${c500} other 5xx, ${noAnswer} unanswered`,
  );
  v.add(
    name,
    'throughput back to ≥ 80 % within 10 s',
    recoveryS <= 10 && pre > 0,
    `pre-fault ${pre}/s; ≥ ${Math.ceil(0.8 * pre)}/s reached in bucket ${recoveryS} s`,
  );
  v.add(
    name,
    'the worker survived (same pid, alive)',
    workerAlive(env.worker) && env.worker.child.pid === workerPid,
    `pid ${workerPid}`,
  );
  const drained = await drain(env, 60_000);
  v.add(
    name,
    'notifications flow again after the restart',
    drained.ok,
    `${(drained.ms / 1000).toFixed(1)} s; ${drained.state}`,
  );
  await checkAcknowledged(env.stack.databaseUrl, env.ledger, v, name);
  await checkInvariants(env.stack.databaseUrl, v, name);
  return {
    scenario: '4 PostgreSQL restart under reads+writes',
    fault: `stop -m fast, ${(downMs / 1000).toFixed(0)} s down, start`,
    figures: `${c503.length}×503, ${c500} other 5xx; ${pre}/s before, ≥ 80 % after ${recoveryS} s; API and worker same pids`,
  };
}
