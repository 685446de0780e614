#!/usr/bin/env bash
# Installs what is missing, builds, and starts the service on the embedded default:
# SQLite in ./data, http://127.0.0.1:8000 (override with UCF_HOST / UCF_PORT / .env).
set -euo pipefail
cd "$(dirname "$0")/.."
# Only the service binary: the tests are built by scripts/test.sh (./build-asan), the rest of
# ./build by a plain `bash scripts/setup.sh` (benchmarks, targeted test runs).
UCF_BUILD_TARGETS=${UCF_BUILD_TARGETS:-ucf} bash scripts/setup.sh
exec ./build/cli/ucf serve "$@"
