import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The shape the README promises, checked on the source: concern folders import each other in one direction only,
 * every concern is a Nest module of its own, and repositories never leave their module.
 */
const SRC = __dirname;
const CONCERNS = [
  'institutions',
  'needs',
  'allocations',
  'commitments',
  'collaborators',
  'aggregators',
  'programs',
  'regions',
  'handovers',
  'reports',
  'notifications',
  'webhooks',
  'users',
  'auth',
  'idempotency',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(e2e-)?spec\.ts$/.test(name) ? [path] : [];
  });
}

/** The top folder of a file; the seed is its own node (it consumes the concerns, which consume `database`). */
const folderOf = (file: string): string => {
  const parts = relative(SRC, file).split(sep);
  return parts[0] === 'database' && parts[1] === 'seed' ? 'database/seed' : parts[0];
};

/** folder → the folders its files import (relative imports only; type-only imports count too). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from.includes('.')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const to = folderOf(join(file, '..', m[1]));
        if (to !== from && !to.includes('.')) {
          if (!graph.has(from)) graph.set(from, new Set());
          graph.get(from)?.add(to);
        }
      }
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const visit = (node: string, path: string[]): void => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push([...path.slice(at), next]);
      else visit(next, [...path, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return found;
}

describe('libs/core architecture', () => {
  it('has no import cycle between folders', () => {
    expect(cycles(folderGraph()).map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
    ]);
    expect(cycles(graph)).not.toEqual([]);
  });

  it.each(CONCERNS)(
    '%s is a Nest module that registers its own entities and exports no repository',
    (concern) => {
      const dir = join(SRC, concern);
      const moduleFile = readdirSync(dir).find((f) => f.endsWith('.module.ts'));
      expect(moduleFile).toBeDefined();
      const source = readFileSync(join(dir, moduleFile as string), 'utf8');
      const exported = /exports:\s*\[([^\]]*)\]/s.exec(source)?.[1] ?? '';
      expect(exported).not.toMatch(/Repository\b/);
      const hasEntities = readdirSync(dir).some((f) => f.endsWith('.entity.ts'));
      if (hasEntities) expect(source).toMatch(/TypeOrmModule\.forFeature\(/);
    },
  );

  it('keeps the in-memory fakes of testing/ out of production code (only specs import them)', () => {
    const graph = folderGraph();
    const importers = [...graph.entries()].filter(([from, to]) => from !== 'testing' && to.has('testing'));
    expect(importers.map(([from]) => from)).toEqual([]);
    expect(CONCERNS).not.toContain('testing');
  });

  it('exports repositories from the package only as types', () => {
    const barrels = sourceFiles(SRC).filter((f) => f.endsWith('index.ts'));
    const leaks = barrels.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^export (?!type)[^\n]*repository'/gm)].map(
        (m) => `${relative(SRC, f)}: ${m[0]}`,
      ),
    );
    expect(leaks).toEqual([]);
  });
});
