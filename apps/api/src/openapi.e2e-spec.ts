import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportOpenApi } from '../scripts/export-openapi';
import { startTestApi, TestApi } from '../test/harness';

const ROOT = join(__dirname, '../../..');

describe('OpenAPI document and generated client', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('serves a valid OpenAPI 3 document with every area, both security schemes and problem responses', async () => {
    const res = await api.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    const tags = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops as Record<string, { tags: string[] }>).flatMap((o) => o.tags)));
    for (const tag of ['auth', 'users', 'regions', 'programs', 'audit', 'health']) expect(tags).toContain(tag);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'bearer']);
    // Every operation has an id, a success response and documents its errors as problem+json.
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect({ path, method, id: typeof op.operationId }).toEqual({ path, method, id: 'string' });
        const codes = Object.keys(op.responses);
        expect(codes.some((c) => c.startsWith('2'))).toBe(true);
        for (const code of codes.filter((c) => c.startsWith('4'))) {
          expect({ path, method, code, content: Object.keys(op.responses[code].content ?? {}) }).toEqual({
            path,
            method,
            code,
            content: ['application/problem+json'],
          });
        }
      }
    }
    expect((await api.http.get('/api/docs')).status).toBe(200);
  });

  it('libs/api-client/openapi.json is up to date (run `npm run openapi`)', async () => {
    const committed = readFileSync(join(ROOT, 'libs/api-client/openapi.json'), 'utf8');
    expect(await exportOpenApi({ DATABASE_URL: api.config.DATABASE_URL })).toBe(committed);
  });

  it('the generated client types are up to date (run `npm run client`)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ksbb-client-')), 'schema.d.ts');
    execFileSync(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), join(ROOT, 'libs/api-client/openapi.json'), '-o', out], {
      stdio: 'pipe',
    });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'libs/api-client/src/schema.d.ts'), 'utf8'));
  });
});
