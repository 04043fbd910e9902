// Runs TypeScript sources directly (scripts, dev servers): swc transpiles with decorator metadata, paths from tsconfig.base.json.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');

// A local .env (see .env.example) feeds the scripts and dev servers; real environment variables win.
const envFile = require('path').join(__dirname, '..', '.env');
if (require('fs').existsSync(envFile) && typeof process.loadEnvFile === 'function') process.loadEnvFile(envFile);
