"""The Custom LLM endpoint through a real daphne process, as Vapi reaches it."""

from __future__ import annotations

import openai
import pytest

from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer

PROFILE = (
    __import__("pathlib").Path(__file__).resolve().parents[2] / "fixtures" / "garage_profile.json"
)


@pytest.fixture(scope="module")
def server():
    with DaphneServer(PROFILE, VAPI_SECRET="live-secret", **WITHOUT_SENTENCE_ENCODER) as running:
        yield running


def test_streamed_turns_through_daphne(server) -> None:
    api = openai.OpenAI(
        base_url=f"{server.url}/api/vapi",
        api_key="x",
        default_headers={"x-vapi-secret": "live-secret"},
        max_retries=0,
        timeout=10,
    )
    history = [{"role": "system", "content": "Assistant."}]
    spoken = []
    for line in ("bonjour je voudrais un rendez-vous", "je veux parler à quelqu'un"):
        history.append({"role": "user", "content": line})
        stream = api.chat.completions.create(
            model="receptionist",
            messages=history,
            stream=True,
            extra_body={"call": {"id": "live-call"}},
        )
        chunks = list(stream)
        spoken.append("".join(c.choices[0].delta.content or "" for c in chunks if c.choices))
        history.append({"role": "assistant", "content": spoken[-1]})
    assert spoken[0]
    assert chunks[-1].choices[0].finish_reason == "tool_calls"
    tool = next(c for c in chunks if c.choices and c.choices[0].delta.tool_calls)
    assert tool.choices[0].delta.tool_calls[0].function.name == "transferCall"


def test_daphne_serves_the_event_stream_headers(server) -> None:
    import httpx

    with httpx.stream(
        "POST",
        f"{server.url}/api/vapi/chat/completions",
        headers={"x-vapi-secret": "live-secret"},
        json={
            "messages": [{"role": "user", "content": "bonjour"}],
            "stream": True,
            "call": {"id": "h"},
        },
        timeout=10,
    ) as response:
        body = b"".join(response.iter_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert body.rstrip().endswith(b"data: [DONE]")
