#!/usr/bin/env bash
# Soak (issue 14 §5): minutes of mixed traffic against one ucf, on SQLite and then on PostgreSQL —
# reads (connections, connectors, a connection), writes (upsert and delete connections), browse
# through the fake Jira upstream (items, containers), syncs of the fake's issues — from 4 client
# threads. Checks and reports: 0 server errors (5xx or no answer), RSS growth after warm-up < 10%,
# p99 latency of the last minute within 20% of the first minute after warm-up. Writes
# bench/RESULTS.md (section "Soak"); exits 1 when a check fails.
#
#   bash bench/soak.sh [seconds per engine, default 300] [warm-up seconds, default 30]
#   bash bench/soak.sh 40 10     # smoke run
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-300}
WARMUP=${2:-30}
source bench/common.sh
ROWS=""
FAILED=0

soak_engine() { # label database-url
  export DATABASE_URL=$2
  PIDS_BEFORE=${#PIDS[@]}
  start_ucf_with_fake_jira 500
  local ucf_pid=${PIDS[-1]}
  local out
  out=$(/usr/bin/python3 - "${BASE##*:}" "$KEY" "$CONN" "$ucf_pid" "$DURATION" "$WARMUP" <<'PY'
import http.client, json, random, statistics, sys, threading, time
port, key, conn, pid, duration, warmup = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), float(sys.argv[6])
auth = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
samples, errors, lock = [], [], threading.Lock()
start = time.monotonic()
def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"): return int(line.split()[1])
def call(c, method, path, body=None):
    t = time.perf_counter()
    try:
        c.request(method, path, body=body, headers=auth)
        r = c.getresponse(); data = r.read(); status = r.status
    except Exception as e:  # no answer counts as a server error
        status, data = 0, str(e).encode()
    ms = (time.perf_counter() - t) * 1000
    with lock:
        samples.append((time.monotonic() - start, ms))
        if status >= 500 or status == 0: errors.append((method, path, status, data[:200]))
    return status, data
def worker(n):
    rnd = random.Random(n)
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    i = 0
    while time.monotonic() - start < duration:
        i += 1
        op = rnd.random()
        if op < 0.35: call(c, "GET", "/api/connections?limit=50")
        elif op < 0.45: call(c, "GET", "/api/connectors")
        elif op < 0.55: call(c, "GET", f"/api/connections/{conn}")
        elif op < 0.75: call(c, "GET", f"/api/connections/{conn}/items?containerId=10000&limit=20")
        elif op < 0.80: call(c, "GET", f"/api/connections/{conn}/containers")
        elif op < 0.95:
            name = f"soak-{n}-{i % 50}"
            s, d = call(c, "POST", "/api/connections", json.dumps({"connectorId": "jira", "name": name, "config": {"base_url": f"https://{n}-{i % 50}.example"}}))
            if s == 200 and i % 7 == 0:
                call(c, "DELETE", f"/api/connections/{json.loads(d)['data']['id']}")
        else:
            call(c, "POST", f"/api/connections/{conn}/sync", json.dumps({"model": "issues"}))
rss_samples = []
def sampler():
    while time.monotonic() - start < duration:
        rss_samples.append((time.monotonic() - start, rss())); time.sleep(2)
threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)] + [threading.Thread(target=sampler)]
for t in threads: t.start()
for t in threads: t.join()
def p99(lo, hi):
    xs = [ms for t, ms in samples if lo <= t < hi]
    return statistics.quantiles(xs, n=100)[98] if len(xs) > 100 else float("nan")
window = min(60.0, (duration - warmup) / 2)
first, last = p99(warmup, warmup + window), p99(duration - window, duration)
rss_warm = next(r for t, r in rss_samples if t >= warmup)
rss_end = rss_samples[-1][1]
growth = 100.0 * (rss_end - rss_warm) / rss_warm
drift = 100.0 * (last - first) / first
ok = not errors and growth < 10 and drift <= 20
print(json.dumps({"requests": len(samples), "errors": len(errors), "first_errors": [str(e) for e in errors[:3]],
                  "rss_warm_mb": rss_warm / 1024, "rss_end_mb": rss_end / 1024, "growth": growth,
                  "p99_first": first, "p99_last": last, "drift": drift, "ok": ok}))
PY
)
  echo "$1: $out" >&2
  ROWS+=$(echo "$out" | /usr/bin/python3 -c "
import json,sys; r=json.load(sys.stdin)
print(f\"| $1 | {r['requests']} | {r['errors']} | {r['rss_warm_mb']:.1f} → {r['rss_end_mb']:.1f} MiB ({r['growth']:+.1f}%) | {r['p99_first']:.1f} → {r['p99_last']:.1f} ms ({r['drift']:+.0f}%) | {'pass' if r['ok'] else 'FAIL'} |\")")$'\n'
  echo "$out" | grep -q '"ok": true' || FAILED=1
  for p in "${PIDS[@]:$PIDS_BEFORE}"; do kill "$p" 2>/dev/null || true; done
  PIDS=("${PIDS[@]:0:$PIDS_BEFORE}")
  sleep 1
  rm -rf "$WORK/data"
}

soak_engine SQLite ""
PG_URL=$(bench_postgres_url)
[[ -z "${UCF_BENCH_POSTGRES_URL:-}" && -n "$PG_URL" ]] && PG_DIR=$WORK/pg
[[ -n "$PG_URL" ]] && soak_engine PostgreSQL "$PG_URL"

SECTION=$(cat <<MD
## Soak (bench/soak.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg).
Command: \`bash bench/soak.sh $DURATION $WARMUP\`: ${DURATION} s of mixed traffic per engine from 4 keep-alive clients
(35% connection lists, 10% connectors, 10% one connection, 20% items and 5% containers through the fake Jira
upstream, 15% connection upserts with some deletes, 5% sync requests), after which: 0 server errors, RSS growth
after the ${WARMUP} s warm-up < 10%, p99 of the last window within 20% of the first window after warm-up.

| engine | requests | 5xx / no answer | RSS after warm-up → end | p99 first → last window | result |
|---|---|---|---|---|---|
${ROWS}
MD
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
exit $FAILED
