import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createNeed } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../../test/harness';

type Headers = Record<string, string>;
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });

async function pendingCollaborator(ds: DataSource): Promise<string> {
  const [row] = await ds.query(
    `INSERT INTO collaborators (type, name, email, status)
     VALUES ('business', $1, $2, 'pending') RETURNING id`,
    [`PT Massal ${randomUUID().slice(0, 8)}`, `${randomUUID().slice(0, 8)}@example.org`],
  );
  return row.id;
}

async function delivery(ds: DataSource, status: 'failed' | 'dead' | 'sent'): Promise<string> {
  const [row] = await ds.query(
    `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, status, attempts, last_error)
     VALUES (gen_random_uuid(), 'commitment.approved', 'email', 'csr@example.org', $1, 2, 'SMTP 451') RETURNING id`,
    [status],
  );
  return row.id;
}

/**
 * Bulk work: each id processed on its own (its own transaction and audit entry), a result per id in the request's
 * order (ok, or the status, code and detail the single route would give, in the caller's language), the list itself
 * validated (400), and only Pokja admitted.
 */
describe('bulk actions', () => {
  let api: TestApi;
  let operator: Headers;
  let operatorId: string;

  beforeAll(async () => {
    api = await startTestApi();
    operator = bearer(await api.tokenFor('operator'));
    operatorId = (await api.http.get('/api/v1/auth/me').set(operator)).body.user.id;
  });
  afterAll(() => api.close());

  const auditRows = async (action: string, ids: string[]) =>
    (await api.ds.query(
      `SELECT entity_id AS "entityId", actor_id AS "actorId" FROM audit_log WHERE action = $1 AND entity_id = ANY($2::text[])`,
      [action, ids],
    )) as { entityId: string; actorId: string }[];

  describe('POST /needs/bulk-publish', () => {
    it('publishes each draft, reports the refused ones with their problem, and audits each published need', async () => {
      const drafts = [await createNeed(api), await createNeed(api)];
      const open = await createNeed(api);
      await api.http.post(`/api/v1/needs/${open.id}/publish`).set(operator).expect(200);
      const unknown = randomUUID();
      const ids = [drafts[0].id, open.id, unknown, drafts[1].id];

      const res = await api.http
        .post('/api/v1/needs/bulk-publish')
        .set(operator)
        .set('accept-language', 'en')
        .send({ ids })
        .expect(200);

      expect(res.body).toEqual({
        succeeded: 2,
        failed: 2,
        results: [
          { id: drafts[0].id, ok: true, status: 200 },
          { id: open.id, ok: false, status: 409, code: expect.any(String), detail: expect.stringContaining('open') },
          { id: unknown, ok: false, status: 404, code: 'not_found', detail: expect.any(String) },
          { id: drafts[1].id, ok: true, status: 200 },
        ],
      });
      const statuses = await api.ds.query(`SELECT id, status FROM needs WHERE id = ANY($1::uuid[]) ORDER BY id`, [
        drafts.map((d) => d.id),
      ]);
      expect(statuses.map((s: { status: string }) => s.status)).toEqual(['open', 'open']);
      const audited = await auditRows('need.published', [...drafts.map((d) => d.id), open.id]);
      // one entry per need published here (and the earlier single publish of `open`), each naming the operator
      expect(audited.filter((a) => drafts.some((d) => d.id === a.entityId))).toHaveLength(2);
      expect(audited.filter((a) => a.entityId === open.id)).toHaveLength(1);
      expect(new Set(audited.map((a) => a.actorId))).toEqual(new Set([operatorId]));
    });

    it('answers a refused item in Indonesian when asked', async () => {
      const res = await api.http
        .post('/api/v1/needs/bulk-publish')
        .set(operator)
        .set('accept-language', 'id')
        .send({ ids: [randomUUID()] })
        .expect(200);
      expect(res.body.results[0]).toMatchObject({ ok: false, status: 404, code: 'not_found' });
      expect(res.body.results[0].detail).not.toMatch(/not found/);
    });

    it.each([
      ['an empty list', { ids: [] }],
      ['no list', {}],
      ['a repeated id', { ids: ['6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60', '6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60'] }],
      ['something other than a UUID', { ids: ['1; DROP TABLE needs'] }],
      ['more than 100 ids', { ids: Array.from({ length: 101 }, () => randomUUID()) }],
    ])('refuses %s with a 400 problem', async (_, body) => {
      const res = await api.http.post('/api/v1/needs/bulk-publish').set(operator).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('ids');
    });
  });

  describe('POST /collaborators/bulk-verify and bulk-reject', () => {
    it('verifies each pending collaborator and refuses one already verified, auditing each verification', async () => {
      const a = await pendingCollaborator(api.ds);
      const b = await pendingCollaborator(api.ds);
      await api.http.post(`/api/v1/collaborators/${b}/verify`).set(operator).expect(200);
      const res = await api.http
        .post('/api/v1/collaborators/bulk-verify')
        .set(operator)
        .send({ ids: [a, b] })
        .expect(200);
      expect(res.body.results).toEqual([
        { id: a, ok: true, status: 200 },
        { id: b, ok: false, status: 409, code: expect.any(String), detail: expect.any(String) },
      ]);
      expect(await auditRows('collaborator.verified', [a])).toEqual([{ entityId: a, actorId: operatorId }]);
      expect(await auditRows('collaborator.verified', [b])).toHaveLength(1); // the single verify only
    });

    it('rejects each with the reason, and requires a reason', async () => {
      const a = await pendingCollaborator(api.ds);
      const c = await pendingCollaborator(api.ds);
      await api.http
        .post('/api/v1/collaborators/bulk-reject')
        .set(operator)
        .send({ ids: [a, c] })
        .expect(400);
      const res = await api.http
        .post('/api/v1/collaborators/bulk-reject')
        .set(operator)
        .send({ ids: [a, c], reason: 'akta pendirian tidak terbaca' })
        .expect(200);
      expect(res.body).toMatchObject({ succeeded: 2, failed: 0 });
      const rows = await api.ds.query(
        `SELECT status, status_reason AS reason FROM collaborators WHERE id = ANY($1::uuid[])`,
        [[a, c]],
      );
      expect(rows).toEqual([
        { status: 'rejected', reason: 'akta pendirian tidak terbaca' },
        { status: 'rejected', reason: 'akta pendirian tidak terbaca' },
      ]);
      expect(await auditRows('collaborator.rejected', [a, c])).toHaveLength(2);
    });
  });

  describe('POST /notifications/bulk-retry', () => {
    it('puts failed and dead deliveries back to pending, refuses a sent one, and audits each retry', async () => {
      const failed = await delivery(api.ds, 'failed');
      const dead = await delivery(api.ds, 'dead');
      const sent = await delivery(api.ds, 'sent');
      const res = await api.http
        .post('/api/v1/notifications/bulk-retry')
        .set(operator)
        .send({ ids: [failed, sent, dead] })
        .expect(200);
      expect(res.body.results.map((r: { ok: boolean; status: number }) => [r.ok, r.status])).toEqual([
        [true, 200],
        [false, 409],
        [true, 200],
      ]);
      const rows = await api.ds.query(`SELECT id, status FROM notification_deliveries WHERE id = ANY($1::uuid[])`, [
        [failed, dead, sent],
      ]);
      const statusOf = (id: string) => rows.find((r: { id: string }) => r.id === id).status;
      expect([statusOf(failed), statusOf(dead), statusOf(sent)]).toEqual(['pending', 'pending', 'sent']);
      const audited = await auditRows('notification.retried', [failed, dead, sent]);
      expect(audited.map((a) => a.entityId).sort()).toEqual([failed, dead].sort());
    });
  });

  describe('GET /collaborators/{id}/members', () => {
    it("lists the collaborator's accounts for Pokja, 404 for an unknown one, 403 for its own member", async () => {
      const donor = bearer(await api.tokenFor('collaborator'));
      const me = (await api.http.get('/api/v1/auth/me').set(donor)).body;
      const res = await api.http.get(`/api/v1/collaborators/${me.collaborator.id}/members`).set(operator).expect(200);
      expect(res.body).toContainEqual(
        expect.objectContaining({ id: me.user.id, email: me.user.email, active: true }),
      );
      expect(Object.keys(res.body[0]).sort()).toEqual(['active', 'createdAt', 'email', 'id', 'lastLoginAt', 'name']);
      await api.http.get(`/api/v1/collaborators/${randomUUID()}/members`).set(operator).expect(404);
      await api.http.get(`/api/v1/collaborators/${me.collaborator.id}/members`).set(donor).expect(403);
    });
  });

  describe('who may', () => {
    const routes = [
      ['/api/v1/needs/bulk-publish', {}],
      ['/api/v1/collaborators/bulk-verify', {}],
      ['/api/v1/collaborators/bulk-reject', { reason: 'tidak lengkap' }],
      ['/api/v1/notifications/bulk-retry', {}],
    ] as const;

    it.each(routes)('%s: anonymous 401; viewer, collaborator and aggregator 403; admin 200', async (path, extra) => {
      const body = { ids: [randomUUID()], ...extra };
      await api.http.post(path).send(body).expect(401);
      for (const role of ['viewer', 'collaborator', 'aggregator'] as const) {
        const res = await api.http.post(path).set(bearer(await api.tokenFor(role))).send(body);
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
      }
      const admin = await api.http.post(path).set(bearer(await api.tokenFor('admin'))).send(body).expect(200);
      expect(admin.body.results[0]).toMatchObject({ ok: false, status: 404 });
    });
  });
});
