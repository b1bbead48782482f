"""The chat WebSocket through a real daphne process, with a real client (`websockets`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import websockets

from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "garage_profile.json"


@pytest.fixture(scope="module")
def server():
    with DaphneServer(PROFILE, **WITHOUT_SENTENCE_ENCODER) as running:
        yield running


async def reply_of(socket) -> tuple[list[str], dict]:
    tokens = []
    while True:
        frame = json.loads(await socket.recv())
        if frame["type"] == "token":
            tokens.append(frame["text"])
        elif frame["type"] == "reply":
            return tokens, frame


async def test_a_conversation_over_a_real_socket(server) -> None:
    url = server.url.replace("http", "ws") + "/ws/chat/"
    async with websockets.connect(url, origin="http://localhost:8000", open_timeout=10) as socket:
        _, greeting = await reply_of(socket)
        await socket.send(json.dumps({"type": "message", "text": "je voudrais un rendez-vous"}))
        tokens, reply = await reply_of(socket)
    assert greeting["state"] == "START"
    assert reply["state"] == "QUALIF_NAME"
    assert "".join(tokens) == reply["reply"]


async def test_a_foreign_origin_is_refused(server) -> None:
    url = server.url.replace("http", "ws") + "/ws/chat/"
    with pytest.raises(websockets.exceptions.InvalidStatus):
        async with websockets.connect(url, origin="https://evil.example", open_timeout=10):
            pass
