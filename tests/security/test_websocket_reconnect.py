"""Issue 12 (low): a socket reconnecting to an expired conversation starts a new one.

It used to be shown the expired conversation's last payload (its proposals, its appointment).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from channels.testing import WebsocketCommunicator

from receptionist.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = [(b"origin", b"http://localhost:8000")]


async def opened(query: str = "") -> tuple[WebsocketCommunicator, dict]:
    communicator = WebsocketCommunicator(application, f"/ws/chat/{query}", headers=ORIGIN)
    connected, _ = await communicator.connect()
    assert connected
    return communicator, await communicator.receive_json_from(timeout=5)


async def ask_for_an_appointment(communicator: WebsocketCommunicator) -> dict:
    await communicator.send_json_to({"type": "message", "text": "je voudrais un rendez-vous"})
    while (frame := await communicator.receive_json_from(timeout=5))["type"] != "reply":
        pass
    return frame


async def test_reconnecting_after_expiry_starts_a_new_conversation(business, clock, settings):
    first, greeting = await opened()
    asked = await ask_for_an_appointment(first)
    await first.disconnect()
    clock.shift(timedelta(minutes=settings.SESSION_TTL_MINUTES + 1))

    again, shown = await opened(f"?conversation_id={greeting['conversation_id']}")

    assert shown["conversation_id"] != greeting["conversation_id"]
    assert shown["state"] == "START"
    assert shown["reply"] != asked["reply"]
    await again.disconnect()


async def test_reconnecting_before_expiry_still_shows_the_pending_question(business, clock):
    first, greeting = await opened()
    asked = await ask_for_an_appointment(first)
    await first.disconnect()
    clock.shift(timedelta(minutes=5))

    again, shown = await opened(f"?conversation_id={greeting['conversation_id']}")

    assert (shown["conversation_id"], shown["reply"]) == (
        greeting["conversation_id"],
        asked["reply"],
    )
    await again.disconnect()
