#!/usr/bin/env python3
"""A test receiver of UCF's application webhooks (Standard Webhooks). It verifies every delivery's
signature against the secrets listed (one per line) in SECRETS_FILE, re-read per request so a test
can add a secret after creating the subscription, rejects timestamps older than 5 minutes and
replayed webhook-ids, and keeps what it accepted in STATE_FILE (JSON lines), so that a restarted
receiver still knows what it got.

    receiver.py PORT SECRETS_FILE STATE_FILE

    POST /hook          a delivery: 204 when verified (and new), 401 when not, 409 for a replay
    GET  /_received     [{"id", "type", "signatures": n, "verifiedWith": [index, …]}, …]
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, SECRETS, STATE = int(sys.argv[1]), sys.argv[2], sys.argv[3]
SERVER = ThreadingHTTPServer(("127.0.0.1", PORT), None)
LOCK = threading.Lock()


def key(secret):
    s = secret.strip()
    if s.startswith("whsec_"):
        s = s[6:]
    s = s.replace("-", "+").replace("_", "/")
    return base64.b64decode(s + "=" * (-len(s) % 4))


def received():
    if not os.path.exists(STATE):
        return []
    with open(STATE) as f:
        return [json.loads(line) for line in f if line.strip()]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body=b""):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with LOCK:
            return self.answer(200, json.dumps(received()).encode())

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        wid, ts, sig = (self.headers.get(h, "") for h in ("webhook-id", "webhook-timestamp", "webhook-signature"))
        if not wid or not ts.isdigit() or abs(time.time() - int(ts)) > 300:
            return self.answer(401)
        secrets = [line for line in open(SECRETS).read().splitlines() if line.strip()] if os.path.exists(SECRETS) else []
        signed = f"{wid}.{ts}.".encode() + body
        given = [s[3:] for s in sig.split() if s.startswith("v1,")]
        verified = []
        for i, secret in enumerate(secrets):
            expected = base64.b64encode(hmac.new(key(secret), signed, hashlib.sha256).digest()).decode()
            if any(hmac.compare_digest(expected, g) for g in given):
                verified.append(i)
        if not verified:
            return self.answer(401)
        with LOCK:
            if any(r["id"] == wid for r in received()):
                return self.answer(409)
            with open(STATE, "a") as f:
                f.write(json.dumps({"id": wid, "type": json.loads(body)["type"], "signatures": len(given),
                                    "verifiedWith": verified, "data": json.loads(body)["data"]}) + "\n")
        self.answer(204)


SERVER.RequestHandlerClass = Handler
print(f"listening on {SERVER.server_address[1]}", flush=True)
SERVER.serve_forever()
