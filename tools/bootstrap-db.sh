#!/usr/bin/env bash
# Gives KSBB a database on a stock Debian PostgreSQL (peer authentication on the socket, scram-sha-256 on TCP):
# creates a `ksbb` role with a generated password, a `ksbb` database it owns with PostGIS and pg_trgm installed by the
# superuser, and writes DATABASE_URL to the git-ignored local env file (.env; mode 0600). Does nothing when
# DATABASE_URL is already set there or when the default URL (postgres@127.0.0.1, no password) already connects.
# Usage: bash tools/bootstrap-db.sh [ENV_FILE]   (PGPORT picks the cluster; default 5432). Needs root for `runuser`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${1:-$ROOT/.env}
PORT=${PGPORT:-5432}
DB=${KSBB_DB_NAME:-ksbb}
ROLE=${KSBB_DB_ROLE:-ksbb}

if [ -f "$ENV_FILE" ] && grep -q '^DATABASE_URL=' "$ENV_FILE"; then
  echo "bootstrap-db: DATABASE_URL is already set in $ENV_FILE"; exit 0
fi
if PGCONNECT_TIMEOUT=3 psql "postgres://postgres@127.0.0.1:$PORT/postgres" -Atqc 'SELECT 1' </dev/null >/dev/null 2>&1; then
  echo "bootstrap-db: postgres@127.0.0.1:$PORT connects without a password; the default DATABASE_URL works"; exit 0
fi

as_superuser() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -Atq "$@"; }
PASSWORD=$(node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))")
as_superuser -d postgres -v role="$ROLE" -v pw="$PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role')
\gexec
ALTER ROLE :"role" PASSWORD :'pw';
SQL
as_superuser -d postgres -v db="$DB" -v role="$ROLE" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db')
\gexec
SQL
# PostGIS is not a trusted extension: the superuser installs it once; the migrations' IF NOT EXISTS then pass.
as_superuser -d "$DB" -c 'CREATE EXTENSION IF NOT EXISTS postgis' -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm'

URL="postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
PGCONNECT_TIMEOUT=5 psql "$URL" -Atqc 'SELECT 1' </dev/null >/dev/null || { echo "bootstrap-db: $ROLE cannot connect over TCP" >&2; exit 1; }
touch "$ENV_FILE" && chmod 600 "$ENV_FILE"
printf 'DATABASE_URL=%s\n' "$URL" >> "$ENV_FILE"
echo "bootstrap-db: created role $ROLE and database $DB; DATABASE_URL written to $ENV_FILE"
