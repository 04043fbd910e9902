import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { newCollaborator, newUser } from '@ksbb/testing';
import {
  approvedCommitment,
  auth,
  claim,
  CommitmentSpec,
  createNeed,
  deliveryRegion,
  demoAggregatorId,
  donorCollaboratorId,
  draftCommitment,
  handoverBody,
  submitHandover,
  submittedCommitment,
  verifyHandover,
  insertFailedDelivery,
  insertNeedFlag,
  insertNotification,
  insertRunningReportRun,
  insertSchool,
  packageIdOf,
  tableFingerprints,
} from '@ksbb/testing/api';
import type { TestApi } from '../harness';

/**
 * Shared pieces of the security specs: the callers (demo accounts plus a second collaborator and a second aggregator
 * with an API key), a world of real objects owned by the demo donor and routed to the demo aggregator, and a
 * fingerprint of every table a request could write.
 */

export type Caller =
  | 'anonymous'
  | 'admin'
  | 'operator'
  | 'viewer'
  | 'owner'
  | 'foreignCollaborator'
  | 'aggregator'
  | 'foreignAggregator'
  | 'foreignApiKey'
  | 'kelurahan';

export const CALLERS: Caller[] = [
  'anonymous',
  'admin',
  'operator',
  'viewer',
  'owner',
  'foreignCollaborator',
  'aggregator',
  'foreignAggregator',
  'foreignApiKey',
  'kelurahan',
];

/** The matrix's kelurahan officer works for Tebet Timur, where the world places nothing: every object is another area's. */
export const MATRIX_KELURAHAN = '31.74.01.1001';

export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

export interface Callers {
  headers: Record<Caller, Record<string, string>>;
  donorCollaboratorId: string;
  aggregatorId: string;
  foreignCollaboratorId: string;
  foreignAggregatorId: string;
}

export async function setupCallers(api: TestApi): Promise<Callers> {
  const foreignMember = await newUser(api.ds, 'collaborator');
  const foreignAggUser = await newUser(api.ds, 'aggregator');
  const officer = await newUser(api.ds, 'kelurahan', { kelurahanCode: MATRIX_KELURAHAN });
  const admin = auth(await api.tokenFor('admin'));
  const key = await api.http
    .post(`/api/v1/aggregators/${foreignAggUser.aggregatorId}/api-keys`)
    .set(admin)
    .send({ name: 'foreign system' });
  if (key.status !== 201) throw new Error(`api key: ${key.status}`);
  return {
    headers: {
      anonymous: {},
      admin,
      operator: auth(await api.tokenFor('operator')),
      viewer: auth(await api.tokenFor('viewer')),
      owner: auth(await api.tokenFor('collaborator')),
      aggregator: auth(await api.tokenFor('aggregator')),
      foreignCollaborator: auth((await api.login(foreignMember.email, foreignMember.password)).accessToken),
      foreignAggregator: auth((await api.login(foreignAggUser.email, foreignAggUser.password)).accessToken),
      foreignApiKey: { 'x-api-key': key.body.key },
      kelurahan: auth((await api.login(officer.email, officer.password)).accessToken),
    },
    donorCollaboratorId: await donorCollaboratorId(api.ds),
    aggregatorId: await demoAggregatorId(api.ds),
    foreignCollaboratorId: foreignMember.collaboratorId as string,
    foreignAggregatorId: foreignAggUser.aggregatorId as string,
  };
}

/** Fails with the response when a setup call through the API does not answer as expected. */
export function expectStatus(res: Response, status: number, what: string): Response {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** A need created (by the shared helper) and published through the API by the operator. */
export async function openNeed(api: TestApi, quantity: number, publish = true): Promise<string> {
  const { id } = await createNeed(api, { quantity, beneficiaryCount: quantity });
  if (publish) {
    expectStatus(
      await api.http.post(`/api/v1/needs/${id}/publish`).set(auth(await api.tokenFor('operator'))),
      200,
      'publish need',
    );
  }
  return id;
}

export interface World {
  routed: CommitmentSpec;
  packageId: string;
  claimNeed: string;
  needs: { draftForPatch: string; draftForPublish: string; openForClose: string; openForCancel: string };
  /** a school in Gambir, and an open flag on the claim need (the matrix's officer is of another kelurahan) */
  institutionId: string;
  needFlagId: string;
  commitments: {
    approved: string;
    forApprove: string;
    forReject: string;
    forSign: string;
    forCancel: string;
  };
  allocations: { held: string; forRelease: string; forHandover: string };
  handovers: { main: string; forVerify: string; forReject: string; verified: string; verifiedNumber: string };
  attachmentId: string;
  webhooks: { main: string; forDelete: string };
  webhookDelivery: string;
  emailDelivery: string;
  notification: string;
  schedules: { main: string; forDelete: string };
  reportRun: string;
  userId: string;
  apiKeyForDelete: string;
  collaborators: { pendingForVerify: string; pendingForReject: string; verifiedForSuspend: string };
}

async function heldAllocation(
  api: TestApi,
  commitmentId: string,
  needId: string,
  quantity: number,
): Promise<string> {
  const res = await claim(api, { commitmentId, needId, quantity });
  if (res.status !== 201) throw new Error(`claim: ${res.status} ${JSON.stringify(res.body)}`);
  return String(res.body.id);
}

/**
 * Real objects, made through the API where it offers a way: needs, commitments in every state an action needs,
 * allocations, handovers (one with an attachment, one verified), webhooks, report schedules, an API key. Rows the
 * API only makes through the worker (in-app notifications, deliveries, report runs) are inserted in SQL.
 */
export async function buildWorld(api: TestApi, callers: Callers): Promise<World> {
  const h = callers.headers;
  const routed: CommitmentSpec = { deliveryMode: 'aggregator', aggregatorId: callers.aggregatorId };
  const packageId = await packageIdOf(api.ds, 'PANGAN', 'SEMBAKO');
  const [claimNeed, draftForPatch, draftForPublish, openForClose, openForCancel] = [
    await openNeed(api, 200),
    await openNeed(api, 10, false),
    await openNeed(api, 10, false),
    await openNeed(api, 10),
    await openNeed(api, 10),
  ];
  const approved = (
    await approvedCommitment(api, {
      ...routed,
      items: [{ packageCode: 'SEMBAKO', quantity: 100, unitValue: 250_000 }],
    })
  ).id;
  const commitments = {
    approved,
    forApprove: (await submittedCommitment(api, routed)).id,
    forReject: (await submittedCommitment(api, routed)).id,
    forSign: (await draftCommitment(api, routed)).id,
    forCancel: (await approvedCommitment(api, routed)).id,
  };
  const allocations = {
    held: await heldAllocation(api, approved, claimNeed, 2),
    forRelease: await heldAllocation(api, approved, claimNeed, 1),
    forHandover: await heldAllocation(api, approved, claimNeed, 1),
  };
  const region = await deliveryRegion(api.ds);
  const handover = async (quantity = 1): Promise<{ id: string; bastNumber: string }> => {
    const allocationId = await heldAllocation(api, approved, claimNeed, quantity);
    const res = await submitHandover(api, handoverBody(region, [{ allocationId, quantity }]));
    if (res.status !== 201) throw new Error(`handover: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const main = await handover(2);
  const attachment = expectStatus(
    await api.http
      .post(`/api/v1/handovers/${main.id}/attachments`)
      .set(h.owner)
      .attach('file', PNG, 'foto.png'),
    201,
    'attachment',
  );
  const verified = await handover(1);
  expectStatus((await verifyHandover(api, verified.id)) as Response, 200, 'verify handover');

  const webhook = async (): Promise<string> =>
    expectStatus(
      await api.http
        .post('/api/v1/webhooks')
        .set(h.aggregator)
        .send({ url: 'https://93.184.215.14/ksbb-hook', events: ['handover.verified'] }),
      201,
      'webhook',
    ).body.id;
  const webhooks = { main: await webhook(), forDelete: await webhook() };
  const webhookDelivery = await insertFailedDelivery(api.ds, {
    eventType: 'handover.verified',
    channel: 'webhook',
    recipient: 'https://93.184.215.14/ksbb-hook',
    webhookId: webhooks.main,
    attempts: 1,
    lastError: 'HTTP 503',
  });
  const emailDelivery = await insertFailedDelivery(api.ds, {
    eventType: 'commitment.approved',
    channel: 'email',
    recipient: 'csr@example.org',
    attempts: 2,
    lastError: 'SMTP 451',
  });
  const notificationId = await insertNotification(api.ds, {
    email: 'donor@demo.ksbb.id',
    type: 'commitment.approved',
    title: 'Komitmen disetujui',
  });
  const schedule = async (): Promise<string> =>
    expectStatus(
      await api.http
        .post('/api/v1/report-schedules')
        .set(h.operator)
        .send({
          name: 'Laporan mingguan',
          cron: '0 7 * * MON',
          report: 'coverage',
          format: 'csv',
          recipients: ['pimpinan@jakarta.go.id'],
          params: { program: 'PANGAN', level: 'city' },
        }),
      201,
      'schedule',
    ).body.id;
  const schedules = { main: await schedule(), forDelete: await schedule() };
  const reportRun = await insertRunningReportRun(api.ds, {
    scheduleId: schedules.main,
    report: 'coverage',
    format: 'csv',
  });
  const apiKey = expectStatus(
    await api.http
      .post(`/api/v1/aggregators/${callers.aggregatorId}/api-keys`)
      .set(h.admin)
      .send({ name: 'to revoke' }),
    201,
    'api key',
  );
  const institutionId = await insertSchool(api.ds, {
    npsn: '20109999',
    name: 'SDN Matriks 01',
    regionCode: '31.71.01.1001',
  });
  const gambirOfficer = await newUser(api.ds, 'kelurahan', { kelurahanCode: '31.71.01.1001' });
  const needFlagId = await insertNeedFlag(api.ds, {
    needId: claimNeed,
    officerId: gambirOfficer.id,
    kelurahanCode: '31.71.01.1001',
  });
  return {
    institutionId,
    needFlagId,
    routed,
    packageId,
    claimNeed,
    needs: { draftForPatch, draftForPublish, openForClose, openForCancel },
    commitments,
    allocations,
    handovers: {
      main: main.id,
      forVerify: (await handover()).id,
      forReject: (await handover()).id,
      verified: verified.id,
      verifiedNumber: verified.bastNumber,
    },
    attachmentId: attachment.body.id,
    webhooks,
    webhookDelivery,
    emailDelivery,
    notification: notificationId,
    schedules,
    reportRun,
    userId: (await newUser(api.ds, 'viewer')).id,
    apiKeyForDelete: apiKey.body.id,
    collaborators: {
      pendingForVerify: (await newCollaborator(api.ds, { status: 'pending' })).id,
      pendingForReject: (await newCollaborator(api.ds, { status: 'pending' })).id,
      verifiedForSuspend: (await newCollaborator(api.ds)).id,
    },
  };
}

/**
 * Every table a request can write, with columns that change by themselves excluded: an API key's last use (the
 * refused calls authenticate with one) and the outbox relay's bookkeeping (it runs after commit, in the background).
 */
const TABLES: Record<string, string[]> = {
  aggregators: [],
  allocations: [],
  api_keys: ['last_used_at'],
  audit_log: [],
  collaborators: [],
  commitment_items: [],
  commitments: [],
  handover_attachments: [],
  handover_items: [],
  handover_recipients: [],
  handovers: [],
  idempotency_keys: [],
  institutions: [],
  need_flags: [],
  needs: [],
  notification_deliveries: [],
  notifications: [],
  number_sequences: [],
  outbox_events: ['published_at', 'relay_attempts'],
  packages: [],
  programs: [],
  refresh_tokens: [],
  regions: [],
  report_runs: [],
  report_schedules: [],
  users: [],
  webhook_attempts: [],
  webhooks: [],
};

/** Per table: row count and a hash of the sorted row hashes (rows as JSON, minus the excluded columns); plus the stored files. */
export async function fingerprint(ds: DataSource, storageDir: string): Promise<Record<string, string>> {
  return { ...(await tableFingerprints(ds, TABLES)), files: listFiles(storageDir).join(',') };
}

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

export const isProblem = (res: { headers: Record<string, string> }): boolean =>
  /^application\/problem\+json/.test(res.headers['content-type'] ?? '');

/** Runs tasks with at most `size` in flight: enough to be quick, few enough for a shared 2-core machine. */
export async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}
