// `npm run test:fuzz`: the OpenAPI-driven fuzzer, apart from the normal api project (whose testMatch is *.spec.ts and
// *.e2e-spec.ts, so it never picks these files up). The preset brings @swc/jest, the path aliases and the globalSetup
// that builds the migrated, seeded template database each test file copies.
const path = require('path');

module.exports = {
  ...require('../../../../jest.preset.js'),
  displayName: 'api-fuzz',
  rootDir: path.join(__dirname, '../..'),
  roots: ['<rootDir>/test/fuzz'],
  testMatch: ['**/*.fuzz-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // FUZZ_RUNS scales the run; the budget grows with it (the default run takes a few minutes on 2 shared cores).
  testTimeout: Math.max(600_000, Number(process.env.FUZZ_RUNS ?? 0) * 20_000),
};
