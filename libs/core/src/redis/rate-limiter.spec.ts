import type Redis from 'ioredis';
import { LeasedRateLimiter, RateDecision } from './rate-limiter';

/** Redis's side of LEASE_SCRIPT, answered a tick later like a round trip; `away` makes every call fail. */
function fakeRedis(state: { away: boolean }) {
  const used = new Map<string, number>();
  return {
    used,
    redis: {
      eval: async (_script: string, _keys: number, key: string, limit: number, lease: number, ttl: number) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (state.away) throw new Error('Connection is closed.');
        const now = used.get(key) ?? 0;
        const grant = Math.max(0, Math.min(lease, limit - now));
        used.set(key, now + grant);
        return [grant, now + grant, ttl];
      },
    } as unknown as Redis,
  };
}

/** `total` requests of one caller in bursts of `burst` at once, alternating between the two processes. */
async function burst(limiters: LeasedRateLimiter[], total: number, size: number): Promise<RateDecision[]> {
  const out: RateDecision[] = [];
  for (let i = 0; i < total; i += size)
    out.push(...(await Promise.all(Array.from({ length: size }, (_, j) => Promise.resolve(limiters[(i + j) % limiters.length].hit('req:ip:198.51.100.7'))))));
  return out;
}

describe('LeasedRateLimiter', () => {
  it('admits no more than the limit over two processes when more requests wait for a lease than it holds', async () => {
    const { redis, used } = fakeRedis({ away: false });
    const two = [new LeasedRateLimiter(redis, 't', 600, 60, 6), new LeasedRateLimiter(redis, 't', 600, 60, 6)];
    const decisions = await burst(two, 620, 20);
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBeLessThanOrEqual(600);
    // at most (lease - 1) tokens per process left unspent
    expect(allowed).toBeGreaterThanOrEqual(600 - 2 * 5);
    expect([...used.values()]).toEqual([600]);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.remaining === 0 && d.retryAfterSeconds >= 1)).toBe(true);
  });

  it('lets requests through while Redis is away (fails open)', async () => {
    const { redis } = fakeRedis({ away: true });
    const decisions = await burst([new LeasedRateLimiter(redis, 't', 10, 60, 2)], 40, 20);
    expect(decisions.every((d) => d.allowed)).toBe(true);
  });
});
