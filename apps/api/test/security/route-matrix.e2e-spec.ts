import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response, Test } from 'supertest';
import { newUser } from '@ksbb/testing';
import { commitmentBody, deliveryRegion, handoverBody, needBody, RT_JAKPUS } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';
import {
  buildWorld,
  Caller,
  CALLERS,
  Callers,
  fingerprint,
  inBatches,
  isProblem,
  PNG,
  setupCallers,
  World,
} from './support';

/**
 * Every operation of the OpenAPI document × every kind of caller, against real objects owned by the demo donor and
 * routed to the demo aggregator. Expected, from docs/API.md: anonymous → 401 on protected routes; a role the route
 * does not admit → 403 (BFLA); another party's object → 404 (BOLA: "not found or not visible to the caller"); an
 * allowed caller gets through (neither 401/403 nor a 5xx; reads of a visible object 200). Refused calls carry bodies
 * that would succeed, and must change nothing.
 */

const USERS: Caller[] = CALLERS.filter((c) => c !== 'anonymous' && c !== 'foreignApiKey');
const AUTHENTICATED: Caller[] = [...USERS, 'foreignApiKey'];
const EVERYONE: Caller[] = ['anonymous', ...AUTHENTICATED];
const STAFF: Caller[] = ['admin', 'operator'];
const INTERNAL: Caller[] = [...STAFF, 'viewer'];
const FOREIGN_AGGREGATORS: Caller[] = ['foreignAggregator', 'foreignApiKey'];
/** Who sees the donor's commitments, allocations and handovers routed to the demo aggregator. */
const SCOPED_READERS: Caller[] = [...INTERNAL, 'owner', 'aggregator'];
const NOT_VISIBLE: Caller[] = ['foreignCollaborator', ...FOREIGN_AGGREGATORS];
/** The kelurahan officer (of an area where the world has nothing): every need, claim and handover is another area's. */
const OTHER_AREA: Caller[] = ['kelurahan'];
/** A route whose object is hidden from both the other parties and the other area's officer. */
const HIDDEN_GET: Caller[] = [...NOT_VISIBLE, ...OTHER_AREA];

/** The contact phone of every need made by needBody(). */
const CONTACT_PHONE = String((needBody().contact as { phone: string }).phone);

interface Entry {
  /** the operation as in the OpenAPI document: `METHOD /path/{param}` */
  op: string;
  path: string;
  allow: Caller[];
  /** callers for whom the object does not exist (404); every other caller not allowed gets 403 (anonymous 401) */
  hidden?: Caller[];
  body?: object | ((caller: Caller) => object);
  /** for bodies other than JSON */
  send?: (req: Test, caller: Caller) => Test;
  /** the statuses an allowed caller may get; default: anything but 401, 403 and 5xx (and 200 for GETs) */
  ok?: number[];
  /** ids that an allowed caller not entitled to them must not find in a list */
  secret?: { from: Caller[]; ids: string[]; shownTo?: Caller[] };
}

function table(w: World, c: Callers, region: string, per: PerCaller): Entry[] {
  const scoped = (id: string) => ({
    from: HIDDEN_GET,
    ids: [id],
    shownTo: ['owner', 'aggregator', 'viewer'] as Caller[],
  });
  const commitment = (id: string, action: string) => `/api/v1/commitments/${id}/${action}`;
  return [
    // auth and accounts
    {
      op: 'POST /api/v1/auth/register',
      path: '/api/v1/auth/register',
      allow: EVERYONE,
      body: per.register,
      ok: [201],
    },
    {
      op: 'POST /api/v1/auth/login',
      path: '/api/v1/auth/login',
      allow: EVERYONE,
      body: per.login,
      ok: [200],
    },
    {
      op: 'POST /api/v1/auth/refresh',
      path: '/api/v1/auth/refresh',
      allow: EVERYONE,
      body: per.refresh,
      ok: [200],
    },
    {
      op: 'POST /api/v1/auth/logout',
      path: '/api/v1/auth/logout',
      allow: AUTHENTICATED,
      body: per.logout,
      ok: [204],
    },
    { op: 'GET /api/v1/auth/me', path: '/api/v1/auth/me', allow: AUTHENTICATED },
    // a made-up token: everyone reaches the check, which refuses it
    {
      op: 'POST /api/v1/auth/verify-email',
      path: '/api/v1/auth/verify-email',
      allow: EVERYONE,
      body: { token: `00000000-0000-4000-8000-000000000000.${'0'.repeat(64)}` },
      ok: [400],
    },
    // the demo collaborators' emails are verified already: 409
    {
      op: 'POST /api/v1/auth/resend-verification',
      path: '/api/v1/auth/resend-verification',
      allow: ['owner', 'foreignCollaborator'],
      ok: [202, 409],
    },
    { op: 'GET /api/v1/users', path: '/api/v1/users', allow: ['admin'] },
    { op: 'POST /api/v1/users', path: '/api/v1/users', allow: ['admin'], body: per.user, ok: [201] },
    { op: 'GET /api/v1/users/{id}', path: `/api/v1/users/${w.userId}`, allow: ['admin'] },
    {
      op: 'PATCH /api/v1/users/{id}',
      path: `/api/v1/users/${w.userId}`,
      allow: ['admin'],
      body: { name: 'Nama Baru' },
      ok: [200],
    },
    {
      op: 'POST /api/v1/aggregators/{id}/api-keys',
      path: `/api/v1/aggregators/${c.aggregatorId}/api-keys`,
      allow: STAFF,
      body: { name: 'matrix' },
      ok: [201],
    },
    {
      op: 'GET /api/v1/aggregators/{id}/api-keys',
      path: `/api/v1/aggregators/${c.aggregatorId}/api-keys`,
      allow: STAFF,
    },
    {
      op: 'DELETE /api/v1/api-keys/{id}',
      path: `/api/v1/api-keys/${w.apiKeyForDelete}`,
      allow: STAFF,
      ok: [204, 404],
    },
    // the Pokja reads the trail ("who verified this BAST?"); viewers do not (it names staff and shows before → after)
    { op: 'GET /api/v1/audit', path: '/api/v1/audit', allow: STAFF },
    { op: 'GET /api/v1/audit/export.csv', path: '/api/v1/audit/export.csv?entity=collaborator', allow: STAFF },

    // reference data
    { op: 'GET /api/v1/regions', path: '/api/v1/regions?parentCode=31.71', allow: AUTHENTICATED },
    { op: 'GET /api/v1/regions/{code}', path: '/api/v1/regions/31.71', allow: AUTHENTICATED },
    {
      op: 'POST /api/v1/regions/import',
      path: '/api/v1/regions/import',
      allow: ['admin'],
      send: (req) =>
        req
          .set('content-type', 'text/csv')
          .send(
            'code,level,parent_code,name,lon,lat\n31.71.01.1001.RW90,rw,31.71.01.1001,RW 90,106.82,-6.17\n',
          ),
      ok: [201],
    },
    { op: 'GET /api/v1/programs', path: '/api/v1/programs', allow: AUTHENTICATED },
    { op: 'GET /api/v1/programs/{code}', path: '/api/v1/programs/PANGAN', allow: AUTHENTICATED },
    { op: 'POST /api/v1/programs', path: '/api/v1/programs', allow: STAFF, body: per.program, ok: [201] },
    {
      op: 'PATCH /api/v1/programs/{code}',
      path: '/api/v1/programs/PANGAN',
      allow: STAFF,
      body: { description: 'Bantuan pangan' },
      ok: [200],
    },
    {
      op: 'GET /api/v1/programs/{code}/packages',
      path: '/api/v1/programs/PANGAN/packages',
      allow: AUTHENTICATED,
    },
    {
      op: 'POST /api/v1/programs/{code}/packages',
      path: '/api/v1/programs/PANGAN/packages',
      allow: STAFF,
      body: per.package,
      ok: [201],
    },
    { op: 'GET /api/v1/packages/{id}', path: `/api/v1/packages/${w.packageId}`, allow: AUTHENTICATED },
    {
      op: 'PATCH /api/v1/packages/{id}',
      path: `/api/v1/packages/${w.packageId}`,
      allow: STAFF,
      body: { name: 'Paket sembako' },
      ok: [200],
    },

    // needs
    // A need's contact is for staff and the holders of an active claim on it only.
    {
      op: 'GET /api/v1/needs',
      path: `/api/v1/needs?limit=100&q=${encodeURIComponent(String(needBody().title))}`,
      allow: AUTHENTICATED,
      secret: { from: ['viewer', ...NOT_VISIBLE], ids: [CONTACT_PHONE], shownTo: ['owner', 'operator'] },
    },
    {
      op: 'GET /api/v1/needs/{id}',
      path: `/api/v1/needs/${w.claimNeed}`,
      allow: AUTHENTICATED.filter((caller) => !OTHER_AREA.includes(caller)),
      hidden: OTHER_AREA,
      secret: {
        from: ['viewer', ...NOT_VISIBLE],
        ids: [CONTACT_PHONE],
        shownTo: ['owner', 'aggregator', 'operator'],
      },
    },
    { op: 'POST /api/v1/needs', path: '/api/v1/needs', allow: STAFF, body: () => needBody(), ok: [201] },
    { op: 'GET /api/v1/needs/import/template', path: '/api/v1/needs/import/template', allow: STAFF },
    {
      op: 'POST /api/v1/needs/import',
      path: '/api/v1/needs/import',
      allow: STAFF,
      send: (req, caller) => req.set('content-type', 'text/csv').send(per.needsCsv(caller)),
      ok: [201],
    },
    {
      op: 'PATCH /api/v1/needs/{id}',
      path: `/api/v1/needs/${w.needs.draftForPatch}`,
      allow: STAFF,
      body: { title: 'Sembako 10 KK' },
      ok: [200],
    },
    {
      op: 'POST /api/v1/needs/{id}/publish',
      path: `/api/v1/needs/${w.needs.draftForPublish}/publish`,
      allow: STAFF,
      ok: [200, 409],
    },
    {
      op: 'POST /api/v1/needs/bulk-publish',
      path: '/api/v1/needs/bulk-publish',
      allow: STAFF,
      // an id nobody has: the answer is a per-item 404, the world stays as it is
      body: { ids: ['00000000-0000-4000-8000-0000000000b1'] },
      ok: [200],
    },
    {
      op: 'POST /api/v1/needs/{id}/close',
      path: `/api/v1/needs/${w.needs.openForClose}/close`,
      allow: STAFF,
      ok: [200, 409],
    },
    {
      op: 'POST /api/v1/needs/{id}/cancel',
      path: `/api/v1/needs/${w.needs.openForCancel}/cancel`,
      allow: STAFF,
      ok: [200, 409],
    },

    // need flags (issue 19): the matrix's officer is of another kelurahan, so the world's needs are not theirs
    {
      op: 'POST /api/v1/needs/{id}/flags',
      path: `/api/v1/needs/${w.claimNeed}/flags`,
      allow: [],
      hidden: OTHER_AREA,
      body: { reason: 'alamat tidak ditemukan' },
    },
    {
      op: 'GET /api/v1/need-flags',
      path: '/api/v1/need-flags?limit=100',
      allow: [...INTERNAL, 'kelurahan'],
      secret: { from: OTHER_AREA, ids: [w.needFlagId], shownTo: ['operator', 'viewer'] },
    },
    {
      op: 'POST /api/v1/need-flags/{id}/resolve',
      path: `/api/v1/need-flags/${w.needFlagId}/resolve`,
      allow: STAFF,
      body: { resolution: 'sudah dikoreksi' },
      ok: [200, 409],
    },

    // institutions (issue 19)
    { op: 'GET /api/v1/institutions', path: '/api/v1/institutions?limit=100', allow: AUTHENTICATED },
    {
      op: 'GET /api/v1/institutions/{id}',
      path: `/api/v1/institutions/${w.institutionId}`,
      allow: AUTHENTICATED,
    },
    {
      op: 'POST /api/v1/institutions',
      path: '/api/v1/institutions',
      allow: STAFF,
      body: (caller: Caller) => ({
        kind: 'vendor_site',
        name: `Loksem matriks ${caller}`,
        siteCode: `LOKSEM-MATRIKS-${caller}`,
        regionCode: '31.71.01.1001',
      }),
      ok: [201],
    },
    {
      op: 'POST /api/v1/institutions/import',
      path: '/api/v1/institutions/import',
      allow: STAFF,
      send: (req, caller) =>
        req
          .set('content-type', 'text/csv')
          .send(`kind,name,siteCode,regionCode\nvendor_site,Loksem impor ${caller},LOKSEM-IMPOR-${caller},31.71.01.1001\n`),
      ok: [201],
    },
    {
      op: 'PUT /api/v1/institutions/{id}',
      path: `/api/v1/institutions/${w.institutionId}`,
      allow: STAFF,
      body: { kind: 'school', name: 'SDN Matriks 01 Pagi', npsn: '20109999', schoolLevel: 'SD', regionCode: '31.71.01.1001' },
      ok: [200],
    },
    { op: 'GET /api/v1/reports/by-target', path: '/api/v1/reports/by-target?format=csv', allow: INTERNAL },
    { op: 'GET /api/v1/public/institutions-reached', path: '/api/v1/public/institutions-reached', allow: EVERYONE },

    // collaborators and aggregators
    {
      op: 'GET /api/v1/collaborators',
      path: '/api/v1/collaborators?limit=100',
      allow: [...INTERNAL, 'owner', 'foreignCollaborator'],
      secret: { from: ['foreignCollaborator'], ids: [c.donorCollaboratorId] },
    },
    {
      op: 'GET /api/v1/collaborators/{id}',
      path: `/api/v1/collaborators/${c.donorCollaboratorId}`,
      allow: [...INTERNAL, 'owner'],
      hidden: ['foreignCollaborator'],
    },
    {
      op: 'POST /api/v1/collaborators',
      path: '/api/v1/collaborators',
      allow: STAFF,
      body: { type: 'business', name: 'PT Baru' },
      ok: [201],
    },
    {
      op: 'PATCH /api/v1/collaborators/{id}',
      path: `/api/v1/collaborators/${c.donorCollaboratorId}`,
      allow: [...STAFF, 'owner'],
      hidden: ['foreignCollaborator'],
      body: { address: 'Jl. Merdeka Barat 1, Jakarta' },
      ok: [200],
    },
    ...(['verify', 'reject', 'suspend'] as const).map((action) => {
      const target = {
        verify: w.collaborators.pendingForVerify,
        reject: w.collaborators.pendingForReject,
        suspend: w.collaborators.verifiedForSuspend,
      }[action];
      return {
        op: `POST /api/v1/collaborators/{id}/${action}`,
        path: `/api/v1/collaborators/${target}/${action}`,
        allow: STAFF,
        body: action === 'verify' ? undefined : { reason: 'dokumen tidak lengkap' },
        ok: [200, 409],
      };
    }),
    {
      op: 'GET /api/v1/collaborators/{id}/members',
      path: `/api/v1/collaborators/${c.donorCollaboratorId}/members`,
      allow: STAFF,
    },
    {
      op: 'POST /api/v1/collaborators/bulk-verify',
      path: '/api/v1/collaborators/bulk-verify',
      allow: STAFF,
      body: { ids: ['00000000-0000-4000-8000-0000000000b3'] },
      ok: [200],
    },
    {
      op: 'POST /api/v1/collaborators/bulk-reject',
      path: '/api/v1/collaborators/bulk-reject',
      allow: STAFF,
      body: { ids: ['00000000-0000-4000-8000-0000000000b4'], reason: 'dokumen tidak lengkap' },
      ok: [200],
    },
    { op: 'GET /api/v1/aggregators', path: '/api/v1/aggregators', allow: AUTHENTICATED },
    {
      op: 'GET /api/v1/aggregators/{id}',
      path: `/api/v1/aggregators/${c.aggregatorId}`,
      allow: AUTHENTICATED,
    },
    {
      op: 'POST /api/v1/aggregators',
      path: '/api/v1/aggregators',
      allow: STAFF,
      body: (caller: Caller) => ({ name: `Yayasan ${caller}`, programCodes: ['PANGAN'] }),
      ok: [201],
    },
    {
      op: 'PATCH /api/v1/aggregators/{id}',
      path: `/api/v1/aggregators/${c.aggregatorId}`,
      allow: STAFF,
      body: { phone: '+62215550999' },
      ok: [200],
    },

    // commitments and allocations
    {
      op: 'GET /api/v1/commitments',
      path: '/api/v1/commitments?limit=100',
      allow: AUTHENTICATED,
      secret: scoped(w.commitments.approved),
    },
    {
      op: 'POST /api/v1/commitments',
      path: '/api/v1/commitments',
      allow: [...STAFF, 'owner'],
      body: commitmentBody(c.donorCollaboratorId, w.routed),
      ok: [201],
    },
    {
      op: 'GET /api/v1/commitments/{id}',
      path: `/api/v1/commitments/${w.commitments.approved}`,
      allow: SCOPED_READERS,
      hidden: HIDDEN_GET,
    },
    {
      op: 'GET /api/v1/commitments/{id}/form.pdf',
      path: `/api/v1/commitments/${w.commitments.approved}/form.pdf`,
      allow: SCOPED_READERS,
      hidden: HIDDEN_GET,
    },
    {
      op: 'POST /api/v1/commitments/{id}/sign',
      path: commitment(w.commitments.forSign, 'sign'),
      allow: ['owner'],
      hidden: ['foreignCollaborator'],
      body: { signatoryName: 'Rina Kartika', signatoryTitle: 'Direktur Utama', agree: true },
      ok: [200],
    },
    {
      op: 'POST /api/v1/commitments/{id}/approve',
      path: commitment(w.commitments.forApprove, 'approve'),
      allow: STAFF,
      ok: [200, 409],
    },
    {
      op: 'POST /api/v1/commitments/{id}/reject',
      path: commitment(w.commitments.forReject, 'reject'),
      allow: STAFF,
      body: { reason: 'anggaran tidak sesuai' },
      ok: [200, 409],
    },
    {
      op: 'POST /api/v1/commitments/{id}/cancel',
      path: commitment(w.commitments.forCancel, 'cancel'),
      allow: [...STAFF, 'owner'],
      hidden: ['foreignCollaborator'],
      body: {},
      ok: [200, 409],
    },
    {
      op: 'GET /api/v1/allocations',
      path: `/api/v1/allocations?needId=${w.claimNeed}&limit=100`,
      allow: AUTHENTICATED,
      secret: scoped(w.allocations.held),
    },
    {
      op: 'POST /api/v1/allocations',
      path: '/api/v1/allocations',
      allow: [...STAFF, 'owner'],
      hidden: ['foreignCollaborator'],
      body: { commitmentId: w.commitments.approved, needId: w.claimNeed, quantity: 1 },
      ok: [201],
    },
    {
      op: 'GET /api/v1/allocations/{id}',
      path: `/api/v1/allocations/${w.allocations.held}`,
      allow: SCOPED_READERS,
      hidden: HIDDEN_GET,
    },
    {
      op: 'POST /api/v1/allocations/{id}/release',
      path: `/api/v1/allocations/${w.allocations.forRelease}/release`,
      allow: [...STAFF, 'owner'],
      hidden: ['foreignCollaborator'],
      body: { reason: 'batal' },
      ok: [200, 409],
    },

    // handovers
    {
      op: 'GET /api/v1/handovers',
      path: '/api/v1/handovers?limit=100',
      allow: AUTHENTICATED,
      secret: scoped(w.handovers.main),
    },
    {
      op: 'POST /api/v1/handovers',
      path: '/api/v1/handovers',
      allow: [...STAFF, 'owner', 'aggregator'],
      hidden: NOT_VISIBLE,
      body: handoverBody(region, [{ allocationId: w.allocations.forHandover, quantity: 1 }]),
      ok: [201, 409],
    },
    {
      op: 'GET /api/v1/handovers/{id}',
      path: `/api/v1/handovers/${w.handovers.main}`,
      allow: SCOPED_READERS,
      hidden: HIDDEN_GET,
    },
    {
      op: 'GET /api/v1/handovers/{id}/bast.pdf',
      path: `/api/v1/handovers/${w.handovers.main}/bast.pdf`,
      allow: SCOPED_READERS,
      hidden: HIDDEN_GET,
    },
    {
      op: 'POST /api/v1/handovers/{id}/attachments',
      path: `/api/v1/handovers/${w.handovers.main}/attachments`,
      allow: [...STAFF, 'owner', 'aggregator'],
      hidden: NOT_VISIBLE,
      send: (req) => req.attach('file', PNG, 'foto.png'),
      ok: [201],
    },
    {
      op: 'GET /api/v1/handovers/{id}/attachments/{attachmentId}',
      path: `/api/v1/handovers/${w.handovers.main}/attachments/${w.attachmentId}`,
      allow: SCOPED_READERS,
      hidden: HIDDEN_GET,
    },
    {
      op: 'POST /api/v1/handovers/{id}/kelurahan-confirmation',
      path: `/api/v1/handovers/${w.handovers.forVerify}/kelurahan-confirmation`,
      allow: [],
      hidden: OTHER_AREA,
    },
    {
      op: 'POST /api/v1/handovers/{id}/verify',
      path: `/api/v1/handovers/${w.handovers.forVerify}/verify`,
      allow: STAFF,
      body: {},
      ok: [200, 409],
    },
    {
      op: 'POST /api/v1/handovers/{id}/reject',
      path: `/api/v1/handovers/${w.handovers.forReject}/reject`,
      allow: STAFF,
      body: { reason: 'foto tidak jelas' },
      ok: [200, 409],
    },

    // a deliverer's home: only its own organisation's claims and commitments
    {
      op: 'GET /api/v1/me/home',
      path: '/api/v1/me/home',
      allow: ['owner', 'foreignCollaborator', 'aggregator', ...FOREIGN_AGGREGATORS],
      secret: {
        from: NOT_VISIBLE,
        ids: [w.allocations.held, w.commitments.approved],
        shownTo: ['owner', 'aggregator'],
      },
    },
    // notifications and webhooks
    {
      op: 'GET /api/v1/me/notifications',
      path: '/api/v1/me/notifications',
      allow: USERS,
      secret: { from: USERS.filter((u) => u !== 'owner'), ids: [w.notification] },
    },
    {
      op: 'POST /api/v1/me/notifications/read-all',
      path: '/api/v1/me/notifications/read-all',
      allow: USERS,
      ok: [200],
    },
    {
      op: 'POST /api/v1/me/notifications/{id}/read',
      path: `/api/v1/me/notifications/${w.notification}/read`,
      allow: ['owner'],
      hidden: USERS.filter((u) => u !== 'owner'),
      ok: [200],
    },
    { op: 'GET /api/v1/notifications', path: '/api/v1/notifications', allow: STAFF },
    {
      op: 'POST /api/v1/notifications/bulk-retry',
      path: '/api/v1/notifications/bulk-retry',
      allow: STAFF,
      body: { ids: ['00000000-0000-4000-8000-0000000000b2'] },
      ok: [200],
    },
    {
      op: 'POST /api/v1/notifications/{id}/retry',
      path: `/api/v1/notifications/${w.emailDelivery}/retry`,
      allow: STAFF,
      ok: [200, 409],
    },
    {
      op: 'POST /api/v1/webhooks',
      path: '/api/v1/webhooks',
      allow: [...STAFF, 'aggregator', ...FOREIGN_AGGREGATORS],
      body: { url: 'https://93.184.215.14/ksbb-hook', events: ['allocation.reserved'] },
      ok: [201],
    },
    {
      op: 'GET /api/v1/webhooks',
      path: '/api/v1/webhooks?limit=100',
      allow: [...STAFF, 'aggregator', ...FOREIGN_AGGREGATORS],
      secret: { from: FOREIGN_AGGREGATORS, ids: [w.webhooks.main] },
    },
    {
      op: 'GET /api/v1/webhooks/{id}/deliveries',
      path: `/api/v1/webhooks/${w.webhooks.main}/deliveries`,
      allow: [...STAFF, 'aggregator'],
      hidden: FOREIGN_AGGREGATORS,
    },
    {
      op: 'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
      path: `/api/v1/webhooks/${w.webhooks.main}/deliveries/${w.webhookDelivery}/retry`,
      allow: [...STAFF, 'aggregator'],
      hidden: FOREIGN_AGGREGATORS,
      ok: [200, 409],
    },
    {
      op: 'DELETE /api/v1/webhooks/{id}',
      path: `/api/v1/webhooks/${w.webhooks.forDelete}`,
      allow: [...STAFF, 'aggregator'],
      hidden: FOREIGN_AGGREGATORS,
      ok: [204, 404],
    },

    // reports
    ...['summary', 'coverage', 'collaborators', 'timeseries'].map((r) => ({
      op: `GET /api/v1/reports/${r}`,
      path: `/api/v1/reports/${r}`,
      allow: INTERNAL,
    })),
    { op: 'GET /api/v1/report-schedules', path: '/api/v1/report-schedules', allow: INTERNAL },
    {
      op: 'GET /api/v1/report-schedules/{id}',
      path: `/api/v1/report-schedules/${w.schedules.main}`,
      allow: INTERNAL,
    },
    {
      op: 'POST /api/v1/report-schedules',
      path: '/api/v1/report-schedules',
      allow: STAFF,
      body: per.schedule,
      ok: [201],
    },
    {
      op: 'DELETE /api/v1/report-schedules/{id}',
      path: `/api/v1/report-schedules/${w.schedules.forDelete}`,
      allow: STAFF,
      ok: [204, 404],
    },
    { op: 'GET /api/v1/report-runs', path: '/api/v1/report-runs', allow: INTERNAL },
    { op: 'GET /api/v1/report-runs/{id}', path: `/api/v1/report-runs/${w.reportRun}`, allow: INTERNAL },
    {
      op: 'GET /api/v1/report-runs/{id}/file',
      path: `/api/v1/report-runs/${w.reportRun}/file`,
      allow: INTERNAL,
      ok: [409],
    },

    // public and operations
    { op: 'GET /api/v1/public/stats', path: '/api/v1/public/stats', allow: EVERYONE },
    { op: 'GET /api/v1/public/needs', path: '/api/v1/public/needs', allow: EVERYONE },
    { op: 'GET /api/v1/public/needs/map', path: '/api/v1/public/needs/map', allow: EVERYONE },
    { op: 'GET /api/v1/public/scorecard', path: '/api/v1/public/scorecard', allow: EVERYONE },
    {
      op: 'GET /api/v1/public/bast/{bastNumber}',
      path: `/api/v1/public/bast/${encodeURIComponent(w.handovers.verifiedNumber)}`,
      allow: EVERYONE,
    },
    { op: 'GET /api/v1/public/ledger/verify', path: '/api/v1/public/ledger/verify', allow: EVERYONE },
    { op: 'GET /health/live', path: '/health/live', allow: EVERYONE },
    { op: 'GET /health/ready', path: '/health/ready', allow: EVERYONE },
    // GET /metrics is for the scraper's token only, not an API operation: see metrics-csp.e2e-spec.ts.
  ];
}

/** Bodies that differ per caller, so that every allowed call can succeed on its own. */
interface PerCaller {
  register(caller: Caller): object;
  login(caller: Caller): object;
  refresh(caller: Caller): object;
  logout(caller: Caller): object;
  user(caller: Caller): object;
  program(caller: Caller): object;
  package(caller: Caller): object;
  schedule(caller: Caller): object;
  needsCsv(caller: Caller): string;
}

const NEEDS_HEADER =
  'programCode,packageCode,regionCode,title,description,quantity,beneficiaryCount,source,sourceRef,lon,lat,contactName,contactRole,contactPhone,dueDate';

async function perCaller(api: TestApi): Promise<PerCaller> {
  const session = await newUser(api.ds, 'viewer');
  const refreshTokens = new Map<string, string>();
  for (const kind of ['refresh', 'logout']) {
    for (const caller of CALLERS)
      refreshTokens.set(`${kind}:${caller}`, (await api.login(session.email, session.password)).refreshToken);
  }
  const tag = (caller: Caller) => CALLERS.indexOf(caller);
  return {
    register: (caller) => ({
      email: `daftar-${caller.toLowerCase()}@example.org`,
      password: 'Rahasia-2020!',
      name: 'Pendaftar Uji',
      collaborator: { type: 'business', name: `PT Pendaftar ${caller}` },
    }),
    login: () => ({ email: session.email, password: session.password }),
    refresh: (caller) => ({ refreshToken: refreshTokens.get(`refresh:${caller}`) }),
    logout: (caller) => ({ refreshToken: refreshTokens.get(`logout:${caller}`) }),
    user: (caller) => ({
      email: `baru-${caller.toLowerCase()}@example.org`,
      name: 'Pengguna Baru',
      password: 'Rahasia-2020!',
      role: 'viewer',
    }),
    program: (caller) => ({ code: `MATRIKS${tag(caller)}`, name: 'Program matriks', status: 'draft' }),
    package: (caller) => ({
      code: `PAKET${tag(caller)}`,
      name: 'Paket matriks',
      unit: 'paket',
      beneficiaryKind: 'household',
    }),
    schedule: () => ({
      name: 'Laporan matriks',
      cron: '0 7 * * MON',
      report: 'summary',
      format: 'csv',
      recipients: ['pimpinan@jakarta.go.id'],
    }),
    needsCsv: (caller) =>
      `${NEEDS_HEADER}\nPANGAN,SEMBAKO,${RT_JAKPUS},Sembako,Data bansos,10,10,bansos,MATRIKS-${caller},106.82,-6.18,Ketua RT,Ketua RT,+62215550000,2021-03-31\n`,
  };
}

function operations(): string[] {
  const doc = JSON.parse(
    readFileSync(join(__dirname, '../../../../libs/api-client/openapi.json'), 'utf8'),
  ) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

interface Outcome {
  entry: Entry;
  caller: Caller;
  res: Response;
}

describe('security matrix: every operation × every caller', () => {
  let api: TestApi;
  let callers: Callers;
  let entries: Entry[];

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_LIMIT_PER_ACCOUNT: '1000', LOGIN_LIMIT_PER_IP: '1000' });
    callers = await setupCallers(api);
    const world = await buildWorld(api, callers);
    entries = table(world, callers, await deliveryRegion(api.ds), await perCaller(api));
  });
  afterAll(() => api?.close());

  const call = (entry: Entry, caller: Caller): Promise<Outcome> => {
    const [method] = entry.op.split(' ');
    let req = (api.http as unknown as Record<string, (path: string) => Test>)
      [method.toLowerCase()](entry.path)
      .set(callers.headers[caller]);
    if (entry.send) req = entry.send(req, caller);
    else if (entry.body) req = req.send(typeof entry.body === 'function' ? entry.body(caller) : entry.body);
    return req.then((res) => ({ entry, caller, res }));
  };
  const expectedRefusal = (entry: Entry, caller: Caller): number | null => {
    if (entry.allow.includes(caller)) return null;
    if (caller === 'anonymous') return 401;
    return entry.hidden?.includes(caller) ? 404 : 403;
  };
  const describeOutcome = ({ entry, caller, res }: Outcome) =>
    `${entry.op} as ${caller}: ${res.status} ${res.status >= 400 ? String(res.body?.detail ?? '') : ''}`.trim();

  it('has exactly one entry for every operation of the OpenAPI document', () => {
    const documented = operations();
    expect(documented.length).toBeGreaterThanOrEqual(92);
    const listed = entries.map((e) => e.op);
    expect(listed.filter((op) => !documented.includes(op))).toEqual([]);
    expect(documented.filter((op) => !listed.includes(op))).toEqual([]);
    expect(listed.filter((op, i) => listed.indexOf(op) !== i)).toEqual([]);
  });

  it('refuses every caller a route does not admit (401/403/404 problem+json), and the refused calls change nothing', async () => {
    const refused = entries.flatMap((entry) =>
      CALLERS.filter((c) => expectedRefusal(entry, c) !== null).map((c) => [entry, c] as const),
    );
    expect(refused.length).toBeGreaterThan(300);
    const before = await fingerprint(api.ds, api.config.STORAGE_DIR);
    const outcomes = await inBatches(refused, 12, ([entry, caller]) => call(entry, caller));
    const failures = outcomes
      .filter((o) => o.res.status !== expectedRefusal(o.entry, o.caller) || !isProblem(o.res))
      .map(
        (o) =>
          `${describeOutcome(o)} (expected ${expectedRefusal(o.entry, o.caller)}${isProblem(o.res) ? '' : ', not problem+json'})`,
      );
    expect(failures).toEqual([]);
    expect(await fingerprint(api.ds, api.config.STORAGE_DIR)).toEqual(before);
  });

  it('lets every admitted caller through, without a 5xx, and shows no one another party’s objects in lists', async () => {
    const failures: string[] = [];
    const before = await fingerprint(api.ds, api.config.STORAGE_DIR);
    // One route at a time (its callers in parallel would race for the same object); the routes' objects are distinct.
    for (const entry of entries) {
      for (const caller of entry.allow) {
        const outcome = await call(entry, caller);
        const { res } = outcome;
        const isGet = entry.op.startsWith('GET ');
        const fine = entry.ok
          ? entry.ok.includes(res.status)
          : isGet
            ? res.status === 200
            : ![401, 403].includes(res.status) && res.status < 500;
        if (!fine) failures.push(describeOutcome(outcome));
        if (res.status >= 400 && !isProblem(res))
          failures.push(`${describeOutcome(outcome)}: not problem+json`);
        if (entry.secret?.from.includes(caller)) {
          const leaked = entry.secret.ids.filter((id) => JSON.stringify(res.body).includes(id));
          if (leaked.length) failures.push(`${entry.op} as ${caller} lists ${leaked.join(', ')}`);
        }
        // …while those entitled do see them: the leak check looks where the data would be.
        if (entry.secret?.shownTo?.includes(caller)) {
          const missing = entry.secret.ids.filter((id) => !JSON.stringify(res.body).includes(id));
          if (missing.length) failures.push(`${entry.op} as ${caller} does not show ${missing.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The same fingerprint does see the writes of admitted calls: its equality above is not vacuous.
    const after = await fingerprint(api.ds, api.config.STORAGE_DIR);
    for (const table of [
      'needs',
      'commitments',
      'allocations',
      'handovers',
      'webhooks',
      'users',
      'collaborators',
      'audit_log',
      'files',
    ]) {
      expect({ table, changed: after[table] !== before[table] }).toEqual({ table, changed: true });
    }
  });
});
