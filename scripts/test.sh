#!/usr/bin/env bash
# Runs lint, schema validation and the test suite against a real Redis and real ffmpeg.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

need=()
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v chromium >/dev/null || need+=(chromium)
if [ -z "${REDIS_URL:-}" ]; then command -v redis-server >/dev/null || need+=(redis-server); fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing ${need[*]}: install them (apt-get install -y ${need[*]})" >&2
    exit 1
  fi
fi

if [ -z "${REDIS_URL:-}" ]; then
  dir=$(mktemp -d)
  port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export REDIS_URL="redis://127.0.0.1:$port/0"
fi

echo "== ruff"
$PY -m ruff check .
$PY -m ruff format --check .

echo "== OpenAPI schema"
schema=$(mktemp --suffix .json)
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py spectacular \
  --validate --fail-on-warn --format openapi-json --file "$schema"
$PY docs/contract/check.py "$schema" ${CONTRACT_GROUPS:-foundation media}
rm -f "$schema"

echo "== pytest"
$PY -m pytest "$@"
