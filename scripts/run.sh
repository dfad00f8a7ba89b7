#!/usr/bin/env bash
# Starts Stock-Vis in the foreground: API (ASGI: HTTP + WebSocket), Celery workers and beat, and the web app.
# Without DATABASE_URL / REDIS_URL it runs on SQLite, in-process cache and channel layer and an embedded broker:
# one API process and one worker for all queues. With REDIS_URL set (and DATABASE_URL, normally PostgreSQL) it runs
# the deployed process set (docs/operations.md): API_WORKERS uvicorn workers (2), one Celery worker per queue
# (high, default, low), beat, and Flower on FLOWER_PORT (5555). Ctrl-C stops every process it started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
export API_PORT="${API_PORT:-8000}"
export WEB_PORT="${WEB_PORT:-3000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.local}"
export DEMO_CLOCK="${DEMO_CLOCK:-true}"
export PYTHONUNBUFFERED=1

pids=()
build_pid=""
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}" $build_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
# Ctrl-C (or TERM) is the way to stop, also during migrate or the build: exit 0, so make reports no error. A
# process that dies on its own still ends the script with its status (set -e on `wait -n`); EXIT stops the rest.
stop() {
  cleanup
  echo "Stopped."
  exit 0
}
trap stop INT TERM
trap cleanup EXIT

mkdir -p "$ROOT/backend/var"
cd "$ROOT/backend"

# The web app is rebuilt only when its sources changed since the last build: a hash over the files that go into
# `next build` (not their times, which a checkout or a copy changes), kept beside the build. It builds in the
# background while the backend prepares, so a cold start does both at once on the two cores.
build_inputs_hash() {
  local inputs=() path
  for path in src public package.json package-lock.json next.config.ts postcss.config.mjs tsconfig.json; do
    [[ -e "$ROOT/frontend/$path" ]] && inputs+=("$path")
  done
  (cd "$ROOT/frontend" && find "${inputs[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}
BUILD_STAMP="$ROOT/frontend/.next/.inputs-sha256"
inputs_hash="$(build_inputs_hash)"
if [[ ! -f "$ROOT/frontend/.next/BUILD_ID" ]] || [[ "$(cat "$BUILD_STAMP" 2>/dev/null)" != "$inputs_hash" ]]; then
  echo "Building the web app..."
  (cd "$ROOT/frontend" && npm run build && echo "$inputs_hash" >"$BUILD_STAMP") &
  build_pid=$!
fi

# The API starts first, so that its start-up (Django and the URLconf) overlaps the preparation below; nothing sends
# it requests before then, because the web app that proxies to it starts after the preparation.
if [[ -n "${REDIS_URL:-}" ]]; then
  # Redis carries the cache, the broker and the channel layer, so the processes can be many and separate.
  "$ROOT/.venv/bin/uvicorn" config.asgi:application --host 127.0.0.1 --port "$API_PORT" --log-level warning \
    --ws-per-message-deflate false --workers "${API_WORKERS:-2}" &
else
  "$ROOT/.venv/bin/uvicorn" config.asgi:application --host 127.0.0.1 --port "$API_PORT" --log-level warning \
    --ws-per-message-deflate false &
fi
pids+=($!)

# Migrations, static files, the demo universe (first start only) and the beat schedule, each skipped when up to
# date, in one Django process, which leaves the demo login in a file for the banner below.
"$PY" "$ROOT/scripts/run_prepare.py" "$ROOT/backend/var/demo-login"
read -r demo_user demo_password <"$ROOT/backend/var/demo-login"

if [[ -n "$build_pid" ]]; then
  wait "$build_pid"
  build_pid=""
fi
# The workers and beat start with the web app: the API has had the preparation's time to start up already.
if [[ -n "${REDIS_URL:-}" ]]; then
  for queue in high default low; do
    "$ROOT/.venv/bin/celery" -A config worker -Q "$queue" --concurrency 2 --loglevel INFO --hostname "$queue@%h" &
    pids+=($!)
  done
  FLOWER_PORT="${FLOWER_PORT:-5555}"
  "$ROOT/.venv/bin/celery" -A config flower --address=127.0.0.1 --port="$FLOWER_PORT" >/dev/null 2>&1 &
  pids+=($!)
  mode="${DATABASE_URL:-sqlite}" mode="${mode%%:*} database, Redis; a worker per queue: high, default, low"
  extra="  Flower (tasks):         http://127.0.0.1:$FLOWER_PORT"
else
  "$ROOT/.venv/bin/celery" -A config worker -Q high,default,low --concurrency 2 --loglevel INFO --hostname "worker@%h" &
  pids+=($!)
  mode="embedded default (SQLite, in-process cache, embedded broker)"
  extra=""
fi
"$ROOT/.venv/bin/celery" -A config beat --loglevel INFO &
pids+=($!)
(cd "$ROOT/frontend" && exec node server.mjs) &
pids+=($!)

for _ in $(seq 1 240); do
  if "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
    "http://127.0.0.1:$WEB_PORT/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.25
done

cat <<MSG

  Stock-Vis is running:   http://127.0.0.1:$WEB_PORT
  Demo login:             $demo_user / $demo_password
  API docs:               http://127.0.0.1:$WEB_PORT/api/docs/
  Running on:             $mode${extra:+
$extra}
  Press Ctrl-C to stop.

MSG
wait -n "${pids[@]}"
