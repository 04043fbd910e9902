import type { FastifyInstance } from 'fastify';
import { RequestContext } from '@ksbb/core';

/**
 * Opens the per-request context (request id, IP, user agent) that services, the audit trail and the logger read —
 * the one AsyncLocalStorage store of a request (nestjs-pino's middleware, which opened a second, is not installed).
 */
export function registerRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    RequestContext.run(
      {
        requestId: String(request.id),
        ip: request.ip ?? null,
        userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
        principal: null,
        http: request.raw,
      },
      done,
    );
  });
}
