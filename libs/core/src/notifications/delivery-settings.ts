import { z } from 'zod';

/**
 * Tuning of email and webhook delivery. Read from the environment next to the app config (which has a fixed
 * schema); every value has a production default, and tests shorten the timings.
 */
const schema = z.object({
  /** Attempts before a delivery is `dead` (a dead row can still be retried by hand). */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay; each further retry doubles it (with jitter), up to the cap. */
  DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  DELIVERY_BACKOFF_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(6 * 3600_000),
  /**
   * How long a claimed (`sending`) row belongs to the worker that claimed it. Longer than any send may take
   * (SMTP and webhook timeouts), so only a row whose worker died is claimed again.
   */
  DELIVERY_LEASE_MS: z.coerce.number().int().min(100).default(120_000),
  /** How often the sweep looks for due rows without a job. */
  DELIVERY_SWEEP_MS: z.coerce.number().int().min(100).default(10_000),
  /** A due row is re-enqueued by the sweep only after this much slack (its own job normally runs first). */
  DELIVERY_SWEEP_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  DELIVERY_SWEEP_BATCH: z.coerce.number().int().min(1).max(10_000).default(1000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  /**
   * SMTP connections kept open per worker process: as many as the notifications queue sends at once (lower it to
   * what the relay accepts per client; jobs beyond the pool wait for a connection).
   */
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(64).default(32),
  /**
   * Prepared emails (one event's email to many) go over pipelined sessions (RFC 2920: MAIL FROM, RCPT TO and DATA in
   * one write; two round trips per message instead of four) when SMTP_URL is plain smtp:// without credentials and
   * the server advertises PIPELINING and not STARTTLS; otherwise, or with false, nodemailer sends them.
   */
  SMTP_PIPELINING: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Email jobs one worker process runs at once (size SMTP_POOL_SIZE alike: a send holds one connection). The work
   * is latency-bound (claim, SMTP transaction, mark); claims and marks are coalesced, so more in flight costs less
   * CPU per email, not more: 32 measured at about half the CPU per email of 8 on the bench.
   */
  NOTIFICATIONS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /**
   * The claims of the email jobs a process runs at once go as one statement per round trip: those that arrive while
   * one is in flight are sent together, up to this many rows (no wait is added). 1: one statement per email.
   */
  DELIVERY_CLAIM_BATCH: z.coerce.number().int().min(1).max(1000).default(64),
  /**
   * Sent emails are marked in batches: up to this many rows per UPDATE, gathered for at most
   * DELIVERY_MARK_WAIT_MS (each job still completes only after its row is marked). 1: one UPDATE per email.
   */
  DELIVERY_MARK_BATCH: z.coerce.number().int().min(1).max(1000).default(64),
  DELIVERY_MARK_WAIT_MS: z.coerce.number().int().min(0).max(1000).default(5),
});

export type DeliverySettings = z.infer<typeof schema>;

export const DELIVERY_SETTINGS = Symbol('DELIVERY_SETTINGS');

export function loadDeliverySettings(
  env: Record<string, string | undefined> = process.env,
): DeliverySettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid delivery configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}

/**
 * Delay before retry number `attempt` (1 = the retry after the first failure): exponential, capped, with "equal
 * jitter" (half fixed, half random) so a receiver that was down is not hit by every retry at the same instant.
 */
export function retryDelayMs(
  attempt: number,
  s: DeliverySettings,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    s.DELIVERY_BACKOFF_MAX_MS,
    s.DELIVERY_BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
