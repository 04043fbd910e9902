import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS } from '../redis/redis';
import { SessionState, UsersRepository } from './users.repository';

/** A cached state is used at most this long, even when no invalidation arrives (a lost message, a partition). */
const MAX_AGE_MS = 10_000;
/** Accounts kept in memory per replica; the oldest goes first. */
const MAX_ENTRIES = 50_000;

interface Entry {
  state: SessionState | null;
  at: number;
}

/**
 * The accounts' session state as the guard checks every access token against it (session version, active, role and
 * organisations), kept in a small in-process cache so an authenticated request costs no query.
 *
 * Whoever ends an account's sessions (`ended`) publishes its id on the Redis channel `<prefix>:sessions`; every
 * replica listens and drops its entry, so the change holds everywhere within moments. The cache is trusted only while
 * this replica is subscribed: before the subscription is up, and from a lost connection until it is back, every check
 * reads the database (and the cache is emptied on each reconnection, since invalidations may have been missed).
 * A read that raced with an invalidation is not cached. The subscription opens on first use, so a process that never
 * checks a token (the worker) never opens it.
 */
@Injectable()
export class AccountSessions implements OnModuleDestroy {
  private readonly logger = new Logger(AccountSessions.name);
  private readonly channel: string;
  private readonly cache = new Map<string, Entry>();
  private subscriber: Redis | null = null;
  private listening = false;
  /** Counts invalidations: a database read that saw another one arrive meanwhile may be stale and is not cached. */
  private epoch = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    this.channel = `${config.REDIS_PREFIX}:sessions`;
  }

  /** The account as it is now, or null when it does not exist. */
  async state(userId: string): Promise<SessionState | null> {
    if (!this.subscriber) this.listen();
    const hit = this.listening ? this.cache.get(userId) : undefined;
    if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.state;
    const epoch = this.epoch;
    const state = await this.users.sessionState(userId);
    if (this.listening && epoch === this.epoch) {
      this.cache.delete(userId);
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(userId, { state, at: Date.now() });
    }
    return state;
  }

  /**
   * Tells every replica that the account's sessions ended (call after the change is committed). A Redis outage is
   * logged, not raised: replicas that lost Redis read the database until they are subscribed again.
   */
  async ended(userId: string): Promise<void> {
    this.forget(userId);
    try {
      await this.redis.publish(this.channel, userId);
    } catch (e) {
      this.logger.warn(`could not publish the end of a session: ${(e as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    this.listening = false;
    this.subscriber?.disconnect();
  }

  private forget(userId: string): void {
    this.epoch++;
    this.cache.delete(userId);
  }

  private listen(): void {
    const sub = this.redis.duplicate({
      autoResubscribe: false,
      enableOfflineQueue: false,
      lazyConnect: false,
    });
    this.subscriber = sub;
    sub.on('error', () => undefined);
    sub.on('message', (channel: string, userId: string) => {
      if (channel === this.channel) this.forget(userId);
    });
    sub.on('close', () => {
      this.listening = false;
      this.cache.clear();
    });
    sub.on('ready', () => {
      sub.subscribe(this.channel).then(
        () => {
          this.cache.clear();
          this.epoch++;
          this.listening = true;
        },
        (e: Error) => this.logger.warn(`could not subscribe to ${this.channel}: ${e.message}`),
      );
    });
  }
}
