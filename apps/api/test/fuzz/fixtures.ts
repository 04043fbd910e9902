import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '@ksbb/core';
import { DEMO_ACCOUNTS, newUser } from '@ksbb/testing';
import {
  activateAggregator,
  approvedCommitment,
  auth,
  demoAggregatorId,
  demoUserIds,
  donorCollaboratorId,
  draftCommitment,
  existingValues,
  insertNeed,
  poolValues,
  seedWorkerRows,
  submittedCommitment,
  submittedHandover,
  verifyHandover,
} from '@ksbb/testing/api';
import { accessByOperationId } from '../../src/swagger';
import type { TestApi } from '../harness';

/** Who calls, the objects the fuzzer aims at, and the pools of existing ids and codes it picks from. */

export type Caller = 'anonymous' | 'admin' | 'operator' | 'viewer' | 'collaborator' | 'aggregator' | 'kelurahan' | 'apiKey';
const USER_CALLERS = ['admin', 'operator', 'viewer', 'collaborator', 'aggregator', 'kelurahan'] as const;

export interface Access {
  isPublic: boolean;
  /** empty: any authenticated caller */
  roles: Role[];
}

/**
 * Each operation's @Public/@Roles, read from the controllers the app runs, keyed by operationId (the one the OpenAPI
 * export gives them): the fuzzer calls with a role that may call it.
 */
export function accessByOperation(api: TestApi): Map<string, Access> {
  return accessByOperationId(api.app);
}

/** The callers that may call an operation: a public one anonymously, the rest by role (aggregators also by API key). */
export function callersFor(access: Access, acceptsApiKey: boolean): Caller[] {
  if (access.isPublic) return ['anonymous'];
  const roles: readonly string[] = access.roles.length === 0 ? USER_CALLERS : access.roles;
  const callers: Caller[] = USER_CALLERS.filter((r) => roles.includes(r));
  if (roles.includes('aggregator') && acceptsApiKey) callers.push('apiKey');
  return callers;
}

export interface Credentials {
  headers(caller: Caller): Record<string, string>;
  /** checks every credential still works (GET /auth/me) and renews those a destructive call spent; returns how many */
  renew(): Promise<number>;
}

export interface World {
  donorCollaboratorId: string;
  demoAggregatorId: string;
  apiKeyId: string;
  /** accounts and organisations the callers act as: destructive calls aim elsewhere so the run keeps its auth */
  protectedIds: Set<string>;
}

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const PUBLIC_WEBHOOK_URL = 'https://93.184.216.34/ksbb-hook';

async function newApiKey(
  api: TestApi,
  aggregatorId: string,
  adminToken: string,
): Promise<{ id: string; key: string }> {
  const res = await api.http
    .post(`/api/v1/aggregators/${aggregatorId}/api-keys`)
    .set(auth(adminToken))
    .send({ name: `fuzz ${randomUUID().slice(0, 8)}` });
  if (res.status !== 201) throw new Error(`api key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function credentials(api: TestApi, world: World, apiKey: string): Promise<Credentials> {
  const tokens = new Map<Caller, string>();
  for (const role of USER_CALLERS) tokens.set(role, (await api.login(DEMO_ACCOUNTS[role])).accessToken);
  let key = apiKey;
  const headers = (caller: Caller): Record<string, string> =>
    caller === 'anonymous'
      ? {}
      : caller === 'apiKey'
        ? { 'x-api-key': key }
        : auth(tokens.get(caller) as string);
  return {
    headers,
    async renew() {
      let renewed = 0;
      for (const caller of [...USER_CALLERS, 'apiKey'] as Caller[]) {
        if ((await api.http.get('/api/v1/auth/me').set(headers(caller))).status === 200) continue;
        renewed++;
        if (caller === 'apiKey') {
          await activateAggregator(api.ds, world.demoAggregatorId);
          if ((await api.http.get('/api/v1/auth/me').set(headers(caller))).status === 200) continue;
          key = (await newApiKey(api, world.demoAggregatorId, tokens.get('admin') as string)).key;
        } else {
          tokens.set(
            caller,
            (await api.login(DEMO_ACCOUNTS[caller as (typeof USER_CALLERS)[number]])).accessToken,
          );
        }
      }
      return renewed;
    },
  };
}

/**
 * Objects in every state the handlers branch on, made through the API where it has a way (commitments, claims,
 * handovers, webhooks, schedules) and in SQL where only the worker makes them (deliveries, in-app notifications, runs).
 */
export async function buildWorld(api: TestApi): Promise<{ world: World; apiKey: string }> {
  const admin = await api.tokenFor('admin');
  const operator = await api.tokenFor('operator');
  const donorCollab = await donorCollaboratorId(api.ds);
  const demoAgg = await demoAggregatorId(api.ds);
  const key = await newApiKey(api, demoAgg, admin);
  for (let i = 0; i < 3; i++) await newApiKey(api, demoAgg, admin); // targets for DELETE /api-keys/{id}

  // several of each state: lifecycle calls (publish, close, cancel, sign, reject) spend them as the run goes
  for (let i = 0; i < 6; i++) {
    await insertNeed(api.ds, { quantity: [5, 50, 500][i % 3] });
    await insertNeed(api.ds, { quantity: 20, status: 'draft' });
  }
  for (let i = 0; i < 3; i++) {
    await draftCommitment(api);
    await submittedCommitment(api);
  }
  await approvedCommitment(api);
  await approvedCommitment(api, { deliveryMode: 'aggregator', aggregatorId: demoAgg });
  const pending = await submittedHandover(api);
  const attached = await api.http
    .post(`/api/v1/handovers/${pending.id}/attachments`)
    .set(auth(await api.tokenFor('collaborator')))
    .attach('file', PNG_1X1, { filename: 'foto.png', contentType: 'image/png' });
  if (attached.status !== 201)
    throw new Error(`attachment: ${attached.status} ${JSON.stringify(attached.body)}`);
  const verified = await submittedHandover(api);
  const v = await verifyHandover(api, verified.id);
  if (v.status !== 200) throw new Error(`verify: ${v.status} ${JSON.stringify(v.body)}`);

  const webhooks: string[] = [];
  for (const headers of [auth(admin), { 'x-api-key': key.key }]) {
    const res = await api.http
      .post('/api/v1/webhooks')
      .set(headers)
      .send({ url: PUBLIC_WEBHOOK_URL, events: ['handover.verified'] });
    if (res.status !== 201) throw new Error(`webhook: ${res.status} ${JSON.stringify(res.body)}`);
    webhooks.push(res.body.id);
  }
  const schedule = await api.http
    .post('/api/v1/report-schedules')
    .set(auth(operator))
    .send({
      name: 'Mingguan',
      cron: '0 6 * * 1',
      report: 'summary',
      format: 'csv',
      recipients: ['pokja@example.org'],
    });
  if (schedule.status !== 201)
    throw new Error(`schedule: ${schedule.status} ${JSON.stringify(schedule.body)}`);

  await seedWorkerRows(api.ds, {
    scheduleId: schedule.body.id,
    webhookIds: webhooks,
    webhookUrl: PUBLIC_WEBHOOK_URL,
    email: 'pokja@example.org',
  });
  // accounts only the fuzzer's destructive calls (PATCH /users, logout, refresh) aim at
  for (const role of ['viewer', 'operator', 'collaborator'] as const) await newUser(api.ds, role);

  const demoUsers = await demoUserIds(api.ds);
  const world: World = {
    donorCollaboratorId: donorCollab,
    demoAggregatorId: demoAgg,
    apiKeyId: key.id,
    protectedIds: new Set([donorCollab, demoAgg, key.id, ...demoUsers]),
  };
  return { world, apiKey: key.key };
}

/** The collection a path parameter names: the segment before it (`/needs/{id}` → needs), with a few specials. */
export function collectionOf(path: string, param: string): string {
  if (param === 'attachmentId') return 'attachments';
  if (param === 'deliveryId') return 'deliveries';
  const before = path.split(`/{${param}}`)[0].replace('/api/v1/', '');
  if (before === 'me/notifications' || before === 'public/bast') return before;
  return before.split('/').pop() as string;
}

export async function pool(
  ds: DataSource,
  collection: string,
  world: World,
  mutating: boolean,
): Promise<string[]> {
  return (await poolValues(ds, collection)).filter((v) => !(mutating && world.protectedIds.has(v)));
}

/** Codes and ids that named body fields and query parameters take: what lets a valid body reach the handler's logic. */
export async function namedValues(ds: DataSource, world: World): Promise<Record<string, string[]>> {
  const existing = await existingValues(ds);
  return {
    ...existing,
    collaborator: [
      world.donorCollaboratorId,
      world.donorCollaboratorId,
      world.donorCollaboratorId,
      ...existing.collaborator,
    ],
    aggregator: [world.demoAggregatorId, ...existing.aggregator],
    email: [...Object.values(DEMO_ACCOUNTS), ...existing.email],
  };
}
