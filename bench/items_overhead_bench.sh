#!/usr/bin/env bash
# What ucf adds to a provider call (DESIGN §8: a unified items call through UCF to a local fake
# upstream adds < 0.5 ms at p50 over calling the fake directly). One client, keep-alive, requests
# one after another, alternating: the fake's Jira issue search directly, then the same page through
# `GET /api/connections/{id}/items` (auth, tenant check, connector, upstream client, mapping to
# the unified shape, envelope). Writes bench/RESULTS.md (section "Items overhead").
#
#   bash bench/items_overhead_bench.sh [requests] ["page sizes"]     (needs a build)
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-2000}
PAGES=${2:-10 50}
source bench/common.sh
start_ucf_with_fake_jira 1000
UCF_PID=${PIDS[1]}

LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
ROWS=$(/usr/bin/python3 - "$FAKE_PORT" "${BASE##*:}" "$KEY" "$CONN" "$REQUESTS" "$PAGES" "$UCF_PID" <<'PY'
import http.client, socket, statistics, sys, time
fake_port, port, key, conn_id, n, pages, pid = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6].split(), sys.argv[7]
sys.path.insert(0, "bench")
from proc_cpu import cpu_ns as proc_cpu_ns
cpu_ns = lambda: proc_cpu_ns(pid)  # CPU time of every ucf thread so far (ns)
def client(p):
    c = http.client.HTTPConnection("127.0.0.1", int(p))
    c.connect()
    c.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return c
direct, through = client(fake_port), client(port)
def timed(c, path, headers):
    t = time.perf_counter()
    c.request("GET", path, headers=headers)
    r = c.getresponse()
    body = r.read()
    assert r.status == 200, (r.status, body[:200])
    return (time.perf_counter() - t) * 1000
auth = {"Authorization": f"Bearer {key}"}
q = lambda xs, p: statistics.quantiles(xs, n=100)[p - 1]
for page in pages:
    direct_path = f"/rest/api/3/search/jql?jql=project%20%3D%20%2210000%22&maxResults={page}&fields=summary"
    ucf_path = f"/api/connections/{conn_id}/items?containerId=10000&limit={page}"
    for _ in range(50):  # warm both paths (connections, caches)
        timed(direct, direct_path, {}); timed(through, ucf_path, auth)
    d, u = [], []
    c0 = cpu_ns()
    for _ in range(n):
        d.append(timed(direct, direct_path, {}))
        u.append(timed(through, ucf_path, auth))
    cpu_us = (cpu_ns() - c0) / n / 1000
    d50, u50 = statistics.median(d), statistics.median(u)
    print(f"| {page} | {d50:.3f} | {u50:.3f} | **{u50 - d50:.3f}** | {q(d, 99):.3f} | {q(u, 99):.3f} | {cpu_us:.0f} |")
PY
)
SECTION=$(cat <<MD
## Items overhead (bench/items_overhead_bench.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average $LOAD_BEFORE before and
$(uptime | sed 's/.*load average: //') after. Command: \`bash bench/items_overhead_bench.sh $REQUESTS "$PAGES"\`
($REQUESTS sequential keep-alive requests each way per page size, alternating, from one Python
client: a page of Jira issues from \`tests/peers/jira_lite/fake_jira.py\` directly vs \`GET /api/connections/{id}/items\`
through ucf with an API key — auth, connection lookup, upstream client, mapping to the unified
shape, envelope; ucf logs every request as JSON). ucf CPU µs/call: CPU time of all ucf threads
(/proc/<pid>/task/*/schedstat) during the run over its calls through ucf — steadier than wall time
on a shared machine, though each context switch costs more CPU there.

| issues per page | fake directly p50 (ms) | through ucf p50 (ms) | added by ucf at p50 (ms) | fake p99 | ucf p99 | ucf CPU µs/call |
|---|---|---|---|---|---|---|
$ROWS

Targets: < 0.5 ms added at p50 (DESIGN.md §8); < 0.3 ms for 50 issues (issue 14).
MD
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
