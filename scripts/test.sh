#!/usr/bin/env bash
# Runs lint, schema validation and the test suite against a real Redis and real ffmpeg
# (`make test` first makes sure they are installed: scripts/require-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

if [ -z "${REDIS_URL:-}" ]; then
  dir=$(mktemp -d)
  port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  [ -s "$dir/redis.pid" ] || { echo "redis-server did not start:" >&2; cat "$dir/redis.log" >&2; exit 1; }
  export REDIS_URL="redis://127.0.0.1:$port/0"
fi

echo "== ruff"
$PY -m ruff check .
$PY -m ruff format --check .

echo "== import layers"
"$(dirname "$PY")/lint-imports" --no-cache

echo "== container files and the CI workflow (no engine here: their vendored schemas, hadolint)"
"$(dirname "$PY")/check-jsonschema" --builtin-schema vendor.compose-spec docker-compose.yml
"$(dirname "$PY")/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/ci.yml
"$(dirname "$PY")/hadolint" Dockerfile

echo "== OpenAPI schema"
schema=$(mktemp --suffix .json)
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py spectacular \
  --validate --fail-on-warn --format openapi-json --file "$schema"
$PY docs/contract/check.py "$schema" ${CONTRACT_GROUPS:-foundation media channels community notifications dashboard}
rm -f "$schema"

echo "== pytest"
$PY -m pytest "$@"
