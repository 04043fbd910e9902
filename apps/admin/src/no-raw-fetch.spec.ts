import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The admin app talks to the API only through the generated client (@ksbb/api-client, openapi-fetch) created once in
 * src/api/client.ts. No source file may open its own HTTP channel — not even that module: openapi-fetch does the fetching.
 */
const SRC = __dirname;
const CLIENT_MODULE = ['api', 'client.ts'].join(sep);

const RAW_HTTP: { name: string; pattern: RegExp }[] = [
  { name: 'fetch(', pattern: /\bfetch\s*\(/ },
  { name: 'XMLHttpRequest', pattern: /\bXMLHttpRequest\b/ },
  { name: 'axios', pattern: /\baxios\b/ },
];
/** Only the client module may build a client. */
const CLIENT_FACTORY: { name: string; pattern: RegExp }[] = [
  {
    name: 'openapi-fetch import',
    pattern: /from\s+['"]openapi-fetch['"]|require\(\s*['"]openapi-fetch['"]\s*\)/,
  },
  { name: 'createApiClient', pattern: /\bcreateApiClient\b/ },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const isSource = /\.(ts|tsx)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name);
    return isSource ? [path] : [];
  });
}

function violations(file: string, rules: { name: string; pattern: RegExp }[]): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.flatMap((line, index) =>
    rules
      .filter((rule) => rule.pattern.test(line))
      .map((rule) => `${relative(SRC, file)}:${index + 1} uses ${rule.name}`),
  );
}

describe('the admin app uses only the generated API client', () => {
  const files = sourceFiles(SRC);

  it('finds the sources, including the client module', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.map((file) => relative(SRC, file))).toContain(CLIENT_MODULE);
  });

  it('never calls fetch, XMLHttpRequest or axios (the client module included)', () => {
    expect(files.flatMap((file) => violations(file, RAW_HTTP))).toEqual([]);
  });

  it('creates the client only in src/api/client.ts', () => {
    const outside = files.filter((file) => relative(SRC, file) !== CLIENT_MODULE);
    expect(outside.flatMap((file) => violations(file, CLIENT_FACTORY))).toEqual([]);
    expect(violations(join(SRC, CLIENT_MODULE), CLIENT_FACTORY).length).toBeGreaterThan(0);
  });

  it('detects the forms it forbids', () => {
    const offending = [
      'await fetch(url)',
      'window.fetch (url)',
      'options.fetch(request)',
      'new XMLHttpRequest()',
      "import axios from 'axios'",
    ];
    for (const line of offending) expect(RAW_HTTP.some((rule) => rule.pattern.test(line))).toBe(true);
    expect(RAW_HTTP.some((rule) => rule.pattern.test("import createClient from 'openapi-fetch'"))).toBe(
      false,
    );
  });
});
