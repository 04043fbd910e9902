import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@ksbb/core';
import { createTestDatabase, testConfig } from '@ksbb/testing';
import { createWorker } from '../worker.factory';

export interface TestWorker {
  app: INestApplicationContext;
  config: AppConfig;
  dataSource: DataSource;
  /** Closes the worker context; safe to call twice. */
  close(): Promise<void>;
  /** Closes the worker, deletes its Redis keys and drops its database. */
  stop(): Promise<void>;
}

/** A running worker on its own copy of the seeded database and its own Redis key prefix. */
export async function startTestWorker(): Promise<TestWorker> {
  const db = await createTestDatabase();
  const config = testConfig(db.url, {
    WORKER_HEALTH_PORT: '0',
    OUTBOX_SWEEP_MS: '300',
    CLAIM_SWEEP_MS: '300',
    // WORKER_TEST_LOG_LEVEL=debug shows the worker's JSON logs while debugging a test.
    LOG_LEVEL: process.env.WORKER_TEST_LOG_LEVEL ?? 'silent',
  });
  const app = await createWorker(config);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= app.close());
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    close,
    stop: async () => {
      await close();
      await deleteRedisKeys(config.REDIS_URL, `${config.REDIS_PREFIX}:*`);
      await db.drop();
    },
  };
}

/** Job schedulers keep a delayed job in Redis forever; a finished test run must not leave them behind. */
async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
