import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const SQL_MESSAGE = "SQL lives in repositories (*.repository.ts): move this call into the concern's repository.";
/** What an EntityManager runs against the database, besides `query`, `getRepository` and the builders (banned anywhere). */
const MANAGER_CALLS =
  '/^(find.*|insert|update|save|remove|delete|softDelete|restore|upsert|increment|decrement|count.*|exists.*|sum|average|minimum|maximum)$/';

/** `no-restricted-syntax` entries for database calls made outside repositories. */
function sqlOutsideRepositories() {
  return [
    "CallExpression[callee.property.name='query']",
    "CallExpression[callee.property.name='createQueryBuilder']",
    "CallExpression[callee.property.name='createQueryRunner']",
    "CallExpression[callee.property.name='getRepository']",
    // manager.save(…), em.find(…), entityManager.insert(…)
    `CallExpression[callee.object.name=/^(manager|entityManager|em)$/][callee.property.name=${MANAGER_CALLS}]`,
    // tx.manager.save(…), this.dataSource.manager.find(…)
    `CallExpression[callee.object.property.name='manager'][callee.property.name=${MANAGER_CALLS}]`,
  ].map((selector) => ({ selector, message: SQL_MESSAGE }));
}

/** The project boundaries; `adminMayUse` lists the library types the admin's files may import. */
const moduleBoundaries = (adminMayUse) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: [],
    // Test files of the domain use the shared test helpers, which in turn build on the domain.
    ignoredCircularDependencies: [['core', 'testing']],
    depConstraints: [
      // The admin talks to the API only through the generated client.
      { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: adminMayUse },
      { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:shared'] },
      // Dev scripts (db, start, bench, chaos) use the shared libs; they start the apps as processes, by file path.
      { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contract', 'type:util'] },
      { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:client', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:domain', 'type:contract'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:client', 'type:util'] },
    ],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  prettier,
  {
    ignores: ['**/dist', '**/node_modules', '**/coverage', 'tmp', 'test-output', 'libs/api-client/src/schema.d.ts', '**/vite.config.*.timestamp*'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(['type:client']),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Explicit types keep decorator metadata (DTOs with defaults) independent of the compiler's inference.
      '@typescript-eslint/no-inferrable-types': 'off',
    },
  },
  {
    files: ['**/jest.config.js', 'jest.preset.js', 'jest.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tools/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The admin's Chromium e2e runs in Node beside the browser: it takes the demo accounts and the API (started as a
    // process, never imported) from the shared test helpers.
    files: ['apps/admin/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(['type:client', 'type:util']) },
  },
  {
    // SQL lives in repositories: services hold the rules and the transaction boundaries, and reach the database
    // only through a repository (or `database/`, which holds the unit of work, migrations, seed and health check).
    files: ['libs/core/src/**/*.ts', 'apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts'],
    ignores: [
      '**/*.repository.ts',
      'libs/core/src/database/**',
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/testing/**',
      '**/testing.ts',
      '**/*.test-helpers.ts',
      'apps/api/scripts/**',
    ],
    rules: {
      'no-restricted-syntax': ['error', ...sqlOutsideRepositories()],
    },
  },
  {
    files: ['apps/admin/src/**/*.ts', 'apps/admin/src/**/*.tsx'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use the generated client (@ksbb/api-client).' }, { name: 'XMLHttpRequest', message: 'Use the generated client (@ksbb/api-client).' }],
    },
  },
];
