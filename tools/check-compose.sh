#!/usr/bin/env bash
# Validates docker-compose.yml for every profile. Uses the Docker Compose v2 plugin (`docker compose config`) when
# it is installed; otherwise Debian's docker-compose 1.29 (`apt-get install docker-compose`), which knows every key
# the file uses but the top-level `name`, so that one line is left out of the copy it checks.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp Dockerfile "$dir/"
mkdir -p "$dir/deploy" && cp -r deploy/cluster "$dir/deploy/"   # the cluster profile mounts its configs
cp secrets.env.example "$dir/secrets.env"   # the prod profile's env_file must exist
if docker compose version >/dev/null 2>&1; then
  cp docker-compose.yml "$dir/"
  check() { (cd "$dir" && docker compose "$@" config -q); }
elif command -v docker-compose >/dev/null 2>&1; then
  grep -v '^name:' docker-compose.yml >"$dir/docker-compose.yml"
  check() { (cd "$dir" && docker-compose "$@" config -q); }
else
  echo "neither 'docker compose' nor docker-compose is installed (apt-get install -y docker-compose)" >&2
  exit 2
fi
for profile in "" dev prod cluster; do
  check ${profile:+--profile "$profile"}
  echo "docker-compose.yml: valid${profile:+ (profile $profile)}"
done
