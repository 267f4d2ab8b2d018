VENV ?= .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
PLAYER := tests/browser/player
CLIENTS := clients

.PHONY: run media-tools test test-tools lint format schema clients clean

run: media-tools $(VENV)/.installed ## the whole platform in one process on $(ADDR), its stores kept in var/ (FRESH=1: start empty)
	PYTHONUNBUFFERED=1 $(PY) manage.py serve $(ADDR) --seed $(if $(FRESH),--fresh)

media-tools: ## ffmpeg and ffprobe, installed (root on Debian) or named, before anything is created
	@bash scripts/require-tools.sh ffmpeg

test: test-tools $(VENV)/.installed $(PLAYER)/node_modules/.package-lock.json $(CLIENTS)/node_modules/.package-lock.json ## lint, schema validation and every test (real Redis, real ffmpeg, Chromium)
	PY=$(PY) bash scripts/test.sh

test-tools: ## ffmpeg, Chromium, npm, redis-server (the Redis Cluster job's nodes) and nginx (the front end's tests), before anything is created
	@bash scripts/require-tools.sh ffmpeg chromium npm redis-server nginx

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/ci.yml
	$(VENV)/bin/hadolint Dockerfile

format: $(VENV)/.installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

schema: $(VENV)/.installed
	$(PY) manage.py spectacular --validate --fail-on-warn --file var/schema.yaml

clients: $(VENV)/.installed $(CLIENTS)/node_modules/.package-lock.json ## regenerate clients/ (schema, TypeScript and Python clients) after an API change
	PY=$(PY) bash scripts/clients.sh

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

$(PLAYER)/node_modules/.package-lock.json: $(PLAYER)/package-lock.json ## hls.js for the browser tests
	npm ci --prefix $(PLAYER) --no-audit --no-fund

$(CLIENTS)/node_modules/.package-lock.json: $(CLIENTS)/package-lock.json ## the clients' generators, linters and tsc
	npm ci --prefix $(CLIENTS) --no-audit --no-fund

clean:
	rm -rf var .pytest_cache .ruff_cache
