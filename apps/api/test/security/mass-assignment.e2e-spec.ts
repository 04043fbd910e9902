import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, newUser } from '@ksbb/testing';
import { commitmentBody, deliveryRegion, handoverBody, needBody, SIGNATURE } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import {
  buildWorld,
  Caller,
  Callers,
  fingerprint,
  inBatches,
  isProblem,
  setupCallers,
  World,
} from './support';

/**
 * Mass assignment: every POST/PATCH with a JSON body, sent an otherwise valid body plus the fields the server owns.
 * The protected fields are derived from the OpenAPI document — every field of the operation's response that its
 * request does not take (ids, statuses, quantities, numbers, hashes, timestamps, owners…), at every nesting level —
 * plus a list of sensitive names. Each must be refused with 400 problem+json naming it, and nothing may change.
 */

interface Schema {
  $ref?: string;
  type?: string;
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
}
interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
const DOC = JSON.parse(readFileSync(join(__dirname, '../../../../libs/api-client/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** Names that must never be writable through a body that does not document them. */
const SENSITIVE = [
  'id',
  'status',
  'role',
  'roles',
  'isAdmin',
  'passwordHash',
  'collaboratorId',
  'aggregatorId',
  'ownerId',
  'createdBy',
  'createdAt',
  'updatedAt',
  'version',
  'number',
  'hash',
  'contentHash',
  'chainHash',
  'verifiedAt',
  'signedAt',
  'allocatedQuantity',
  'deliveredQuantity',
  'claimedQuantity',
  'keyHash',
  'secret',
  'active',
];

function resolve(s: Schema | undefined): Schema {
  let out = s ?? {};
  while (out.$ref) out = DOC.components.schemas[out.$ref.split('/').pop() as string];
  if (out.allOf?.length === 1) return resolve(out.allOf[0]);
  return out;
}

/** Fields the response has and the request does not, as validation error paths (`items[0].allocatedQuantity`). */
function serverOwned(request: Schema, response: Schema, prefix = ''): string[] {
  const req = resolve(request).properties ?? {};
  const res = resolve(response).properties ?? {};
  return Object.entries(res).flatMap(([name, schema]) => {
    const field = prefix ? `${prefix}.${name}` : name;
    if (!(name in req)) return [field];
    const [rq, rs] = [resolve(req[name]), resolve(schema)];
    if (rq.type === 'array' && rs.type === 'array')
      return serverOwned(rq.items as Schema, rs.items as Schema, `${field}[0]`);
    if (rq.properties && rs.properties) return serverOwned(rq, rs, field);
    return [];
  });
}

function protectedFields(op: string): string[] {
  const [method, path] = op.split(' ');
  const operation = DOC.paths[path][method.toLowerCase()];
  const request = operation.requestBody?.content['application/json']?.schema as Schema;
  const ok = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))?.[1];
  const response = ok?.content?.['application/json']?.schema ?? {};
  const taken = resolve(request).properties ?? {};
  return [...new Set([...serverOwned(request, response), ...SENSITIVE.filter((n) => !(n in taken))])].sort();
}

/** What an attacker would put there. */
function attackValue(field: string): unknown {
  const name = field.split('.').pop() as string;
  if (/quantity|count|total|value|seq/i.test(name)) return 999_999;
  if (/At$/.test(name)) return '2020-01-01T00:00:00.000Z';
  if (/(^id|Id)$/.test(name)) return randomUUID();
  if (name === 'status') return 'approved';
  if (name === 'role') return 'admin';
  if (name === 'roles') return ['admin'];
  if (name === 'active' || name === 'isAdmin') return true;
  return 'x';
}

/** Sets `items[0].allocatedQuantity`-style paths on a copy of the body. */
function inject(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  for (const field of fields) {
    const steps = field.replace(/\[(\d+)\]/g, '.$1').split('.');
    let at = copy as Record<string, unknown>;
    for (const step of steps.slice(0, -1)) at = at[step] as Record<string, unknown>;
    at[steps[steps.length - 1]] = attackValue(field);
  }
  return copy;
}

interface Case {
  op: string;
  path: string;
  caller: Caller;
  body: Record<string, unknown>;
}

const NIK = '3171014506900001';
/** an id no object has: the bulk and institution routes validate the body before they look anything up */
const ANY_ID = '0b9e3c3e-5f0e-4a57-9d6c-2f8d1c0c2a11';
const INSTITUTION = {
  kind: 'school',
  name: 'SDN Massal 01',
  npsn: '20100999',
  schoolLevel: 'SD',
  regionCode: '31.71.01.1001',
  address: 'Jl. Merdeka 1',
};

function cases(w: World, c: Callers, region: string, tokens: { refresh: string; logout: string }): Case[] {
  const staff = (op: string, path: string, body: Record<string, unknown>): Case => ({
    op,
    path,
    caller: 'operator',
    body,
  });
  return [
    staff('POST /api/v1/aggregators', '/api/v1/aggregators', {
      name: 'Yayasan Massal',
      programCodes: ['PANGAN'],
    }),
    staff('PATCH /api/v1/aggregators/{id}', `/api/v1/aggregators/${c.aggregatorId}`, {
      phone: '+62215550999',
    }),
    staff('POST /api/v1/aggregators/{id}/api-keys', `/api/v1/aggregators/${c.aggregatorId}/api-keys`, {
      name: 'massal',
    }),
    {
      op: 'POST /api/v1/allocations',
      path: '/api/v1/allocations',
      caller: 'owner',
      body: { commitmentId: w.commitments.approved, needId: w.claimNeed, quantity: 1 },
    },
    {
      op: 'POST /api/v1/allocations/{id}/release',
      path: `/api/v1/allocations/${w.allocations.forRelease}/release`,
      caller: 'owner',
      body: { reason: 'batal' },
    },
    {
      op: 'POST /api/v1/auth/login',
      path: '/api/v1/auth/login',
      caller: 'anonymous',
      body: { email: DEMO_ACCOUNTS.viewer, password: 'Kolaborasi2020!' },
    },
    {
      op: 'POST /api/v1/auth/logout',
      path: '/api/v1/auth/logout',
      caller: 'viewer',
      body: { refreshToken: tokens.logout },
    },
    {
      op: 'POST /api/v1/auth/refresh',
      path: '/api/v1/auth/refresh',
      caller: 'anonymous',
      body: { refreshToken: tokens.refresh },
    },
    {
      op: 'POST /api/v1/auth/register',
      path: '/api/v1/auth/register',
      caller: 'anonymous',
      body: {
        email: 'massal@example.org',
        password: 'Rahasia-2020!',
        name: 'Pendaftar',
        collaborator: { type: 'business', name: 'PT Massal' },
      },
    },
    {
      op: 'POST /api/v1/auth/verify-email',
      path: '/api/v1/auth/verify-email',
      caller: 'anonymous',
      body: { token: `00000000-0000-4000-8000-000000000000.${'0'.repeat(64)}` },
    },
    staff('POST /api/v1/collaborators', '/api/v1/collaborators', { type: 'business', name: 'PT Massal' }),
    {
      op: 'PATCH /api/v1/collaborators/{id}',
      path: `/api/v1/collaborators/${c.donorCollaboratorId}`,
      caller: 'owner',
      body: { address: 'Jl. Merdeka 1' },
    },
    // bulk work and the institutions/flags routes: refused at validation, before any item or object is touched
    staff('POST /api/v1/collaborators/bulk-verify', '/api/v1/collaborators/bulk-verify', { ids: [ANY_ID] }),
    staff('POST /api/v1/collaborators/bulk-reject', '/api/v1/collaborators/bulk-reject', {
      ids: [ANY_ID],
      reason: 'x',
    }),
    staff('POST /api/v1/needs/bulk-publish', '/api/v1/needs/bulk-publish', { ids: [ANY_ID] }),
    staff('POST /api/v1/notifications/bulk-retry', '/api/v1/notifications/bulk-retry', { ids: [ANY_ID] }),
    staff('POST /api/v1/institutions', '/api/v1/institutions', INSTITUTION),
    staff('PUT /api/v1/institutions/{id}', `/api/v1/institutions/${ANY_ID}`, INSTITUTION),
    staff('POST /api/v1/need-flags/{id}/resolve', `/api/v1/need-flags/${ANY_ID}/resolve`, {
      resolution: 'x',
    }),
    {
      op: 'POST /api/v1/needs/{id}/flags',
      path: `/api/v1/needs/${ANY_ID}/flags`,
      caller: 'kelurahan',
      body: { reason: 'x' },
    },
    staff(
      'POST /api/v1/collaborators/{id}/reject',
      `/api/v1/collaborators/${w.collaborators.pendingForReject}/reject`,
      { reason: 'x' },
    ),
    staff(
      'POST /api/v1/collaborators/{id}/suspend',
      `/api/v1/collaborators/${w.collaborators.verifiedForSuspend}/suspend`,
      { reason: 'x' },
    ),
    {
      op: 'POST /api/v1/commitments',
      path: '/api/v1/commitments',
      caller: 'owner',
      body: commitmentBody(c.donorCollaboratorId, w.routed),
    },
    {
      op: 'POST /api/v1/commitments/{id}/cancel',
      path: `/api/v1/commitments/${w.commitments.forCancel}/cancel`,
      caller: 'owner',
      body: {},
    },
    staff('POST /api/v1/commitments/{id}/reject', `/api/v1/commitments/${w.commitments.forReject}/reject`, {
      reason: 'x',
    }),
    {
      op: 'POST /api/v1/commitments/{id}/sign',
      path: `/api/v1/commitments/${w.commitments.forSign}/sign`,
      caller: 'owner',
      body: SIGNATURE,
    },
    {
      op: 'POST /api/v1/handovers',
      path: '/api/v1/handovers',
      caller: 'owner',
      body: handoverBody(region, [{ allocationId: w.allocations.forHandover, quantity: 1 }], {
        receiver: { name: 'Budi Santoso', role: 'Ketua RW 05' },
        recipients: [{ nik: NIK, name: 'Siti Aminah' }],
      }),
    },
    staff('POST /api/v1/handovers/{id}/reject', `/api/v1/handovers/${w.handovers.forReject}/reject`, {
      reason: 'x',
    }),
    staff('POST /api/v1/handovers/{id}/verify', `/api/v1/handovers/${w.handovers.forVerify}/verify`, {}),
    staff('POST /api/v1/needs', '/api/v1/needs', needBody()),
    staff('PATCH /api/v1/needs/{id}', `/api/v1/needs/${w.needs.draftForPatch}`, { title: 'Judul baru' }),
    staff('PATCH /api/v1/packages/{id}', `/api/v1/packages/${w.packageId}`, { name: 'Paket' }),
    staff('POST /api/v1/programs', '/api/v1/programs', { code: 'MASSAL', name: 'Program massal' }),
    staff('PATCH /api/v1/programs/{code}', '/api/v1/programs/PANGAN', { description: 'x' }),
    staff('POST /api/v1/programs/{code}/packages', '/api/v1/programs/PANGAN/packages', {
      code: 'MASSAL',
      name: 'Paket',
      unit: 'paket',
      beneficiaryKind: 'household',
    }),
    staff('POST /api/v1/report-schedules', '/api/v1/report-schedules', {
      name: 'Laporan',
      cron: '0 7 * * MON',
      report: 'summary',
      format: 'csv',
      recipients: ['pimpinan@jakarta.go.id'],
    }),
    {
      op: 'POST /api/v1/users',
      path: '/api/v1/users',
      caller: 'admin',
      body: { email: 'massal@example.org', name: 'Pengguna', password: 'Rahasia-2020!', role: 'viewer' },
    },
    {
      op: 'PATCH /api/v1/users/{id}',
      path: `/api/v1/users/${w.userId}`,
      caller: 'admin',
      body: { name: 'Nama' },
    },
    {
      op: 'POST /api/v1/webhooks',
      path: '/api/v1/webhooks',
      caller: 'aggregator',
      body: { url: 'https://93.184.215.14/ksbb-hook', events: ['allocation.reserved'] },
    },
  ];
}

/** Every POST/PATCH of the document whose body is JSON. */
function jsonBodyOperations(): string[] {
  return Object.entries(DOC.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(
        ([method, op]) =>
          ['post', 'patch', 'put'].includes(method) && op.requestBody?.content['application/json'],
      )
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
}

describe('mass assignment: server-owned fields in request bodies', () => {
  let api: TestApi;
  let callers: Callers;
  let world: World;
  let all: Case[];

  beforeAll(async () => {
    api = await startTestApi();
    callers = await setupCallers(api);
    world = await buildWorld(api, callers);
    const session = await newUser(api.ds, 'viewer');
    const tokens = {
      refresh: (await api.login(session.email, session.password)).refreshToken,
      logout: (await api.login(session.email, session.password)).refreshToken,
    };
    all = cases(world, callers, await deliveryRegion(api.ds), tokens);
  });
  afterAll(() => api?.close());

  it('covers every POST/PATCH with a JSON body, and finds the server-owned fields of the main entities', () => {
    expect(all.map((c) => c.op).sort()).toEqual(jsonBodyOperations().sort());
    // The derivation finds what matters (a guard against a document whose responses lost their schemas).
    expect(protectedFields('POST /api/v1/needs')).toEqual(
      expect.arrayContaining([
        'id',
        'status',
        'allocatedQuantity',
        'deliveredQuantity',
        'version',
        'createdAt',
      ]),
    );
    expect(protectedFields('POST /api/v1/commitments')).toEqual(
      expect.arrayContaining([
        'number',
        'status',
        'signedHash',
        'totalValue',
        'items[0].allocatedQuantity',
        'items[0].id',
      ]),
    );
    expect(protectedFields('POST /api/v1/handovers')).toEqual(
      expect.arrayContaining([
        'bastNumber',
        'contentHash',
        'chainHash',
        'status',
        'recipients[0].nikMasked',
        'collaboratorId',
      ]),
    );
    expect(protectedFields('POST /api/v1/users')).toEqual(
      expect.arrayContaining(['id', 'active', 'passwordHash']),
    );
    expect(protectedFields('PATCH /api/v1/users/{id}')).toEqual(
      expect.arrayContaining(['email', 'passwordHash']),
    );
    expect(protectedFields('POST /api/v1/webhooks')).toEqual(
      expect.arrayContaining(['aggregatorId', 'secret', 'active']),
    );
    expect(protectedFields('POST /api/v1/auth/register')).toEqual(
      expect.arrayContaining(['role', 'collaboratorId', 'status']),
    );
  });

  it('refuses each protected field with 400 problem+json naming it, and stores nothing', async () => {
    const before = await fingerprint(api.ds, api.config.STORAGE_DIR);
    const results = await inBatches(all, 8, async (c) => {
      const fields = protectedFields(c.op);
      const [method] = c.op.split(' ');
      const res = await (
        method === 'PATCH'
          ? api.http.patch(c.path)
          : method === 'PUT'
            ? api.http.put(c.path)
            : api.http.post(c.path)
      )
        .set(callers.headers[c.caller])
        .send(inject(c.body, fields));
      return { c, fields, res };
    });
    const failures: string[] = [];
    let refused = 0;
    for (const { c, fields, res } of results) {
      const errors = (res.body.errors ?? []) as { field: string; message: string }[];
      const named = new Set(errors.filter((e) => e.message === 'is not a known field').map((e) => e.field));
      const missed = fields.filter((f) => !named.has(f));
      const others = errors.filter((e) => !fields.includes(e.field));
      if (res.status !== 400 || !isProblem(res))
        failures.push(`${c.op}: ${res.status} ${JSON.stringify(res.body)}`);
      if (missed.length) failures.push(`${c.op} accepted ${missed.join(', ')}`);
      // Nothing else is wrong with the body: the 400 is the injected fields' doing.
      if (others.length) failures.push(`${c.op}: base body invalid: ${JSON.stringify(others)}`);
      refused += named.size;
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(300);
    expect(await fingerprint(api.ds, api.config.STORAGE_DIR)).toEqual(before);
  });

  it('keeps role-bound fields to the roles that may set them', async () => {
    const before = await fingerprint(api.ds, api.config.STORAGE_DIR);
    const h = callers.headers;
    // A member edits its own organisation's profile, but never its type (the contract: "never the type").
    const retype = await api.http
      .patch(`/api/v1/collaborators/${callers.donorCollaboratorId}`)
      .set(h.owner)
      .send({ type: 'government' });
    expect([400, 403]).toContain(retype.status);
    expect(isProblem(retype)).toBe(true);
    // A collaborator cannot sign a commitment for another collaborator by naming it.
    const forOther = await api.http
      .post('/api/v1/commitments')
      .set(h.owner)
      .send(commitmentBody(callers.foreignCollaboratorId));
    expect([403, 404]).toContain(forOther.status);
    // Registering never yields a staff role, whatever the body says about the collaborator.
    const register = await api.http.post('/api/v1/auth/register').send({
      email: 'naik-pangkat@example.org',
      password: 'Rahasia-2020!',
      name: 'Naik Pangkat',
      collaborator: {
        type: 'business',
        name: 'PT Naik',
        status: 'verified',
        verifiedAt: '2020-01-01T00:00:00.000Z',
      },
    });
    expect(register.status).toBe(400);
    expect(register.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'collaborator.status',
      'collaborator.verifiedAt',
    ]);
    expect(await fingerprint(api.ds, api.config.STORAGE_DIR)).toEqual(before);
  });

  it('does not take state from a body sent to an action that has none', async () => {
    const operator = callers.headers.operator;
    const res = await api.http
      .post(`/api/v1/needs/${world.needs.draftForPublish}/publish`)
      .set(operator)
      .send({ status: 'fulfilled', quantity: 999_999, allocatedQuantity: 999_999 });
    const [need] = await api.ds.query(
      `SELECT status, quantity, allocated_quantity AS allocated FROM needs WHERE id = $1`,
      [world.needs.draftForPublish],
    );
    if (res.status === 400) {
      expect(need.status).toBe('draft');
    } else {
      expect(res.status).toBe(200);
      expect(need).toEqual({ status: 'open', quantity: 10, allocated: 0 });
    }
  });
});
