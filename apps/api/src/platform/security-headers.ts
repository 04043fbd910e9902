import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * Helmet's headers, computed once at start: the options never vary per request (no CSP nonces, no per-route
 * settings), so @fastify/helmet is run a single time on a throwaway instance and the resulting header object is set by
 * one `onRequest` hook — the same headers, without helmet's two hooks and header building on every request.
 */
export async function securityHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, options);
  probe.get('/', (_request, reply) => reply.send(''));
  const res = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers: Record<string, string> = {};
  const skip = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  for (const [name, value] of Object.entries(res.headers)) {
    if (!skip.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

/** Sets the headers on every response; answers them (the public fast path sends the same). */
export async function registerSecurityHeaders(
  fastify: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<Readonly<Record<string, string>>> {
  const headers = await securityHeaders(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  return headers;
}
