# Two commands on a fresh machine: `make run` and `make test`. Everything else they need,
# these rules install: the virtual environment, the Python packages from the lock file,
# the NHS.UK frontend assets from npm, and Debian's Chromium for the browser tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SEED ?= 1
DOCTORS ?= 120

.DEFAULT_GOAL := help
.PHONY: help run serve test setup lint unit browser lock clean

help:
	@echo "make run   - set everything up, load the demo trust, serve http://$(HOST):$(PORT)"
	@echo "make test  - install what the tests need and run every test and check"
	@echo "make serve - production: migrate, collect static files, gunicorn and the worker"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	scripts/ensure-system-packages node
	npm ci --no-fund --no-audit
	@touch $@

# The front-end files the pages load (frontend/build.mjs): the NHS.UK frontend's styles without
# its web font from a public host, its script and icons, htmx.
build/static/rotaplan/nhsuk.css: frontend/build.mjs frontend/nhsuk.scss node_modules/.installed
	npm run build

setup: $(VENV)/.installed node_modules/.installed build/static/rotaplan/nhsuk.css

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/rotaplan demo --seed $(SEED) --doctors $(DOCTORS) --if-empty --url http://$(HOST):$(PORT)
	@# The worker generates rotas in the background; it stops when the server does.
	$(BIN)/python manage.py db_worker & WORKER=$$!; \
		trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production on this machine (README, Production): SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL
# come from the environment. gunicorn's settings are src/rotaplan/gunicorn_conf.py
# (WEB_CONCURRENCY workers); the Dockerfile runs the same commands.
serve: export ROTAPLAN_ENV = production
serve: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	@# The worker generates rotas in the background; it stops when the server does.
	$(BIN)/python manage.py db_worker & WORKER=$$!; \
		trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
		HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config python:rotaplan.gunicorn_conf rotaplan.wsgi

# The boundaries (docs/architecture.md): lint-imports checks the contracts in pyproject.toml,
# scripts/lint_views.py keeps queries and writes out of view and API modules.
lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/mypy --strict scripts/lint_views.py
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/python scripts/lint_views.py

test: setup
	scripts/ensure-system-packages chromium
	$(MAKE) lint
	$(BIN)/pytest $(PYTEST_ARGS)

lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--output-file requirements.lock --quiet

clean:
	rm -rf $(VENV) node_modules build staticfiles .pytest_cache .mypy_cache .ruff_cache
