"""The chat WebSocket: greeting on connect, token frames then a reply frame per message."""

from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator

from receptionist.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = [(b"origin", b"http://localhost:8000")]


def socket(query: str = "") -> WebsocketCommunicator:
    return WebsocketCommunicator(application, f"/ws/chat/{query}", headers=ORIGIN)


async def turn(communicator: WebsocketCommunicator, text: str) -> tuple[list[str], dict]:
    await communicator.send_json_to({"type": "message", "text": text})
    tokens = []
    while True:
        frame = await communicator.receive_json_from(timeout=5)
        if frame["type"] == "token":
            tokens.append(frame["text"])
        else:
            return tokens, frame


async def test_connect_greets_and_a_message_streams_tokens_then_the_reply(business, clock) -> None:
    communicator = socket()
    connected, _ = await communicator.connect()
    assert connected
    greeting = await communicator.receive_json_from(timeout=5)
    assert (greeting["type"], greeting["state"]) == ("reply", "START")
    tokens, reply = await turn(communicator, "je voudrais un rendez-vous")
    assert reply["type"] == "reply"
    assert reply["state"] == "QUALIF_NAME"
    assert "".join(tokens) == reply["reply"]
    assert reply["conversation_id"] == greeting["conversation_id"]
    await communicator.disconnect()


async def test_reconnecting_shows_the_pending_question(business, clock) -> None:
    first = socket()
    await first.connect()
    greeting = await first.receive_json_from(timeout=5)
    _, asked = await turn(first, "un rendez-vous svp")
    await first.disconnect()
    again = socket(f"?conversation_id={greeting['conversation_id']}")
    await again.connect()
    pending = await again.receive_json_from(timeout=5)
    assert (pending["state"], pending["reply"]) == (asked["state"], asked["reply"])
    _, reply = await turn(again, "Paul Ménard")
    assert reply["state"] == "QUALIF_MOTIF"
    await again.disconnect()


async def test_two_tabs_of_one_conversation_both_see_the_reply(business, clock) -> None:
    first = socket()
    await first.connect()
    greeting = await first.receive_json_from(timeout=5)
    second = socket(f"?conversation_id={greeting['conversation_id']}")
    await second.connect()
    await second.receive_json_from(timeout=5)
    await turn(first, "un rendez-vous svp")
    frames = []
    while not frames or frames[-1]["type"] != "reply":
        frames.append(await second.receive_json_from(timeout=5))
    assert frames[-1]["state"] == "QUALIF_NAME"
    await first.disconnect()
    await second.disconnect()


async def test_bad_frames_get_an_error_frame_and_the_socket_stays_open(business, clock) -> None:
    communicator = socket()
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)
    await communicator.send_to(text_data="not json")
    assert (await communicator.receive_json_from(timeout=5))["error"]["code"] == "bad_frame"
    await communicator.send_json_to({"type": "message", "text": 42})
    assert (await communicator.receive_json_from(timeout=5))["error"]["code"] == "invalid"
    _, reply = await turn(communicator, "bonjour")
    assert reply["type"] == "reply"
    await communicator.disconnect()


async def test_markup_is_never_echoed(business, clock) -> None:
    communicator = socket()
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)
    _, reply = await turn(communicator, "<img src=x onerror=alert(1)>")
    assert "<img" not in reply["reply"]
    await communicator.disconnect()


async def test_other_origins_are_refused(business) -> None:
    communicator = WebsocketCommunicator(
        application, "/ws/chat/", headers=[(b"origin", b"https://evil.example")]
    )
    connected, _ = await communicator.connect()
    assert connected is False
