#!/usr/bin/env bash
# The product as it is deployed, on a FRESH PostgreSQL database and Redis (`.ci/run` runs this after `make test`):
# migrate with system checks on, `check --deploy` under the production settings, collectstatic, load_demo_data;
# then the production process set (uvicorn with 2 workers, one Celery worker per queue, beat, the web server),
# a smoke test (scripts/deployed_smoke.py) and the browser main path against it. Prints each stage's duration;
# every process it started is stopped at the end, also on failure.
#
# Env: DEPLOYED_DATABASE_URL (default: DATABASE_URL's server, database stockvis_deployed; DROPPED and re-created),
# DEPLOYED_REDIS_URL (default redis://127.0.0.1:6379/14; flushed), DEPLOYED_API_PORT (18700),
# DEPLOYED_WEB_PORT (13700).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

if [[ -z "${DEPLOYED_DATABASE_URL:-}" ]]; then
  [[ "${DATABASE_URL:-}" == postgres* ]] || { echo "deployed-stack: set DEPLOYED_DATABASE_URL or a PostgreSQL DATABASE_URL" >&2; exit 2; }
  DEPLOYED_DATABASE_URL="${DATABASE_URL%/*}/stockvis_deployed"
fi
[[ "$DEPLOYED_DATABASE_URL" == postgres* ]] || { echo "deployed-stack: DEPLOYED_DATABASE_URL must be PostgreSQL" >&2; exit 2; }
DB_NAME="${DEPLOYED_DATABASE_URL##*/}"
DB_ADMIN_URL="${DEPLOYED_DATABASE_URL%/*}/postgres"
REDIS="${DEPLOYED_REDIS_URL:-redis://127.0.0.1:6379/14}"
API_PORT="${DEPLOYED_API_PORT:-18700}"
WEB_PORT="${DEPLOYED_WEB_PORT:-13700}"
# The demo account's symbols only: the smoke test adds NEW_SYMBOL, which the simulated provider knows, and
# watches the workers collect it.
DEMO_SYMBOLS="AAPL,MSFT,NVDA,SPY,GOOGL,AMZN,TSLA,META"
NEW_SYMBOL="KO"

STATE="$(mktemp -d)"
LOGS="$ROOT/frontend/test-results/deployed-stack"
rm -rf "$LOGS" && mkdir -p "$LOGS"

# The production settings, exactly as a deployment sets them (docs/operations.md).
export DJANGO_SETTINGS_MODULE=config.settings.production
DJANGO_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export DATABASE_URL="$DEPLOYED_DATABASE_URL" REDIS_URL="$REDIS" CELERY_BROKER_URL="$REDIS"
export API_PORT WEB_PORT PYTHONUNBUFFERED=1
# Simulated market data with a fast demo clock, so quotes are planned and stored while the smoke test watches.
export MARKET_DATA_PROVIDER=simulated DEMO_CLOCK=true DEMO_CLOCK_SECONDS=5
unset ALPHA_VANTAGE_API_KEY

pids=()
names=()
stage_name=""
stage_started=0
timings=()

stage() {  # stage NAME: ends the running stage (printing its duration) and starts NAME
  local now
  now=$(date +%s.%N)
  if [[ -n "$stage_name" ]]; then
    timings+=("$(awk -v a="$stage_started" -v b="$now" -v n="$stage_name" 'BEGIN { printf "%7.1f s  %s", b - a, n }')")
  fi
  stage_name="$1"
  stage_started=$now
  [[ -n "$1" ]] && printf '\n==> deployed stack: %s\n' "$1"
  return 0
}

stop_all() {
  local status=$?
  trap - EXIT INT TERM
  [[ -n "$stage_name" && $status -ne 0 ]] && echo "deployed stack: FAILED in stage '$stage_name'" >&2
  stage ""
  for i in "${!pids[@]}"; do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for i in "${!pids[@]}"; do
    for _ in $(seq 1 40); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  if [[ $status -ne 0 ]]; then
    for log in "$LOGS"/*.log; do echo "--- last lines of ${log#"$ROOT"/}" >&2; tail -n 25 "$log" >&2; done
  fi
  rm -rf "$STATE"
  printf '\n==> deployed stack: stage durations\n'
  printf '%s\n' "${timings[@]}"
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start() {  # start NAME COMMAND...: runs COMMAND from backend/ in the background, logging to $LOGS/NAME.log
  local name="$1"
  shift
  (cd "$ROOT/backend" && exec "$@") >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
  names+=("$name")
}

alive() {  # every started process still runs
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "deployed stack: ${names[$i]} exited; its log:" >&2
      cat "$LOGS/${names[$i]}.log" >&2
      return 1
    fi
  done
}

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...: retries COMMAND every half second
  local seconds="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    alive
    if ((SECONDS > deadline)); then echo "deployed stack: $what not within $seconds s" >&2; return 1; fi
    sleep 0.5
  done
}

manage() { (cd "$ROOT/backend" && "$PY" manage.py "$@"); }

stage "fresh PostgreSQL database $DB_NAME and Redis ${REDIS##*/}"
dropdb --if-exists --force --maintenance-db="$DB_ADMIN_URL" "$DB_NAME"
createdb --maintenance-db="$DB_ADMIN_URL" "$DB_NAME"
redis-cli -u "$REDIS" flushdb >/dev/null
# Queued tasks live in Redis: production runs it with the append-only file (docs/operations.md).
echo "Redis persistence: appendonly $(redis-cli -u "$REDIS" config get appendonly | tail -1)"

stage "migrate (system checks on)"
manage migrate --noinput

stage "check --deploy --database default --fail-level WARNING"
manage check --deploy --database default --fail-level WARNING

stage "collectstatic"
manage collectstatic --noinput -v1

stage "load_demo_data --symbols $DEMO_SYMBOLS"
manage load_demo_data --symbols "$DEMO_SYMBOLS" >"$LOGS/load_demo_data.log" 2>&1 || { cat "$LOGS/load_demo_data.log"; exit 1; }
tail -n 3 "$LOGS/load_demo_data.log"
manage setup_schedule
read -r demo_user demo_password < <(manage shell --no-imports -v0 -c \
  'from portfolios.demo import DEMO_USERNAME, DEMO_PASSWORD; print(DEMO_USERNAME, DEMO_PASSWORD)' | tail -1)

if [[ ! -f "$ROOT/frontend/.next/BUILD_ID" ]] || [[ -n "$(find "$ROOT/frontend/src" "$ROOT/frontend/package.json" -newer "$ROOT/frontend/.next/BUILD_ID" -print -quit)" ]]; then
  stage "build the web app"
  (cd "$ROOT/frontend" && npm run --silent build) >"$LOGS/next-build.log" 2>&1
fi

stage "start the process set (uvicorn x2 workers, celery high/default/low, beat, web)"
start uvicorn "$VENV/bin/uvicorn" config.asgi:application --host 127.0.0.1 --port "$API_PORT" --workers 2 \
  --ws-per-message-deflate false --log-level warning
for queue in high default low; do
  start "worker-$queue" "$VENV/bin/celery" -A config worker -Q "$queue" --concurrency 2 --hostname "$queue@%h" \
    --without-gossip --without-mingle --loglevel INFO
done
start beat "$VENV/bin/celery" -A config beat --loglevel INFO
start web env -C "$ROOT/frontend" node server.mjs
wait_for 300 "uvicorn answering /readyz" curl -fsS "http://127.0.0.1:$API_PORT/readyz"
for queue in high default low; do
  wait_for 300 "worker-$queue ready" grep -q "ready\." "$LOGS/worker-$queue.log"
done
wait_for 300 "the web server answering" curl -fsS "http://127.0.0.1:$WEB_PORT/healthz"

stage "smoke test (scripts/deployed_smoke.py)"
"$PY" "$ROOT/scripts/deployed_smoke.py" --api "http://127.0.0.1:$API_PORT" --username "$demo_user" \
  --password "$demo_password" --new-symbol "$NEW_SYMBOL" --timeout 120
alive

stage "browser main path (Playwright) against the deployed stack"
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || { echo "deployed stack: no Chromium; 'make test' (scripts/e2e.sh) installs Debian's" >&2; exit 1; }
(cd "$ROOT/frontend" && BASE_URL="http://127.0.0.1:$WEB_PORT" E2E_BEHIND_TLS_PROXY=1 \
  npx --no-install playwright test e2e/main-path.spec.ts --grep "main path$" --output test-results/deployed-stack/artifacts)
alive
stage ""
