import { newUser } from '@ksbb/testing';
import { auth, demoAggregatorId } from '@ksbb/testing/api';
import { startTestApi, TestApi } from '../harness';

/**
 * Idempotency-Key never applies where the answer is a credential: no token pair, API key or webhook secret is stored in
 * the idempotency table, and replaying a spent refresh token with its key meets the reuse detection, not a live pair.
 */
describe('Idempotency-Key on credentials', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_LIMIT_PER_ACCOUNT: '1000', LOGIN_LIMIT_PER_IP: '1000' });
  });
  afterAll(() => api?.close());

  /** Everything the idempotency table holds, as text. */
  const stored = async (): Promise<string> =>
    JSON.stringify(await api.ds.query(`SELECT response_body FROM idempotency_keys`));

  it('a spent refresh token replayed with its key is refused and revokes the session, instead of returning a live pair', async () => {
    const user = await newUser(api.ds, 'viewer');
    const login = await api.http
      .post('/api/v1/auth/login')
      .set('idempotency-key', 'login-1')
      .send({ email: user.email, password: user.password });
    expect(login.status).toBe(200);
    const refresh = () =>
      api.http
        .post('/api/v1/auth/refresh')
        .set('idempotency-key', 'refresh-1')
        .send({ refreshToken: login.body.refreshToken });
    const first = await refresh();
    expect(first.status).toBe(200);

    const replay = await refresh();
    expect(replay.status).toBe(401);
    expect(replay.headers['idempotency-replayed']).toBeUndefined();
    expect(replay.body.accessToken).toBeUndefined();
    // The reuse detection revoked the family: the pair the first refresh handed out is dead too.
    expect(
      (await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken })).status,
    ).toBe(401);

    const secrets = await stored();
    for (const token of [
      login.body.accessToken,
      login.body.refreshToken,
      first.body.accessToken,
      first.body.refreshToken,
    ]) {
      expect(secrets).not.toContain(token);
    }
  });

  it('a login replayed with its key signs in again (a new pair), storing neither pair', async () => {
    const user = await newUser(api.ds, 'viewer');
    const login = () =>
      api.http
        .post('/api/v1/auth/login')
        .set('idempotency-key', 'login-2')
        .send({ email: user.email, password: user.password });
    const [a, b] = [await login(), await login()];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.headers['idempotency-replayed']).toBeUndefined();
    expect(b.body.refreshToken).not.toBe(a.body.refreshToken);
    const secrets = await stored();
    for (const token of [a.body.accessToken, a.body.refreshToken, b.body.accessToken, b.body.refreshToken]) {
      expect(secrets).not.toContain(token);
    }
  });

  it('an issued API key and a webhook secret are never stored in the idempotency table', async () => {
    const admin = auth(await api.tokenFor('admin'));
    const aggregator = await demoAggregatorId(api.ds);
    const key = await api.http
      .post(`/api/v1/aggregators/${aggregator}/api-keys`)
      .set(admin)
      .set('idempotency-key', 'key-1')
      .send({ name: 'idempotent' });
    expect(key.status).toBe(201);
    const hook = await api.http
      .post('/api/v1/webhooks')
      .set(admin)
      .set('idempotency-key', 'hook-1')
      .send({ url: 'https://93.184.215.14/hook', events: ['handover.verified'] });
    expect(hook.status).toBe(201);
    const secrets = await stored();
    expect(secrets).not.toContain(String(key.body.key));
    expect(secrets).not.toContain(String(hook.body.secret));
  });
});
