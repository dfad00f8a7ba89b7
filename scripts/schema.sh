#!/usr/bin/env bash
# The API contract: drf-spectacular writes the OpenAPI schema (validated, warnings fatal) to docs/openapi.yaml,
# then @hey-api/openapi-ts (frontend/openapi-ts.config.ts, pinned in package-lock.json, run offline with
# `npx --no-install`) generates the web app's TypeScript types and Zod schemas from it into
# frontend/src/api/generated/, and `manage.py error_codes` lists every error code in docs/error-codes.json (the
# web app's catalogues are tested against it). `scripts/schema.sh --check` regenerates everything into a temporary folder and
# fails when the committed schema or any generated file differs (make test runs it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
SCHEMA="$ROOT/docs/openapi.yaml"
GENERATED="$ROOT/frontend/src/api/generated"
CODES="$ROOT/docs/error-codes.json"

generate() {  # generate SCHEMA_FILE GENERATED_DIR CODES_FILE
  (cd "$ROOT/backend" && "$VENV/bin/python" manage.py spectacular --validate --fail-on-warn \
    --settings=config.settings.test --file "$1")
  (cd "$ROOT/backend" && "$VENV/bin/python" manage.py error_codes --settings=config.settings.test --file "$3" >/dev/null)
  (cd "$ROOT/frontend" && npx --no-install openapi-ts --silent --no-log-file --file openapi-ts.config.ts \
    --input "$1" --output "$2")
}

if [[ "${1:-}" != "--check" ]]; then
  generate "$SCHEMA" "$GENERATED" "$CODES"
  echo "Wrote ${SCHEMA#"$ROOT"/}, ${CODES#"$ROOT"/} and ${GENERATED#"$ROOT"/}/"
  exit 0
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
generate "$TMP/openapi.yaml" "$TMP/generated" "$TMP/error-codes.json"
stale=0
report() {  # report COMMITTED FRESH: print the diff and mark the contract stale when they differ
  if ! diff -u "$1" "$2" >"$TMP/diff" 2>&1; then
    echo "${1#"$ROOT"/} is stale (the backend's serializers changed): run 'make schema' and commit it." >&2
    head -40 "$TMP/diff" >&2
    stale=1
  fi
}
report "$SCHEMA" "$TMP/openapi.yaml"
report "$CODES" "$TMP/error-codes.json"
# Every generated file, both ways: a committed file the generator no longer writes is stale too.
for name in $( (ls "$GENERATED" 2>/dev/null; ls "$TMP/generated") | sort -u); do
  report "$GENERATED/$name" "$TMP/generated/$name"
done
exit "$stale"
