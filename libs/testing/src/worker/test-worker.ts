import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@ksbb/core';
import { testConfig } from '../config';
import { createTestDatabase } from '../database';
import { deleteRedisKeys } from '../redis';

/** How the worker is built: the worker app's `createWorker`, handed in by its specs (a library never imports an app). */
export type WorkerFactory = (config: AppConfig) => Promise<INestApplicationContext>;

export interface TestWorker {
  app: INestApplicationContext;
  config: AppConfig;
  dataSource: DataSource;
  /** Closes the worker context; safe to call twice. */
  close(): Promise<void>;
  /** Closes the worker, deletes its Redis keys and drops its database. */
  stop(): Promise<void>;
}

/** A running worker (built by `createWorker`) on its own copy of the seeded database and its own Redis key prefix. */
export async function startTestWorker(createWorker: WorkerFactory): Promise<TestWorker> {
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
      await deleteRedisKeys(config.REDIS_PREFIX, config.REDIS_URL);
      await db.drop();
    },
  };
}
