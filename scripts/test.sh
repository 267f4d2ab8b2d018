#!/usr/bin/env bash
# Runs lint, schema validation and the test suite against a real Redis and real ffmpeg, then the
# tests marked redis again on a three-node Redis Cluster it starts (`make test` first makes sure
# redis-server, ffmpeg and nginx are installed: scripts/require-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

# Every redis-server this script starts keeps its pid file and data under $servers.
servers=$(mktemp -d)
stop_servers() {
  local pids=()
  for pidfile in "$servers"/*/redis.pid; do
    [ -s "$pidfile" ] && pids+=("$(cat "$pidfile")")
  done
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
  # A node writes its cluster state as it stops: wait for every one before removing their files.
  for _ in $(seq 50); do kill -0 "${pids[@]}" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$servers"
}
trap stop_servers EXIT

free_ports() {
  $PY -c 'import socket, sys
held = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in held:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in held))' "$1"
}

# start_redis PORT [OPTION...]: a private redis-server on loopback, answering before this returns.
start_redis() {
  local port=$1 dir="$servers/$1"
  shift
  mkdir "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" "$@"
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && return; sleep 0.1; done
  echo "redis-server did not start:" >&2
  cat "$dir/redis.log" >&2
  exit 1
}

if [ -z "${REDIS_URL:-}" ]; then
  port=$(free_ports 1)
  start_redis "$port"
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

echo "== nginx config (the template as compose renders it, upstream on loopback): nginx -t"
$PY -m tests.nginx

echo "== OpenAPI schema"
schema=$(mktemp --suffix .json)
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py spectacular \
  --validate --fail-on-warn --format openapi-json --file "$schema"
$PY docs/contract/check.py "$schema" ${CONTRACT_GROUPS:-foundation media channels community notifications dashboard media2 events lifecycle}
rm -f "$schema"

echo "== typed clients (Redocly, Spectral, openapi-typescript, openapi-python-client, tsc --strict)"
PY=$PY bash scripts/clients.sh --check

echo "== pytest"
$PY -m pytest "$@"

echo "== pytest on a Redis Cluster (three nodes, no replicas): the tests marked redis"
# Each node's cluster bus gets a free port of its own (the default, port + 10000, may be taken).
read -r -a ports <<<"$(free_ports 6)"
for i in 0 1 2; do
  start_redis "${ports[$i]}" --cluster-enabled yes --cluster-port "${ports[$((i + 3))]}" \
    --cluster-config-file "$servers/${ports[$i]}/nodes.conf"
done
redis-cli --cluster create "127.0.0.1:${ports[0]}" "127.0.0.1:${ports[1]}" "127.0.0.1:${ports[2]}" \
  --cluster-replicas 0 --cluster-yes >"$servers/cluster-create.log" 2>&1 ||
  { cat "$servers/cluster-create.log" >&2; exit 1; }
for _ in $(seq 100); do
  redis-cli -p "${ports[0]}" cluster info | grep -q "cluster_state:ok" && break
  sleep 0.1
done
REDIS_CLUSTER=true REDIS_URL="redis://127.0.0.1:${ports[0]}/0" $PY -m pytest -m redis -p no:cacheprovider
