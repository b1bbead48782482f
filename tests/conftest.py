"""Shared fixtures: the business every test books with, clients, a pinned clock, and a fake
Google Calendar on loopback with the settings that point the backend at it."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from booking.profiles import business_load_profile
from faq.services import faq_upsert_from_profile
from tests.log_audit import LogAudit

PARIS = ZoneInfo("Europe/Paris")
FIXTURES = Path(__file__).parent / "fixtures"
# A Monday morning in Paris: the week ahead is open, « demain » is Tuesday.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)


def pytest_configure(config: pytest.Config) -> None:
    """Fail the run when a log line written during it carries a phone number or an e-mail."""
    config.pluginmanager.register(LogAudit(), "log-audit")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory):
    """On SQLite, a file test database: threads and server processes share it, as in production."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    # Worker threads of the ASGI tests must not keep connections that block the final DROP.
    database["CONN_MAX_AGE"] = 0
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)
        database["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttles and cached values must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def profile() -> dict:
    """The garage profile used across tests (60-minute slots, lunch break, Saturday morning)."""
    return json.loads((FIXTURES / "garage_profile.json").read_text(encoding="utf-8"))


@pytest.fixture
def business(db, profile):
    business = business_load_profile(profile)
    faq_upsert_from_profile(profile["faq"])
    return business


# The clinic (tests/fixtures/clinic_profile.json): three practitioners, two kinds, their own
# hours, absences and motifs. Its tests run on Monday 23 November 2026, 7:00 in Paris.
CLINIC_MONDAY = datetime(2026, 11, 23, 7, 0, tzinfo=PARIS)


@pytest.fixture
def clinic_profile() -> dict:
    return json.loads((FIXTURES / "clinic_profile.json").read_text(encoding="utf-8"))


@pytest.fixture
def clinic(db, time_machine, clinic_profile):
    """The clinic loaded, the clock on its Monday morning, the per-process copies fresh."""
    from receptionist.lib.snapshots import clear_all

    time_machine.move_to(CLINIC_MONDAY)
    clear_all()
    business = business_load_profile(clinic_profile)
    yield business
    clear_all()


@pytest.fixture
def clock():
    """Time frozen at NOW (it still ticks, so latencies stay positive)."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def staff_client(db, django_user_model) -> APIClient:
    """An API client authenticated with the DRF token of a manager (staff, in « Manager »)."""
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_user("staff", password="x-staff-pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Direction"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture(autouse=True)
def _fresh_snapshots(settings):
    """Every test sees the database as it is now, not a copy built by an earlier test."""
    from receptionist.lib.snapshots import clear_all

    settings.SNAPSHOT_CHECK_SECONDS = 0
    clear_all()
    yield
    clear_all()


@pytest.fixture
def staff_member(db, django_user_model):
    """`staff_member("Accueil")`: a client logged in as a staff user of that group (or of none)."""

    def login(group: str | None = None) -> Client:
        from django.contrib.auth.models import Group

        username = (group or "no-group").replace(" ", "-").lower()
        user = django_user_model.objects.create_user(username, password="x-pass", is_staff=True)
        if group:
            user.groups.add(Group.objects.get(name=group))
        client = Client()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def front_desk(staff_member) -> Client:
    return staff_member("Accueil")


@pytest.fixture
def manager(staff_member) -> Client:
    return staff_member("Direction")


_spec = importlib.util.spec_from_file_location(
    "fake_google", Path(__file__).parent / "booking" / "fake_google.py"
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


# --- Real PostgreSQL and Redis for multi-process tests: skipped where absent, never in CI ---

POSTGRES_ADMIN = os.environ.get(
    "POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _missing(service: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{service} must answer on 127.0.0.1 in CI")
    pytest.skip(f"{service} does not answer on 127.0.0.1")


@pytest.fixture
def shared_database():
    """A fresh PostgreSQL database that several server processes share; dropped afterwards."""
    import psycopg

    try:
        admin = psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=2)
    except psycopg.OperationalError:
        _missing("PostgreSQL")
    name = f"receptionist_two_{uuid.uuid4().hex[:8]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url() -> str:
    """The Redis server on 127.0.0.1:6379 (tests keep apart with their own key prefix)."""
    with socket.socket() as sock:
        sock.settimeout(2)
        if sock.connect_ex(("127.0.0.1", 6379)) != 0:
            _missing("Redis")
    return REDIS
