import {
  CollaboratorsService,
  CollaboratorStatus,
  ConflictError,
  DEMO_COLLABORATOR_COUNTS,
  Principal,
} from '@ksbb/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newUser } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';

type Headers = Record<string, string>;
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });

/** A collaborator in the given status (the shared factory's SQL is rejected by PostgreSQL 15, see the report). */
async function newCollaborator(
  ds: DataSource,
  opts: { status: CollaboratorStatus },
): Promise<{ id: string; name: string }> {
  const name = `PT Uji ${randomBytes(4).toString('hex')}`;
  const [row] = await ds.query(
    `INSERT INTO collaborators (type, name, email, status, verified_at)
     VALUES ('business', $1, $2, $3::varchar, CASE WHEN $3::varchar IN ('verified', 'suspended') THEN now() END) RETURNING id`,
    [name, `${randomBytes(4).toString('hex')}@example.org`, opts.status],
  );
  return { id: row.id, name };
}

describe('collaborators', () => {
  let api: TestApi;
  let operator: Headers;
  let viewer: Headers;
  let donor: Headers;
  let donorCollaboratorId: string;

  beforeAll(async () => {
    api = await startTestApi();
    operator = bearer(await api.tokenFor('operator'));
    viewer = bearer(await api.tokenFor('viewer'));
    donor = bearer(await api.tokenFor('collaborator'));
    donorCollaboratorId = (await api.http.get('/api/v1/auth/me').set(donor)).body.collaborator.id;
  });
  afterAll(() => api.close());

  const statusOf = async (id: string): Promise<CollaboratorStatus> =>
    (await api.ds.query(`SELECT status FROM collaborators WHERE id = $1`, [id]))[0].status;
  const countRows = async (
    table: 'audit_log' | 'outbox_events',
    column: string,
    value: string,
    id: string,
  ): Promise<number> =>
    (
      await api.ds.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1 AND ${table === 'audit_log' ? 'entity_id' : 'aggregate_id'} = $2`,
        [value, id],
      )
    )[0].n;

  it('shows staff and viewers the 222 seeded collaborators, split 35/103/18/53/13 by type', async () => {
    expect(DEMO_COLLABORATOR_COUNTS).toEqual({
      individual: 35,
      business: 103,
      government: 18,
      civil_society: 53,
      foreign: 13,
    });
    for (const headers of [operator, viewer, bearer(await api.tokenFor('admin'))]) {
      const all = await api.http.get('/api/v1/collaborators?limit=5').set(headers);
      expect(all.status).toBe(200);
      expect(all.body.meta).toEqual({ total: 222, page: 1, limit: 5 });
      expect(all.body.data).toHaveLength(5);
    }
    for (const [type, total] of Object.entries({
      individual: 35,
      business: 103,
      government: 18,
      civil_society: 53,
      foreign: 13,
    })) {
      const res = await api.http.get(`/api/v1/collaborators?type=${type}&limit=100`).set(operator);
      expect({ type, total: res.body.meta.total }).toEqual({ type, total });
      expect(res.body.data.every((c: { type: string }) => c.type === type)).toBe(true);
    }
    const sorted = await api.http.get('/api/v1/collaborators?type=foreign&sort=name&limit=100').set(operator);
    const names = sorted.body.data.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await api.http.get('/api/v1/collaborators?type=alien').set(operator)).status).toBe(400);
    expect((await api.http.get('/api/v1/collaborators?sort=taxNumber').set(operator)).status).toBe(400);
  });

  it('shows a collaborator member only its own collaborator, and hides every other one as 404', async () => {
    const list = await api.http.get('/api/v1/collaborators?limit=100').set(donor);
    expect(list.status).toBe(200);
    expect(list.body.meta.total).toBe(1);
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([donorCollaboratorId]);
    expect(list.body.data[0]).toMatchObject({ status: 'verified', type: 'business', memberCount: 1 });
    // Filters never widen the scope.
    expect((await api.http.get('/api/v1/collaborators?type=individual').set(donor)).body.meta.total).toBe(0);

    const own = await api.http.get(`/api/v1/collaborators/${donorCollaboratorId}`).set(donor);
    expect(own.status).toBe(200);
    expect(own.headers.etag).toBe(`"${own.body.version}"`);

    const other = await newCollaborator(api.ds, { status: 'verified' });
    const peek = await api.http.get(`/api/v1/collaborators/${other.id}`).set(donor);
    expect(peek.status).toBe(404);
    expect(peek.headers['content-type']).toMatch(/^application\/problem\+json/);
    const missing = await api.http
      .get('/api/v1/collaborators/00000000-0000-4000-8000-000000000000')
      .set(donor);
    expect(missing.body.detail.replace(/[0-9a-f-]{36}/, 'ID')).toBe(
      peek.body.detail.replace(/[0-9a-f-]{36}/, 'ID'),
    );

    const edit = await api.http
      .patch(`/api/v1/collaborators/${other.id}`)
      .set(donor)
      .send({ name: 'Diambil alih' });
    expect(edit.status).toBe(404);
    expect((await api.ds.query(`SELECT name FROM collaborators WHERE id = $1`, [other.id]))[0].name).toBe(
      other.name,
    );
  });

  it('refuses aggregators (403) and anonymous callers (401)', async () => {
    const aggregator = bearer(await api.tokenFor('aggregator'));
    expect((await api.http.get('/api/v1/collaborators').set(aggregator)).status).toBe(403);
    expect((await api.http.get(`/api/v1/collaborators/${donorCollaboratorId}`).set(aggregator)).status).toBe(
      403,
    );
    expect((await api.http.get('/api/v1/collaborators')).status).toBe(401);
    expect(
      (await api.http.post('/api/v1/collaborators').set(viewer).send({ type: 'business', name: 'PT V' }))
        .status,
    ).toBe(403);
    expect(
      (await api.http.post('/api/v1/collaborators').set(donor).send({ type: 'business', name: 'PT D' }))
        .status,
    ).toBe(403);
    expect(
      (
        await api.http
          .post(`/api/v1/collaborators/${donorCollaboratorId}/suspend`)
          .set(donor)
          .send({ reason: 'x' })
      ).status,
    ).toBe(403);
    expect(await statusOf(donorCollaboratorId)).toBe('verified');
  });

  it('lets a member edit its own profile but not its type; Pokja may change the type', async () => {
    const member = await newUser(api.ds, 'collaborator', {
      collaboratorId: (await newCollaborator(api.ds, { status: 'verified' })).id,
    });
    const headers = bearer((await api.login(member.email, member.password)).accessToken);
    const id = member.collaboratorId as string;
    const res = await api.http
      .patch(`/api/v1/collaborators/${id}`)
      .set(headers)
      .send({
        name: 'PT Baru Jaya',
        picName: 'Rina',
        phone: '+62215550999',
        country: 'sg',
        publicOptIn: true,
        taxNumber: null,
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'PT Baru Jaya',
      picName: 'Rina',
      country: 'SG',
      publicOptIn: true,
      taxNumber: null,
      version: 2,
    });
    expect(res.headers.etag).toBe('"2"');

    const typeChange = await api.http
      .patch(`/api/v1/collaborators/${id}`)
      .set(headers)
      .send({ type: 'foreign' });
    expect(typeChange.status).toBe(403);
    const byOperator = await api.http
      .patch(`/api/v1/collaborators/${id}`)
      .set(operator)
      .send({ type: 'foreign' });
    expect(byOperator.status).toBe(200);
    expect(byOperator.body.type).toBe('foreign');
    expect(await countRows('audit_log', 'action', 'collaborator.updated', id)).toBe(2);
  });

  it('rejects mass assignment and nulls in required fields with 400, changing nothing', async () => {
    const c = await newCollaborator(api.ds, { status: 'pending' });
    for (const body of [
      { status: 'verified' },
      { id: donorCollaboratorId },
      { verifiedAt: new Date().toISOString() },
      { version: 9 },
      { name: null },
      { statusReason: 'x' },
    ]) {
      const res = await api.http.patch(`/api/v1/collaborators/${c.id}`).set(operator).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const created = await api.http
      .post('/api/v1/collaborators')
      .set(operator)
      .send({ type: 'business', name: 'PT Pintas', status: 'verified' });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([{ field: 'status', message: 'is not a known field' }]);
    const [row] = await api.ds.query(`SELECT status, name, version FROM collaborators WHERE id = $1`, [c.id]);
    expect(row).toEqual({ status: 'pending', name: c.name, version: 1 });
    expect(
      (await api.ds.query(`SELECT count(*)::int AS n FROM collaborators WHERE name = 'PT Pintas'`))[0].n,
    ).toBe(0);
  });

  it('answers a stale If-Match with 412 and keeps the newer data', async () => {
    const c = await newCollaborator(api.ds, { status: 'verified' });
    const got = await api.http.get(`/api/v1/collaborators/${c.id}`).set(operator);
    expect(got.headers.etag).toBe('"1"');
    const first = await api.http
      .patch(`/api/v1/collaborators/${c.id}`)
      .set(operator)
      .set('if-match', '"1"')
      .send({ address: 'Jl. Satu' });
    expect(first.status).toBe(200);
    const stale = await api.http
      .patch(`/api/v1/collaborators/${c.id}`)
      .set(operator)
      .set('if-match', '"1"')
      .send({ address: 'Jl. Dua' });
    expect(stale.status).toBe(412);
    expect(stale.body.status).toBe(412);
    expect((await api.http.get(`/api/v1/collaborators/${c.id}`).set(operator)).body).toMatchObject({
      address: 'Jl. Satu',
      version: 2,
    });
    const staleVerify = await api.http
      .post(`/api/v1/collaborators/${c.id}/suspend`)
      .set(operator)
      .set('if-match', '"1"')
      .send({ reason: 'x' });
    expect(staleVerify.status).toBe(412);
    expect(await statusOf(c.id)).toBe('verified');
  });

  it('runs the verification queue: a registration waits as pending, verifying it records audit and collaborator.verified', async () => {
    const reg = await api.http.post('/api/v1/auth/register').send({
      email: 'csr@antrian.example.org',
      password: 'Kolaborasi-2020!',
      name: 'Rina Wijaya',
      collaborator: { type: 'civil_society', name: 'Yayasan Antrian Verifikasi' },
    });
    expect(reg.status).toBe(201);
    const id: string = reg.body.collaboratorId;
    const queue = await api.http
      .get('/api/v1/collaborators?status=pending&limit=100&sort=-createdAt')
      .set(operator);
    expect(queue.body.data[0]).toMatchObject({ id, status: 'pending', verifiedAt: null, memberCount: 1 });
    expect(queue.body.data.every((c: { status: string }) => c.status === 'pending')).toBe(true);
    const pendingBefore: number = queue.body.meta.total;

    const verified = await api.http.post(`/api/v1/collaborators/${id}/verify`).set(operator);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id, status: 'verified', statusReason: null, version: 2 });
    expect(Date.parse(verified.body.verifiedAt)).toBeGreaterThan(Date.now() - 60_000);
    const [event] = await api.ds.query(
      `SELECT payload, actor_id FROM outbox_events WHERE type = 'collaborator.verified' AND aggregate_id = $1`,
      [id],
    );
    expect(event.payload).toMatchObject({
      collaboratorId: id,
      status: 'verified',
      previousStatus: 'pending',
    });
    expect(event.actor_id).toBeTruthy();
    const [audit] = await api.ds.query(
      `SELECT before, after, actor_role FROM audit_log WHERE action = 'collaborator.verified' AND entity_id = $1`,
      [id],
    );
    expect(audit).toMatchObject({
      actor_role: 'operator',
      before: { status: 'pending' },
      after: { status: 'verified' },
    });
    expect(
      (await api.http.get('/api/v1/collaborators?status=pending&limit=1').set(operator)).body.meta.total,
    ).toBe(pendingBefore - 1);

    const member = await api.login('csr@antrian.example.org', 'Kolaborasi-2020!');
    const own = await api.http.get(`/api/v1/collaborators/${id}`).set(bearer(member.accessToken));
    expect(own.body.status).toBe('verified');
  });

  it('rejects and suspends with a reason, recorded with its event; a missing reason is a 400', async () => {
    const pending = await newCollaborator(api.ds, { status: 'pending' });
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(1001) }, { reason: 'ok', extra: 1 }]) {
      const res = await api.http.post(`/api/v1/collaborators/${pending.id}/reject`).set(operator).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect(await statusOf(pending.id)).toBe('pending');
    const rejected = await api.http
      .post(`/api/v1/collaborators/${pending.id}/reject`)
      .set(operator)
      .send({ reason: ' akta pendirian tidak ada ' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'akta pendirian tidak ada' });
    expect(await countRows('outbox_events', 'type', 'collaborator.rejected', pending.id)).toBe(1);
    expect(await countRows('audit_log', 'action', 'collaborator.rejected', pending.id)).toBe(1);

    const verified = await newCollaborator(api.ds, { status: 'verified' });
    const suspended = await api.http
      .post(`/api/v1/collaborators/${verified.id}/suspend`)
      .set(operator)
      .send({ reason: 'laporan penyalahgunaan' });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'laporan penyalahgunaan' });
    expect(suspended.body.verifiedAt).not.toBeNull();
    expect(await countRows('outbox_events', 'type', 'collaborator.suspended', verified.id)).toBe(1);

    const reinstated = await api.http.post(`/api/v1/collaborators/${verified.id}/verify`).set(operator);
    expect(reinstated.body).toMatchObject({ status: 'verified', statusReason: null });
  });

  const TRANSITIONS: [CollaboratorStatus, 'verify' | 'reject' | 'suspend', CollaboratorStatus | null][] = [
    ['pending', 'verify', 'verified'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'suspend', null],
    ['verified', 'verify', null],
    ['verified', 'reject', null],
    ['verified', 'suspend', 'suspended'],
    ['rejected', 'verify', 'verified'],
    ['rejected', 'reject', null],
    ['rejected', 'suspend', null],
    ['suspended', 'verify', 'verified'],
    ['suspended', 'reject', null],
    ['suspended', 'suspend', null],
  ];

  it.each(TRANSITIONS)('from %s, %s → %s (null: 409 with why, nothing changed)', async (from, action, to) => {
    const c = await newCollaborator(api.ds, { status: from });
    const res = await api.http
      .post(`/api/v1/collaborators/${c.id}/${action}`)
      .set(operator)
      .send(action === 'verify' ? undefined : { reason: 'uji' });
    if (to) {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(to);
      expect(await countRows('outbox_events', 'type', `collaborator.${to}`, c.id)).toBe(1);
    } else {
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(new RegExp(`the collaborator is (already )?${from}`));
      expect(await statusOf(c.id)).toBe(from);
      expect(
        (
          await api.ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1`, [c.id])
        )[0].n,
      ).toBe(0);
    }
  });

  it('lets Pokja record a collaborator, always pending, with an audit row', async () => {
    const res = await api.http.post('/api/v1/collaborators').set(operator).send({
      type: 'government',
      name: 'Kementerian Uji Coba',
      email: 'humas@kemenuji.example.go.id',
      country: 'id',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'government',
      status: 'pending',
      country: 'ID',
      verifiedAt: null,
      memberCount: 0,
      version: 1,
    });
    expect(await countRows('audit_log', 'action', 'collaborator.created', res.body.id)).toBe(1);
    expect(
      (await api.http.post('/api/v1/collaborators').set(operator).send({ type: 'business' })).status,
    ).toBe(400);
  });

  it('lets other modules require a verified collaborator', async () => {
    const service = api.app.get(CollaboratorsService);
    const pending = await newCollaborator(api.ds, { status: 'pending' });
    await expect(service.assertVerified(undefined, donorCollaboratorId)).resolves.toBeUndefined();
    await expect(service.assertVerified(undefined, pending.id)).rejects.toThrow(ConflictError);
    await expect(service.assertVerified(undefined, pending.id)).rejects.toThrow(
      /only verified collaborators can sign commitments/,
    );
    const system: Principal = {
      kind: 'system',
      id: null,
      role: null,
      collaboratorId: null,
      aggregatorId: null,
    };
    expect((await service.get(system, pending.id)).status).toBe('pending');
  });
});
