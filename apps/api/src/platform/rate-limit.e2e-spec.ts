import { randomUUID } from 'node:crypto';
import { startTestApi, TestApi } from '../../test/harness';

/**
 * Two API processes (two app instances on one Redis prefix) share one caller's ceiling: each leases part of the
 * window's tokens from Redis and spends them locally, so together they never admit more than the limit, and at most
 * the unspent leases (here 2 × (10 − 1)) fewer — within 10 %.
 */
describe('rate limit across replicas', () => {
  const LIMIT = 400;
  let a: TestApi;
  let b: TestApi;
  beforeAll(async () => {
    const shared = { RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_LEASE_PERCENT: '2.5', REDIS_PREFIX: `rl-${randomUUID()}` };
    [a, b] = await Promise.all([startTestApi(shared), startTestApi(shared)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('admits between 90 % and 100 % of the limit over both instances together', async () => {
    // The window is a calendar minute: don't straddle its boundary.
    const seconds = new Date().getSeconds();
    if (seconds > 40) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
    const statuses: number[] = [];
    // 1.5 × the limit, alternating between the two instances in parallel bursts.
    for (let i = 0; i < (LIMIT * 1.5) / 20; i++) {
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, j) => ((i + j) % 2 ? a : b).http.get('/api/v1/programs').then((r) => r.status)),
      );
      statuses.push(...burst);
    }
    const admitted = statuses.filter((s) => s !== 429).length;
    expect(statuses.filter((s) => s !== 429 && s !== 401)).toEqual([]);
    expect(admitted).toBeLessThanOrEqual(LIMIT);
    expect(admitted).toBeGreaterThanOrEqual(LIMIT * 0.9);
    // both instances refuse once the shared window is spent
    expect((await a.http.get('/api/v1/programs')).status).toBe(429);
    expect((await b.http.get('/api/v1/programs')).status).toBe(429);
  });
});
