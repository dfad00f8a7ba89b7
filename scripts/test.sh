#!/usr/bin/env bash
# Every test Stock-Vis has. `scripts/test.sh backend` runs the backend part only.
# With DATABASE_URL / REDIS_URL set (CI) the backend suite runs on those real servers, and the embedded
# default (SQLite, no Redis) is exercised by a smoke run afterwards; the browser test always uses the embedded default.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PART="${1:-all}"

section() { printf '\n==> %s\n' "$*"; }

cd "$ROOT/backend"
section "ruff (lint and format)"
"$VENV/bin/ruff" check . ../bench ../scripts
"$VENV/bin/ruff" format --check . ../bench ../scripts
section "mypy"
"$VENV/bin/mypy" . ../scripts/deployed_smoke.py
section "import contracts (dependencies flow one way: docs/architecture.md)"
"$VENV/bin/lint-imports" --no-cache
section "migrations are up to date"
"$VENV/bin/python" manage.py makemigrations --check --dry-run --settings=config.settings.test

section "backend tests (database: ${DATABASE_URL:-embedded SQLite}; redis: ${REDIS_URL:-none})"
"$VENV/bin/pytest" -q -p no:cacheprovider

if [[ -n "${DATABASE_URL:-}" || -n "${REDIS_URL:-}" ]]; then
  section "smoke test of the embedded default (SQLite, no Redis)"
  env -u DATABASE_URL -u REDIS_URL -u CELERY_BROKER_URL "$VENV/bin/pytest" -q -p no:cacheprovider -m "not integration" tests/core
fi

if [[ "$PART" == "backend" ]]; then exit 0; fi

section "API contract is up to date (docs/openapi.yaml and the web app's generated types)"
bash "$ROOT/scripts/schema.sh" --check

cd "$ROOT/frontend"
section "frontend: types, lint, unit tests"
npm run --silent typecheck
npm run --silent lint
npm run --silent test
section "browser end-to-end (Chromium) against the real backend on the embedded default"
bash "$ROOT/scripts/e2e.sh"
