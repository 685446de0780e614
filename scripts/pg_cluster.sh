#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg_cluster.sh start <dir>   initdb into <dir>/data (once), start the server on a free
#                                       loopback port with its unix socket in <dir>/run, and print
#                                       ONLY its URL (postgresql://postgres@127.0.0.1:PORT/postgres)
#                                       on stdout; the URL is also written to <dir>/url.
#   scripts/pg_cluster.sh stop <dir>    fast shutdown; safe to call twice or on a dead cluster.
#
# As root the server runs as the `postgres` user (initdb refuses root), so <dir> is handed to that
# user; otherwise it runs as the calling user. Authentication is `trust` and durability is off:
# this cluster is for tests only. Diagnostics go to stderr and <dir>/server.log.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

usage() {
  echo "usage: $0 start|stop <dir>" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2

# Runs a command as the cluster's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

running() {
  [[ -f "$dir/data/postmaster.pid" ]] && as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
  fi
  as_owner mkdir -p "$dir/run"
  chmod 0700 "$dir/run"

  if running && [[ -f "$dir/url" ]]; then
    cat "$dir/url"
    return 0
  fi

  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    if ! as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
      echo "pg_cluster: initdb failed; see $dir/initdb.log" >&2
      cat "$dir/initdb.log" >&2
      return 1
    fi
  fi

  # The port is probed, then bound by the server a moment later; retry if another process won it.
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir/run -c listen_addresses=127.0.0.1 -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null 2>&1; then
      local url="postgresql://postgres@127.0.0.1:$port/postgres"
      echo "$url" >"$dir/url"
      echo "$url"
      return 0
    fi
    echo "pg_cluster: start on port $port failed (attempt $attempt)" >&2
  done
  echo "pg_cluster: could not start PostgreSQL; see $dir/server.log" >&2
  tail -n 20 "$dir/server.log" >&2 || true
  return 1
}

stop() {
  [[ -d "$dir/data" ]] || return 0
  if running; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  return 0
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
