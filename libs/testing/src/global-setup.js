// Jest global setup: one migrated, seeded template database for the whole run. It runs outside jest's module
// registry (no moduleNameMapper), so the path aliases are registered here from tsconfig.base.json.
const path = require('path');
const root = path.join(__dirname, '../../..');
require('tsconfig-paths').register({ baseUrl: root, paths: require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths });

module.exports = async function globalSetup() {
  const { dropStaleTestDatabases, ensureTemplate } = require('./database.ts');
  await dropStaleTestDatabases();
  await ensureTemplate();
};
