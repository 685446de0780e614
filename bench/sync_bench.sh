#!/usr/bin/env bash
# Sync throughput (issue 12): ucf syncs N Jira issues from tests/peers/jira_lite/fake_jira.py over
# HTTP, through the real Jira connector, upstream client and store, into SQLite and into
# PostgreSQL (a throwaway cluster from scripts/pg_cluster.sh). Per engine, on one connection:
#   1. first sync        (incremental default on an empty store: every issue is new)
#   2. unchanged re-sync (full: every page read again, nothing written but seen_at)
#   3. 1% incremental    (the fake edits N/100 issues; the default sync lists only those)
# The fake alone is measured in the same run: a keep-alive client reading the same pages as the
# first sync, sequentially, as ucf does. Times are the job's startedAt → finishedAt.
# Writes bench/RESULTS.md (section "Sync").
#
#   bash bench/sync_bench.sh [issues] [postgres-issues]   (needs a build: bash scripts/setup.sh)
#   SYNC_BENCH_PERF=/tmp/sync-perf bash bench/sync_bench.sh   also records a perf profile of ucf
#   during each engine's first sync (/tmp/sync-perf.SQLite.data; `perf report -i …`)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
PG_N=${2:-$N}
source bench/common.sh

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system clock ticks of a process

sync_once() { # connection body → "pages fetched changed unchanged seconds ucf-cpu-seconds fake-cpu-seconds"
  # One poller process (a keep-alive client, 50 ms apart), so that polling does not take the CPU
  # the sync needs; the figures come from the job's own startedAt → finishedAt.
  UCF_PID=${PIDS[1]} FAKE_PID=${PIDS[0]} HZ=$(getconf CLK_TCK) /usr/bin/python3 - "$BASE" "$KEY" "$1" "$2" <<'PY'
import datetime, http.client, json, os, sys, time, urllib.parse
base, key, conn_id, body = sys.argv[1:5]
ticks = lambda pid: sum(int(x) for x in open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[11:13])
ucf0, fake0 = ticks(os.environ["UCF_PID"]), ticks(os.environ["FAKE_PID"])
http_conn = http.client.HTTPConnection(urllib.parse.urlparse(base).netloc)
def call(method, path, data=None):
    http_conn.request(method, path, body=data, headers={"Authorization": f"Bearer {key}"})
    answer = http_conn.getresponse()
    text = answer.read()
    if answer.status >= 300: sys.exit(f"{method} {path}: {answer.status} {text[:300]!r}")
    return json.loads(text)["data"]
job = call("POST", f"/api/connections/{conn_id}/sync", body)["id"]
for _ in range(12000):
    j = call("GET", f"/api/jobs/{job}")
    if j["status"] not in ("queued", "running"): break
    time.sleep(0.05)
ucf, fake = ticks(os.environ["UCF_PID"]) - ucf0, ticks(os.environ["FAKE_PID"]) - fake0
if j["status"] != "succeeded": sys.exit(f"sync {job} ended {j['status']}: {j.get('error')}")
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
c, hz = j["counts"], int(os.environ["HZ"])
print(c.get("pages", 0), c.get("fetched", 0), c.get("changed", 0), c.get("unchanged", 0),
      (t(j["finishedAt"]) - t(j["startedAt"])).total_seconds(), round(ucf / hz, 2), round(fake / hz, 2))
PY
}

fake_alone() { # → "pages records seconds fake-cpu-seconds": every page of the first sync's listing, one connection
  local fake0=$(cpu_ticks "${PIDS[0]}") out
  out=$(/usr/bin/python3 - "$FAKE_PORT" <<'PY'
import http.client, json, sys, time, urllib.parse
conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
jql = 'project = "BEN" AND updated >= "1970-01-01 00:00" ORDER BY updated ASC, key ASC'
token, pages, records, start = None, 0, 0, time.perf_counter()
while True:
    q = {"jql": jql, "maxResults": "100", "fields": "summary"}
    if token: q["nextPageToken"] = token
    conn.request("GET", "/rest/api/3/search/jql?" + urllib.parse.urlencode(q))
    body = json.loads(conn.getresponse().read())
    pages += 1
    records += len(body["issues"])
    token = body.get("nextPageToken")
    if not token: break
print(pages, records, round(time.perf_counter() - start, 3))
PY
)
  echo "$out" "$(/usr/bin/python3 -c "print(round(($(cpu_ticks "${PIDS[0]}") - $fake0) / $(getconf CLK_TCK), 2))")"
}

rate() { /usr/bin/python3 -c "print(f'{$1 / $2:,.0f}' if $2 > 0 else '-')"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }  # the `uptime` load averages (1, 5, 15 min) right after a figure
row() { # label "pages fetched changed unchanged seconds cpu fake-cpu" "load"
  read -r p f c u s cpu fcpu <<<"$2"
  echo "| $1 | $p | $f | $c | $u | $s | $(rate "$f" "$s") | $cpu | $(rate "$f" "$cpu") | $fcpu | $3 |"
}

run_engine() { # name issues → table rows on stdout
  local N=$2
  start_ucf_with_fake_jira "$N"
  read -r fp fr fs fc <<<"$(fake_alone)"
  local fl first fil unchanged ul incremental il
  fl=$(load)
  local perf_pid=""
  if [[ -n "${SYNC_BENCH_PERF:-}" ]]; then  # a CPU profile of ucf during the first sync
    perf record -F 499 -g -o "$SYNC_BENCH_PERF.$1.data" -p "${PIDS[1]}" >/dev/null 2>&1 & perf_pid=$!
    sleep 0.5
  fi
  first=$(sync_once "$CONN" '{"model":"issues"}'); fil=$(load)
  if [[ -n "$perf_pid" ]]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
  unchanged=$(sync_once "$CONN" '{"model":"issues","full":true}'); ul=$(load)
  curl -sf -X POST "http://127.0.0.1:$FAKE_PORT/_fake/touch?count=$((N / 100))" >/dev/null
  incremental=$(sync_once "$CONN" '{"model":"issues"}'); il=$(load)
  echo "| $1: the fake alone (same pages, one client) | $fp | $fr | - | - | $fs | $(rate "$fr" "$fs") | - | - | $fc ($(rate "$fr" "$fc") records per fake CPU s) | $fl |"
  row "$1: first sync" "$first" "$fil"
  row "$1: unchanged re-sync (full)" "$unchanged" "$ul"
  row "$1: incremental, 1% changed" "$incremental" "$il"
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  PIDS=()
  sleep 0.5
}

ROWS=$(run_engine SQLite "$N")
PG_DIR=/tmp/pg-sync-bench-$$
if PG_URL=$(bash scripts/pg_cluster.sh start "$PG_DIR" 2>/dev/null); then
  ROWS+=$'\n'$(BENCH_DATABASE_URL=$PG_URL run_engine PostgreSQL "$PG_N")
  bash scripts/pg_cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
else
  ROWS+=$'\n'"| PostgreSQL: no cluster could be started (scripts/pg_cluster.sh) | | | | | | | | | | |"
fi

SECTION=$(cat <<MD
## Sync (bench/sync_bench.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load average $(cut -d' ' -f1 /proc/loadavg) at the end: the
cores were shared with other builds). Command: \`bash bench/sync_bench.sh $N $PG_N\`
(Jira model \`issues\` of an API-token connection, $N issues (PostgreSQL: $PG_N) from \`tests/peers/jira_lite/fake_jira.py\`
over local HTTP, 100 per page, one connection per engine; seconds from the job's \`startedAt\` to
\`finishedAt\`; pages = provider pages read incl. the project listing; the fake alone is timed
in the same run reading the same issue pages with one keep-alive client).

| run | pages | fetched | changed | unchanged | seconds | records/s | ucf CPU s | records per ucf CPU s | fake CPU s | load (1/5/15 min) |
|---|---|---|---|---|---|---|---|---|---|---|
$ROWS

MD
)
# The analysis below is static text: a quoted heredoc, so nothing in it is expanded or run.
SECTION+=$'\n\n'$(cat <<'MD'
Targets: ≥ 100,000 records/s into SQLite for a first sync; an incremental sync whose cost scales
with what changed (pages read ≈ changed / 100 + the project page), not with the total.
"ucf CPU s" is the user + system CPU ucf used during the run (/proc/<pid>/stat); "fake CPU s" the
same for the fake upstream. "records per ucf CPU s" is the load-independent figure: on a shared
machine the wall-clock rates measure the other tenants of the 2 cores as much as ucf.

How a page is written (issue 12, point 9): the records store writes a page in three statements —
one lookup of the stored hashes (SQLite `external_id IN (…)`; PostgreSQL one primary-key probe per
id, whatever its statistics say: `storage/sql/record_statements.hpp`), one multi-row
`INSERT … ON CONFLICT DO UPDATE` of the changed records (their change-feed `seq` assigned in order,
in the same statement) and one `UPDATE … SET seen_at` of the unchanged ones, inside one
transaction with the change marker (`storage/sql/sql_record_store.cpp`, contract tests
`RecordsBatchDecidesEachRecordInOrder`, `RecordsPagesProbeThePrimaryKeyOnPostgres`). The runner
overlaps fetching and writing: one long-lived helper thread per run (`sync/ahead_worker.hpp`)
keeps fetching pages AND mapping, serialising and hashing their items into a bounded queue
(`sync/page_pipe.hpp`, 4 pages) while the run's thread stores what came before; that thread
takes every page queued by then, so when the store is the slower side one transaction writes up
to four pages (fewer statements, commits and WAL frames per record);
the serialised bytes that were hashed are what the store writes (`SyncedRecord::data_json`: no JSON
DOM on the write path), so the writer thread does the SQL and little else. SQLite's WAL is
checkpointed on its own thread (`storage/sqlite/wal_checkpointer.hpp`), not inside a page's commit.
See "Sync: analysis (syncperf)" and "Sync: analysis (2026-12-04)" for the profiles and what is left.
MD
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
