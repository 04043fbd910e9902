#!/usr/bin/env bash
# Runs a command on Node 24 (the production image's Node) while the machine ships another: the npm registry's `node`
# package brings the binary, cached in .cache/node24 (git-ignored). Native modules (argon2, swc) are Node-API builds,
# so the same node_modules serve both. Usage: bash tools/node24.sh npx jest …
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=24.21.0
DIR="$ROOT/.cache/node24"
if [ "$("$DIR/node_modules/.bin/node" --version 2>/dev/null)" != "v$VERSION" ]; then
  rm -rf "$DIR" && mkdir -p "$DIR"
  echo '{"name":"ksbb-node24","private":true,"allowScripts":{"node":true}}' > "$DIR/package.json"
  (cd "$DIR" && npm install --no-audit --no-fund --loglevel=error "node@$VERSION" >/dev/null)
fi
export PATH="$DIR/node_modules/node/bin:$DIR/node_modules/.bin:$PATH"
echo "node $(node --version)" >&2
exec "$@"
