import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, loadEnvironment } from '@ksbb/core';
import { createApp } from '../src/app.factory';
import { buildOpenApi } from '../src/swagger';

/**
 * Boots the API without listening and writes the OpenAPI document, sorted, to libs/api-client/openapi.json.
 * The app connects to its database on boot; `env` can point it at another one (the tests use their own).
 */
export async function exportOpenApi(env: Record<string, string> = {}): Promise<string> {
  const app = await createApp(loadConfig({ ...process.env, ...env, LOG_LEVEL: 'silent' }), { logger: false });
  try {
    return `${JSON.stringify(buildOpenApi(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  loadEnvironment();
  exportOpenApi()
    .then((doc) => {
      const out = join(__dirname, '../../../libs/api-client/openapi.json');
      writeFileSync(out, doc);
      process.stdout.write(`wrote ${out}\n`);
      process.exit(0);
    })
    .catch((e) => {
      process.stderr.write(`${e.stack ?? e}\n`);
      process.exit(1);
    });
}
