import { ConfigError, loadConfig, loadEnvironment } from '@ksbb/core';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  let config;
  try {
    loadEnvironment();
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApp(config);
  // On SIGTERM/SIGINT Nest closes the app: Fastify stops accepting, answers the requests in flight, then the
  // connections close; process.exit (code 0) follows, so an orchestrator sees a clean stop.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

main().catch((err: Error) => {
  // A refusal at start (e.g. a changed NIK key) says why and how to fix it; Nest's own output may be silenced.
  process.stderr.write(`start-up failed: ${err.message}\n`);
  process.exit(1);
});
