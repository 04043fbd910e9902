import { METRICS_AUTH } from '@ksbb/testing';
import { startTestApi, TestApi } from '../../test/harness';

describe('platform', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '40' });
  });
  afterAll(() => api.close());

  it('answers health and metrics outside the base path', async () => {
    expect((await api.http.get('/health/live')).body).toEqual({ status: 'ok', checks: {} });
    const ready = await api.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: 'up', redis: 'up' });
    const metrics = await api.http.get('/metrics').set(METRICS_AUTH);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('ksbb_http_request_duration_seconds');
    expect(metrics.text).toContain('ksbb_api_process_cpu_seconds_total');
  });

  it('gives problem+json for unknown routes, bad JSON and oversize bodies, never a stack', async () => {
    const unknown = await api.http.get('/api/v1/nope');
    expect(unknown.status).toBe(404);
    const badJson = await api.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(badJson.status).toBe(400);
    const huge = await api.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    const notUuid = await api.http.get('/api/v1/users/not-a-uuid').set('authorization', `Bearer ${await api.tokenFor('admin')}`);
    expect(notUuid.status).toBe(400);
    for (const res of [unknown, badJson, huge, notUuid]) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: res.status, detail: expect.any(String) }));
      expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    }
  });

  it('sets security headers and a request id', async () => {
    const res = await api.http.get('/health/live').set('x-request-id', 'req-12345678');
    expect(res.headers['x-request-id']).toBe('req-12345678');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('rate limits per caller with 429 and Retry-After', async () => {
    // The window is a calendar minute: don't straddle its boundary.
    const seconds = new Date().getSeconds();
    if (seconds > 50) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
    const first = await api.http.get('/api/v1/programs');
    expect(first.headers['x-ratelimit-limit']).toBe('40');
    const remaining = Number(first.headers['x-ratelimit-remaining']);
    const statuses: number[] = [];
    for (let i = 0; i < remaining; i++) statuses.push((await api.http.get('/api/v1/programs')).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const over = await api.http.get('/api/v1/programs');
    expect(over.status).toBe(429);
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Health checks are never throttled.
    expect((await api.http.get('/health/live')).status).toBe(200);
  });
});
