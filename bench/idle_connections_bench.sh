#!/usr/bin/env bash
# Memory of ucf holding many idle keep-alive connections (DESIGN §8: 5,000 idle keep-alive
# connections < 150 MB). Opens N connections, sends one request on each, keeps them all open and
# idle, then reads the server's RSS; checks the server still answers a fresh request. Writes
# bench/RESULTS.md (section "Idle connections").
#
#   bash bench/idle_connections_bench.sh [connections]     (needs a build: bash scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
source bench/common.sh
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > N + 100 )) || { echo "need more than $N open files (ulimit -Hn is $(ulimit -Hn))" >&2; exit 1; }

PORT=$(free_port)
UCF_PORT=$PORT UCF_DATA_DIR="$WORK/data" UCF_ADMIN_TOKEN=$ADMIN \
  UCF_IDLE_TIMEOUT_MS=600000 "$BUILD/cli/ucf" serve --env-file /nonexistent >"$WORK/ucf.log" 2>&1 &
UCF_PID=$!
PIDS+=($UCF_PID)
wait_http "http://127.0.0.1:$PORT/healthz"
sleep 1
rss() { awk '/VmRSS/ {print $2}' "/proc/$UCF_PID/status"; }
IDLE_KB=$(rss)

RESULT=$(/usr/bin/python3 - "$PORT" "$N" "$UCF_PID" <<'PY'
import socket, sys, time
port, n, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def rss_kb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1])
request = b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n"
socks, answered = [], 0
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request)
    socks.append(s)
for s in socks:
    s.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        data += s.recv(4096)
    answered += data.startswith(b"HTTP/1.1 200")
time.sleep(2)  # all idle now
held = rss_kb()
fresh = socket.create_connection(("127.0.0.1", port))
fresh.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
ok = fresh.recv(4096).startswith(b"HTTP/1.1 200")
still_open = 0
for s in socks:
    s.sendall(request)
    s.settimeout(10)
    still_open += s.recv(4096).startswith(b"HTTP/1.1 200")
print(answered, held, int(ok), still_open)
PY
)
read -r ANSWERED HELD_KB FRESH_OK STILL_OPEN <<<"$RESULT"
PER_CONN=$(/usr/bin/python3 -c "print(round(($HELD_KB - $IDLE_KB) / $N, 1))")
SECTION=$(cat <<MD
## Idle connections (bench/idle_connections_bench.sh)

Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores. Command: \`bash bench/idle_connections_bench.sh $N\`
($N keep-alive connections opened from one Python client, one \`GET /healthz\` on each, then all
left idle; RSS read from /proc).

| | value |
|---|---|
| connections answered / held | $ANSWERED / $N |
| ucf RSS before | $((IDLE_KB / 1024)) MiB |
| ucf RSS holding $N idle connections | $((HELD_KB / 1024)) MiB |
| per idle connection | $PER_CONN KiB |
| a new connection answered meanwhile | $([[ $FRESH_OK == 1 ]] && echo yes || echo NO) |
| idle connections still serving a second request | $STILL_OPEN / $N |

Target (DESIGN.md §8): $N idle keep-alive connections < 150 MB.
MD
)
/usr/bin/python3 bench/write_section.py "$SECTION"
echo "$SECTION"
