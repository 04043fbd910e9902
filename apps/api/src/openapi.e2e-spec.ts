import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { exportOpenApi } from '../scripts/export-openapi';
import { startTestApi, TestApi } from '../test/harness';
import { API_TAGS } from './swagger';

interface Op {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
}

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

  it('documents every operation for integrators: summary, who may call it, a unique operationId, a 4xx, declared tags', async () => {
    const doc = (await api.http.get('/api/docs-json')).body as {
      info: { license?: { name: string }; contact?: object };
      servers?: Array<{ url: string }>;
      tags?: Array<{ name: string; description?: string }>;
      paths: Record<string, Record<string, Op>>;
    };
    expect(doc.info.license?.name).toBe('MIT');
    expect(doc.info.contact).toBeDefined();
    expect(doc.servers?.length).toBeGreaterThan(0);
    const declared = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? '']));
    const ids = new Map<string, string>();
    const undocumented: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        const gaps = [
          !/^[A-Z][^\n]{2,80}$/.test(op.summary ?? '') && 'summary',
          !/^\*\*Who may call:\*\* .+\n\n.{10,}/s.test(op.description ?? '') && 'description (who may call, then preconditions and errors)',
          !/^[a-z][A-Za-z]+$/.test(op.operationId ?? '') && 'operationId',
          !Object.keys(op.responses).some((c) => /^4\d\d$/.test(c)) && 'a 4xx response',
          !(op.tags?.length && op.tags.every((t) => (declared.get(t) ?? '').length > 10)) && 'tags declared with a description',
          !Array.isArray(op.security) && 'security (public operations declare security: [])',
        ].filter(Boolean);
        if (gaps.length) undocumented.push(`${where}: ${gaps.join(', ')}`);
        if (op.operationId) {
          expect({ id: op.operationId, where: ids.get(op.operationId) ?? where }).toEqual({ id: op.operationId, where });
          ids.set(op.operationId, where);
        }
        // Every documented problem comes with an example body of its status.
        for (const [code, res] of Object.entries(op.responses).filter(([c]) => /^4\d\d$/.test(c))) {
          expect({ where, code, status: (res.content?.['application/problem+json']?.example as { status?: number })?.status }).toEqual({
            where,
            code,
            status: Number(code),
          });
        }
      }
    }
    expect(undocumented).toEqual([]);
    // Public operations say so explicitly; the others name a declared scheme.
    expect(doc.paths['/api/v1/public/stats'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/needs'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/v1/needs'].post.description).toMatch(/`admin`, `operator`/);
    expect(Object.keys(API_TAGS).sort()).toEqual([...declared.keys()].sort());
  });

  it('gives every field of a JSON request body an example', async () => {
    type Schema = { $ref?: string; example?: unknown; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[] };
    const doc = (await api.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    const seen = new Set<string>();
    const missing: string[] = [];
    const visit = (s: Schema | undefined): void => {
      if (!s) return;
      if (s.$ref) {
        const name = s.$ref.split('/').pop() as string;
        if (seen.has(name)) return;
        seen.add(name);
        const schema = doc.components.schemas[name];
        for (const [field, p] of Object.entries(schema.properties ?? {})) {
          const nested = p.$ref ?? p.items?.$ref ?? p.allOf?.[0]?.$ref;
          if (nested) visit({ $ref: nested });
          else if (p.example === undefined) missing.push(`${name}.${field}`);
        }
        return;
      }
      visit(s.items);
      for (const p of Object.values(s.properties ?? {})) visit(p);
    };
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) visit(op.requestBody?.content['application/json']?.schema);
    }
    expect(seen.size).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });

  it('pins the operationId of every controller method in its @ApiOperation (renaming a method keeps the id)', () => {
    const missing: string[] = [];
    for (const mod of api.app.get(ModulesContainer).values()) {
      for (const wrapper of mod.controllers.values()) {
        const cls = wrapper.metatype as Type | null;
        if (!cls) continue;
        for (const key of Object.getOwnPropertyNames(cls.prototype)) {
          const handler = (cls.prototype as Record<string, unknown>)[key];
          if (key === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          if (Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, handler)) continue;
          const op = Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string; summary?: string; description?: string } | undefined;
          if (!op?.operationId || !op.summary || !op.description) missing.push(`${cls.name}.${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
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
