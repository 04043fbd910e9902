// Compiles the API, the worker, the shared libraries they use and the database CLI to plain CommonJS under
// dist/server, keeping the source tree's layout so the path aliases (@ksbb/core, @ksbb/jobs) become relative requires
// and the entity glob and the reference data resolve as they do from source. The result runs with `node` alone:
// no TypeScript loader, no devDependencies (see `npm run start:prod`).
//
// swc is the compiler the tests and the dev loader already use, with the same options (decorator metadata for Nest's
// dependency injection); `npm run typecheck` is what checks the types.
const { transformFileSync } = require('@swc/core');
const { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist/server');
const SOURCES = ['apps/api/src', 'apps/worker/src', 'libs/core/src', 'libs/jobs/src', 'tools/db.ts'];
/** Test code never ships: specs, e2e specs and the in-memory fakes. */
const EXCLUDED = /(\.spec\.ts|\.e2e-spec\.ts|\.d\.ts)$|[\\/]testing[\\/]/;
const ASSETS = [['libs/core/data', 'libs/core/data']];

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: ROOT,
    paths: require(join(ROOT, 'tsconfig.base.json')).compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

function tsFiles(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => tsFiles(join(path, name)));
}

function build() {
  rmSync(OUT, { recursive: true, force: true });
  let count = 0;
  for (const source of SOURCES) {
    for (const file of tsFiles(join(ROOT, source))) {
      if (!file.endsWith('.ts') || EXCLUDED.test(relative(ROOT, file))) continue;
      const target = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
      const { code, map } = transformFileSync(file, { ...options, filename: file, sourceFileName: relative(dirname(target), file) });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split(/[\\/]/).pop()}.map\n`);
      if (map) writeFileSync(`${target}.map`, map);
      count++;
    }
  }
  for (const [from, to] of ASSETS) {
    if (existsSync(join(ROOT, from))) cpSync(join(ROOT, from), join(OUT, to), { recursive: true });
  }
  process.stdout.write(`dist/server: ${count} files compiled\n`);
}

build();
