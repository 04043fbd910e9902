import { z } from 'zod';

/** Secrets that ship as local defaults; production refuses to start with any of them. */
export const DEFAULT_SECRETS = {
  JWT_ACCESS_SECRET: 'dev-access-secret-change-me-0123456789',
  JWT_REFRESH_SECRET: 'dev-refresh-secret-change-me-0123456789',
  NIK_HMAC_SECRET: 'dev-nik-hmac-secret-change-me-012345',
  API_KEY_PEPPER: 'dev-api-key-pepper-change-me-0123456',
} as const;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/ksbb'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().min(1).default('ksbb'),
    JWT_ACCESS_SECRET: z.string().min(32).default(DEFAULT_SECRETS.JWT_ACCESS_SECRET),
    JWT_REFRESH_SECRET: z.string().min(32).default(DEFAULT_SECRETS.JWT_REFRESH_SECRET),
    JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
    REFRESH_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    NIK_HMAC_SECRET: z.string().min(32).default(DEFAULT_SECRETS.NIK_HMAC_SECRET),
    API_KEY_PEPPER: z.string().min(32).default(DEFAULT_SECRETS.API_KEY_PEPPER),
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
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
    LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
    LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
    // Which peers may tell the client's address in X-Forwarded-For (it keys the per-IP limits): `true` would let any
    // client pick its own address. Default: proxies on loopback and private networks. `false`, a hop count or a list.
    TRUST_PROXY: z
      .string()
      .default('loopback,linklocal,uniquelocal')
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
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV !== 'production') return;
    for (const [key, value] of Object.entries(DEFAULT_SECRETS)) {
      if (c[key as keyof typeof DEFAULT_SECRETS] === value) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'must be set to a non-default secret in production',
        });
      }
    }
    if (c.JWT_ACCESS_SECRET === c.JWT_REFRESH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_REFRESH_SECRET'],
        message: 'must differ from JWT_ACCESS_SECRET',
      });
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
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
