#!/usr/bin/env bash
# HTTP throughput of ucf against the bare Beast ceiling, measured in one run on this machine with
# wrk, plus ucf's idle RSS. Rounds alternate bare and ucf targets and the median of the rounds is
# reported, so background noise hits both sides alike. Writes bench/RESULTS.md (section "HTTP").
#
#   bash bench/http_bench.sh [seconds_per_run] [rounds]     (needs a build: bash scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-5}
ROUNDS=${2:-3}
source bench/common.sh
BARE_PORT=$(free_port)
"$BUILD/bench/bare_hello_server" "$BARE_PORT" 2 & PIDS+=($!)
UCF_PORT=$(free_port)
UCF_PORT=$UCF_PORT UCF_DATA_DIR="$WORK/data" LOG_JSON=true UCF_ADMIN_TOKEN=$ADMIN \
  "$BUILD/cli/ucf" serve --env-file /nonexistent >"$WORK/ucf.log" 2>&1 & UCF_PID=$!; PIDS+=($UCF_PID)
BASE="http://127.0.0.1:$UCF_PORT"
wait_http "http://127.0.0.1:$BARE_PORT/"
wait_http "$BASE/healthz"
sleep 1
IDLE_RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$UCF_PID/status)

# A tenant, an API key and 100 connections for the authenticated list.
curl -sf -X POST "$BASE/api/tenants" -H "Authorization: Bearer $ADMIN" -d '{"id":"bench","name":"Bench"}' >/dev/null
KEY=$(curl -sf -X POST "$BASE/api/api-keys" -H "Authorization: Bearer $ADMIN" -H "X-Tenant-Id: bench" \
  -d '{"name":"bench"}' | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["key"])')
for i in $(seq 100); do
  curl -sf -X POST "$BASE/api/connections" -H "Authorization: Bearer $KEY" \
    -d "{\"connectorId\":\"jira\",\"name\":\"c$i\",\"config\":{\"base_url\":\"https://c$i.example\"}}" >/dev/null
done
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$KEY" >"$WORK/auth.lua"

declare -A RPS P50 P99
run() { # name url [lua]
  local out="$WORK/$1.$round.txt"
  if [[ -n "${3:-}" ]]; then wrk -t2 -c64 -d"${DURATION}s" --latency -s "$3" "$2" >"$out"
  else wrk -t2 -c64 -d"${DURATION}s" --latency "$2" >"$out"; fi
  RPS[$1]+="$(awk '/Requests\/sec/ {print $2}' "$out") "
  P50[$1]+="$(awk '$1=="50%" {print $2}' "$out") "
  P99[$1]+="$(awk '$1=="99%" {print $2}' "$out") "
}
for round in $(seq "$ROUNDS"); do
  run bare "http://127.0.0.1:$BARE_PORT/"
  run root "$BASE/"
  run bare2 "http://127.0.0.1:$BARE_PORT/"
  run healthz "$BASE/healthz"
  run bare3 "http://127.0.0.1:$BARE_PORT/"
  run connectors "$BASE/api/connectors" "$WORK/auth.lua"
  run bare4 "http://127.0.0.1:$BARE_PORT/"
  run connections "$BASE/api/connections?limit=100" "$WORK/auth.lua"
done
LOADED_RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$UCF_PID/status)
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
BARE=$(echo "${RPS[bare]} ${RPS[bare2]} ${RPS[bare3]} ${RPS[bare4]}" | median)
row() { # label key
  local r; r=$(echo "${RPS[$2]}" | median)
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$r" "$(echo "${P50[$2]}" | awk '{print $1}')" \
    "$(echo "${P99[$2]}" | awk '{print $1}')" "$(/usr/bin/python3 -c "print(f'{100*$r/$BARE:.0f}%')")"
}

SECTION=$(cat <<MD
## HTTP (bench/http_bench.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r);
wrk and the servers share the machine. Command: \`bash bench/http_bench.sh $DURATION $ROUNDS\`
(\`wrk -t2 -c64 -d${DURATION}s --latency\`, $ROUNDS alternating rounds, medians; ucf logs every request as
JSON to a file). Bare-server runs in this measurement: ${RPS[bare]}${RPS[bare2]}${RPS[bare3]}${RPS[bare4]}(median $BARE).
The server binary is linked with jemalloc (cli/CMakeLists.txt).

| target | requests/s (median) | p50 (round 1) | p99 (round 1) | vs bare |
|---|---|---|---|---|
| bare Beast hello, 2 threads (ceiling) | $BARE | | | 100% |
$(row 'ucf `GET /` (inline; database state from the health monitor)' root)
$(row 'ucf `GET /healthz` (inline)' healthz)
$(row 'ucf `GET /api/connectors` (API key; catalog with forms and resources)' connectors)
$(row 'ucf `GET /api/connections?limit=100` (API key, SQLite, 100 rows)' connections)

ucf RSS: idle $((IDLE_RSS_KB / 1024)) MiB, after the runs $((LOADED_RSS_KB / 1024)) MiB.
Targets (DESIGN.md §8): \`GET /\` and authenticated \`GET /api/connectors\` ≥ 60% of bare; authenticated \`GET /api/connections\` (100 rows) ≥ 40%;
idle RSS < 30 MB.
MD
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
