"""Two daphne processes sharing one PostgreSQL database take turns of the same conversation."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "garage_profile.json"


def test_a_conversation_moves_between_processes(shared_database) -> None:
    with (
        DaphneServer(PROFILE, DATABASE_URL=shared_database, **WITHOUT_SENTENCE_ENCODER) as first,
        DaphneServer(PROFILE, DATABASE_URL=shared_database, **WITHOUT_SENTENCE_ENCODER) as second,
    ):
        servers = [first.url, second.url]
        reply = httpx.post(f"{servers[0]}/api/chat", json={"message": ""}, timeout=10).json()
        lines = [
            "je voudrais un rendez-vous",
            "Paul Ménard",
            "vidange",
            "mardi matin",
            "06 12 34 56 78",
            "le premier",  # on the web, the choice books
        ]
        for n, line in enumerate(lines, 1):
            reply = httpx.post(
                f"{servers[n % 2]}/api/chat",
                json={"conversation_id": reply["conversation_id"], "message": line},
                timeout=10,
            ).json()
        assert reply["state"] == "CONFIRMED"
        assert reply["appointment"]["name"] == "Paul Ménard"
