#!/usr/bin/env bash
# The production build, started as production starts it: dist/ plus `npm ci --omit=dev` in a fresh directory (no
# sources, no devDependencies, no TypeScript loader), the API and the worker run with `node` against a throwaway
# database, then checked from outside: readiness, a login, an authenticated call, the admin page on the API's origin,
# and a clean stop on SIGTERM. Run after `npm run build`; part of `npm test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$ROOT/dist/server/apps/api/src/main.js" ] && [ -f "$ROOT/dist/apps/admin/index.html" ] || {
  echo "prod-smoke: run npm run build first" >&2; exit 1; }

WORK=$(mktemp -d /tmp/ksbb-prod.XXXXXX)
DB="ksbb_prod_smoke_$$"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cp "$ROOT/package.json" "$ROOT/package-lock.json" "$WORK/"
mkdir -p "$WORK/dist" && cp -r "$ROOT/dist/server" "$ROOT/dist/apps" "$WORK/dist/"
(cd "$WORK" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
[ ! -e "$WORK/node_modules/typescript" ] && [ ! -e "$WORK/node_modules/@swc-node" ] || {
  echo "prod-smoke: devDependencies were installed" >&2; exit 1; }

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
API_PORT=$(free_port)
WORKER_PORT=$(free_port)
secret() { node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"; }
METRICS_TOKEN=$(secret)
# No signing secret is given: the first start generates them into SECRETS_FILE and every later one reads them there.
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" REDIS_PREFIX="prod-smoke:$$" PORT=$API_PORT \
  WORKER_HEALTH_PORT=$WORKER_PORT METRICS_TOKEN PUBLIC_BASE_URL="http://127.0.0.1:$API_PORT" \
  ADMIN_ORIGIN="http://127.0.0.1:$API_PORT" ADMIN_DIST_DIR="$WORK/dist/apps/admin" STORAGE_DIR="$WORK/storage" \
  LOG_LEVEL=warn SMTP_URL=smtp://127.0.0.1:1 SECRETS_FILE="$WORK/.secrets.env"

cd "$WORK"
# The demo accounts exist only outside production: seed them in development mode to have someone to log in as.
NODE_ENV=development node dist/server/tools/db.js setup >/dev/null
[ "$(stat -c %a "$WORK/.secrets.env" 2>/dev/null)" = 600 ] || { echo "prod-smoke: no private secrets file generated" >&2; exit 1; }
grep -q '^NIK_HMAC_SECRET=.\{43,\}$' "$WORK/.secrets.env" || { echo "prod-smoke: the secrets file lacks NIK_HMAC_SECRET" >&2; exit 1; }
NODE_ENV=production node --enable-source-maps dist/server/apps/api/src/main.js > "$WORK/api.log" 2>&1 &
PIDS+=($!)
NODE_ENV=production node --enable-source-maps dist/server/apps/worker/src/main.js > "$WORK/worker.log" 2>&1 &
PIDS+=($!)

fail() { echo "prod-smoke: $*" >&2; echo "--- api log"; tail -30 "$WORK/api.log"; echo "--- worker log"; tail -30 "$WORK/worker.log"; exit 1; }
ready() { curl -fsS "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; }
for _ in $(seq 1 120); do ready "$API_PORT" && ready "$WORKER_PORT" && break; sleep 0.5; done
ready "$API_PORT" || fail "the API is not ready"
ready "$WORKER_PORT" || fail "the worker is not ready"

BASE="http://127.0.0.1:$API_PORT"
TOKEN=$(curl -fsS -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@demo.ksbb.id","password":"Kolaborasi2020!"}' | jq -r .accessToken) || fail "login failed"
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || fail "login gave no token"
ME=$(curl -fsS "$BASE/api/v1/auth/me" -H "authorization: Bearer $TOKEN" | jq -r .user.email) || fail "GET /auth/me failed"
[ "$ME" = "admin@demo.ksbb.id" ] || fail "GET /auth/me answered $ME"
curl -fsS "$BASE/" | grep -q '<div id="root">' || fail "the admin page is not served on the API's origin"
curl -fsS "$BASE/needs/open" | grep -q '<div id="root">' || fail "no SPA fallback for a client-side route"
ASSET=$(curl -fsS "$BASE/" | grep -o '/assets/[^"]*\.js' | head -1)
curl -fsSI "$BASE$ASSET" | grep -qi 'cache-control: public, max-age=31536000, immutable' || fail "hashed assets are not long-cached"

# /metrics only with the token (API and worker); the API's pages under a CSP without inline scripts.
for port in "$API_PORT" "$WORKER_PORT"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")" = 401 ] || fail "/metrics on $port answers without the token"
  METRICS=$(curl -fsS "http://127.0.0.1:$port/metrics" -H "authorization: Bearer $METRICS_TOKEN") || fail "/metrics on $port refuses the token"
  grep -q '^ksbb_' <<<"$METRICS" || fail "/metrics on $port has no ksbb_ series"
done
for path in / /api/docs; do
  CSP=$(curl -fsSI "$BASE$path" | tr -d '\r' | grep -i '^content-security-policy:') || fail "no CSP on $path"
  SCRIPT_SRC=$(echo "$CSP" | tr ';' '\n' | grep -E '^ *script-src ') || fail "no script-src on $path"
  if grep -q "unsafe-inline" <<<"$SCRIPT_SRC"; then fail "script-src of $path allows inline scripts: $SCRIPT_SRC"; fi
  PAGE=$(curl -fsS "$BASE$path" | tr '\n' ' ')
  INLINE=$(grep -Eo '<script[^>]*>' <<<"$PAGE" | grep -v ' src=' || true)
  [ -z "$INLINE" ] || fail "$path has an inline <script>: $INLINE"
done

# SIGTERM: both drain and exit 0 within 15 s.
for pid in "${PIDS[@]}"; do kill -TERM "$pid"; done
for pid in "${PIDS[@]}"; do
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && fail "process $pid ignored SIGTERM"
  wait "$pid" || fail "process $pid exited with $? on SIGTERM"
done
PIDS=()
echo "prod-smoke: build started with production dependencies only; generated secrets, ready, login, /auth/me, admin page, metrics token, CSP and SIGTERM ok"
