#!/usr/bin/env bash
# Installs the npm dependencies exactly as the lockfile says. No fallback: a lockfile that `npm ci` refuses must fail
# here (and in CI), not be papered over by `npm install`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
npm ci --no-audit --no-fund
