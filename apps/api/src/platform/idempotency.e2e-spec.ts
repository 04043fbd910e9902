import { startTestApi, TestApi } from '../../test/harness';

describe('Idempotency-Key', () => {
  let api: TestApi;
  let auth: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApi();
    auth = { authorization: `Bearer ${await api.tokenFor('operator')}` };
  });
  afterAll(() => api.close());

  const program = (code: string) => ({ code, name: `Program ${code}`, claimHoldDays: 10 });

  it('replays the identical response for the same key and body, and creates once', async () => {
    const first = await api.http.post('/api/v1/programs').set(auth).set('idempotency-key', 'k-1').send(program('IDEM_A'));
    expect(first.status).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    const again = await api.http.post('/api/v1/programs').set(auth).set('idempotency-key', 'k-1').send(program('IDEM_A'));
    expect(again.status).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM programs WHERE code = 'IDEM_A'`)).toEqual([{ n: 1 }]);
    // Key order in the body does not make it a different request.
    const reordered = await api.http
      .post('/api/v1/programs')
      .set(auth)
      .set('idempotency-key', 'k-1')
      .send({ claimHoldDays: 10, name: 'Program IDEM_A', code: 'IDEM_A' });
    expect(reordered.status).toBe(201);
  });

  it('answers 422 when the key is reused with a different body', async () => {
    await api.http.post('/api/v1/programs').set(auth).set('idempotency-key', 'k-2').send(program('IDEM_B'));
    const other = await api.http.post('/api/v1/programs').set(auth).set('idempotency-key', 'k-2').send(program('IDEM_C'));
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM programs WHERE code = 'IDEM_C'`)).toEqual([{ n: 0 }]);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    // Five identical account creations at once: one runs (hashing a password takes a while), the rest must not.
    const admin = { authorization: `Bearer ${await api.tokenFor('admin')}` };
    const body = { email: 'race@example.org', password: 'Rahasia-2020!', name: 'Race', role: 'viewer' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api.http.post('/api/v1/users').set(admin).set('idempotency-key', 'k-race').send(body)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(409);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM users WHERE email = 'race@example.org'`)).toEqual([{ n: 1 }]);
  });

  it('replays a client error too, with its status', async () => {
    const bad = await api.http.post('/api/v1/programs/NOPE/packages').set(auth).set('idempotency-key', 'k-3').send({
      code: 'X1',
      name: 'x',
      unit: 'paket',
      beneficiaryKind: 'household',
    });
    expect(bad.status).toBe(404);
    const replay = await api.http.post('/api/v1/programs/NOPE/packages').set(auth).set('idempotency-key', 'k-3').send({
      code: 'X1',
      name: 'x',
      unit: 'paket',
      beneficiaryKind: 'household',
    });
    expect(replay.status).toBe(404);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(replay.body).toEqual(bad.body);
  });

  it('scopes keys per caller', async () => {
    const admin = { authorization: `Bearer ${await api.tokenFor('admin')}` };
    await api.http.post('/api/v1/programs').set(auth).set('idempotency-key', 'k-4').send(program('IDEM_D'));
    const other = await api.http.post('/api/v1/programs').set(admin).set('idempotency-key', 'k-4').send(program('IDEM_E'));
    expect(other.status).toBe(201);
    expect(other.headers['idempotency-replayed']).toBeUndefined();
  });
});
