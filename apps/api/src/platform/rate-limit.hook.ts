import type { FastifyInstance } from 'fastify';
import { AppConfig, RateLimiter } from '@ksbb/core';
import { problemFor } from './problem';
import { PROBLEM_CONTENT_TYPE } from './problem.filter';

/** The probes, never rate limited. */
export const RATE_LIMIT_EXEMPT = new Set(['/health/live', '/health/ready', '/metrics']);

/** A per-caller ceiling on all requests (per API key, else per IP), counted in Redis so replicas share it. */
export function registerRateLimit(fastify: FastifyInstance, limiter: RateLimiter, config: AppConfig): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (RATE_LIMIT_EXEMPT.has(request.url.split('?')[0])) return;
    const apiKey = request.headers['x-api-key'];
    const caller = typeof apiKey === 'string' && apiKey.length > 17 ? `key:${apiKey.slice(0, 17)}` : `ip:${request.ip}`;
    const d = await limiter.hit(`req:${caller}`, config.RATE_LIMIT_PER_MINUTE, 60);
    reply.header('x-ratelimit-limit', config.RATE_LIMIT_PER_MINUTE).header('x-ratelimit-remaining', d.remaining);
    if (!d.allowed) {
      return reply
        .status(429)
        .header('retry-after', d.retryAfterSeconds)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problemFor(request.headers['accept-language'], 429, 'too many requests; slow down', 'rate_limited'));
    }
  });
}
