"""A fake Google Calendar API v3 on 127.0.0.1, for the real client library over real HTTP.

It follows Google's rules the backend depends on: OAuth token grant, Bearer check, event ids in
base32hex, 409 for an id already used (deleted ones stay reserved), 404/410 on delete, patch of
a cancelled event restoring it, freeBusy over the confirmed events; events belong to one
calendar each (ids are unique per calendar), and `calendars`, when set, are the only ones that
exist (the others answer 404, as a calendar not shared with the account). Failures and delays can be
injected: `fail_rate` (answers 503), `timeout_rate` (answers after `delay` seconds: the request
is carried out even when the client gave up, as Google may), `fail_next` and `hang_next`
(the next N requests fail or hang), `mode`
(« unauthorized » → 401, « invalid_grant » at the token endpoint).
"""

from __future__ import annotations

import base64
import json
import random
import re
import threading
import time
import urllib.parse
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

EVENT_ID = re.compile(r"^[a-v0-9]{5,1024}$")
EVENTS = re.compile(r"^/calendar/v3/calendars/([^/]+)/events(?:/([^/]+))?$")


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _error(code: int, reason: str, message: str) -> tuple[int, dict[str, Any]]:
    return code, {
        "error": {
            "errors": [{"domain": "global", "reason": reason, "message": message}],
            "code": code,
            "message": message,
        }
    }


class FakeGoogleCalendar:
    def __init__(self, *, seed: int = 1) -> None:
        # (calendar id, event id) → event
        self.events: dict[tuple[str, str], dict[str, Any]] = {}
        self.calendars: set[str] = set()
        self.forbidden_calendars: set[str] = set()
        self.requests: list[tuple[str, str]] = []
        self.fail_rate = 0.0
        self.timeout_rate = 0.0
        self.delay = 0.0
        self.mode = ""
        self.fail_next = 0
        self.hang_next = 0
        self.hang_method = ""  # hang_next counts only this method's requests when set
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return None

            def _send(self, code: int, body: dict[str, Any] | None) -> None:
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                url = urllib.parse.urlsplit(self.path)
                with fake.lock:
                    fake.requests.append((method, url.path))
                code, body = fake.answer(
                    method, url.path, {k.lower(): v for k, v in self.headers.items()}, raw
                )
                self._send(code, body)

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

            def do_PATCH(self) -> None:
                self._handle("PATCH")

            def do_DELETE(self) -> None:
                self._handle("DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- what the tests configure --------------------------------------------------------

    def key_base64(self) -> str:
        """A service-account key generated for this run, whose token_uri is this server."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        info = {
            "type": "service_account",
            "project_id": "test",
            "private_key_id": "k1",
            "private_key": pem,
            "client_email": "receptionist@test.iam.gserviceaccount.com",
            "client_id": "1",
            "token_uri": f"{self.url}/token",
        }
        return base64.b64encode(json.dumps(info).encode()).decode()

    def confirmed(self, calendar_id: str | None = None) -> dict[str, dict[str, Any]]:
        """The live events by id: of one calendar, or of all (the tests with one calendar)."""
        with self.lock:
            return {
                event_id: event
                for (calendar, event_id), event in self.events.items()
                if event.get("status") != "cancelled" and calendar_id in (None, calendar)
            }

    def add_event(self, calendar_id: str, event_id: str, start: str, end: str) -> None:
        """An event someone put in the calendar directly."""
        with self.lock:
            self.events[(calendar_id, event_id)] = {
                "id": event_id,
                "calendar": calendar_id,
                "status": "confirmed",
                "summary": "Occupé",
                "start": {"dateTime": start},
                "end": {"dateTime": end},
            }

    # -- the API ---------------------------------------------------------------------------

    def answer(
        self, method: str, path: str, headers: dict[str, str], raw: bytes
    ) -> tuple[int, Any]:
        if path == "/token":
            if self.mode == "invalid_grant":
                return 400, {
                    "error": "invalid_grant",
                    "error_description": "Invalid JWT Signature.",
                }
            return 200, {"access_token": "fake-token", "expires_in": 3600, "token_type": "Bearer"}
        with self.lock:
            if self.fail_next:
                self.fail_next -= 1
                return _error(503, "backendError", "Backend Error")
            hang = self.hang_next > 0 and self.hang_method in ("", method)
            self.hang_next -= hang
        roll = self.random.random()
        if hang or roll < self.timeout_rate:
            time.sleep(self.delay)
        elif roll < self.timeout_rate + self.fail_rate:
            return _error(503, "backendError", "Backend Error")
        if self.mode == "unauthorized" or headers.get("authorization") != "Bearer fake-token":
            return _error(401, "authError", "Invalid Credentials")
        body = json.loads(raw) if raw else {}
        if path == "/calendar/v3/freeBusy":
            return 200, self.freebusy(body)
        match = EVENTS.match(path)
        if not match:
            return _error(404, "notFound", "Not Found")
        calendar_id, event_id = urllib.parse.unquote(match[1]), match[2]
        with self.lock:
            return self.event(method, calendar_id, event_id, body)

    def freebusy(self, body: dict[str, Any]) -> dict[str, Any]:
        low, high = _parse(body["timeMin"]), _parse(body["timeMax"])
        calendars = {}
        for item in body.get("items", []):
            if self._unknown(item["id"]) or item["id"] in self.forbidden_calendars:
                reason = "notFound" if self._unknown(item["id"]) else "forbidden"
                calendars[item["id"]] = {"errors": [{"reason": reason}], "busy": []}
                continue
            busy = [
                {"start": e["start"]["dateTime"], "end": e["end"]["dateTime"]}
                for e in self.confirmed(item["id"]).values()
                if _parse(e["start"]["dateTime"]) < high and low < _parse(e["end"]["dateTime"])
            ]
            calendars[item["id"]] = {"busy": busy}
        return {
            "kind": "calendar#freeBusy",
            "timeMin": body["timeMin"],
            "timeMax": body["timeMax"],
            "calendars": calendars,
        }

    def _unknown(self, calendar_id: str) -> bool:
        return bool(self.calendars) and calendar_id not in self.calendars

    def event(
        self, method: str, calendar_id: str, event_id: str | None, body: dict[str, Any]
    ) -> tuple[int, Any]:
        if self._unknown(calendar_id):
            return _error(404, "notFound", "Not Found")
        if calendar_id in self.forbidden_calendars:
            return _error(403, "forbidden", "Forbidden")
        if method == "POST" and event_id is None:
            new_id = body.get("id", "")
            if not EVENT_ID.match(new_id):
                return _error(400, "invalid", "Invalid resource id value.")
            if (calendar_id, new_id) in self.events:
                return _error(409, "duplicate", "The requested identifier already exists.")
            event = {**body, "calendar": calendar_id, "status": "confirmed"}
            self.events[(calendar_id, new_id)] = event
            return 200, event
        if method == "GET" and event_id is None:
            items = [
                e
                for (calendar, _), e in self.events.items()
                if calendar == calendar_id and e.get("status") != "cancelled"
            ]
            return 200, {"kind": "calendar#events", "items": items}
        event = self.events.get((calendar_id, event_id or ""))
        if event is None:
            return _error(404, "notFound", "Not Found")
        if method == "GET":
            return 200, event
        if method == "PATCH":
            event.update(body)
            return 200, event
        if method == "DELETE":
            if event.get("status") == "cancelled":
                return _error(410, "deleted", "Resource has been deleted")
            event["status"] = "cancelled"
            return 204, None
        return _error(405, "notAllowed", "Method not allowed")
