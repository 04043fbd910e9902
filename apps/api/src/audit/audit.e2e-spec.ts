import { startTestApi, TestApi } from '../../test/harness';

describe('audit trail', () => {
  let api: TestApi;
  let admin: Record<string, string>;
  beforeAll(async () => {
    api = await startTestApi();
    admin = { authorization: `Bearer ${await api.tokenFor('admin')}` };
  });
  afterAll(() => api.close());

  const auditCount = async (action: string): Promise<number> =>
    (await api.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]))[0].n;

  it('leaves an audit row, with actor and before → after, for every mutation', async () => {
    const [{ id: aggregator }] = await api.ds.query(`SELECT id FROM aggregators LIMIT 1`);
    const [{ id: pkg }] = await api.ds.query(`SELECT id FROM packages WHERE program_code = 'PANGAN' LIMIT 1`);
    let userId = '';
    let keyId = '';
    const mutations: [string, () => Promise<{ status: number; body: Record<string, unknown> }>][] = [
      ['user.created', () => api.http.post('/api/v1/users').set(admin).send({ email: 'audit@example.org', password: 'Rahasia-2020!', name: 'A', role: 'viewer' })],
      ['user.updated', () => api.http.patch(`/api/v1/users/${userId}`).set(admin).send({ name: 'B' })],
      ['program.created', () => api.http.post('/api/v1/programs').set(admin).send({ code: 'AUDIT_P', name: 'Audit' })],
      ['program.updated', () => api.http.patch('/api/v1/programs/AUDIT_P').set(admin).send({ status: 'open' })],
      ['package.created', () => api.http.post('/api/v1/programs/AUDIT_P/packages').set(admin).send({ code: 'PK', name: 'Pk', unit: 'paket', beneficiaryKind: 'household' })],
      ['package.updated', () => api.http.patch(`/api/v1/packages/${pkg}`).set(admin).send({ name: 'Paket sembako (revisi)' })],
      ['api_key.created', () => api.http.post(`/api/v1/aggregators/${aggregator}/api-keys`).set(admin).send({ name: 'k' })],
      ['api_key.revoked', () => api.http.delete(`/api/v1/api-keys/${keyId}`).set(admin)],
      ['region.imported', () => api.http.post('/api/v1/regions/import').set(admin).set('content-type', 'text/csv').send('code,level,parent_code,name,lon,lat\n31.71.01.1001.RW99,rw,31.71.01.1001,RW 99,,\n')],
      ['auth.login', () => api.http.post('/api/v1/auth/login').send({ email: 'audit@example.org', password: 'Rahasia-2020!' })],
      ['collaborator.registered', () => api.http.post('/api/v1/auth/register').send({ email: 'reg@example.org', password: 'Rahasia-2020!', name: 'R', collaborator: { type: 'business', name: 'PT R' } })],
    ];
    for (const [action, run] of mutations) {
      const before = await auditCount(action);
      const res = await run();
      expect(res.status).toBeLessThan(300);
      if (action === 'user.created') userId = res.body.id as string;
      if (action === 'api_key.created') keyId = res.body.id as string;
      expect({ action, rows: (await auditCount(action)) - before }).toEqual({ action, rows: 1 });
    }
    const [row] = await api.ds.query(
      `SELECT a.actor_id, a.actor_role, a.before, a.after, a.ip, a.request_id FROM audit_log a WHERE action = 'user.updated'`,
    );
    expect(row.actor_role).toBe('admin');
    expect(row.before.name).toBe('A');
    expect(row.after.name).toBe('B');
    expect(row.after.passwordHash).toBeUndefined();
    expect(row.ip).toBeTruthy();
    expect(row.request_id).toBeTruthy();
  });

  it('lists and filters the trail for admins', async () => {
    const res = await api.http.get('/api/v1/audit?entity=program&entityId=AUDIT_P&sort=at').set(admin);
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { action: string }) => r.action)).toEqual(['program.created', 'program.updated']);
    expect(res.body.meta).toEqual({ total: 2, page: 1, limit: 20 });
    expect((await api.http.get('/api/v1/audit?sort=password').set(admin)).status).toBe(400);
  });

  it('a refused request changes nothing and leaves no mutation row', async () => {
    const total = async () => (await api.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    const before = await total();
    const res = await api.http.post('/api/v1/programs').set(admin).send({ code: 'bad code', name: '' });
    expect(res.status).toBe(400);
    expect(await total()).toBe(before);
  });
});
