#!/usr/bin/env bash
# Installs the npm dependencies exactly as locked. `npm ci` when it works on this platform (see docs/STACK notes),
# otherwise a plain install that still honours the lockfile's versions.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
if ! npm ci --no-audit --no-fund; then
  echo "npm ci failed; falling back to npm install"
  npm install --no-audit --no-fund
fi
