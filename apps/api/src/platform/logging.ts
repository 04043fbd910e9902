import { RequestMethod } from '@nestjs/common';
import { hostname } from 'node:os';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig, prettyLogTransport } from '@ksbb/core';

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

/**
 * `destination`: where the JSON lines go (stdout when absent); the tests hand in a stream to read the logs.
 * Without one, LOG_FORMAT may turn stdout into readable lines (pino-pretty); redaction applies before either.
 */
export function loggerOptions(config: AppConfig, destination?: DestinationStream): Params {
  const pinoHttp: Options = {
    level: config.LOG_LEVEL,
    formatters: { log: redactLine },
    // Fastify assigns the id (taken from X-Request-Id when the caller sends one).
    genReqId: (req) => (req as unknown as { id: string }).id,
    // once for the process, not a child logger per request
    base: { pid: process.pid, hostname: hostname(), service: 'ksbb-api' },
    serializers: {
      // the status only: response headers may carry cookies
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Query strings may carry search terms typed by people; log the path only.
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        path: String(req.url).split('?')[0],
        remoteAddress: req.remoteAddress,
      }),
    },
    autoLogging: { ignore: (req) => ['/health/live', '/health/ready', '/metrics'].includes(String(req.url)) },
  };
  // Every route, in path-to-regexp 8's syntax (nestjs-pino's default `*` makes Nest warn on each start).
  const forRoutes = [{ path: '{*path}', method: RequestMethod.ALL }];
  if (destination) return { pinoHttp: [pinoHttp, destination], forRoutes };
  const transport = prettyLogTransport(config);
  return { pinoHttp: transport ? { ...pinoHttp, transport } : pinoHttp, forRoutes };
}
