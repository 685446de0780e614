#!/usr/bin/env bash
# HTTP throughput of ucf against a bare Beast server serving THE SAME BYTES, measured in one run on
# this machine with wrk, plus ucf's idle RSS and its start-to-first-answer time. ucf's answer to
# each route is captured (curl) and served by its own bare_hello_server, so a ratio measures ucf's
# work, not the answer's size. `GET /api/connections?limit=100` runs on SQLite and, when a
# PostgreSQL cluster can be started (scripts/pg_cluster.sh) or UCF_BENCH_POSTGRES_URL is set, on
# PostgreSQL. Rounds alternate bare and ucf and the median of the rounds is reported, so background
# noise hits both sides alike. Writes bench/RESULTS.md (section "HTTP").
#
#   bash bench/http_bench.sh [seconds_per_run] [rounds]     (needs a build: bash scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-5}
ROUNDS=${2:-3}
source bench/common.sh

# Start to first answered request: a fresh data folder each time, median of 5. Wall time, and the
# CPU time ucf used until then (user + system, all threads, from /proc): on a loaded machine the
# wall time is mostly waiting for a core, the CPU time is not.
STARTS=()
START_CPUS=()
TICK_MS=$((1000 / $(getconf CLK_TCK)))
for i in 1 2 3 4 5; do
  port=$(free_port)
  t0=$(date +%s%N)
  UCF_PORT=$port UCF_DATA_DIR="$WORK/start$i" LOG_JSON=true UCF_ADMIN_TOKEN=$ADMIN \
    "$BUILD/cli/ucf" serve --env-file /nonexistent >"$WORK/start$i.log" 2>&1 & pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.005; done
  STARTS+=($(( ($(date +%s%N) - t0) / 1000000 )))
  START_CPUS+=($(awk -v t="$TICK_MS" '{print ($14 + $15) * t}' "/proc/$pid/stat"))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
START_MS=$(printf '%s\n' "${STARTS[@]}" | sort -n | sed -n 3p)
START_CPU_MS=$(printf '%s\n' "${START_CPUS[@]}" | sort -n | sed -n 3p)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

# One ucf per storage engine, each with a tenant, an API key and 100 connections.
start_engine() { # name database-url
  local port; port=$(free_port)
  UCF_PORT=$port UCF_DATA_DIR="$WORK/data-$1" DATABASE_URL="$2" LOG_JSON=true UCF_ADMIN_TOKEN=$ADMIN \
    "$BUILD/cli/ucf" serve --env-file /nonexistent >"$WORK/ucf-$1.log" 2>&1 & PIDS+=($!)
  eval "PID_$1=$!; BASE_$1=http://127.0.0.1:$port"
  local base="http://127.0.0.1:$port"
  wait_http "$base/healthz"
  curl -sf -X POST "$base/api/tenants" -H "Authorization: Bearer $ADMIN" -d '{"id":"bench","name":"Bench"}' >/dev/null
  local key; key=$(curl -sf -X POST "$base/api/api-keys" -H "Authorization: Bearer $ADMIN" -H "X-Tenant-Id: bench" \
    -d '{"name":"bench"}' | json 'd["data"]["key"]')
  for i in $(seq 100); do
    curl -sf -X POST "$base/api/connections" -H "Authorization: Bearer $key" \
      -d "{\"connectorId\":\"jira\",\"name\":\"c$i\",\"config\":{\"base_url\":\"https://c$i.example\"}}" >/dev/null
  done
  printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$key" >"$WORK/auth-$1.lua"
  eval "KEY_$1=$key"
}
start_engine sqlite ""
sleep 1
IDLE_RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$PID_sqlite/status)
PG_URL=$(bench_postgres_url)
[[ -z "${UCF_BENCH_POSTGRES_URL:-}" && -n "$PG_URL" ]] && PG_DIR=$WORK/pg
[[ -n "$PG_URL" ]] && start_engine pg "$PG_URL"

# The same bytes from the bare server: one per route.
declare -A BARE_URL BARE_PID
bare_for() { # name url auth-key
  local port; port=$(free_port)
  curl -sf -o "$WORK/body-$1" ${3:+-H "Authorization: Bearer $3"} "$2"
  "$BUILD/bench/bare_hello_server" "$port" 2 "$WORK/body-$1" & PIDS+=($!)
  BARE_PID[$1]=$!
  BARE_URL[$1]="http://127.0.0.1:$port/"
  wait_http "${BARE_URL[$1]}"
}
bare_for root "$BASE_sqlite/"
bare_for healthz "$BASE_sqlite/healthz"
bare_for connectors "$BASE_sqlite/api/connectors" "$KEY_sqlite"
bare_for connections "$BASE_sqlite/api/connections?limit=100" "$KEY_sqlite"
[[ -n "$PG_URL" ]] && bare_for connections_pg "$BASE_pg/api/connections?limit=100" "$KEY_pg"

declare -A RPS P50 P99 CPU
# CPU time (user + system, all threads) of a server process, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # name url server-pid [lua]
  local out="$WORK/$1.$round.txt" c0
  c0=$(cpu_ticks "$3")
  if [[ -n "${4:-}" ]]; then wrk -t2 -c64 -d"${DURATION}s" --latency -s "$4" "$2" >"$out"
  else wrk -t2 -c64 -d"${DURATION}s" --latency "$2" >"$out"; fi
  # The server's CPU time per request, in µs: unlike req/s, hardly moved by other work on the cores.
  CPU[$1]+="$(awk -v c="$(( $(cpu_ticks "$3") - c0 ))" -v t="$TICK_MS" '/requests in/ {printf "%.1f", c * t * 1000 / $1}' "$out") "
  RPS[$1]+="$(awk '/Requests\/sec/ {print $2}' "$out") "
  P50[$1]+="$(awk '$1=="50%" {print $2}' "$out") "
  P99[$1]+="$(awk '$1=="99%" {print $2}' "$out") "
}
PAIRS="root healthz connectors connections"
[[ -n "$PG_URL" ]] && PAIRS+=" connections_pg"
for round in $(seq "$ROUNDS"); do
  for p in $PAIRS; do
    run "bare_$p" "${BARE_URL[$p]}" "${BARE_PID[$p]}"
    case $p in
      root) run root "$BASE_sqlite/" "$PID_sqlite" ;;
      healthz) run healthz "$BASE_sqlite/healthz" "$PID_sqlite" ;;
      connectors) run connectors "$BASE_sqlite/api/connectors" "$PID_sqlite" "$WORK/auth-sqlite.lua" ;;
      connections) run connections "$BASE_sqlite/api/connections?limit=100" "$PID_sqlite" "$WORK/auth-sqlite.lua" ;;
      connections_pg) run connections_pg "$BASE_pg/api/connections?limit=100" "$PID_pg" "$WORK/auth-pg.lua" ;;
    esac
  done
done
LOADED_RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$PID_sqlite/status)
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
row() { # label key target%
  local r b cu cb; r=$(echo "${RPS[$2]}" | median); b=$(echo "${RPS[bare_$2]}" | median)
  cu=$(echo "${CPU[$2]}" | median); cb=$(echo "${CPU[bare_$2]}" | median)
  printf '| %s | %s B | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(stat -c %s "$WORK/body-$2")" "$r" "$b" \
    "$(echo "${P50[$2]}" | awk '{print $1}')" "$(echo "${P99[$2]}" | awk '{print $1}')" \
    "$(/usr/bin/python3 -c "print(f'{100*$r/$b:.0f}%')")" "$cu" "$cb" \
    "$(/usr/bin/python3 -c "print(f'{100*$cb/$cu:.0f}%' if $cu > 0 else '-')")" "$3"
}
PG_ROW=""
[[ -n "$PG_URL" ]] && PG_ROW=$(row 'ucf `GET /api/connections?limit=100` (API key, PostgreSQL, 100 rows)' connections_pg '≥ 50%')

SECTION=$(cat <<MD
## HTTP (bench/http_bench.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r), load average
at the end $(cut -d' ' -f1-3 /proc/loadavg); wrk and the servers share the machine (and other builds, when the load
is above 2: then the figures are noisy, ratios less so since both sides of a pair run back to back).
Command: \`bash bench/http_bench.sh $DURATION $ROUNDS\` (\`wrk -t2 -c64 -d${DURATION}s --latency\`, $ROUNDS rounds, medians; ucf
logs every request as JSON to a file). Each baseline is bare_hello_server (2 threads) serving the body ucf
answered to that route, byte for byte. "vs bare" is req/s over the bare server's req/s (the target's
measure; on an idle machine both are CPU-bound); "vs bare (CPU)" is the bare server's CPU time per request
over ucf's (user + system of the server process during its wrk run, from /proc): the same ratio, but
hardly moved by other work sharing the cores (wrk's own CPU is in neither).

| route | body | ucf req/s | same-bytes bare req/s | ucf p50 (round 1) | ucf p99 (round 1) | vs bare | ucf CPU µs/req | bare CPU µs/req | vs bare (CPU) | target |
|---|---|---|---|---|---|---|---|---|---|---|
$(row 'ucf `GET /` (inline; database state from the health monitor)' root '≥ 90%')
$(row 'ucf `GET /healthz` (inline)' healthz '')
$(row 'ucf `GET /api/connectors` (API key; catalog with forms and resources)' connectors '≥ 75%')
$(row 'ucf `GET /api/connections?limit=100` (API key, SQLite, 100 rows)' connections '≥ 50%')
$PG_ROW

ucf RSS: idle $((IDLE_RSS_KB / 1024)) MiB (target < 30 MB), after the runs $((LOADED_RSS_KB / 1024)) MiB.
Start to first answered request (\`ucf serve\` launched → first 200 from /healthz, fresh SQLite data folder,
median of 5, load average then ${LOAD_AT_START}): ${START_MS} ms (target < 200 ms; runs: ${STARTS[*]} ms); CPU time ucf
used until then: ${START_CPU_MS} ms (median; runs: ${START_CPUS[*]} ms, in ${TICK_MS} ms ticks).
MD
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
