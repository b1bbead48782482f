"""The chat WebSocket: greeting on connect, token frames then a reply frame per message."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from channels.testing import WebsocketCommunicator

from conversations import consumers
from conversations.consumers import MessageWindow
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


@pytest.mark.parametrize(
    ("sent_at", "now", "expected"),
    [
        ([], 0.0, 0),
        ([0.0, 1.0], 2.0, 0),
        ([0.0, 1.0, 2.0], 3.0, 57),
        ([0.0, 1.0, 2.0], 59.5, 1),
        ([0.0, 1.0, 2.0], 60.0, 0),  # the oldest left the window
    ],
)
def test_message_window(sent_at: list[float], now: float, expected: int) -> None:
    window = MessageWindow(limit=3)
    window.sent.extend(sent_at)
    assert window.wait(now) == expected


async def test_a_flooding_socket_is_told_to_wait_and_stays_usable(
    business, clock, settings, monkeypatch
) -> None:
    settings.CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE = 2
    now = [1000.0]
    monkeypatch.setattr(consumers, "time", SimpleNamespace(monotonic=lambda: now[0]))
    communicator = socket()
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)
    for text in ("un rendez-vous", "Paul Ménard"):
        _, reply = await turn(communicator, text)
        assert reply["type"] == "reply"
    _, refused = await turn(communicator, "encore")
    assert refused["type"] == "error"
    assert refused["error"]["code"] == "rate_limited"
    assert 1 <= refused["error"]["retry_after"] <= 60
    now[0] += 60
    _, reply = await turn(communicator, "une vidange")
    assert reply["type"] == "reply"
    assert reply["state"] == "QUALIF_PREF"
    await communicator.disconnect()
