#!/usr/bin/env bash
# What the passthrough proxy adds over calling the provider directly (issue 13: target < 0.3 ms at
# p50), sequential and with 64 concurrent keep-alive connections, in one run; and ucf's memory while
# one client downloads, then uploads, a large body through the proxy. The provider is tests/peers/jira_lite/fake_jira.py
# (GET /rest/api/3/myself, a small JSON answer; /__bench/bytes?n= for the large body).
# Writes bench/RESULTS.md (section "Proxy").
#
#   bash bench/proxy_bench.sh [sequential requests] [requests per connection at 64] [MiB]   (needs a build)
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-2000}
PER_CONN=${2:-50}
MIB=${3:-200}
source bench/common.sh
# 64 clients of one tenant on one connection: lift the fairness caps so they measure the proxy.
export UCF_UPSTREAM_MAX_PER_TENANT=64 UCF_UPSTREAM_MAX_CONCURRENCY=64 UCF_UPSTREAM_THREADS=64
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
start_ucf_with_fake_jira 10
UCF_PID=${PIDS[1]}

OUT=$(/usr/bin/python3 - "$FAKE_PORT" "${BASE##*:}" "$KEY" "$CONN" "$REQUESTS" "$PER_CONN" "$MIB" "$UCF_PID" <<'PY'
import http.client, json, socket, statistics, sys, threading, time
fake, port, key, conn, n, per_conn, mib, pid = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
auth = {"Authorization": f"Bearer {key}"}
def client(p):
    c = http.client.HTTPConnection("127.0.0.1", int(p), timeout=60)
    c.connect()
    c.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return c
def timed(c, path, headers):
    t = time.perf_counter()
    c.request("GET", path, headers=headers)
    r = c.getresponse()
    body = r.read()
    assert r.status == 200, (r.status, body[:200])
    return (time.perf_counter() - t) * 1000
q = lambda xs, p: statistics.quantiles(xs, n=100)[p - 1]
sys.path.insert(0, "bench")
from proc_cpu import cpu_ns as proc_cpu_ns
cpu_ns = lambda: proc_cpu_ns(pid)  # CPU time of every ucf thread so far (ns)
cpu = {}
direct_path, proxy_path = "/rest/api/3/myself", f"/proxy/{conn}/rest/api/3/myself"
# Sequential, alternating.
d_c, p_c = client(fake), client(port)
for _ in range(100):
    timed(d_c, direct_path, {}); timed(p_c, proxy_path, auth)
d, p = [], []
c0 = cpu_ns()
for _ in range(n):
    d.append(timed(d_c, direct_path, {})); p.append(timed(p_c, proxy_path, auth))
cpu["sequential, 1 connection"] = (cpu_ns() - c0) / n / 1000
rows = [("sequential, 1 connection", d, p)]
# 64 connections at once: first all direct, then all through the proxy.
def concurrent(port_, path, headers):
    out, lock = [], threading.Lock()
    def run():
        c = client(port_)
        mine = [timed(c, path, headers) for _ in range(per_conn)]
        with lock:
            out.extend(mine)
    threads = [threading.Thread(target=run) for _ in range(64)]
    for t in threads: t.start()
    for t in threads: t.join()
    return out
direct64 = concurrent(fake, direct_path, {})
c0 = cpu_ns()
proxy64 = concurrent(port, proxy_path, auth)
cpu["64 connections"] = (cpu_ns() - c0) / len(proxy64) / 1000
rows.append(("64 connections", direct64, proxy64))
for name, d, p in rows:
    print(f"| {name} | {len(p)} | {statistics.median(d):.3f} | {statistics.median(p):.3f} | **{statistics.median(p) - statistics.median(d):.3f}** | {q(d, 99):.3f} | {q(p, 99):.3f} | **{q(p, 99) - q(d, 99):.3f}** | {cpu[name]:.0f} |")
# Memory while streaming a large body through the proxy.
def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
before = rss()
peak = before
c = client(port)
t = time.perf_counter()
c.request("GET", f"/proxy/{conn}/__bench/bytes?n={mib * 1024 * 1024}", headers=auth)
r = c.getresponse()
got = 0
while True:
    chunk = r.read(1 << 20)
    if not chunk: break
    got += len(chunk)
    if got % (16 << 20) < (1 << 20): peak = max(peak, rss())
secs = time.perf_counter() - t
assert got == mib * 1024 * 1024, got
print(f"MEM {before} {peak} {got / secs / (1 << 20):.0f}")
# Memory while uploading a large body through the proxy (generated, never held; RSS sampled).
total = mib * 1024 * 1024
def pieces():
    piece = b"u" * 65536
    left = total
    while left > 0:
        yield piece[:min(left, len(piece))]
        left -= min(left, len(piece))
before = rss()
peak = [before]
done = threading.Event()
def sample():
    while not done.wait(0.05):
        peak[0] = max(peak[0], rss())
sampler = threading.Thread(target=sample)
sampler.start()
c = client(port)
t = time.perf_counter()
c.request("POST", f"/proxy/{conn}/__bench/sink", body=pieces(),
          headers={**auth, "Content-Length": str(total), "Content-Type": "application/octet-stream"})
r = c.getresponse()
answer = r.read()
secs = time.perf_counter() - t
done.set(); sampler.join()
assert r.status == 200 and json.loads(answer)["bytes"] == total, (r.status, answer[:200])
print(f"UP {before} {peak[0]} {total / secs / (1 << 20):.0f}")
PY
)
ROWS=$(echo "$OUT" | grep '^|')
read -r _ RSS_BEFORE RSS_PEAK MIBS <<<"$(echo "$OUT" | grep '^MEM')"
read -r _ UP_BEFORE UP_PEAK UP_MIBS <<<"$(echo "$OUT" | grep '^UP')"
LOAD_AFTER=$(uptime | sed 's/.*load average: //')
SECTION=$(cat <<MD
## Proxy (bench/proxy_bench.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average (1, 5, 15 min) $LOAD_BEFORE before and
$LOAD_AFTER after the run. Command: \`bash bench/proxy_bench.sh $REQUESTS $PER_CONN $MIB\`
(Python clients with keep-alive: \`GET /rest/api/3/myself\` of \`tests/peers/jira_lite/fake_jira.py\`
directly vs \`GET /proxy/{connectionId}/rest/api/3/myself\` through ucf with an API key — auth,
connection lookup, credentials, the streaming upstream transfer; sequential alternating, then 64
connections at once, all direct first, then all through the proxy, with UCF_UPSTREAM_MAX_PER_TENANT,
UCF_UPSTREAM_MAX_CONCURRENCY and UCF_UPSTREAM_THREADS at 64; ucf logs every request as JSON).
ucf CPU µs/call: CPU time of all ucf threads (/proc/<pid>/task/*/schedstat) during the proxied
calls of that run, divided by their number — steadier than wall time on a shared machine, though
each context switch costs more CPU there.

| run | requests | direct p50 (ms) | proxy p50 (ms) | added p50 (ms) | direct p99 | proxy p99 | added p99 | ucf CPU µs/call |
|---|---|---|---|---|---|---|---|---|
$ROWS

Streaming ${MIB} MiB through the proxy to one client: ucf RSS ${RSS_BEFORE} KiB before, peak ${RSS_PEAK} KiB
during (growth $((RSS_PEAK - RSS_BEFORE)) KiB), ${MIBS} MiB/s.
Uploading ${MIB} MiB through the proxy (Content-Length, to the fake's \`POST /__bench/sink\`): ucf RSS
${UP_BEFORE} KiB before, peak ${UP_PEAK} KiB during (growth $((UP_PEAK - UP_BEFORE)) KiB), ${UP_MIBS} MiB/s.

Target (issue 13): < 0.3 ms added at p50.
MD
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
