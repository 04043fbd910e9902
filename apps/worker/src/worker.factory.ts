import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@ksbb/core';
import { WorkerModule } from './worker.module';

/** Builds and starts the worker (processors, schedulers, health server); used by main and by the tests. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
    // Start-up errors are thrown to the caller instead of aborting the process.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  return app;
}
