#!/usr/bin/env python3
"""A minimal Jira Cloud REST v3 upstream: one project with N issues, served from pages built once
and cached, so the fake costs next to nothing per request. Used by the benchmarks (bench/sync_bench.sh,
bench/items_overhead_bench.sh) and by tests that need volume or a slow provider
(tests/integration/sync_crash_test.cpp, sync_two_processes_test.cpp, fleet_test.cpp,
sync_engine_test.cpp). Shapes follow the official spec
(project/search, search/jql with nextPageToken, myself); the full contract is checked by the Atlassian
suite through Prism against tests/peers/atlassian.

    fake_jira.py PORT ISSUES [PAGE_DELAY_MS]

PORT 0 picks a free port; the fake prints "listening on <port>" once it accepts connections.
PAGE_DELAY_MS delays every issue-search answer (a slow provider). Issue i was last updated
2010-01-01T00:00Z + i hours. search/jql understands the two shapes UCF sends: the browse query
(`... ORDER BY updated DESC`) and the sync query (`... AND updated >= "yyyy-MM-dd HH:mm" ORDER BY
updated ASC, key ASC`, the date read as UTC). Test controls (not Jira):
    POST /_fake/touch?count=N     N issues, spread evenly, get a new summary, updated = now
    POST /_fake/delete?count=N    N issues, spread evenly, disappear
    POST /_fake/fail?status=S&count=N   the next N issue searches answer status S
    POST /_fake/hold?after=N      after N more issue-search pages are served, every further search
                                  waits unanswered (a job held mid-run, e.g. until the test has
                                  killed the process running it) until
    POST /_fake/release           answers the held searches and ends the hold
    GET  /_fake/stats             {"searchPages": pages served so far, "held": searches waiting now}
    GET  /__bench/bytes?n=N       N bytes of filler; POST /__bench/sink reads and drops a body (proxy bench)
"""
import datetime
import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORT, ISSUES = int(sys.argv[1]), int(sys.argv[2])
PAGE_DELAY = (int(sys.argv[3]) if len(sys.argv) > 3 else 0) / 1000.0
SERVER = ThreadingHTTPServer(("127.0.0.1", PORT), None)
PORT = SERVER.server_address[1]
BASE = f"http://localhost:{PORT}"
PROJECT = {"id": "10000", "key": "BEN", "name": "Bench", "projectTypeKey": "software",
           "self": f"{BASE}/rest/api/3/project/10000"}
EPOCH = datetime.datetime(2010, 1, 1, tzinfo=datetime.timezone.utc)
SINCE = re.compile(r'updated >= "(\d{4}-\d\d-\d\d \d\d:\d\d)"')

LOCK = threading.Lock()
UPDATED = {i: EPOCH + datetime.timedelta(hours=i) for i in range(ISSUES)}  # live issues
EDITS = {}  # issue -> times edited
STATS = {"searchPages": 0, "held": 0}
FAILURES = []  # statuses to answer next
HOLD = {"at": None, "gate": threading.Event()}  # searches wait once searchPages >= at, until gate is set
PAGES = {}  # (since or None, start, size) -> bytes; cleared on every change
ORDERS = {}  # since or None -> issue numbers in answer order


def jira_time(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}+0000"


def issue(i):
    summary = f"Benchmark issue {i}" + (f" (edit {EDITS[i]})" if i in EDITS else "")
    return {"id": str(20000 + i), "key": f"BEN-{i}", "self": f"{BASE}/rest/api/3/issue/{20000 + i}",
            "fields": {"summary": summary, "status": {"name": "To Do"},
                       "project": {"id": "10000", "key": "BEN"}, "issuetype": {"name": "Task"},
                       "priority": {"name": "Medium"}, "reporter": {"displayName": "Ann Example"},
                       "assignee": None if i % 3 else {"displayName": "Bo Example"},
                       "created": "2026-01-01T09:00:00.000+0000",
                       "updated": jira_time(UPDATED[i])}}


def order(since):
    if since not in ORDERS:
        if since is None:
            ORDERS[since] = sorted(UPDATED, key=lambda i: (UPDATED[i], i), reverse=True)
        else:
            ORDERS[since] = sorted((i for i in UPDATED if UPDATED[i] >= since), key=lambda i: (UPDATED[i], i))
    return ORDERS[since]


def search_page(since, start, size):
    key = (since, start, size)
    if key not in PAGES:
        listed = order(since)
        end = min(len(listed), start + size)
        body = {"issues": [issue(i) for i in listed[start:end]], "isLast": end >= len(listed)}
        if end < len(listed):
            body["nextPageToken"] = str(end)
        PAGES[key] = json.dumps(body).encode()
    return PAGES[key]


def spread(count):
    live = sorted(UPDATED)
    step = max(1, len(live) // max(1, count))
    return live[::step][:count]


with LOCK:
    for start in range(0, ISSUES, 100):
        search_page(datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc), start, 100)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body leave in separate writes; without this, Nagle + delayed ACK stall each
        # answer ~40 ms and the benchmark would measure the fake.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def send(self, body, status=200):
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # e.g. a held search whose client was killed
            self.close_connection = True

    def do_POST(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        count = int(q.get("count", "1"))
        if url.path == "/__bench/sink":  # reads and drops a Content-Length body (proxy upload bench)
            left = int(self.headers.get("Content-Length", "0"))
            got = 0
            while left > 0:
                piece = self.rfile.read(min(left, 65536))
                if not piece:
                    break
                got += len(piece)
                left -= len(piece)
            return self.send(json.dumps({"bytes": got}).encode())
        with LOCK:
            if url.path == "/_fake/touch":
                now = datetime.datetime.now(datetime.timezone.utc)
                for i in spread(count):
                    EDITS[i] = EDITS.get(i, 0) + 1
                    UPDATED[i] = now
            elif url.path == "/_fake/delete":
                for i in spread(count):
                    del UPDATED[i]
            elif url.path == "/_fake/fail":
                FAILURES.extend([int(q.get("status", "503"))] * count)
            elif url.path == "/_fake/hold":
                HOLD["at"] = STATS["searchPages"] + int(q.get("after", "0"))
                HOLD["gate"] = threading.Event()
                return self.send(b"{}")
            elif url.path == "/_fake/release":
                HOLD["at"] = None
                HOLD["gate"].set()
                return self.send(b"{}")
            else:
                return self.send(b'{"errorMessages":["not found"]}', 404)
            PAGES.clear()
            ORDERS.clear()
        self.send(b"{}")

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/_fake/stats":
            with LOCK:
                return self.send(json.dumps(STATS).encode())
        if url.path == "/rest/api/3/myself":
            return self.send(json.dumps({"accountId": "bench", "displayName": "Bench",
                                         "emailAddress": "bench@example.com"}).encode())
        if url.path == "/rest/api/3/project/search":
            return self.send(json.dumps({"values": [PROJECT], "startAt": 0, "maxResults": 50,
                                         "total": 1, "isLast": True}).encode())
        if url.path == "/rest/api/3/search/jql":
            if PAGE_DELAY:
                time.sleep(PAGE_DELAY)
            m = SINCE.search(q.get("jql", ""))
            since = None
            if m:
                since = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=datetime.timezone.utc)
            start = int(q.get("nextPageToken", "0"))
            with LOCK:
                gate = HOLD["gate"] if HOLD["at"] is not None and STATS["searchPages"] >= HOLD["at"] else None
                if gate:
                    STATS["held"] += 1
            if gate:
                gate.wait()
            with LOCK:
                if gate:
                    STATS["held"] -= 1
                if FAILURES:
                    status = FAILURES.pop(0)
                    return self.send(b'{"errorMessages":["injected failure"]}', status)
                STATS["searchPages"] += 1
                body = search_page(since, start, int(q.get("maxResults", "50")))
            return self.send(body)
        if url.path == "/__bench/bytes":  # n bytes of filler, written in 64 KiB pieces (proxy bench)
            n = int(q.get("n", "0"))
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(n))
            self.end_headers()
            piece = b"x" * 65536
            while n > 0:
                self.wfile.write(piece[:min(n, len(piece))])
                n -= min(n, len(piece))
            return
        self.send(b'{"errorMessages":["not found"]}', 404)


SERVER.RequestHandlerClass = Handler
print(f"listening on {PORT}", flush=True)
SERVER.serve_forever()
