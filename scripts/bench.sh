#!/usr/bin/env bash
# Runs every benchmark under bench/ against PostgreSQL and Redis (DATABASE_URL / REDIS_URL, or the local defaults).
# Figures are printed as ratios against a baseline measured in the same run; nothing here passes or fails on speed.
# Every bench/*.py runs (optimise.py: portfolio optimisation of 30 symbols x 10 years against the bare pypfopt call).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The API benchmark's load generator runs in its own process: Debian's wrk.
if ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" == "0" ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "bench/api.py needs wrk: run 'sudo apt-get install -y wrk'." >&2
    exit 1
  fi
fi
# bench/web.mjs drives Debian's Chromium, as the browser tests do (scripts/e2e.sh).
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" == "0" ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum >/dev/null
  else
    echo "bench/web.mjs needs /usr/bin/chromium: run 'sudo apt-get install -y chromium fonts-nanum'." >&2
    exit 1
  fi
fi
export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/stockvis_bench}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/14}"
mkdir -p "$ROOT/bench/results"
cd "$ROOT/backend"
for script in "$ROOT"/bench/*.py; do
  printf '\n==> %s\n' "$(basename "$script")"
  "$ROOT/.venv/bin/python" "$script" | tee "$ROOT/bench/results/$(basename "$script" .py).txt"
done
printf '\n==> web.mjs\n'
node "$ROOT/bench/web.mjs" # writes bench/results/web.txt itself
