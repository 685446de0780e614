#!/usr/bin/env bash
# Runs every test: installs and builds what is needed (scripts/setup.sh), starts the test peers
# the suites need (a throwaway PostgreSQL 15 cluster, …), runs ctest, and stops the peers again
# even when tests fail. Extra arguments go to ctest (e.g. -L unit, -R Fernet).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
bash scripts/setup.sh

PEERS_DIR=$(mktemp -d /tmp/ucf-test-peers-XXXXXX)
chmod 0755 "$PEERS_DIR"  # the PostgreSQL cluster runs as user postgres below it
cleanup() {
  if [[ -x scripts/pg_cluster.sh && -d "$PEERS_DIR/pg" ]]; then
    bash scripts/pg_cluster.sh stop "$PEERS_DIR/pg" >/dev/null 2>&1 || true
  fi
  rm -rf "$PEERS_DIR"
}
trap cleanup EXIT INT TERM

if [[ -f scripts/pg_cluster.sh ]]; then
  export UCF_TEST_POSTGRES_URL
  UCF_TEST_POSTGRES_URL=$(bash scripts/pg_cluster.sh start "$PEERS_DIR/pg")
  echo "[test] PostgreSQL test cluster at ${UCF_TEST_POSTGRES_URL}" >&2
fi

cd "$ROOT/build"
ctest --output-on-failure -j2 --timeout 600 "$@"
