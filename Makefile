# Stock-Vis: the stable entry points. `make run` starts everything; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.8
ROOT := $(abspath .)
VENV := $(ROOT)/.venv
UV := $(ROOT)/.tools/bin/uv
PY := $(VENV)/bin/python
BACKEND := $(ROOT)/backend
FRONTEND := $(ROOT)/frontend
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Installs write bytecode up front, so the first start of every process does not compile thousands of modules.
export UV_COMPILE_BYTECODE := 1

.PHONY: help install install-backend install-frontend schema run test test-backend test-deployed test-frontend test-e2e lint fmt bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(ROOT)/.tools
	$(ROOT)/.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) $(BACKEND)/pyproject.toml $(BACKEND)/uv.lock
	$(UV) sync --frozen --project $(BACKEND) --python $(PYTHON)
	touch $@

install-backend: $(VENV)/.synced  ## Python environment in .venv from the lock file

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	touch $@

install-frontend: $(FRONTEND)/node_modules/.installed  ## frontend/node_modules from package-lock.json

install: install-backend install-frontend  ## all dependencies (backend and frontend)

schema: install  ## regenerate the API contract: docs/openapi.yaml and the web app types generated from it
	bash $(ROOT)/scripts/schema.sh

run: install  ## start API, web app, worker and scheduler on the embedded default (Ctrl-C stops all)
	bash $(ROOT)/scripts/run.sh

test: install  ## every test: lint, types, migrations, backend, frontend unit, browser end-to-end
	bash $(ROOT)/scripts/test.sh

test-backend: install-backend  ## backend quality gates and pytest only
	bash $(ROOT)/scripts/test.sh backend

test-deployed: install  ## the production process set on a fresh PostgreSQL database + Redis, smoke and browser tests (DEPLOYED_DATABASE_URL / DATABASE_URL)
	bash $(ROOT)/scripts/deployed-stack.sh

lint: install-backend  ## ruff lint and format check, mypy, import contracts
	cd $(BACKEND) && $(VENV)/bin/ruff check . ../bench ../scripts && $(VENV)/bin/ruff format --check . ../bench ../scripts && $(VENV)/bin/mypy . ../scripts/deployed_smoke.py && $(VENV)/bin/lint-imports --no-cache

fmt: install-backend  ## format and autofix the backend
	cd $(BACKEND) && $(VENV)/bin/ruff check --fix . ../bench ../scripts && $(VENV)/bin/ruff format . ../bench ../scripts

bench: install  ## run the benchmarks under bench/ (PostgreSQL and Redis from DATABASE_URL / REDIS_URL)
	bash $(ROOT)/scripts/bench.sh

clean:  ## remove environments, builds and the embedded database
	rm -rf $(VENV) $(ROOT)/.tools $(FRONTEND)/node_modules $(FRONTEND)/.next $(BACKEND)/var
