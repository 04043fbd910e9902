import { startTestApi, TestApi } from '../../test/harness';

type Caller = 'anonymous' | 'admin' | 'operator' | 'viewer' | 'collaborator' | 'aggregator' | 'apiKey';
const CALLERS: Caller[] = ['anonymous', 'admin', 'operator', 'viewer', 'collaborator', 'aggregator', 'apiKey'];
const EVERYONE: Caller[] = ['admin', 'operator', 'viewer', 'collaborator', 'aggregator', 'apiKey'];
const STAFF: Caller[] = ['admin', 'operator'];

interface Route {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  allowed: Caller[];
  body?: object;
}

/**
 * Every route × every caller. Bodies are deliberately empty: an allowed caller gets past the guard (and then a
 * 2xx/400/404), a refused one gets 403, an anonymous one 401 — nothing is changed by a refused call.
 */
function routes(ids: { user: string; aggregator: string; pkg: string; key: string }): Route[] {
  return [
    { method: 'get', path: '/api/v1/auth/me', allowed: EVERYONE },
    { method: 'post', path: '/api/v1/auth/logout', allowed: EVERYONE, body: {} },
    { method: 'get', path: '/api/v1/users', allowed: ['admin'] },
    { method: 'post', path: '/api/v1/users', allowed: ['admin'], body: {} },
    { method: 'get', path: `/api/v1/users/${ids.user}`, allowed: ['admin'] },
    { method: 'patch', path: `/api/v1/users/${ids.user}`, allowed: ['admin'], body: { name: 1 } },
    { method: 'post', path: `/api/v1/aggregators/${ids.aggregator}/api-keys`, allowed: STAFF, body: { name: 1 } },
    { method: 'get', path: `/api/v1/aggregators/${ids.aggregator}/api-keys`, allowed: STAFF },
    { method: 'delete', path: `/api/v1/api-keys/00000000-0000-4000-8000-000000000000`, allowed: STAFF },
    { method: 'get', path: '/api/v1/regions?parentCode=31.71', allowed: EVERYONE },
    { method: 'get', path: '/api/v1/regions/31.71', allowed: EVERYONE },
    { method: 'post', path: '/api/v1/regions/import', allowed: ['admin'], body: {} },
    { method: 'get', path: '/api/v1/programs', allowed: EVERYONE },
    { method: 'get', path: '/api/v1/programs/PANGAN', allowed: EVERYONE },
    { method: 'post', path: '/api/v1/programs', allowed: STAFF, body: {} },
    { method: 'patch', path: '/api/v1/programs/PANGAN', allowed: STAFF, body: { claimHoldDays: 0 } },
    { method: 'get', path: '/api/v1/programs/PANGAN/packages', allowed: EVERYONE },
    { method: 'post', path: '/api/v1/programs/PANGAN/packages', allowed: STAFF, body: {} },
    { method: 'get', path: `/api/v1/packages/${ids.pkg}`, allowed: EVERYONE },
    { method: 'patch', path: `/api/v1/packages/${ids.pkg}`, allowed: STAFF, body: { unitValueMin: -1 } },
    { method: 'get', path: '/api/v1/audit', allowed: ['admin', 'operator'] },
    { method: 'get', path: '/api/v1/audit/export.csv', allowed: ['admin', 'operator'] },
  ];
}

describe('access control: routes × roles', () => {
  let api: TestApi;
  const headers = new Map<Caller, Record<string, string>>();
  let table: Route[];

  beforeAll(async () => {
    api = await startTestApi();
    for (const role of ['admin', 'operator', 'viewer', 'collaborator', 'aggregator'] as const) {
      headers.set(role, { authorization: `Bearer ${await api.tokenFor(role)}` });
    }
    headers.set('anonymous', {});
    const [{ id: aggregator }] = await api.ds.query(`SELECT id FROM aggregators ORDER BY name LIMIT 1`);
    const key = await api.http
      .post(`/api/v1/aggregators/${aggregator}/api-keys`)
      .set(headers.get('admin') as Record<string, string>)
      .send({ name: 'matrix' });
    expect(key.status).toBe(201);
    headers.set('apiKey', { 'x-api-key': key.body.key });
    const [{ id: user }] = await api.ds.query(`SELECT id FROM users WHERE email = 'viewer@demo.ksbb.id'`);
    const [{ id: pkg }] = await api.ds.query(`SELECT id FROM packages WHERE program_code = 'PANGAN' LIMIT 1`);
    table = routes({ user, aggregator, pkg, key: key.body.id });
  });
  afterAll(() => api.close());

  it('gives each caller exactly what its role allows', async () => {
    const failures: string[] = [];
    for (const route of table) {
      for (const caller of CALLERS) {
        let req = api.http[route.method](route.path).set(headers.get(caller) as Record<string, string>);
        if (route.body) req = req.send(route.body);
        const res = await req;
        const expected = caller === 'anonymous' ? [401] : route.allowed.includes(caller) ? null : [403];
        const ok = expected ? expected.includes(res.status) : ![401, 403].includes(res.status) && res.status < 500;
        if (!ok) failures.push(`${route.method.toUpperCase()} ${route.path} as ${caller}: ${res.status}`);
        if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a revoked API key', async () => {
    const admin = headers.get('admin') as Record<string, string>;
    const [{ id: aggregator }] = await api.ds.query(`SELECT id FROM aggregators ORDER BY name LIMIT 1`);
    const issued = await api.http.post(`/api/v1/aggregators/${aggregator}/api-keys`).set(admin).send({});
    expect((await api.http.get('/api/v1/auth/me').set('x-api-key', issued.body.key)).body).toMatchObject({
      kind: 'api_key',
      aggregator: { id: aggregator },
    });
    const [stored] = await api.ds.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [issued.body.id]);
    expect(stored.key_hash).not.toContain(issued.body.key);
    expect((await api.http.delete(`/api/v1/api-keys/${issued.body.id}`).set(admin)).status).toBe(204);
    expect((await api.http.get('/api/v1/auth/me').set('x-api-key', issued.body.key)).status).toBe(401);
    const listed = await api.http.get(`/api/v1/aggregators/${aggregator}/api-keys`).set(admin);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);
  });
});
