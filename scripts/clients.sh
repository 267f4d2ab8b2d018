#!/usr/bin/env bash
# Generates the OpenAPI schema and the typed clients from it with tools nobody here wrote, and
# fails where a front-end developer would be let down: a lint error (Redocly's recommended rules,
# Spectral's oas rules), a generator warning, or a TypeScript example that does not type-check.
#   scripts/clients.sh          regenerate clients/ (openapi.json, typescript/, python/)
#   scripts/clients.sh --check  generate into a temporary folder and fail if clients/ differs
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
TOOLS=clients/node_modules/.bin
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

if [ "${1:-}" = "--check" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
else
  out=clients
fi
mkdir -p "$out/typescript"

DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py spectacular \
  --validate --fail-on-warn --format openapi-json --file "$out/openapi.json"
# Redocly frames a notice about Node.js versions: left out, the findings kept.
status=0
"$TOOLS/redocly" lint --config clients/redocly.yaml --format stylish "$out/openapi.json" \
  >"$out/redocly.log" 2>&1 || status=$?
grep -v -e '^ *[║╔╚]' -e '^$' "$out/redocly.log" || true
rm -f "$out/redocly.log"
[ "$status" = 0 ] || { echo "Redocly found errors in the schema" >&2; exit 1; }
"$TOOLS/spectral" lint --ruleset clients/spectral.yaml --fail-severity error "$out/openapi.json"

"$TOOLS/openapi-typescript" "$out/openapi.json" --output "$out/typescript/schema.d.ts"

log=$(mktemp)
"$(dirname "$PY")/openapi-python-client" generate --path "$out/openapi.json" \
  --output-path "$out/python" --overwrite --config clients/python-client.yaml >"$log" 2>&1 \
  || { cat "$log"; rm -f "$log"; exit 1; }
if grep -qi -e warning -e error "$log"; then
  cat "$log"; rm -f "$log"
  echo "openapi-python-client did not take the whole schema" >&2
  exit 1
fi
rm -f "$log"
# openapi-python-client 0.29.1 annotates a required body taken in two media types (register:
# JSON or a form) `| Unset` without importing Unset, so the module does not import
# (openapi-python-client#1451, fixed by #1478, unreleased): add the import it forgot.
$PY - "$out/python" <<'FIX'
import pathlib, re, sys
for path in pathlib.Path(sys.argv[1]).rglob("*.py"):
    text = path.read_text()
    imported = re.search(r"^from \.\.\.types import .*\bUnset\b", text, re.M)
    if "| Unset = UNSET" in text and not imported:
        path.write_text(text.replace("from ...types import Response, UNSET\n",
                                     "from ...types import Response, UNSET, Unset\n", 1))
FIX
$PY -m ruff check --no-cache --fix --quiet "$out/python"
$PY -m ruff format --no-cache --quiet "$out/python"
echo "openapi-python-client: every operation generated, no warning"

if [ "$out" != clients ]; then
  drift=0
  for part in python typescript/schema.d.ts openapi.json; do
    diff -ru -x __pycache__ -x .ruff_cache "clients/$part" "$out/$part" >"$out/drift" || { drift=1; head -60 "$out/drift"; }
  done
  if [ "$drift" = 1 ]; then
    echo "The committed clients are not the schema's: run make clients and commit them." >&2
    exit 1
  fi
  echo "clients/: the committed clients are the schema's"
fi
"$TOOLS/tsc" -p clients/typescript/tsconfig.json
echo "tsc --strict: the TypeScript example type-checks"
