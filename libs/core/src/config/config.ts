import { z } from 'zod';

/**
 * The keys that sign or hash: they have no default. Outside tests `loadEnvironment` generates any that is unset into
 * the git-ignored secrets file; tests get the fixed `TEST_SECRETS`.
 */
export const SECRET_KEYS = ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'NIK_HMAC_SECRET', 'API_KEY_PEPPER'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/** Fixed secrets of NODE_ENV=test (deterministic tests). Published, so refused in every other mode. */
export const TEST_SECRETS: Record<SecretKey | 'METRICS_TOKEN', string> = {
  JWT_ACCESS_SECRET: 'test-access-secret-published-never-use-0123',
  JWT_REFRESH_SECRET: 'test-refresh-secret-published-never-use-012',
  NIK_HMAC_SECRET: 'test-nik-hmac-secret-published-never-use-01',
  API_KEY_PEPPER: 'test-api-key-pepper-published-never-use-012',
  METRICS_TOKEN: 'test-metrics-token-published-never-use-0123',
};

/**
 * Every secret value that is or ever was written in the repository (the old development defaults, the bench and
 * chaos values, the test secrets):
 * anyone who reads the source could sign with them, so every mode but `test` refuses to start with one.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  'dev-access-secret-change-me-0123456789',
  'dev-refresh-secret-change-me-0123456789',
  'dev-nik-hmac-secret-change-me-012345',
  'dev-api-key-pepper-change-me-0123456',
  'chaos-access-secret-0123456789-abcdefgh',
  'chaos-refresh-secret-0123456789-abcdefg',
  'chaos-nik-secret-0123456789-abcdefghijk',
  'chaos-api-key-pepper-0123456789-abcdefg',
  'bench-access-secret-0123456789-abcdefgh',
  'bench-refresh-secret-0123456789-abcdefg',
  'bench-nik-secret-0123456789-abcdefghijk',
  'bench-api-key-pepper-0123456789-abcdefg',
  ...Object.values(TEST_SECRETS),
];

const MISSING_SECRET =
  'is not set: start through loadEnvironment() (it generates missing secrets into SECRETS_FILE) or set it';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/ksbb'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    // A streaming replica for report and public reads (optional; see docs/SCALING.md). Used only while its replay
    // lag is at most DATABASE_REPLICA_MAX_LAG_SECONDS (probed every DATABASE_REPLICA_CHECK_MS); otherwise, and when
    // it does not answer, those reads go to the primary.
    DATABASE_REPLICA_URL: z.string().url().optional(),
    DATABASE_REPLICA_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).default(5),
    DATABASE_REPLICA_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
    DATABASE_REPLICA_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    REDIS_PREFIX: z.string().min(1).default('ksbb'),
    JWT_ACCESS_SECRET: z.string({ message: MISSING_SECRET }).min(32),
    JWT_REFRESH_SECRET: z.string({ message: MISSING_SECRET }).min(32),
    JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
    REFRESH_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    // How long the link of a sign-up's verification email works.
    EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(48),
    NIK_HMAC_SECRET: z.string({ message: MISSING_SECRET }).min(32),
    // Set once after an intended change of NIK_HMAC_SECRET: the start records the new key's fingerprint (see README).
    NIK_HMAC_ROTATE: bool.default(false),
    API_KEY_PEPPER: z.string({ message: MISSING_SECRET }).min(32),
    // Bearer token that /metrics (API and worker) requires; unset: /metrics answers 404.
    METRICS_TOKEN: z.string().min(24).optional(),
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
    // The public site's origin for links printed on BASTs (QR codes); unset: PUBLIC_BASE_URL (the API serves the site).
    PUBLIC_SITE_URL: z.string().url().optional(),
    // Origins of the base-map tiles the public site loads (its VITE_TILE_URL), allowed in the pages' CSP img-src.
    MAP_TILE_ORIGINS: z.string().default('https://tile.openstreetmap.org'),
    ADMIN_ORIGIN: z.string().default('http://localhost:4200'),
    SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().default('KSBB <no-reply@ksbb.jakarta.go.id>'),
    STORAGE_DIR: z.string().default('./storage'),
    // The built admin and public site the API serves on its own origin (`npm run build` writes dist/apps/admin);
    // empty: not served (development runs Vite's server instead).
    ADMIN_DIST_DIR: z.string().default(''),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // auto: readable lines on a terminal outside production, JSON otherwise (see log-format.ts).
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
    // Each API process takes this per cent of RATE_LIMIT_PER_MINUTE from Redis at once (at least 1) and counts it down
    // locally: one Redis round trip per lease instead of per request. Replicas never admit more than the limit together;
    // a caller may get up to (replicas × lease − replicas) fewer (1 %: ≤ 10 % fewer with ten replicas).
    RATE_LIMIT_LEASE_PERCENT: z.coerce.number().min(0).max(10).default(1),
    // The public snapshots (map, stats, open needs, scorecard) already held in memory are answered before Fastify and
    // Nest (apps/api/src/reports/public-fast-path.ts): same bytes and headers, rate limited alike. `false`: every request
    // takes the full pipeline.
    PUBLIC_FAST_PATH: bool.default(true),
    LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
    LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
    // The longest an attempt on an account under attack (past LOGIN_LIMIT_PER_ACCOUNT failures in the window, from any
    // addresses) is held back before its password is checked; 0: never.
    LOGIN_SLOWDOWN_MAX_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
    // Which peers may tell the client's address in X-Forwarded-For (it keys the per-IP limits): `true` would let any
    // client pick its own address. Default: none (the socket's address counts). `false`, a hop count or a list of
    // addresses, ranges or loopback/linklocal/uniquelocal.
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v): boolean | number | string[] =>
        v === 'false'
          ? false
          : v === 'true'
            ? true
            : /^\d+$/.test(v)
              ? Number(v)
              : v.split(',').map((s) => s.trim()),
      ),
    DEMO_PASSWORD: z.string().min(8).default('Kolaborasi2020!'),
    // The demo city (~2,000 needs, claims, verified BASTs) that `npm start`/`db:seed` build outside production.
    DEMO_WORLD: z.enum(['on', 'off']).default('on'),
    WEBHOOK_ALLOW_PRIVATE: bool.default(false),
    OUTBOX_SWEEP_MS: z.coerce.number().int().min(100).default(5000),
    CLAIM_SWEEP_MS: z.coerce.number().int().min(100).default(60000),
    // Request bodies: every route takes at most JSON_BODY_LIMIT_BYTES, nested at most JSON_MAX_DEPTH deep; only the
    // import routes take up to IMPORT_BODY_LIMIT_BYTES.
    JSON_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
    JSON_MAX_DEPTH: z.coerce.number().int().min(1).max(10000).default(64),
    IMPORT_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'test') return;
    for (const key of [...SECRET_KEYS, 'METRICS_TOKEN'] as const) {
      if (c[key] !== undefined && PUBLISHED_SECRETS.includes(c[key])) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            key === 'METRICS_TOKEN'
              ? 'is a value published in the repository; set a random token of your own, or unset it (metrics off)'
              : 'is a value published in the repository, so anyone can sign with it; unset it to have a random one ' +
                'generated into the secrets file (SECRETS_FILE, default .secrets.env), or set your own random value',
        });
      }
    }
    if (c.NODE_ENV !== 'production') return;
    if (c.JWT_ACCESS_SECRET === c.JWT_REFRESH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_REFRESH_SECRET'],
        message: 'must differ from JWT_ACCESS_SECRET',
      });
    }
    if (c.WEBHOOK_ALLOW_PRIVATE) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_ALLOW_PRIVATE'], message: 'is for tests and development only' });
    }
  });

export type AppConfig = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Parses and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  // Tests only: fixed secrets, so that runs are deterministic. Every other mode has no default for a secret.
  if (cleaned.NODE_ENV === 'test') for (const key of SECRET_KEYS) cleaned[key] ??= TEST_SECRETS[key];
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
