import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS } from './redis';

export interface RateDecision {
  allowed: boolean;
  /** hits in this window, this one included (0 when Redis is away) */
  count: number;
  remaining: number;
  retryAfterSeconds: number;
}

/** INCR the window's counter and set its expiry on first hit, atomically. */
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
return {n, ttl}`;

/**
 * Fixed-window counters in Redis, shared by every API replica. Fails open: when Redis is away, requests are
 * allowed (availability of the platform matters more than throttling during the outage).
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(bucket: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const window = Math.floor(Date.now() / 1000 / windowSeconds);
    const key = `${this.config.REDIS_PREFIX}:rl:${bucket}:${window}`;
    try {
      const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, key, windowSeconds)) as [number, number];
      return {
        allowed: count <= limit,
        count,
        remaining: Math.max(0, limit - count),
        retryAfterSeconds: Math.max(1, ttl),
      };
    } catch {
      return { allowed: true, count: 0, remaining: limit, retryAfterSeconds: 0 };
    }
  }

  async reset(bucket: string, windowSeconds: number): Promise<void> {
    const window = Math.floor(Date.now() / 1000 / windowSeconds);
    await this.redis.del(`${this.config.REDIS_PREFIX}:rl:${bucket}:${window}`).catch(() => undefined);
  }
}

/**
 * Takes up to ARGV[2] tokens of a window whose ceiling is ARGV[1] (never past it), sets the expiry on first use and
 * answers {granted, used in the window after this grant, ttl}.
 */
const LEASE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local grant = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - used)
if grant > 0 then
  used = redis.call('INCRBY', KEYS[1], grant)
  if used == grant then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
else
  grant = 0
end
local ttl = redis.call('TTL', KEYS[1])
return {grant, used, ttl}`;

interface Lease {
  window: number;
  /** tokens taken from Redis and not yet spent by this process */
  left: number;
  /** the window's count in Redis after our last lease (other processes' leases included) */
  used: number;
  /** Redis said the window is spent: refuse locally until it ends */
  exhausted: boolean;
  ttl: number;
  pending?: Promise<boolean>;
}

/**
 * A per-process token bucket reconciled with Redis in batches: each process leases `lease` tokens of a caller's
 * fixed window at once (one round trip per lease, not per request) and spends them locally. Redis hands out at most
 * `limit` tokens per window over all processes, so replicas together never admit more than the limit; unspent
 * leases at the window's end are lost, so a caller may be admitted up to `processes × (lease − 1)` fewer requests.
 * With lease 1 it is exactly the per-request counter. Fails open like RateLimiter.
 */
export class LeasedRateLimiter {
  private readonly buckets = new Map<string, Lease>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly windowSeconds: number,
    private readonly lease: number,
  ) {}

  /** Decides one request; synchronous (no promise) while the process still holds tokens of the caller's window. */
  hit(bucket: string): RateDecision | Promise<RateDecision> {
    const window = Math.floor(Date.now() / 1000 / this.windowSeconds);
    let b = this.buckets.get(bucket);
    if (!b || b.window !== window) {
      if (this.buckets.size > 50_000) this.prune(window);
      b = { window, left: 0, used: 0, exhausted: false, ttl: this.windowSeconds };
      this.buckets.set(bucket, b);
    }
    return this.spend(bucket, b);
  }

  private spend(bucket: string, b: Lease): RateDecision | Promise<RateDecision> {
    if (b.left > 0) {
      b.left--;
      return { allowed: true, count: b.used - b.left, remaining: Math.max(0, this.limit - b.used + b.left), retryAfterSeconds: b.ttl };
    }
    if (b.exhausted) return { allowed: false, count: this.limit + 1, remaining: 0, retryAfterSeconds: this.secondsLeft(b) };
    if (!b.pending) {
      b.pending = this.take(bucket, b).finally(() => {
        b.pending = undefined;
      });
    }
    // After a lease the request spends a token like any other — the requests that waited for the same lease may
    // have spent them all, and then it leases again (or is refused once Redis says the window is spent). Only a
    // lease that failed (Redis away) lets it through without a token.
    return b.pending.then((leased) => (leased ? this.spend(bucket, b) : ALLOW_OPEN(this.limit)));
  }

  /** Leases tokens into `b`; false when Redis could not be asked. */
  private async take(bucket: string, b: Lease): Promise<boolean> {
    const key = `${this.prefix}:rl:${bucket}:${b.window}`;
    try {
      const [granted, used, ttl] = (await this.redis.eval(LEASE_SCRIPT, 1, key, this.limit, this.lease, this.windowSeconds)) as [number, number, number];
      b.left += granted;
      b.used = used;
      b.ttl = Math.max(1, ttl);
      if (granted === 0) b.exhausted = true;
      return true;
    } catch {
      // Redis away: the requests waiting for this lease are let through (b.left stays 0)
      return false;
    }
  }

  private secondsLeft(b: Lease): number {
    return Math.max(1, Math.ceil((b.window + 1) * this.windowSeconds - Date.now() / 1000));
  }

  private prune(window: number): void {
    for (const [key, b] of this.buckets) if (b.window !== window && !b.pending) this.buckets.delete(key);
  }
}

const ALLOW_OPEN = (limit: number): RateDecision => ({ allowed: true, count: 0, remaining: limit, retryAfterSeconds: 0 });
