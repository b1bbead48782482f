"""Two daphne processes sharing PostgreSQL and Redis: a reply reaches a socket held by the other."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import websockets

from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "garage_profile.json"


async def frames_until_reply(ws) -> list[dict]:
    frames = []
    while not frames or frames[-1]["type"] != "reply":
        frames.append(json.loads(await ws.recv()))
    return frames


async def test_a_reply_reaches_a_socket_on_the_other_process(shared_database, redis_url) -> None:
    environment = {
        "DATABASE_URL": shared_database,
        "REDIS_URL": redis_url,
        "REDIS_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
    }
    with (
        DaphneServer(PROFILE, **environment, **WITHOUT_SENTENCE_ENCODER) as first,
        DaphneServer(PROFILE, **environment, **WITHOUT_SENTENCE_ENCODER) as second,
    ):
        origin = "http://127.0.0.1"
        async with websockets.connect(
            first.url.replace("http", "ws") + "/ws/chat/", origin=origin
        ) as one:
            greeting = json.loads(await one.recv())
            url = (
                second.url.replace("http", "ws")
                + f"/ws/chat/?conversation_id={greeting['conversation_id']}"
            )
            async with websockets.connect(url, origin=origin) as other:
                await other.recv()  # the pending question
                await one.send(
                    json.dumps({"type": "message", "text": "je voudrais un rendez-vous"})
                )
                mine, theirs = await frames_until_reply(one), await frames_until_reply(other)
    assert mine[-1]["state"] == theirs[-1]["state"] == "QUALIF_NAME"
    assert [f["type"] for f in theirs][:-1] == ["token"] * (len(theirs) - 1)
