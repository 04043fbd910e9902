import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DatabaseHealth, REDIS } from '@ksbb/core';
import { withTimeout } from '../with-timeout';

export type CheckStatus = 'up' | 'down';
export interface Readiness {
  ready: boolean;
  checks: { database: CheckStatus; redis: CheckStatus };
}

const CHECK_TIMEOUT_MS = 1000;

const check = (probe: Promise<unknown>): Promise<CheckStatus> =>
  withTimeout(probe, CHECK_TIMEOUT_MS).then(
    () => 'up',
    () => 'down',
  );

/** Whether the worker can do its work: PostgreSQL and Redis both answer within a second. */
@Injectable()
export class ReadinessProbe {
  constructor(
    private readonly database: DatabaseHealth,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<Readiness> {
    const [database, redis] = await Promise.all([
      check(this.database.ping()),
      check(this.redis.ping()),
    ]);
    return { ready: database === 'up' && redis === 'up', checks: { database, redis } };
  }
}
