import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../config/config';
import { TooManyRequestsError } from '../common/domain-errors';
import { sha256Hex } from '../common/hashing';
import { RateLimiter } from '../redis/rate-limiter';

/** An attempt let through: what `succeeded` needs to clear it. */
export interface LoginAttempt {
  pairBucket: string;
}

const TOO_MANY = 'too many login attempts; try again later';
/** The first delay once an account is past its limit; each further failure doubles it, up to LOGIN_SLOWDOWN_MAX_MS. */
const FIRST_DELAY_MS = 100;

/**
 * Sign-in throttling that strangers cannot turn against an account's owner. Counted in Redis per window, so every
 * replica shares them:
 *
 * - per account and address: LOGIN_LIMIT_PER_ACCOUNT attempts since the last success, then 429 — for that address
 *   only, so guesses from elsewhere never lock the owner out;
 * - per address: LOGIN_LIMIT_PER_IP attempts on any accounts, then 429 (IPv6 counted per /64, which one host holds);
 * - per account, from all addresses: past LOGIN_LIMIT_PER_ACCOUNT attempts, every attempt waits before its password is
 *   checked (doubling, up to LOGIN_SLOWDOWN_MAX_MS) — the account under attack is slowed, never refused.
 *
 * Every attempt counts before its password is checked, so parallel guesses cannot outrun the counters.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  /** Counts the attempt; refuses it with 429 when its address or pair is over the limit, else waits the slowdown. */
  async admit(email: string, ip: string): Promise<LoginAttempt> {
    const address = addressKey(ip);
    const account = sha256Hex(email);
    const pairBucket = `login:pair:${sha256Hex(`${email}\n${address}`)}`;
    const window = this.config.LOGIN_WINDOW_SECONDS;
    const limit = this.config.LOGIN_LIMIT_PER_ACCOUNT;
    const [perPair, perAddress, perAccount] = await Promise.all([
      this.limiter.hit(pairBucket, limit, window),
      this.limiter.hit(`login:ip:${address}`, this.config.LOGIN_LIMIT_PER_IP, window),
      this.limiter.hit(`login:acct:${account}`, limit, window),
    ]);
    if (!perPair.allowed || !perAddress.allowed) {
      const retry = Math.max(
        perPair.allowed ? 0 : perPair.retryAfterSeconds,
        perAddress.allowed ? 0 : perAddress.retryAfterSeconds,
      );
      throw new TooManyRequestsError(TOO_MANY, retry, { code: 'login_throttled' });
    }
    const delay = slowdownMs(perAccount.count, limit, this.config.LOGIN_SLOWDOWN_MAX_MS);
    if (delay > 0) await sleep(delay);
    return { pairBucket };
  }

  /** The owner got in: their address starts afresh on the account (the account-wide count stays: the attack goes on). */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.limiter.reset(attempt.pairBucket, this.config.LOGIN_WINDOW_SECONDS);
  }
}

/**
 * How long an attempt on an account waits, given how many attempts its window holds (this one included): nothing up
 * to the limit, then FIRST_DELAY_MS doubling with each attempt past it, at most `maxMs`.
 */
export function slowdownMs(counted: number, limit: number, maxMs: number): number {
  if (counted <= limit || maxMs <= 0) return 0;
  return Math.min(maxMs, FIRST_DELAY_MS * 2 ** Math.min(counted - limit - 1, 20));
}

/** The counter key of a client address: IPv4 as it is (IPv4-mapped IPv6 too), IPv6 by its /64. */
export function addressKey(ip: string): string {
  const bare = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1];
  if (!bare.includes(':')) return bare;
  const [head, tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
