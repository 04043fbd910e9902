import type { Params } from 'nestjs-pino';
import { AppConfig, prettyLogTransport } from '@ksbb/core';

/** Wherever these keys appear in a log object, pino blanks them out: personal data never reaches the logs. */
const REDACT_PATHS = [
  '*.email',
  '*.phone',
  '*.name',
  '*.nik',
  '*.address',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.secret',
];

/** JSON logs (pino) for the worker, readable lines on a terminal (LOG_FORMAT). nestjs-pino's HTTP middleware stays idle: an application context has no routes. */
export function workerLoggerParams(config: AppConfig): Params {
  const transport = prettyLogTransport(config);
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: 'ksbb-worker', pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      ...(transport ? { transport } : {}),
    },
  };
}
