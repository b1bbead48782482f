"""A local HTTP server standing in for Brevo's transactional SMS API, with faults on demand."""

from __future__ import annotations

import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeBrevo:
    """`with FakeBrevo() as api:` → api.url; api.delivered holds the texts it took.

    `fail` of the requests answer 500 (nothing taken); `hang` of them are taken, then left
    without an answer for `hang_seconds` (the worst case: the reply is lost)."""

    def __init__(
        self,
        *,
        key: str = "test-key",
        fail: float = 0.0,
        hang: float = 0.0,
        hang_seconds: float = 3.0,
        seed: int = 11,
    ) -> None:
        self.key, self.fail, self.hang, self.hang_seconds = key, fail, hang, hang_seconds
        self.random = random.Random(seed)
        self.delivered: list[dict] = []
        self.headers: list[dict] = []
        self.refused = self.hung = 0
        self.status_override: int | None = None
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with fake.lock:
                    fake.headers.append(dict(self.headers))
                    draw = fake.random.random()
                if self.path != "/v3/transactionalSMS/sms" or self.headers["api-key"] != fake.key:
                    return self._answer(401, {"code": "unauthorized"})
                if fake.status_override:
                    return self._answer(fake.status_override, {"code": "invalid_parameter"})
                if draw < fake.fail:
                    fake.refused += 1
                    return self._answer(500, {"code": "internal"})
                with fake.lock:
                    fake.delivered.append(body)
                    number = len(fake.delivered)
                if draw < fake.fail + fake.hang:
                    fake.hung += 1
                    time.sleep(fake.hang_seconds)
                return self._answer(201, {"reference": f"ref-{number}", "messageId": 1000 + number})

            def _answer(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/v3"

    def heal(self) -> None:
        self.fail = self.hang = 0.0

    def __enter__(self) -> FakeBrevo:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
