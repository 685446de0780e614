#!/usr/bin/env bash
# Every benchmark in one go, each rewriting its own section of bench/RESULTS.md: HTTP against
# same-bytes baselines (SQLite and PostgreSQL, idle RSS, start time), items overhead, proxy, micro, sync,
# idle connections. Needs a build (bash scripts/setup.sh, or UCF_BUILD_TARGETS="ucf
# bare_hello_server crypto_bench" for just what is measured). Quick pass: QUICK=1.
#
#   bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${QUICK:-0}" == 1 ]]; then
  bash bench/http_bench.sh 2 1
  bash bench/items_overhead_bench.sh 300 "50"
else
  bash bench/http_bench.sh 5 3
  bash bench/items_overhead_bench.sh 2000 "10 50"
  bash bench/proxy_bench.sh 1000 20 200
  bash bench/micro_bench.sh
  bash bench/sync_bench.sh
  bash bench/idle_connections_bench.sh
fi
