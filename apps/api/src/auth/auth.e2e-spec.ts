import { createHmac } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, newUser } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
function signJwt(header: object, claims: object, secret: string): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('auth', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ LOGIN_LIMIT_PER_IP: '1000' });
  });
  afterAll(() => api.close());

  it('rejects a wrong password with 401 problem+json and the same answer for an unknown account', async () => {
    const wrong = await api.http.post('/api/v1/auth/login').send({ email: DEMO_ACCOUNTS.operator, password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    const unknown = await api.http.post('/api/v1/auth/login').send({ email: 'nobody@example.org', password: 'whatever1' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('logs in and describes the caller at /auth/me', async () => {
    const res = await api.http.post('/api/v1/auth/login').send({ email: DEMO_ACCOUNTS.collaborator, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: DEMO_ACCOUNTS.collaborator, role: 'collaborator' } });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await api.http.get('/api/v1/auth/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['collaborator']);
    expect(me.body.collaborator).toMatchObject({ status: 'verified' });
  });

  it('rotates refresh tokens, and re-using a spent one revokes the whole family', async () => {
    const first = await api.login(DEMO_ACCOUNTS.viewer);
    const second = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);

    const reuse = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    // The thief's replay also burns the legitimate successor.
    const successor = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(successor.status).toBe(401);
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const { refreshToken } = await api.login(DEMO_ACCOUNTS.viewer);
    const results = await Promise.all([1, 2].map(() => api.http.post('/api/v1/auth/refresh').send({ refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('logout revokes the session', async () => {
    const { accessToken, refreshToken } = await api.login(DEMO_ACCOUNTS.viewer);
    const out = await api.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${accessToken}`).send({ refreshToken });
    expect(out.status).toBe(204);
    expect((await api.http.post('/api/v1/auth/refresh').send({ refreshToken })).status).toBe(401);
  });

  it('throttles the 11th rapid login attempt on one account with 429 and Retry-After', async () => {
    const user = await newUser(api.ds, 'viewer');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await api.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' });
      statuses.push(r.status);
      if (i === 10) {
        expect(r.headers['retry-after']).toMatch(/^\d+$/);
        expect(r.body.status).toBe(429);
      }
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // Even the right password is refused while throttled.
    const right = await api.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    expect(right.status).toBe(429);
  });

  it('refuses forged, unsigned, foreign-key and expired JWTs', async () => {
    const { accessToken } = await api.login(DEMO_ACCOUNTS.admin);
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const wrongKey = signJwt({ alg: 'HS256', typ: 'JWT' }, claims, 'x'.repeat(40));
    const expired = signJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, api.config.JWT_ACCESS_SECRET);
    for (const token of [none, wrongKey, expired, 'garbage']) {
      const r = await api.http.get('/api/v1/users').set('authorization', `Bearer ${token}`);
      expect(r.status).toBe(401);
    }
    expect((await api.http.get('/api/v1/users').set('authorization', `Bearer ${accessToken}`)).status).toBe(200);
  });

  it('registers a collaborator as pending and refuses a duplicate email', async () => {
    const body = {
      email: 'csr@majubersama.example.org',
      password: 'Rahasia-2020!',
      name: 'Rina Wijaya',
      collaborator: { type: 'business', name: 'PT Maju Bersama', phone: '+62215550123' },
    };
    const res = await api.http.post('/api/v1/auth/register').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ collaboratorStatus: 'pending', user: { role: 'collaborator', email: body.email } });
    const [c] = await api.ds.query(`SELECT status, type, name FROM collaborators WHERE id = $1`, [res.body.collaboratorId]);
    expect(c).toEqual({ status: 'pending', type: 'business', name: 'PT Maju Bersama' });
    const dup = await api.http.post('/api/v1/auth/register').send(body);
    expect(dup.status).toBe(409);
  });

  it('rejects unknown fields with 400 problem+json and stores nothing', async () => {
    const before = await api.ds.query(`SELECT count(*)::int AS n FROM users`);
    const res = await api.http.post('/api/v1/auth/register').send({
      email: 'sneaky@example.org',
      password: 'Rahasia-2020!',
      name: 'Sneaky',
      role: 'admin',
      collaborator: { type: 'business', name: 'PT Sneaky', status: 'verified' },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'role', message: 'is not a known field' },
        { field: 'collaborator.status', message: 'is not a known field' },
      ]),
    );
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM users`)).toEqual(before);
  });

  it('lets an admin deactivate a user, which ends their sessions', async () => {
    const admin = await api.tokenFor('admin');
    const user = await newUser(api.ds, 'viewer');
    const { refreshToken } = await api.login(user.email, user.password);
    const res = await api.http.patch(`/api/v1/users/${user.id}`).set('authorization', `Bearer ${admin}`).send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await api.http.post('/api/v1/auth/refresh').send({ refreshToken })).status).toBe(401);
    expect((await api.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password })).status).toBe(401);
  });
});
