#!/usr/bin/env python3
"""A minimal Jira Cloud REST v3 upstream: one project with N issues, served from pages built once
at start, so the fake costs next to nothing per request. Used by the benchmarks (bench/sync_bench.sh,
bench/items_overhead_bench.sh) and by tests that need volume or a slow provider
(tests/integration/sync_crash_test.cpp). Shapes follow the official spec (project/search,
search/jql with nextPageToken, myself); the full contract is checked by the Atlassian suite through
Prism against tests/peers/atlassian.

    fake_jira.py PORT ISSUES [PAGE_DELAY_MS]

PORT 0 picks a free port; the fake prints "listening on <port>" once it accepts connections.
PAGE_DELAY_MS delays every issue-search answer (a slow provider).
"""
import json
import socket
import sys
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


def issue(i):
    return {"id": str(20000 + i), "key": f"BEN-{i}", "self": f"{BASE}/rest/api/3/issue/{20000 + i}",
            "fields": {"summary": f"Benchmark issue {i}", "status": {"name": "To Do"},
                       "project": {"id": "10000", "key": "BEN"}, "issuetype": {"name": "Task"},
                       "priority": {"name": "Medium"}, "reporter": {"displayName": "Ann Example"},
                       "assignee": None if i % 3 else {"displayName": "Bo Example"},
                       "created": "2026-01-01T09:00:00.000+0000",
                       "updated": f"2026-01-02T09:{i // 60 % 60:02d}:{i % 60:02d}.000+0000"}}


PAGES = {}  # (start, size) -> bytes


def search_page(start, size):
    if (start, size) not in PAGES:
        end = min(ISSUES, start + size)
        body = {"issues": [issue(i) for i in range(start, end)], "isLast": end >= ISSUES}
        if end < ISSUES:
            body["nextPageToken"] = str(end)
        PAGES[(start, size)] = json.dumps(body).encode()
    return PAGES[(start, size)]


for start in range(0, ISSUES, 100):
    search_page(start, 100)


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
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/rest/api/3/myself":
            return self.send(json.dumps({"accountId": "bench", "displayName": "Bench",
                                         "emailAddress": "bench@example.com"}).encode())
        if url.path == "/rest/api/3/project/search":
            return self.send(json.dumps({"values": [PROJECT], "startAt": 0, "maxResults": 50,
                                         "total": 1, "isLast": True}).encode())
        if url.path == "/rest/api/3/search/jql":
            if PAGE_DELAY:
                time.sleep(PAGE_DELAY)
            start = int(q.get("nextPageToken", "0"))
            return self.send(search_page(start, int(q.get("maxResults", "50"))))
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
