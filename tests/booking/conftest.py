"""A fake Google Calendar on loopback, and the settings that point the backend at it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "fake_google", Path(__file__).with_name("fake_google.py")
)
fake_google = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fake_google)

CALENDAR_ID = "cabinet-test@group.calendar.google.com"


@pytest.fixture
def fake_calendar():
    server = fake_google.FakeGoogleCalendar()
    yield server
    server.close()


@pytest.fixture
def google(fake_calendar, settings):
    """The Google backend configured against the fake; pushes are run by the tests themselves."""
    settings.GOOGLE_SERVICE_ACCOUNT_BASE64 = fake_calendar.key_base64()
    settings.GOOGLE_CALENDAR_ID = CALENDAR_ID
    settings.GOOGLE_API_ENDPOINT = f"{fake_calendar.url}/calendar/v3/"
    settings.CALENDAR_PUSH_AFTER_COMMIT = False
    settings.CALENDAR_RETRIES = 2
    settings.CALENDAR_BACKOFF_SECONDS = 0
    settings.CALENDAR_TIMEOUT_SECONDS = 1.0
    settings.CALENDAR_BUSY_CACHE_SECONDS = 0
    settings.CALENDAR_RETRY_BASE_SECONDS = 0
    return fake_calendar
