// Shared jest settings: @swc/jest with decorator metadata (NestJS DI needs it), tsconfig path aliases.
const path = require('path');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;
const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replaceAll('/', '\\/')}$`] = path.join(root, target);
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // ESM-only dependencies that Node 20 can require() but jest cannot: compile them to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  globalSetup: path.join(root, 'libs/testing/src/global-setup.js'),
  testTimeout: 60000,
};
