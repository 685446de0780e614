#!/usr/bin/env bash
# Sync throughput (DESIGN §8: ≥ 20,000 records/s into SQLite from a local fake upstream, 100 per
# page, one connection): ucf syncs Jira issues from tests/peers/jira_lite/fake_jira.py over HTTP, through the real
# Jira connector, upstream client and SQLite store. Each round syncs a new connection twice: the
# first run inserts every record, the second finds them all unchanged; medians over the rounds.
# Writes bench/RESULTS.md (section "Sync").
#
#   bash bench/sync_bench.sh [issues] [rounds]     (needs a build: bash scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
ROUNDS=${2:-3}
source bench/common.sh
start_ucf_with_fake_jira "$N"

sync_once() { # connection → "fetched changed unchanged seconds"
  local job status
  job=$(curl -sf -X POST "$BASE/api/connections/$1/sync" -H "Authorization: Bearer $KEY" \
    -d '{"model":"issues"}' | json 'd["data"]["id"]')
  for _ in $(seq 6000); do
    status=$(curl -sf "$BASE/api/jobs/$job" -H "Authorization: Bearer $KEY" | json 'd["data"]["status"]')
    [[ $status == queued || $status == running ]] || break
    sleep 0.05
  done
  [[ $status == succeeded ]] || { echo "sync $job ended $status" >&2; cat "$WORK/ucf.log" | tail -5 >&2; exit 1; }
  curl -sf "$BASE/api/jobs/$job" -H "Authorization: Bearer $KEY" | /usr/bin/python3 -c '
import json, sys, datetime
j = json.load(sys.stdin)["data"]
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
c = j["counts"]
print(c.get("fetched", 0), c.get("changed", 0), c.get("unchanged", 0),
      (t(j["finishedAt"]) - t(j["startedAt"])).total_seconds())'
}
FIRST=() SECOND=()
for round in $(seq "$ROUNDS"); do
  conn=$CONN
  ((round == 1)) || conn=$(connect_fake_jira "bench-$round")
  FIRST+=("$(sync_once "$conn")")
  SECOND+=("$(sync_once "$conn")")
done
# The round with the median duration: "fetched changed unchanged seconds".
median_run() { printf '%s\n' "$@" | sort -g -k4 | sed -n "$(( ($# + 1) / 2 ))p"; }
read -r F1 C1 U1 S1 <<<"$(median_run "${FIRST[@]}")"
read -r F2 C2 U2 S2 <<<"$(median_run "${SECOND[@]}")"
ALL1=$(printf '%s\n' "${FIRST[@]}" | awk '{printf "%s%s s", (NR>1?", ":""), $4}')
rate() { /usr/bin/python3 -c "print(f'{$1 / $2:,.0f}')"; }

SECTION=$(cat <<MD
## Sync (bench/sync_bench.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores. Command: \`bash bench/sync_bench.sh $N $ROUNDS\`
(Jira model \`issues\` of an API-token connection, $N issues from \`tests/peers/jira_lite/fake_jira.py\`
over local HTTP, 100 per page, into SQLite; time from the job's \`startedAt\` to \`finishedAt\`;
$ROUNDS rounds, each on a new connection, median shown; first syncs took $ALL1).

| run | fetched | changed | unchanged | seconds | records/s |
|---|---|---|---|---|---|
| first sync (every record new), median | $F1 | $C1 | $U1 | $S1 | $(rate "$F1" "$S1") |
| second sync (nothing changed), median | $F2 | $C2 | $U2 | $S2 | $(rate "$F2" "$S2") |

Target (DESIGN.md §8): ≥ 20,000 records/s into SQLite from a local fake upstream.
MD
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
