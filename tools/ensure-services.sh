#!/usr/bin/env bash
# Makes sure this machine has what KSBB needs: PostgreSQL 15 with PostGIS, Redis 7, Debian's Chromium
# (for the admin's browser tests), and that PostgreSQL and Redis are running. Safe to run again.
set -euo pipefail

need_apt=()
pg_major=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1 || true)
pg_major=${pg_major:-15}
[ -f "/usr/share/postgresql/${pg_major}/extension/postgis.control" ] || need_apt+=("postgresql-${pg_major}-postgis-3")
command -v redis-server >/dev/null || need_apt+=(redis-server)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v pgbench >/dev/null || need_apt+=("postgresql-contrib")

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "starting PostgreSQL ${pg_major}"
  pg_ctlcluster --skip-systemctl-redirect "${pg_major}" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi

pg_isready -h 127.0.0.1 -p 5432
redis-cli -h 127.0.0.1 -p 6379 ping
