"""Shared fixtures: the business every test books with, clients, and a pinned clock."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
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
    """An API client authenticated with a staff user's DRF token."""
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_user("staff", password="x-staff-pass", is_staff=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture(autouse=True)
def _fresh_snapshots(settings):
    """Every test sees the database as it is now, not a copy built by an earlier test."""
    from receptionist.snapshots import clear_all

    settings.SNAPSHOT_CHECK_SECONDS = 0
    clear_all()
    yield
    clear_all()
