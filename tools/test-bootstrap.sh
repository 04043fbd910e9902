#!/usr/bin/env bash
# Proves `npm run bootstrap`'s database step on a PostgreSQL configured as Debian ships it: a throwaway cluster made
# by pg_createcluster with its default authentication (peer on the socket, scram-sha-256 on TCP), bootstrap-db.sh
# run against it, then the migrations applied as the generated role through the written DATABASE_URL. Needs root.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MAJOR=$(ls /etc/postgresql | sort -n | tail -1)
NAME=bootstrap$$
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
ENV_FILE=$(mktemp /tmp/ksbb-bootstrap-env.XXXXXX)
rm -f "$ENV_FILE"
cleanup() { pg_dropcluster --stop "$MAJOR" "$NAME" >/dev/null 2>&1 || true; rm -f "$ENV_FILE"; }
trap cleanup EXIT

pg_createcluster "$MAJOR" "$NAME" -p "$PORT" --start >/dev/null
grep -Eq '^host\s+all\s+all\s+127\.0\.0\.1/32\s+scram-sha-256' "/etc/postgresql/$MAJOR/$NAME/pg_hba.conf" || {
  echo "test-bootstrap: the cluster is not Debian's default (scram-sha-256 on TCP)" >&2; exit 1; }
if psql "postgres://postgres@127.0.0.1:$PORT/postgres" -Atqc 'SELECT 1' </dev/null >/dev/null 2>&1; then
  echo "test-bootstrap: the stock cluster let postgres in without a password" >&2; exit 1
fi

PGPORT=$PORT bash "$ROOT/tools/bootstrap-db.sh" "$ENV_FILE"
[ "$(stat -c %a "$ENV_FILE")" = 600 ] || { echo "test-bootstrap: $ENV_FILE is not private" >&2; exit 1; }
URL=$(sed -n 's/^DATABASE_URL=//p' "$ENV_FILE")
case "$URL" in postgres://ksbb:*@127.0.0.1:$PORT/ksbb) ;; *) echo "test-bootstrap: unexpected DATABASE_URL" >&2; exit 1;; esac
# A second run leaves the file as it is.
PGPORT=$PORT bash "$ROOT/tools/bootstrap-db.sh" "$ENV_FILE" >/dev/null
[ "$(grep -c '^DATABASE_URL=' "$ENV_FILE")" = 1 ] || { echo "test-bootstrap: DATABASE_URL written twice" >&2; exit 1; }

(cd "$ROOT" && NODE_ENV=test DATABASE_URL="$URL" node -r ./tools/ts-register.js tools/db.ts migrate >/dev/null)
TABLES=$(psql "$URL" -Atqc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'ksbb'")
[ "$TABLES" -gt 10 ] || { echo "test-bootstrap: the migrations did not run as ksbb ($TABLES tables)" >&2; exit 1; }
echo "test-bootstrap: stock $MAJOR cluster (peer + scram-sha-256): role, database, extensions, .env and migrations ok"
