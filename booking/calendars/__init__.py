"""Calendar backends, chosen by settings: Google Calendar, else CalDAV, else the database."""

from __future__ import annotations

import base64
import binascii
import json
import threading
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from booking.calendars.base import CalendarBackend, CalendarError, event_id_for

__all__ = [
    "CalendarBackend",
    "CalendarError",
    "calendar_backend",
    "event_id_for",
    "service_account_info",
]

_lock = threading.Lock()
_backends: dict[tuple[Any, ...], CalendarBackend] = {}
REQUIRED_KEY_FIELDS = ("type", "client_email", "private_key", "token_uri")


def service_account_info(encoded: str) -> dict[str, Any]:
    """The service-account key, decoded in memory; errors never quote the key."""
    try:
        info = json.loads(base64.b64decode(encoded, validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ImproperlyConfigured(
            "GOOGLE_SERVICE_ACCOUNT_BASE64 is not base64-encoded JSON."
        ) from None
    if not isinstance(info, dict) or not all(info.get(k) for k in REQUIRED_KEY_FIELDS):
        raise ImproperlyConfigured("GOOGLE_SERVICE_ACCOUNT_BASE64 is not a service-account key.")
    return info


def calendar_backend() -> CalendarBackend:
    """The configured backend, built once per configuration."""
    key = (
        settings.GOOGLE_SERVICE_ACCOUNT_BASE64,
        settings.GOOGLE_CALENDAR_ID,
        settings.GOOGLE_API_ENDPOINT,
        settings.CALDAV_URL,
        settings.CALDAV_USERNAME,
        settings.CALDAV_PASSWORD,
        settings.CALDAV_CALENDAR,
    )
    with _lock:
        backend = _backends.get(key)
        if backend is None:
            backend = _build()
            _backends[key] = backend
        return backend


def _build() -> CalendarBackend:
    if settings.GOOGLE_SERVICE_ACCOUNT_BASE64 and settings.GOOGLE_CALENDAR_ID:
        from booking.calendars.google import GoogleCalendar

        return GoogleCalendar(
            key_info=service_account_info(settings.GOOGLE_SERVICE_ACCOUNT_BASE64),
            calendar_id=settings.GOOGLE_CALENDAR_ID,
            endpoint=settings.GOOGLE_API_ENDPOINT or None,
            timeout=settings.CALENDAR_TIMEOUT_SECONDS,
        )
    if settings.CALDAV_URL:
        from booking.calendars.dav import CalDavCalendar

        return CalDavCalendar(
            url=settings.CALDAV_URL,
            username=settings.CALDAV_USERNAME,
            password=settings.CALDAV_PASSWORD,
            calendar=settings.CALDAV_CALENDAR,
            timeout=settings.CALENDAR_TIMEOUT_SECONDS,
        )
    from booking.calendars.db import DatabaseCalendar

    return DatabaseCalendar()
