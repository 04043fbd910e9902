import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig, loadEnvironment } from '@ksbb/core';
import { HealthServer } from './health/health.server';
import { createWorker } from './worker.factory';

function configOrExit(): AppConfig {
  try {
    loadEnvironment();
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

async function main(): Promise<void> {
  const app = await createWorker(configOrExit());
  // On SIGTERM/SIGINT Nest runs the shutdown hooks: workers stop taking jobs and wait for running ones, then
  // connections close; process.exit lets pino flush. A second signal during the drain is ignored.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  new Logger('Worker').log({ healthPort: app.get(HealthServer).port }, 'worker started');
}

main().catch((err: Error) => {
  process.stderr.write(
    `${JSON.stringify({ level: 60, service: 'ksbb-worker', msg: 'start-up failed', err: err.message })}\n`,
  );
  process.exit(1);
});
