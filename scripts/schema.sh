#!/usr/bin/env bash
# The API contract: drf-spectacular writes the OpenAPI schema (validated, warnings fatal) to docs/openapi.yaml,
# then the web app's types are generated from it. `scripts/schema.sh --check` regenerates into a temporary
# folder and fails when the committed schema or generated types differ (make test runs it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
SCHEMA="$ROOT/docs/openapi.yaml"
TYPES="$ROOT/frontend/src/api/generated/schema.ts"

generate() {  # generate SCHEMA_FILE TYPES_FILE
  (cd "$ROOT/backend" && "$VENV/bin/python" manage.py spectacular --validate --fail-on-warn \
    --settings=config.settings.test --file "$1")
  (cd "$ROOT/frontend" && npx --no-install openapi-typescript "$1" --output "$2" >/dev/null)
}

if [[ "${1:-}" != "--check" ]]; then
  mkdir -p "$(dirname "$TYPES")"
  generate "$SCHEMA" "$TYPES"
  echo "Wrote $SCHEMA and $TYPES"
  exit 0
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
generate "$TMP/openapi.yaml" "$TMP/schema.ts"
stale=0
for pair in "$SCHEMA:$TMP/openapi.yaml" "$TYPES:$TMP/schema.ts"; do
  committed="${pair%%:*}" fresh="${pair#*:}"
  if ! diff -u "$committed" "$fresh" >"$TMP/diff" 2>&1; then
    echo "${committed#"$ROOT"/} is stale (the backend's serializers changed): run 'make schema' and commit it." >&2
    head -40 "$TMP/diff" >&2
    stale=1
  fi
done
exit "$stale"
