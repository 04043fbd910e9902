import { createHmac, randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';
import { demoAggregatorId } from '@ksbb/testing/api';

/**
 * The exact answers of the global guard to every kind of credential: which detail each refusal gives (and that no
 * library's own message shows through), which credential wins when two are sent, what the principal is, and that
 * public routes ignore bad credentials but still know a good one.
 */

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const HS256 = { alg: 'HS256', typ: 'JWT' };
function signJwt(header: object, claims: object, secret: string, alg: 'sha256' | 'sha512' = 'sha256'): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac(alg, secret).update(body).digest('base64url')}`;
}

/** Each refusal has its own stable code too (see libs/core/src/common/problem-codes.ts). */
const CODES: Record<string, string> = {
  'authentication is required': 'unauthenticated',
  'the Authorization header must be "Bearer <token>"': 'authorization_malformed',
  'the access token is invalid or expired': 'access_token_invalid',
  'the API key is invalid': 'api_key_invalid',
};
const refused = (detail: string, instance: string) => ({
  type: 'https://ksbb.jakarta.go.id/problems/unauthorized',
  title: 'Unauthorized',
  status: 401,
  code: CODES[detail],
  detail,
  instance,
});
const MALFORMED = 'the Authorization header must be "Bearer <token>"';
const INVALID_TOKEN = 'the access token is invalid or expired';
const INVALID_KEY = 'the API key is invalid';
const USERS = '/api/v1/users';
const NEEDS = '/api/v1/needs';

describe('credentials at the global guard', () => {
  let api: TestApi;
  let admin: string;
  let claims: Record<string, unknown>;
  let apiKey: string;
  let aggregatorId: string;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_LIMIT_PER_IP: '1000', LOGIN_LIMIT_PER_ACCOUNT: '1000' });
    admin = await api.tokenFor('admin');
    claims = JSON.parse(Buffer.from(admin.split('.')[1], 'base64url').toString());
    aggregatorId = await demoAggregatorId(api.ds);
    const issued = await api.http
      .post(`/api/v1/aggregators/${aggregatorId}/api-keys`)
      .set('authorization', `Bearer ${admin}`)
      .send({ name: 'credentials spec' });
    expect(issued.status).toBe(201);
    apiKey = issued.body.key;
  });
  afterAll(() => api?.close());

  it('answers 401 "authentication is required" to a closed route without credentials', async () => {
    const res = await api.http.get(USERS);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(refused('authentication is required', USERS));
  });

  it('answers a malformed Authorization header with its own detail', async () => {
    for (const header of ['Basic YWRtaW46eA==', 'Bearer', 'Bearer ', `Bearer ${admin} extra`, admin, `Token ${admin}`]) {
      const res = await api.http.get(USERS).set('authorization', header);
      expect({ header, status: res.status, body: res.body }).toEqual({ header, status: 401, body: refused(MALFORMED, USERS) });
    }
    // The scheme is case-insensitive and the separator any whitespace, as before.
    expect((await api.http.get(USERS).set('authorization', `bearer\t${admin}`)).status).toBe(200);
  });

  it('answers every bad bearer token with one generic detail, never the JWT library\'s reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const secret = api.config.JWT_ACCESS_SECRET;
    const { iss: _iss, ...withoutIssuer } = claims;
    const { typ: _typ, ...withoutTyp } = claims;
    const { sub: _sub, ...withoutSub } = claims;
    const { role: _role, ...withoutRole } = claims;
    const tokens: Record<string, string> = {
      garbage: 'garbage',
      'two parts': 'a.b',
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      'empty signature': `${admin.split('.').slice(0, 2).join('.')}.`,
      'another key': signJwt(HS256, claims, 'y'.repeat(48)),
      'the refresh secret': signJwt(HS256, claims, api.config.JWT_REFRESH_SECRET),
      'HS512 with the right secret': signJwt({ alg: 'HS512', typ: 'JWT' }, claims, secret, 'sha512'),
      expired: signJwt(HS256, { ...claims, iat: now - 3600, exp: now - 1 }, secret),
      'not yet valid': signJwt(HS256, { ...claims, nbf: now + 3600 }, secret),
      'another issuer': signJwt(HS256, { ...claims, iss: 'someone-else' }, secret),
      'no issuer': signJwt(HS256, withoutIssuer, secret),
      'a refresh typ': signJwt(HS256, { ...claims, typ: 'refresh' }, secret),
      'no typ': signJwt(HS256, withoutTyp, secret),
      'no subject': signJwt(HS256, withoutSub, secret),
      'no role': signJwt(HS256, withoutRole, secret),
      'role changed, signature kept': `${admin.split('.')[0]}.${b64({ ...claims, role: 'viewer' })}.${admin.split('.')[2]}`,
    };
    for (const [what, token] of Object.entries(tokens)) {
      const res = await api.http.get(USERS).set('authorization', `Bearer ${token}`);
      expect({ what, status: res.status, body: res.body }).toEqual({ what, status: 401, body: refused(INVALID_TOKEN, USERS) });
    }
    // A token this API signed itself with the same claims passes, so the refusals above are the changes' doing.
    expect((await api.http.get(USERS).set('authorization', `Bearer ${signJwt(HS256, claims, secret)}`)).status).toBe(200);
  });

  it('answers a bad API key with its own detail', async () => {
    const keys = ['nonsense', `${apiKey.slice(0, -4)}AAAA`, `ksbb_000000000000_${'A'.repeat(32)}`];
    for (const key of keys) {
      const res = await api.http.get(NEEDS).set('x-api-key', key);
      expect({ key, status: res.status, body: res.body }).toEqual({ key, status: 401, body: refused(INVALID_KEY, NEEDS) });
    }
    expect((await api.http.get(NEEDS).set('x-api-key', apiKey)).status).toBe(200);
  });

  it('judges the Authorization header alone when both credentials are sent; an empty one counts as absent', async () => {
    const bad = await api.http.get(NEEDS).set('authorization', 'Bearer garbage').set('x-api-key', apiKey);
    expect(bad.body).toEqual(refused(INVALID_TOKEN, NEEDS));
    const malformed = await api.http.get(NEEDS).set('authorization', 'Basic eDp5').set('x-api-key', apiKey);
    expect(malformed.body).toEqual(refused(MALFORMED, NEEDS));
    // A good token with a bad key: the key is not looked at.
    expect((await api.http.get(NEEDS).set('authorization', `Bearer ${admin}`).set('x-api-key', 'nonsense')).status).toBe(200);
    expect((await api.http.get(NEEDS).set('authorization', '').set('x-api-key', apiKey)).status).toBe(200);
    expect((await api.http.get(NEEDS).set('x-api-key', '')).body).toEqual(refused('authentication is required', NEEDS));
  });

  it('makes the token or the key the principal of the request', async () => {
    const me = await api.http.get('/api/v1/auth/me').set('authorization', `Bearer ${admin}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', user: { id: claims.sub, email: DEMO_ACCOUNTS.admin }, apiKeyId: null });
    const key = await api.http.get('/api/v1/auth/me').set('x-api-key', apiKey);
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ kind: 'api_key', user: null, roles: ['aggregator'], aggregator: { id: aggregatorId } });
  });

  it('checks the role from the token: 403 with its detail', async () => {
    const viewer = await api.tokenFor('viewer');
    const res = await api.http.get(USERS).set('authorization', `Bearer ${viewer}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      type: 'https://ksbb.jakarta.go.id/problems/forbidden',
      title: 'Forbidden',
      status: 403,
      code: 'role_forbidden',
      detail: 'your role may not do this',
      instance: USERS,
    });
    const key = await api.http.get(USERS).set('x-api-key', apiKey);
    expect(key.status).toBe(403);
  });

  it('ignores bad credentials on a public route, yet records a good one as the actor', async () => {
    // registration is public and audited: its actor is whoever the request's credentials prove, else anonymous
    const register = async (headers: Record<string, string>) => {
      const requestId = `cred-${randomUUID()}`;
      const res = await api.http
        .post('/api/v1/auth/register')
        .set({ ...headers, 'x-request-id': requestId })
        .send({
          email: `${requestId}@example.org`,
          password: 'Rahasia-2020!',
          name: 'Pendaftar',
          collaborator: { type: 'business', name: `PT ${requestId}` },
        });
      const [row] = await api.ds.query(
        `SELECT actor_id AS "actorId", actor_kind AS "actorKind" FROM audit_log WHERE request_id = $1 AND action = 'collaborator.registered'`,
        [requestId],
      );
      return { status: res.status, actor: row };
    };
    const bad: Record<string, string>[] = [
      { authorization: 'Bearer garbage' },
      { authorization: 'Basic eDp5' },
      { 'x-api-key': 'nonsense' },
      { authorization: `Bearer ${signJwt(HS256, { ...claims, typ: 'refresh' }, api.config.JWT_ACCESS_SECRET)}` },
    ];
    for (const headers of bad) {
      expect({ headers, ...(await register(headers)) }).toEqual({ headers, status: 201, actor: { actorId: null, actorKind: 'anonymous' } });
    }
    expect(await register({ authorization: `Bearer ${admin}` })).toEqual({ status: 201, actor: { actorId: claims.sub, actorKind: 'user' } });
    const [key] = await api.ds.query(`SELECT id FROM api_keys WHERE prefix = $1`, [apiKey.split('_')[1]]);
    expect(await register({ 'x-api-key': apiKey })).toEqual({ status: 201, actor: { actorId: key.id, actorKind: 'api_key' } });

    // a login, though, is recorded against the account that logged in, whatever else the request carried
    const [viewer] = await api.ds.query(`SELECT id FROM users WHERE email = $1`, [DEMO_ACCOUNTS.viewer]);
    for (const headers of [{}, { authorization: 'Bearer garbage' }, { authorization: `Bearer ${admin}` }]) {
      const requestId = `cred-${randomUUID()}`;
      const res = await api.http
        .post('/api/v1/auth/login')
        .set({ ...headers, 'x-request-id': requestId })
        .send({ email: DEMO_ACCOUNTS.viewer, password: DEMO_PASSWORD });
      const [row] = await api.ds.query(
        `SELECT actor_id AS "actorId", actor_kind AS "actorKind", actor_role AS "actorRole" FROM audit_log WHERE request_id = $1 AND action = 'auth.login'`,
        [requestId],
      );
      expect({ headers, status: res.status, row }).toEqual({
        headers,
        status: 200,
        row: { actorId: viewer.id, actorKind: 'user', actorRole: 'viewer' },
      });
    }
  });

  it('keeps each app to its own secret and its own database when two run in one process', async () => {
    const other = await startTestApi({ JWT_ACCESS_SECRET: 'z'.repeat(48) });
    try {
      const theirs = await other.tokenFor('admin');
      expect((await other.http.get(USERS).set('authorization', `Bearer ${theirs}`)).status).toBe(200);
      expect((await api.http.get(USERS).set('authorization', `Bearer ${theirs}`)).body).toEqual(refused(INVALID_TOKEN, USERS));
      expect((await api.http.get(USERS).set('authorization', `Bearer ${admin}`)).status).toBe(200);
      expect((await other.http.get(USERS).set('authorization', `Bearer ${admin}`)).status).toBe(401);
      // The key lives in this app's database only.
      expect((await api.http.get(NEEDS).set('x-api-key', apiKey)).status).toBe(200);
      expect((await other.http.get(NEEDS).set('x-api-key', apiKey)).status).toBe(401);
    } finally {
      await other.close();
    }
    expect((await api.http.get(NEEDS).set('x-api-key', apiKey)).status).toBe(200);
    expect((await api.http.get(USERS).set('authorization', `Bearer ${admin}`)).status).toBe(200);
  });
});
