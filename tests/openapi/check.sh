#!/usr/bin/env bash
# The checked-in OpenAPI document against the binary (issue 13):
#   check.sh drift <ucf>   docs/openapi.json must equal what `ucf openapi` writes with the default
#                          configuration (a clean environment, no .env file)
#   check.sh lint <ucf>    docs/openapi.json must pass `redocly lint` with no error and no warning
#                          (rules: redocly.yaml; true findings acknowledged one by one in
#                          .redocly.lint-ignore.yaml)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODE=$1
UCF=$2
WORK=$(mktemp -d /tmp/ucf-openapi-check-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

env -i PATH="$PATH" HOME="$WORK" "$UCF" openapi --env-file /dev/null --data-dir "$WORK/data" --out "$WORK/openapi.json"

case "$MODE" in
  drift)
    if ! diff -u "$ROOT/docs/openapi.json" "$WORK/openapi.json" > "$WORK/diff"; then
      head -n 80 "$WORK/diff"
      echo "docs/openapi.json differs from what the binary generates; regenerate it with" >&2
      echo "  build/cli/ucf openapi --out docs/openapi.json" >&2
      exit 1
    fi
    echo "docs/openapi.json matches the route table"
    ;;
  lint)
    REDOCLY="$ROOT/tests/peers/node_modules/.bin/redocly"
    if [[ ! -x "$REDOCLY" ]]; then
      echo "redocly is not installed: run npm ci in tests/peers (scripts/setup.sh does)" >&2
      exit 1
    fi
    cd "$ROOT"
    status=0
    REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
      "$REDOCLY" lint --config redocly.yaml --format stylish docs/openapi.json > "$WORK/lint" 2>&1 || status=$?
    grep -v '[║╔╚]' "$WORK/lint" || true
    if [[ $status -ne 0 ]] || grep -Eq '^ +[0-9]+:[0-9]+ +(warning|error) ' "$WORK/lint"; then
      echo "redocly lint found problems in docs/openapi.json" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: check.sh drift|lint <ucf binary>" >&2
    exit 2
    ;;
esac
