"""Calendar backends, chosen by settings: Google Calendar, else CalDAV, else the database.

One account (a Google service account, or a CalDAV server and its login) reaches every
calendar: the business's (``GOOGLE_CALENDAR_ID`` / ``CALDAV_CALENDAR``) and each practitioner's
own (its ``calendar_id``). A practitioner without one uses the business's calendar; with no
calendar at all, appointments stay in the database only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import threading
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from booking.calendars.base import CalendarBackend, CalendarError, event_id_for

__all__ = [
    "CalendarBackend",
    "CalendarError",
    "calendar_account",
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


def calendar_account() -> str:
    """Which remote account is configured (« google », « caldav »), else « »: practitioners'
    own calendars are reached through it."""
    if settings.GOOGLE_SERVICE_ACCOUNT_BASE64:
        return "google"
    return "caldav" if settings.CALDAV_URL else ""


def calendar_backend(calendar_id: str = "") -> CalendarBackend:
    """The backend of one calendar: the business's (no id), or another one of the same
    account (a practitioner's own); built once per configuration and calendar."""
    key = (
        calendar_id,
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
            backend = _build(calendar_id)
            if calendar_id:
                # Health is kept per calendar, under a key that does not show its address.
                digest = hashlib.sha256(calendar_id.encode()).hexdigest()[:8]
                backend.health_key = f"{backend.name}:{digest}"
            _backends[key] = backend
        return backend


def _build(calendar_id: str) -> CalendarBackend:
    if settings.GOOGLE_SERVICE_ACCOUNT_BASE64 and (calendar_id or settings.GOOGLE_CALENDAR_ID):
        from booking.calendars.google import GoogleCalendar

        return GoogleCalendar(
            key_info=service_account_info(settings.GOOGLE_SERVICE_ACCOUNT_BASE64),
            calendar_id=calendar_id or settings.GOOGLE_CALENDAR_ID,
            endpoint=settings.GOOGLE_API_ENDPOINT or None,
            timeout=settings.CALENDAR_TIMEOUT_SECONDS,
        )
    if settings.CALDAV_URL:
        from booking.calendars.dav import CalDavCalendar

        return CalDavCalendar(
            url=settings.CALDAV_URL,
            username=settings.CALDAV_USERNAME,
            password=settings.CALDAV_PASSWORD,
            calendar=calendar_id or settings.CALDAV_CALENDAR,
            timeout=settings.CALENDAR_TIMEOUT_SECONDS,
        )
    from booking.calendars.db import DatabaseCalendar

    return DatabaseCalendar()
