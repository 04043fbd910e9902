import { AggregatorsService, AGGREGATORS, InvalidInputError } from '@ksbb/core';
import { newAggregator } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';

type Headers = Record<string, string>;
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });

describe('aggregators', () => {
  let api: TestApi;
  let operator: Headers;
  let callers: [string, Headers][];
  let dompetDhuafaId: string;

  beforeAll(async () => {
    api = await startTestApi();
    operator = bearer(await api.tokenFor('operator'));
    const aggregator = bearer(await api.tokenFor('aggregator'));
    dompetDhuafaId = (await api.http.get('/api/v1/auth/me').set(aggregator)).body.aggregator.id;
    const key = await api.http
      .post(`/api/v1/aggregators/${dompetDhuafaId}/api-keys`)
      .set(operator)
      .send({ name: 'e2e' });
    callers = [
      ['admin', bearer(await api.tokenFor('admin'))],
      ['operator', operator],
      ['viewer', bearer(await api.tokenFor('viewer'))],
      ['collaborator', bearer(await api.tokenFor('collaborator'))],
      ['aggregator', aggregator],
      ['apiKey', { 'x-api-key': key.body.key }],
    ];
  });
  afterAll(() => api.close());

  const valid = (name: string): object => ({
    name,
    programCodes: ['PANGAN', 'PENDIDIKAN'],
    regionCodes: ['31.71', '31.72.01'],
    email: 'ksbb@uji.example.org',
    phone: '+62 21 5550 7777',
  });

  it('lets every authenticated caller read the eight seeded aggregators, filtered and paginated', async () => {
    for (const [who, headers] of callers) {
      const res = await api.http.get('/api/v1/aggregators').set(headers);
      expect({ who, status: res.status, total: res.body.meta?.total }).toEqual({
        who,
        status: 200,
        total: AGGREGATORS.length,
      });
    }
    expect(AGGREGATORS).toHaveLength(8);
    const names = (await api.http.get('/api/v1/aggregators?limit=100').set(operator)).body.data.map(
      (a: { name: string }) => a.name,
    );
    expect(names).toEqual(AGGREGATORS.map((a) => a.name).sort((a, b) => (a < b ? -1 : 1)));

    const education = await api.http.get('/api/v1/aggregators?program=PENDIDIKAN').set(operator);
    expect(education.body.data.map((a: { name: string }) => a.name).sort()).toEqual(
      AGGREGATORS.filter((a) => a.programCodes.includes('PENDIDIKAN'))
        .map((a) => a.name)
        .sort(),
    );
    expect(
      (await api.http.get('/api/v1/aggregators?q=zakat').set(operator)).body.data.map(
        (a: { name: string }) => a.name,
      ),
    ).toEqual(['Rumah Zakat']);
    const page2 = await api.http.get('/api/v1/aggregators?limit=3&page=3').set(operator);
    expect(page2.body).toMatchObject({ meta: { total: 8, page: 3, limit: 3 } });
    expect(page2.body.data).toHaveLength(2);
    expect((await api.http.get('/api/v1/aggregators?status=inactive').set(operator)).body.meta.total).toBe(0);
    expect((await api.http.get('/api/v1/aggregators?status=gone').set(operator)).status).toBe(400);
    expect((await api.http.get('/api/v1/aggregators')).status).toBe(401);
  });

  it('returns one aggregator with its ETag, and 404 for an unknown id', async () => {
    const res = await api.http.get(`/api/v1/aggregators/${dompetDhuafaId}`).set(callers[3][1]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: dompetDhuafaId,
      name: 'Dompet Dhuafa',
      programCodes: ['PANGAN', 'UMKM', 'PENDIDIKAN'],
      regionCodes: ['31'],
      email: expect.any(String),
      phone: expect.any(String),
      status: 'active',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.headers.etag).toBe('"1"');
    expect(
      (await api.http.get('/api/v1/aggregators/00000000-0000-4000-8000-000000000000').set(operator)).status,
    ).toBe(404);
    expect((await api.http.get('/api/v1/aggregators/not-a-uuid').set(operator)).status).toBe(400);
  });

  it('lets Pokja register an aggregator, audited, active by default', async () => {
    const res = await api.http.post('/api/v1/aggregators').set(operator).send(valid('Yayasan Uji Salur'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Yayasan Uji Salur',
      programCodes: ['PANGAN', 'PENDIDIKAN'],
      regionCodes: ['31.71', '31.72.01'],
      status: 'active',
      version: 1,
    });
    const [audit] = await api.ds.query(
      `SELECT actor_role, after FROM audit_log WHERE action = 'aggregator.created' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit).toMatchObject({ actor_role: 'operator', after: { name: 'Yayasan Uji Salur' } });
    expect((await api.http.get('/api/v1/aggregators').set(operator)).body.meta.total).toBe(9);
  });

  it('refuses unknown program and region codes with 400 field errors, storing nothing', async () => {
    const unknownProgram = await api.http
      .post('/api/v1/aggregators')
      .set(operator)
      .send({ ...valid('Yayasan Kode Salah'), programCodes: ['PANGAN', 'KESEHATAN'] });
    expect(unknownProgram.status).toBe(400);
    expect(unknownProgram.body.errors).toEqual([
      { field: 'programCodes', message: 'program KESEHATAN does not exist' },
    ]);
    const unknownRegion = await api.http
      .post('/api/v1/aggregators')
      .set(operator)
      .send({ ...valid('Yayasan Kode Salah'), regionCodes: ['31.71', '31.99'] });
    expect(unknownRegion.status).toBe(400);
    expect(unknownRegion.body.errors).toEqual([
      { field: 'regionCodes', message: 'region 31.99 does not exist' },
    ]);
    for (const body of [
      { ...valid('Yayasan Kode Salah'), programCodes: [] },
      { ...valid('Yayasan Kode Salah'), programCodes: ['pangan'] },
      { ...valid('Yayasan Kode Salah'), programCodes: undefined },
      { ...valid('Yayasan Kode Salah'), status: 'deleted' },
      { ...valid('Yayasan Kode Salah'), id: dompetDhuafaId },
      { ...valid('Yayasan Kode Salah'), version: 5 },
      { ...valid('Yayasan Kode Salah'), email: 'not-an-email' },
      { ...valid('Yayasan Kode Salah'), name: null },
    ]) {
      const res = await api.http.post('/api/v1/aggregators').set(operator).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect(
      (await api.ds.query(`SELECT count(*)::int AS n FROM aggregators WHERE name = 'Yayasan Kode Salah'`))[0]
        .n,
    ).toBe(0);
  });

  it('refuses a duplicate name, whatever its case, with 409', async () => {
    const dup = await api.http.post('/api/v1/aggregators').set(operator).send(valid('dompet dhuafa'));
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toMatch(/already exists/);
    const other = await newAggregator(api.ds);
    const rename = await api.http
      .patch(`/api/v1/aggregators/${other.id}`)
      .set(operator)
      .send({ name: 'Rumah Zakat' });
    expect(rename.status).toBe(409);
    expect((await api.http.get(`/api/v1/aggregators/${other.id}`).set(operator)).body.name).toBe(other.name);
  });

  it('lets only admins and operators create or change aggregators (403, nothing changed)', async () => {
    for (const [who, headers] of callers.filter(([w]) => !['admin', 'operator'].includes(w))) {
      const post = await api.http
        .post('/api/v1/aggregators')
        .set(headers)
        .send(valid(`Yayasan ${who}`));
      const patch = await api.http
        .patch(`/api/v1/aggregators/${dompetDhuafaId}`)
        .set(headers)
        .send({ status: 'inactive' });
      expect({ who, post: post.status, patch: patch.status }).toEqual({ who, post: 403, patch: 403 });
    }
    const [row] = await api.ds.query(`SELECT status, version FROM aggregators WHERE id = $1`, [
      dompetDhuafaId,
    ]);
    expect(row).toEqual({ status: 'active', version: 1 });
    const admin = await api.http.post('/api/v1/aggregators').set(callers[0][1]).send(valid('Yayasan Admin'));
    expect(admin.status).toBe(201);
  });

  it('updates with If-Match: a stale version is 412, unknown codes 400, mass assignment 400', async () => {
    const { id } = await newAggregator(api.ds, { programCodes: ['PANGAN'] });
    const patched = await api.http
      .patch(`/api/v1/aggregators/${id}`)
      .set(operator)
      .set('if-match', '"1"')
      .send({ programCodes: ['PANGAN', 'UMKM', 'PANGAN'], regionCodes: ['31.74'], phone: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      programCodes: ['PANGAN', 'UMKM'],
      regionCodes: ['31.74'],
      phone: null,
      version: 2,
    });
    expect(patched.headers.etag).toBe('"2"');
    const stale = await api.http
      .patch(`/api/v1/aggregators/${id}`)
      .set(operator)
      .set('if-match', '"1"')
      .send({ status: 'inactive' });
    expect(stale.status).toBe(412);
    const unknown = await api.http
      .patch(`/api/v1/aggregators/${id}`)
      .set(operator)
      .send({ programCodes: ['NOPE'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('programCodes');
    for (const body of [
      { id: dompetDhuafaId },
      { createdAt: '2020-01-01T00:00:00Z' },
      { status: null },
      { programCodes: null },
    ]) {
      const res = await api.http.patch(`/api/v1/aggregators/${id}`).set(operator).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const [row] = await api.ds.query(`SELECT status, program_codes, version FROM aggregators WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ status: 'active', program_codes: ['PANGAN', 'UMKM'], version: 2 });
    expect(
      (
        await api.http
          .patch('/api/v1/aggregators/00000000-0000-4000-8000-000000000000')
          .set(operator)
          .send({ phone: null })
      ).status,
    ).toBe(404);
  });

  it('lets other modules require an active aggregator serving the program', async () => {
    const service = api.app.get(AggregatorsService);
    const { id } = await newAggregator(api.ds, { programCodes: ['PANGAN'] });
    await expect(service.assertServes(undefined, id, 'PANGAN')).resolves.toBeUndefined();
    const notServing = service.assertServes(undefined, id, 'UMKM');
    await expect(notServing).rejects.toThrow(InvalidInputError);
    await expect(notServing).rejects.toMatchObject({
      message: 'the aggregator does not serve this program',
      errors: [{ field: 'aggregatorId', message: 'does not serve UMKM' }],
    });
    const off = await api.http.patch(`/api/v1/aggregators/${id}`).set(operator).send({ status: 'inactive' });
    expect(off.body.status).toBe('inactive');
    await expect(service.assertServes(undefined, id, 'PANGAN')).rejects.toMatchObject({
      errors: [{ field: 'aggregatorId', message: 'is inactive' }],
    });
    await expect(
      service.assertServes(undefined, '00000000-0000-4000-8000-000000000000', 'PANGAN'),
    ).rejects.toThrow(InvalidInputError);
  });
});
