import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig, prettyLogTransport } from '@ksbb/core';

/** Paths pino blanks out wherever they appear: credentials and personal data never reach the logs. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.refreshToken',
  '*.accessToken',
  '*.nik',
  '*.phone',
  '*.email',
  '*.key',
  '*.secret',
  '*.recipients[*].nik',
  '*.recipients[*].name',
];

/**
 * `destination`: where the JSON lines go (stdout when absent); the tests hand in a stream to read the logs.
 * Without one, LOG_FORMAT may turn stdout into readable lines (pino-pretty); redaction applies before either.
 */
export function loggerOptions(config: AppConfig, destination?: DestinationStream): Params {
  const pinoHttp: Options = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Fastify assigns the id (taken from X-Request-Id when the caller sends one).
    genReqId: (req) => (req as unknown as { id: string }).id,
    customProps: () => ({ service: 'ksbb-api' }),
    serializers: {
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
