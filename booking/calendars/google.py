"""Google Calendar through google-api-python-client, with a service account.

The key is decoded once and kept in memory. ``GOOGLE_API_ENDPOINT`` replaces the API root
(``…/calendar/v3/``) so that tests and private gateways can stand in for Google. httplib2 is
not thread-safe, so each thread builds its own client.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from datetime import datetime
from typing import Any

import google_auth_httplib2
import httplib2
from django.conf import settings
from google.auth import exceptions as auth_exceptions
from google.oauth2 import service_account
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from booking.calendars.base import CalendarBackend, CalendarError, event_description
from booking.models import Appointment, Business
from booking.slots import Interval

logger = logging.getLogger(__name__)

SCOPES = ["https://www.googleapis.com/auth/calendar"]
# Google answers 403 for quotas too: those are worth retrying, the others are not.
RETRYABLE_403 = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"})
# Reasons freeBusy gives for one calendar it cannot read for good.
UNREADABLE = frozenset({"notFound", "forbidden"})
TRANSIENT = (socket.timeout, TimeoutError, ConnectionError, OSError, httplib2.HttpLib2Error)


def _reason(error: HttpError) -> str:
    details = getattr(error, "error_details", None)
    if isinstance(details, list) and details and isinstance(details[0], dict):
        return str(details[0].get("reason", ""))
    return ""


def short_id(calendar_id: str) -> str:
    """A calendar id for logs: never the whole address."""
    return calendar_id[:6] + "…" if len(calendar_id) > 6 else calendar_id


class GoogleCalendar(CalendarBackend):
    name = "google"

    def __init__(
        self, *, key_info: dict[str, Any], calendar_id: str, endpoint: str | None, timeout: float
    ) -> None:
        self.credentials = service_account.Credentials.from_service_account_info(
            key_info, scopes=SCOPES
        )
        self.calendar_id = calendar_id
        self.endpoint = endpoint
        self.timeout = timeout
        self._local = threading.local()
        self._busy_lock = threading.Lock()
        self._busy_cache: dict[tuple[str, str], tuple[float, int, list[Interval]]] = {}
        self._generation = 0

    # -- transport ---------------------------------------------------------------------

    def _events(self) -> Any:
        service = getattr(self._local, "service", None)
        if service is None:
            http = google_auth_httplib2.AuthorizedHttp(
                self.credentials, http=httplib2.Http(timeout=self.timeout)
            )
            options = {"api_endpoint": self.endpoint} if self.endpoint else None
            service = build(
                "calendar",
                "v3",
                http=http,
                static_discovery=True,
                cache_discovery=False,
                client_options=options,
            )
            self._local.service = service
        return service

    def _execute(self, request: Any, what: str) -> Any:
        """Run one API request, retrying transient failures with backoff."""
        attempts = max(1, settings.CALENDAR_RETRIES)
        for attempt in range(attempts):
            try:
                return request.execute(num_retries=0)
            except HttpError as exc:
                status = exc.status_code
                if status in (401,) or (status == 403 and _reason(exc) not in RETRYABLE_403):
                    raise CalendarError(
                        f"{what}: HTTP {status} {_reason(exc)}", permanent=True
                    ) from None
                if status not in (403, 429) and status < 500:
                    raise
                error = CalendarError(f"{what}: HTTP {status}")
            except auth_exceptions.RefreshError as exc:
                raise CalendarError(
                    f"{what}: credentials refused ({type(exc).__name__})", permanent=True
                ) from None
            except (auth_exceptions.TransportError, *TRANSIENT) as exc:
                self._local.service = None  # a broken connection: start afresh
                self._local.unsure = True  # it may still reach Google
                error = CalendarError(f"{what}: {type(exc).__name__}")
            if attempt + 1 < attempts:
                time.sleep(settings.CALENDAR_BACKOFF_SECONDS * (2**attempt))
        raise error

    # -- operations ----------------------------------------------------------------------

    def busy(self, business: Business, start: datetime, end: datetime) -> list[Interval]:
        key = (start.isoformat(), end.isoformat())
        now = time.monotonic()
        with self._busy_lock:
            cached = self._busy_cache.get(key)
            if (
                cached
                and cached[1] == self._generation
                and now - cached[0] < settings.CALENDAR_BUSY_CACHE_SECONDS
            ):
                return cached[2]
        body = {
            "timeMin": start.isoformat(),
            "timeMax": end.isoformat(),
            "items": [{"id": self.calendar_id}],
        }
        answer = self._execute(self._events().freebusy().query(body=body), "freebusy")
        calendar = answer.get("calendars", {}).get(self.calendar_id, {})
        if calendar.get("errors"):
            reason = calendar["errors"][0].get("reason", "error")
            # Not there, or not shared with the account: only the calendar's owner can fix it.
            raise CalendarError(f"freebusy: {reason}", permanent=reason in UNREADABLE)
        intervals = [
            Interval(
                datetime.fromisoformat(b["start"].replace("Z", "+00:00")),
                datetime.fromisoformat(b["end"].replace("Z", "+00:00")),
            )
            for b in calendar.get("busy", [])
        ]
        with self._busy_lock:
            self._busy_cache = {k: v for k, v in self._busy_cache.items() if now - v[0] < 60}
            self._busy_cache[key] = (now, self._generation, intervals)
        return intervals

    def _written(self) -> None:
        with self._busy_lock:
            self._generation += 1

    def _body(self, appointment: Appointment, event_id: str) -> dict[str, Any]:
        zone = appointment.business.zone
        tz = zone.key
        return {
            "id": event_id,
            "summary": f"RDV {appointment.name}",
            "description": event_description(appointment),
            "start": {"dateTime": appointment.start.astimezone(zone).isoformat(), "timeZone": tz},
            "end": {"dateTime": appointment.end.astimezone(zone).isoformat(), "timeZone": tz},
            "status": "confirmed",
        }

    def push(self, appointment: Appointment, event_id: str) -> None:
        self._local.unsure = False
        body = self._body(appointment, event_id)
        events = self._events().events()
        try:
            self._execute(events.insert(calendarId=self.calendar_id, body=body), "insert")
        except HttpError as exc:
            if exc.status_code != 409:
                raise CalendarError(
                    f"insert: HTTP {exc.status_code}",
                    # 404: the calendar is not there, or not shared with the account.
                    permanent=exc.status_code in (400, 404),
                ) from None
            # Already there (an earlier attempt succeeded, or a move reuses the event): update it.
            patch = {k: v for k, v in body.items() if k != "id"}
            try:
                self._execute(
                    events.patch(calendarId=self.calendar_id, eventId=event_id, body=patch), "patch"
                )
            except HttpError as inner:
                raise CalendarError(
                    f"patch: HTTP {inner.status_code}", permanent=inner.status_code == 400
                ) from None
        self._written()

    def remove(self, event_id: str) -> None:
        self._local.unsure = False
        events = self._events().events()
        try:
            self._execute(events.delete(calendarId=self.calendar_id, eventId=event_id), "delete")
        except HttpError as exc:
            if exc.status_code not in (404, 410):
                raise CalendarError(f"delete: HTTP {exc.status_code}") from None
        self._written()

    def unsure(self) -> bool:
        return getattr(self._local, "unsure", False)
