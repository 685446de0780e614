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
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Starts tests/peers/jira_lite/fake_jira.py with $1 issues and ucf beside it (LOG_JSON=true, private upstreams
# allowed; BENCH_DATABASE_URL picks the database, default SQLite), makes a tenant, an API key and a Jira API-token connection to the fake. Sets BASE,
# KEY, CONN and FAKE_PORT.
start_ucf_with_fake_jira() {
  FAKE_PORT=$(free_port)
  /usr/bin/python3 tests/peers/jira_lite/fake_jira.py "$FAKE_PORT" "$1" >/dev/null & PIDS+=($!)
  local port
  port=$(free_port)
  UCF_PORT=$port UCF_DATA_DIR="$WORK/data" UCF_ADMIN_TOKEN=$ADMIN UCF_ALLOW_PRIVATE_UPSTREAMS=true \
    DATABASE_URL=${BENCH_DATABASE_URL:-} \
    LOG_JSON=true "$BUILD/cli/ucf" serve --env-file /nonexistent >"$WORK/ucf.log" 2>&1 & PIDS+=($!)
  BASE="http://127.0.0.1:$port"
  wait_http "$BASE/healthz"
  wait_http "http://127.0.0.1:$FAKE_PORT/rest/api/3/myself"
  curl -sf -X POST "$BASE/api/tenants" -H "Authorization: Bearer $ADMIN" -d '{"id":"bench","name":"Bench"}' >/dev/null
  KEY=$(curl -sf -X POST "$BASE/api/api-keys" -H "Authorization: Bearer $ADMIN" -H "X-Tenant-Id: bench" \
    -d '{"name":"bench"}' | json 'd["data"]["key"]')
  CONN=$(connect_fake_jira bench)
}

# A further Jira connection (named $1) to the fake started above; prints its id.
connect_fake_jira() {
  curl -sf -X POST "$BASE/api/connectors/jira/connect/callback" -H "Authorization: Bearer $KEY" \
    -d "{\"baseUrl\":\"http://localhost:$FAKE_PORT\",\"email\":\"bench@example.com\",\"apiKey\":\"bench-token\",\"name\":\"$1\"}" \
    | json 'd["data"]["connectionId"]'
}
