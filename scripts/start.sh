#!/usr/bin/env bash
# Installs what is missing, builds, and starts the service on the embedded default:
# SQLite in ./data, http://127.0.0.1:8000 (override with UCF_HOST / UCF_PORT / .env).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec ./build/cli/ucf serve "$@"
