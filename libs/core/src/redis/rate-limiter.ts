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
