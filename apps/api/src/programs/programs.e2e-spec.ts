import { startTestApi, TestApi } from '../../test/harness';

describe('programs and packages', () => {
  let api: TestApi;
  let operator: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApi();
    operator = { authorization: `Bearer ${await api.tokenFor('operator')}` };
  });
  afterAll(() => api.close());

  it('lists the six KSBB programs', async () => {
    const res = await api.http.get('/api/v1/programs').set(operator);
    expect(res.status).toBe(200);
    expect(res.body.map((p: { code: string }) => p.code).sort()).toEqual(
      ['PANGAN', 'PENDIDIKAN', 'PERMUKIMAN', 'PERSAMPAHAN', 'TENAGA_KERJA', 'UMKM'],
    );
  });

  it('adds a program and its packages as data, with ETag and If-Match', async () => {
    const created = await api.http.post('/api/v1/programs').set(operator).send({ code: 'KESEHATAN', name: 'Kesehatan', claimHoldDays: 7 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, claimHoldDays: 7 });
    const got = await api.http.get('/api/v1/programs/KESEHATAN').set(operator);
    expect(got.headers.etag).toBe('"1"');
    const patched = await api.http.patch('/api/v1/programs/KESEHATAN').set(operator).set('if-match', '"1"').send({ status: 'open' });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    const stale = await api.http.patch('/api/v1/programs/KESEHATAN').set(operator).set('if-match', '"1"').send({ status: 'closed' });
    expect(stale.status).toBe(412);
    expect((await api.http.get('/api/v1/programs/KESEHATAN').set(operator)).body.status).toBe('open');

    const pkg = await api.http.post('/api/v1/programs/KESEHATAN/packages').set(operator).send({
      code: 'ALKES',
      name: 'Alat kesehatan',
      unit: 'paket',
      unitValueMin: 100000,
      unitValueMax: 500000,
      beneficiaryKind: 'household',
    });
    expect(pkg.status).toBe(201);
    const dup = await api.http.post('/api/v1/programs/KESEHATAN/packages').set(operator).send({ code: 'ALKES', name: 'x', unit: 'paket', beneficiaryKind: 'household' });
    expect(dup.status).toBe(409);
    const bad = await api.http.patch(`/api/v1/packages/${pkg.body.id}`).set(operator).send({ unitValueMax: 1 });
    expect(bad.status).toBe(400);
    expect((await api.http.get('/api/v1/programs/KESEHATAN/packages').set(operator)).body).toHaveLength(1);
  });

  it('validates program input', async () => {
    for (const body of [{ code: 'lower', name: 'x' }, { code: 'OK_CODE', name: 'x', claimHoldDays: 0 }, { code: 'OK_CODE', name: 'x', opensAt: 'not a date' }]) {
      const res = await api.http.post('/api/v1/programs').set(operator).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    const window = await api.http.post('/api/v1/programs').set(operator).send({ code: 'WIN', name: 'w', opensAt: '2021-03-02T00:00:00Z', closesAt: '2021-01-01T00:00:00Z' });
    expect(window.status).toBe(400);
  });
});
