# Shared by the bench scripts (source it from the repository root): the build to measure, a scratch
# folder and the processes to stop on exit, free ports, waiting for a server, the admin token.
BUILD=${UCF_BUILD_DIR:-$PWD/build}
WORK=$(mktemp -d /tmp/ucf-bench-XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ADMIN=bench-admin-token-0123456789

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
