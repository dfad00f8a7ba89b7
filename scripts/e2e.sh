#!/usr/bin/env bash
# Browser end-to-end test: the whole product on the embedded default (fresh SQLite, embedded broker,
# simulated data) on spare ports, driven by Playwright in Debian's Chromium.
# Arguments go to `playwright test` (e.g. `scripts/e2e.sh e2e/api-docs.spec.ts`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian's Chromium (Playwright's own browser download cannot work here) and a Korean font for the screenshots.
# grep reads the whole list (not -q): under pipefail, fc-list killed by SIGPIPE would fail the check.
if [[ ! -x /usr/bin/chromium ]] || ! fc-list : family 2>/dev/null | grep -i nanum >/dev/null; then
  if [[ "$(id -u)" == "0" ]]; then
    echo "Installing Debian's chromium and fonts-nanum for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum >/dev/null
  else
    echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install -y chromium fonts-nanum'." >&2
    exit 1
  fi
fi

STATE="$(mktemp -d)"
export API_PORT="${E2E_API_PORT:-18000}"
export WEB_PORT="${E2E_WEB_PORT:-13000}"
export DATABASE_URL="sqlite:///$STATE/e2e.sqlite3"
export CELERY_BROKER_URL="sqla+sqlite:///$STATE/broker.sqlite3"
export DEMO_CLOCK=true
unset REDIS_URL
export BASE_URL="http://127.0.0.1:$WEB_PORT"

LOG="$ROOT/frontend/test-results/e2e-server.log"
mkdir -p "$(dirname "$LOG")"
bash "$ROOT/scripts/run.sh" >"$LOG" 2>&1 &
SERVER_PID=$!
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$STATE"
}
trap stop_server EXIT

for _ in $(seq 1 600); do
  if grep -q "Stock-Vis is running" "$LOG" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "The product did not start; its log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 1
done
grep -q "Stock-Vis is running" "$LOG" || { echo "The product did not start in time; its log:" >&2; cat "$LOG" >&2; exit 1; }

cd "$ROOT/frontend"
npm run --silent e2e -- "$@"
