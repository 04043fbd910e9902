import type { Params } from 'nestjs-pino';
import { AppConfig } from '@ksbb/core';

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

/** JSON logs (pino) for the worker. nestjs-pino's HTTP middleware stays idle: an application context has no routes. */
export function workerLoggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: 'ksbb-worker', pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
  };
}
