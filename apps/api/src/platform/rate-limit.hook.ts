import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { AppConfig, LeasedRateLimiter, RateDecision } from '@ksbb/core';
import { problemFor } from './problem';
import { PROBLEM_CONTENT_TYPE } from './problem.filter';

/** The probes, never rate limited. */
export const RATE_LIMIT_EXEMPT = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * A per-caller ceiling on all requests (per API key, else per IP), shared by the replicas through Redis. Each process
 * leases RATE_LIMIT_LEASE_PERCENT of the limit at once and counts it down locally (see LeasedRateLimiter): a Redis
 * round trip per lease, not per request, and the replicas together never admit more than the limit.
 */
export function registerRateLimit(fastify: FastifyInstance, redis: Redis, config: AppConfig): LeasedRateLimiter {
  const limit = config.RATE_LIMIT_PER_MINUTE;
  const lease = Math.max(1, Math.floor((limit * config.RATE_LIMIT_LEASE_PERCENT) / 100));
  const limiter = new LeasedRateLimiter(redis, `${config.REDIS_PREFIX}`, limit, 60, lease);
  const limitHeader = String(limit);
  const answer = (request: FastifyRequest, reply: FastifyReply, d: RateDecision): FastifyReply | undefined => {
    reply.header('x-ratelimit-limit', limitHeader).header('x-ratelimit-remaining', d.remaining);
    if (d.allowed) return undefined;
    return reply
      .status(429)
      .header('retry-after', d.retryAfterSeconds)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problemFor(request.headers['accept-language'], 429, 'too many requests; slow down', 'rate_limited'));
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    const q = request.url.indexOf('?');
    if (RATE_LIMIT_EXEMPT.has(q < 0 ? request.url : request.url.slice(0, q))) return done();
    const apiKey = request.headers['x-api-key'];
    const caller = typeof apiKey === 'string' && apiKey.length > 17 ? `key:${apiKey.slice(0, 17)}` : `ip:${request.ip}`;
    const d = limiter.hit(`req:${caller}`);
    // Most requests are decided from the local lease without a promise.
    if (!(d instanceof Promise)) {
      if (!answer(request, reply, d)) done();
      return;
    }
    d.then(
      (decision) => {
        if (!answer(request, reply, decision)) done();
      },
      () => done(),
    );
  });
  return limiter;
}
