import { hostname } from 'node:os';
import type { Params } from 'nestjs-pino';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { AppConfig, prettyLogTransport, RequestContext } from '@ksbb/core';

/** Field names whose values never reach the logs, at any depth (REDACT_PATHS as names). */
const REDACT_KEYS = new Set(['authorization', 'x-api-key', 'cookie', 'set-cookie', 'password', 'passwordHash', 'refreshToken', 'accessToken', 'nik', 'phone', 'email', 'key', 'secret']);
/** …and inside these arrays, the elements' names too (the recipients of a BAST are private persons). */
const REDACT_IN_ARRAYS: Record<string, Set<string>> = { recipients: new Set(['name', 'nik']) };
const CENSOR = '[redacted]';

/** A copy of `value` with the REDACT_KEYS blanked, made only where something is blanked (copy on write). */
function redacted(value: unknown, depth: number, extra?: Set<string>): unknown {
  if (depth > 10 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const r = redacted(v, depth + 1, extra);
      if (r !== v) (out ??= [...value])[i] = r;
    });
    return out ?? value;
  }
  // Dates, buffers, class instances: as they are (errors reach the logs as plain objects, see describeError).
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const r = REDACT_KEYS.has(k) || extra?.has(k) ? CENSOR : redacted(v, depth + 1, REDACT_IN_ARRAYS[k]);
    if (r !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = r;
  }
  return out ?? value;
}

/**
 * The access line of each response is `{req, res, responseTime}`, whose serializers below keep only id, method,
 * path, address and status: nothing to redact, so it is written as is (pino's `redact` with wildcard paths cost
 * every line a walk and a copy — a quarter of a cheap request's CPU). Every other line (errors, the services' own
 * lines, which may carry bodies or credentials) is redacted by field name at any depth.
 */
export function redactLine(obj: Record<string, unknown>): Record<string, unknown> {
  for (const k in obj) {
    if (k !== 'req' && k !== 'res' && k !== 'responseTime') return redacted(obj, 0) as Record<string, unknown>;
  }
  return obj;
}

/** The request fields every line of a request carries, and the access line: never headers, query or body. */
interface LoggedRequest {
  id: string;
  method: string;
  path: string;
  remoteAddress: string | undefined;
}

type RequestLike = { id?: unknown; method?: string; url?: string; path?: string; remoteAddress?: string; socket?: { remoteAddress?: string } };

/** `req` as logged, whatever request object it is given (a raw IncomingMessage, a FastifyRequest or a LoggedRequest). */
function loggedRequest(req: RequestLike): LoggedRequest {
  return {
    id: String(req.id),
    method: String(req.method),
    // Query strings may carry search terms typed by people; log the path only.
    path: req.path ?? String(req.url).split('?')[0],
    remoteAddress: req.remoteAddress ?? req.socket?.remoteAddress,
  };
}

/**
 * Log correlation without a child logger per request: every line written inside a request's context (see
 * request-context.hook.ts) carries `req` ({@link LoggedRequest}) — built only when a line is actually written, so a
 * request that logs nothing (the access line below the level) pays nothing. A line that names its own `req` keeps it.
 */
function requestOfLine(obj: object): Record<string, unknown> {
  if ('req' in obj) return {};
  const store = RequestContext.current();
  const raw = store?.http;
  if (!store || !raw) return {};
  return { req: loggedRequest({ id: store.requestId, method: raw.method, url: raw.url, socket: raw.socket }) };
}

/**
 * The API's one pino logger. `destination`: where the JSON lines go (stdout when absent); the tests hand in a stream
 * to read the logs. Without one, LOG_FORMAT may turn stdout into readable lines (pino-pretty); redaction applies
 * before either.
 */
export function createApiLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    formatters: { log: redactLine },
    // once for the process, not a child logger per request
    base: { pid: process.pid, hostname: hostname(), service: 'ksbb-api' },
    mixin: requestOfLine,
    serializers: {
      // the status only: response headers may carry cookies
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      req: loggedRequest,
    },
  };
  if (destination) return pino(options, destination);
  const transport = prettyLogTransport(config);
  return pino(transport ? { ...options, transport } : options);
}

/**
 * nestjs-pino with our logger and without its HTTP middleware (no `forRoutes`): its pino-http built a child logger
 * and opened a second AsyncLocalStorage store on every request, even with the access line below the level.
 * Correlation comes from the request context instead ({@link requestOfLine}), the access line from
 * {@link registerAccessLog}.
 */
export function loggerOptions(logger: Logger): Params {
  return { pinoHttp: { logger }, useExisting: true, forRoutes: [] };
}

/** Health checks and scrapes: no access line (as pino-http's autoLogging.ignore did). */
const NOT_LOGGED = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * One access line per response, as pino-http wrote it: `{req, res: {statusCode}, responseTime}` with
 * "request completed", "request errored" with an `err` for a 5xx, or "request aborted" when the caller left before
 * the answer was sent. Not registered at all when the level hides info lines (LOG_LEVEL=warn or above, as the bench runs):
 * no per-request cost then.
 */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  if (!logger.isLevelEnabled('info')) return;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (NOT_LOGGED.has(request.url)) return done();
    // 'close' ends every response, sent or not (pino-http listened to it as well)
    reply.raw.once('close', () => {
      const statusCode = reply.raw.statusCode;
      const line: Record<string, unknown> = {
        req: loggedRequest({ id: request.id, method: request.method, url: request.url, socket: request.raw.socket }),
        res: { statusCode },
        responseTime: Math.round(reply.elapsedTime),
      };
      if (!reply.raw.writableFinished) {
        logger.info(line, 'request aborted');
      } else if (statusCode >= 500) {
        line.err = new Error(`failed with status code ${statusCode}`);
        logger.info(line, 'request errored');
      } else {
        logger.info(line, 'request completed');
      }
    });
    done();
  });
}
