import { AppConfig, loadConfig, TEST_SECRETS } from '@ksbb/core';

/** Configuration for an app under test: its own database and its own Redis key prefix, quiet logs. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnv(databaseUrl, overrides));
}

/** The environment behind `testConfig`, for an app started as a child process. */
export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  const dbName = databaseUrl.split('/').pop();
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '10',
    REDIS_PREFIX: `test:${dbName}`,
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
    STORAGE_DIR: `/tmp/ksbb-test-storage/${dbName}`,
    METRICS_TOKEN: TEST_SECRETS.METRICS_TOKEN,
    ...overrides,
  };
}

/** The header that `/metrics` of an app under test (API or worker) accepts. */
export const METRICS_AUTH = { authorization: `Bearer ${TEST_SECRETS.METRICS_TOKEN}` } as const;

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'Kolaborasi2020!';
export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.ksbb.id',
  operator: 'operator@demo.ksbb.id',
  viewer: 'viewer@demo.ksbb.id',
  collaborator: 'donor@demo.ksbb.id',
  aggregator: 'aggregator@demo.ksbb.id',
  kelurahan: 'kelurahan@demo.ksbb.id',
} as const;
export type DemoRole = keyof typeof DEMO_ACCOUNTS;
