"""Two daphne processes sharing one PostgreSQL database take turns of the same conversation."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import httpx
import pytest

from tests.daphne_server import DaphneServer

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "garage_profile.json"
ADMIN = os.environ.get("POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(ADMIN, connect_timeout=2):
            return True
    except Exception:
        return False


@pytest.fixture
def shared_database():
    import psycopg

    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL must answer on 127.0.0.1:5432 in CI")
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"receptionist_two_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield ADMIN.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_conversation_moves_between_processes(shared_database) -> None:
    with (
        DaphneServer(PROFILE, DATABASE_URL=shared_database) as first,
        DaphneServer(PROFILE, DATABASE_URL=shared_database) as second,
    ):
        servers = [first.url, second.url]
        reply = httpx.post(f"{servers[0]}/api/chat", json={"message": ""}, timeout=10).json()
        lines = [
            "je voudrais un rendez-vous",
            "Paul Ménard",
            "vidange",
            "mardi matin",
            "06 12 34 56 78",
            "le premier",
            "oui",
        ]
        for n, line in enumerate(lines, 1):
            reply = httpx.post(
                f"{servers[n % 2]}/api/chat",
                json={"conversation_id": reply["conversation_id"], "message": line},
                timeout=10,
            ).json()
        assert reply["state"] == "CONFIRMED"
        assert reply["appointment"]["name"] == "Paul Ménard"
