import { Inject, Injectable, Optional } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { REDIS } from '../../redis/redis';

/** How often a process asks Redis whether another process (the worker, a replica) changed the rollups. */
export const ROLLUP_VERSION_POLL_MS = 2_000;

/**
 * A generation number of the rollups, shared by every process through one Redis counter: a fold that moved
 * anything increments it; readers compare it with what they last saw at most every ROLLUP_VERSION_POLL_MS, in the
 * background (never on a request's path). Public bodies built from the rollups are held until it changes.
 * Without Redis the local generation still moves on this process's own folds.
 */
@Injectable()
export class RollupVersion {
  private local = 0;
  private remote: string | null = null;
  private lastPoll = 0;
  private polling = false;

  constructor(
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  private get key(): string {
    return `${this.config?.REDIS_PREFIX ?? 'ksbb'}:rollups:version`;
  }

  /** The generation this process knows; schedules a background check of the shared counter when due. */
  current(): number {
    const now = Date.now();
    if (this.redis && !this.polling && now - this.lastPoll >= ROLLUP_VERSION_POLL_MS) {
      this.lastPoll = now;
      this.polling = true;
      this.redis
        .get(this.key)
        .then((v) => {
          if (v !== this.remote) {
            if (this.remote !== null || v !== null) this.local++;
            this.remote = v;
          }
        })
        .catch(() => undefined)
        .finally(() => {
          this.polling = false;
        });
    }
    return this.local;
  }

  /** The rollups changed here: the next read rebuilds, and the other processes see it within a poll. */
  async changed(): Promise<void> {
    this.local++;
    if (!this.redis) return;
    try {
      this.remote = String(await this.redis.incr(this.key));
    } catch {
      /* Redis away: the others see it when their bodies expire */
    }
  }
}
