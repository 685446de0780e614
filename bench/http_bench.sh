#!/usr/bin/env bash
# HTTP throughput of ucf against the bare Beast ceiling, measured in one run on this machine with
# wrk, plus ucf's idle RSS. Writes the figures into bench/RESULTS.md (section "HTTP").
#
#   bash bench/http_bench.sh [duration_seconds]      (needs a build: bash scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${1:-10}
BUILD=${UCF_BUILD_DIR:-$ROOT/build}
WORK=$(mktemp -d /tmp/ucf-bench-XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
lat() { awk -v k="$2" '$1==k {print $2}' "$1"; }

BARE_PORT=$(free_port)
"$BUILD/bench/bare_hello_server" "$BARE_PORT" 2 & PIDS+=($!)
UCF_PORT=$(free_port)
UCF_PORT=$UCF_PORT UCF_DATA_DIR="$WORK/data" LOG_JSON=true \
  "$BUILD/cli/ucf" serve --env-file /nonexistent >"$WORK/ucf.log" 2>&1 & UCF_PID=$!; PIDS+=($UCF_PID)
wait_http "http://127.0.0.1:$BARE_PORT/"
wait_http "http://127.0.0.1:$UCF_PORT/healthz"
sleep 1
IDLE_RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$UCF_PID/status)

run() { # name url
  wrk -t2 -c64 -d"${DURATION}s" --latency "$2" >"$WORK/$1.txt"
}
run bare "http://127.0.0.1:$BARE_PORT/"
run ucf_root "http://127.0.0.1:$UCF_PORT/"
run ucf_healthz "http://127.0.0.1:$UCF_PORT/healthz"
LOADED_RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$UCF_PID/status)

BARE=$(rps "$WORK/bare.txt"); ROOT_RPS=$(rps "$WORK/ucf_root.txt"); HZ=$(rps "$WORK/ucf_healthz.txt")
ratio() { /usr/bin/python3 -c "print(f'{100*$1/$2:.0f}%')"; }

SECTION=$(cat <<MD
## HTTP (bench/http_bench.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r);
wrk and the servers share the machine. Command: \`bash bench/http_bench.sh $DURATION\`
(\`wrk -t2 -c64 -d${DURATION}s --latency\`; ucf with JSON access logging on, to a file).

| target | requests/s | p50 | p99 | vs bare |
|---|---|---|---|---|
| bare Beast hello (ceiling) | $BARE | $(lat "$WORK/bare.txt" 50%) | $(lat "$WORK/bare.txt" 99%) | 100% |
| ucf \`GET /\` (worker pool + DB ping) | $ROOT_RPS | $(lat "$WORK/ucf_root.txt" 50%) | $(lat "$WORK/ucf_root.txt" 99%) | $(ratio "$ROOT_RPS" "$BARE") |
| ucf \`GET /healthz\` (inline) | $HZ | $(lat "$WORK/ucf_healthz.txt" 50%) | $(lat "$WORK/ucf_healthz.txt" 99%) | $(ratio "$HZ" "$BARE") |

ucf RSS: idle $((IDLE_RSS_KB / 1024)) MiB, after the runs $((LOADED_RSS_KB / 1024)) MiB (target: idle < 30 MB).
Target (DESIGN.md §8): \`GET /\` ≥ 60% of the bare server.
MD
)
RESULTS=bench/RESULTS.md
[[ -f $RESULTS ]] || printf '# Benchmark results\n\nEach section is rewritten by the script named in its heading.\n' >"$RESULTS"
/usr/bin/python3 - "$RESULTS" "$SECTION" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"## HTTP \(bench/http_bench.sh\).*?(?=\n## |\Z)", re.S)
text = pattern.sub(lambda m: section.rstrip() + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "$SECTION"
