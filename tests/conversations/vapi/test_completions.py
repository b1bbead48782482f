"""The Custom LLM endpoint, driven by the official openai client as Vapi drives it."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import openai
import pytest
from asgiref.sync import sync_to_async

from booking.models import Appointment
from conversations.models import Conversation, Turn
from receptionist.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True)]

CALLER = "+33685104273"
SYSTEM = {"role": "system", "content": "Tu es l'assistant téléphonique du garage."}
BOOKING = [
    "ouais bonjour c'est pour monter des pneus sur ma voiture",
    "bastien carlier",
    "samedi matin",
    "oui",
    "le premier",
    "oui",
]


def client(secret: str | None = None) -> openai.AsyncOpenAI:
    headers = {"x-vapi-secret": secret} if secret else None
    return openai.AsyncOpenAI(
        base_url="http://testserver/api/vapi",
        api_key="vapi",
        default_headers=headers,
        max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.ASGITransport(app=application)),
    )


def extras(call_id: str, control_url: str | None = None, caller: str | None = CALLER) -> dict:
    call: dict = {"id": call_id, "type": "inboundPhoneCall"}
    body: dict = {"call": call, "metadata": {}}
    if caller:
        call["customer"] = {"number": caller}
        body["customer"] = {"number": caller}
    if control_url:
        call["monitor"] = {"controlUrl": control_url}
    return body


async def say(
    api: openai.AsyncOpenAI,
    call_id: str,
    history: list[dict],
    *,
    stream: bool = True,
    control_url: str | None = None,
) -> tuple[str, list[tuple[str, dict]], str | None]:
    """One request; returns (spoken text, [(tool name, arguments)], finish reason)."""
    if not stream:
        response = await api.chat.completions.create(
            model="receptionist",
            messages=history,
            stream=False,
            extra_body=extras(call_id, control_url),
        )
        message = response.choices[0].message
        tools = [
            (t.function.name, json.loads(t.function.arguments)) for t in message.tool_calls or []
        ]
        return message.content or "", tools, response.choices[0].finish_reason
    chunks = await api.chat.completions.create(
        model="receptionist", messages=history, stream=True, extra_body=extras(call_id, control_url)
    )
    text, tools, finish = [], [], None
    async for chunk in chunks:
        for choice in chunk.choices:
            text.append(choice.delta.content or "")
            for call in choice.delta.tool_calls or []:
                tools.append((call.function.name, json.loads(call.function.arguments)))
            finish = choice.finish_reason or finish
    return "".join(text), tools, finish


async def play(api: openai.AsyncOpenAI, call_id: str, lines: list[str], **kwargs) -> list[tuple]:
    history, answers = [SYSTEM], []
    for line in lines:
        history.append({"role": "user", "content": line})
        answer = await say(api, call_id, history, **kwargs)
        answers.append(answer)
        history.append({"role": "assistant", "content": answer[0]})
    return answers


def appointments() -> list[Appointment]:
    return list(Appointment.objects.filter(status="confirmed"))


@pytest.mark.parametrize("stream", [True, False], ids=["streaming", "non-streaming"])
async def test_a_whole_booking_over_the_phone(business, clock, stream) -> None:
    answers = await play(client(), "call-booking", BOOKING, stream=stream)
    texts = [a[0] for a in answers]
    assert "zéro six, quatre-vingt-cinq, dix, quarante-deux, soixante-treize" in texts[3 - 1]
    assert len(texts[3]) <= 300
    assert answers[-1][1] == [("endCall", {})]
    assert answers[-1][2] == "tool_calls"
    booked = await sync_to_async(appointments)()
    assert len(booked) == 1
    assert (booked[0].name, booked[0].phone, booked[0].channel) == (
        "Bastien Carlier",
        CALLER,
        "voice",
    )
    assert booked[0].start.astimezone(business_tz(business)).weekday() == 5


def business_tz(business):
    from zoneinfo import ZoneInfo

    return ZoneInfo(business.timezone)


async def test_replies_are_plain_speech(business, clock) -> None:
    answers = await play(client(), "call-speech", ["vous êtes où ?"])
    text = answers[0][0]
    assert "Source" not in text
    assert "FAQ_" not in text
    assert "<" not in text


async def test_transfer_streams_the_handover_then_the_tool_call(business, clock) -> None:
    text, tools, finish = (await play(client(), "call-transfer", ["je veux parler à un humain"]))[0]
    assert text
    assert tools == [("transferCall", {"destination": "+33472000000"})]
    assert finish == "tool_calls"
    assert await sync_to_async(Conversation.objects.get)(key="call-transfer") is not None


async def test_cancellation_over_the_phone(business, clock) -> None:
    await play(client(), "call-first", BOOKING)
    answers = await play(
        client(),
        "call-cancel",
        ["bonjour je dois annuler mon rendez-vous", "bastien carlier", "oui"],
    )
    assert answers[-1][1] == [("endCall", {})]
    assert await sync_to_async(appointments)() == []


async def test_a_retried_request_gets_the_same_answer_and_advances_nothing(business, clock) -> None:
    api, history = client(), [SYSTEM]
    for line in BOOKING:
        history.append({"role": "user", "content": line})
        first = await say(api, "call-retry", history)
        turns = await sync_to_async(Turn.objects.filter(conversation__key="call-retry").count)()
        booked = len(await sync_to_async(appointments)())
        again = await say(api, "call-retry", history)
        assert again == first
        assert (
            await sync_to_async(Turn.objects.filter(conversation__key="call-retry").count)()
            == turns
        )
        assert len(await sync_to_async(appointments)()) == booked
        history.append({"role": "assistant", "content": first[0]})
    assert len(await sync_to_async(appointments)()) == 1


async def test_overlapping_requests_for_one_call(business, clock) -> None:
    """A barge-in: the newer history is answered; the older one, late, advances nothing."""
    api = client()
    history = [SYSTEM, {"role": "user", "content": BOOKING[0]}]
    newer = [
        *history,
        {"role": "assistant", "content": "…"},
        {"role": "user", "content": BOOKING[1]},
    ]
    first, second = await asyncio.gather(
        say(api, "call-overlap", history), say(api, "call-overlap", newer)
    )
    conversation = await sync_to_async(Conversation.objects.get)(key="call-overlap")
    assert conversation.user_messages_seen == 2
    assert conversation.data["name"] == "Bastien Carlier"
    turns = await sync_to_async(conversation.turns.count)()
    await say(api, "call-overlap", history)
    assert await sync_to_async(conversation.turns.count)() == turns
    assert (
        await sync_to_async(Conversation.objects.get)(key="call-overlap")
    ).state == conversation.state
    assert second[0] or first[0]


async def test_missed_messages_are_taken_in_order(business, clock) -> None:
    history = [SYSTEM] + [{"role": "user", "content": line} for line in BOOKING[:3]]
    text, _, _ = await say(client(), "call-missed", history)
    conversation = await sync_to_async(Conversation.objects.get)(key="call-missed")
    assert conversation.data["name"] == "Bastien Carlier"
    assert conversation.state == "QUALIF_CONTACT"
    assert "rappeler" in text


async def test_legacy_body_with_call_id_fallback(business, clock) -> None:
    api = client()
    response = await api.chat.completions.create(
        model="gpt-4",
        messages=[SYSTEM, {"role": "user", "content": "je veux un rendez-vous"}],
        stream=False,
        extra_body={"call": {"callId": "legacy-call"}, "functions": [{"name": "endCall"}]},
    )
    assert response.choices[0].message.content
    assert await sync_to_async(Conversation.objects.filter(key="legacy-call").exists)()


async def test_the_secret_is_required_when_configured(business, clock, settings) -> None:
    settings.VAPI_SECRET = "s3cret"
    with pytest.raises(openai.AuthenticationError):
        await say(client(), "call-nosecret", [SYSTEM, {"role": "user", "content": "bonjour"}])
    with pytest.raises(openai.AuthenticationError):
        await say(
            client("wrong"), "call-nosecret", [SYSTEM, {"role": "user", "content": "bonjour"}]
        )
    text, _, _ = await say(
        client("s3cret"), "call-secret", [SYSTEM, {"role": "user", "content": "bonjour"}]
    )
    assert text


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"null",
        b"[]",
        b'{"messages": "x"}',
        b'{"messages": [], "call": {}}',
        b'{"messages": [], "call": {"id": " \\t "}}',
        b'{"messages": [1], "call": {"id": "c"}}',
        b'{"messages": [], "call": {"id": "c"}, "stream": "yes"}',
        b"\xff\xfe",
    ],
    ids=[
        "truncated",
        "null",
        "list",
        "messages-not-list",
        "no-call-id",
        "blank-call-id",
        "message-not-object",
        "stream-not-bool",
        "binary",
    ],
)
async def test_malformed_requests_are_400(business, body) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=application), base_url="http://testserver"
    ) as http:
        response = await http.post(
            "/api/vapi/chat/completions", content=body, headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert set(response.json()["error"]) == {"code", "message"}


async def test_other_methods_are_405_with_an_allow_header(business) -> None:
    # Found by schemathesis: RFC 9110 wants the Allow header on a 405.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=application), base_url="http://testserver"
    ) as http:
        response = await http.request("TRACE", "/api/vapi/chat/completions")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


class ControlServer:
    """A local HTTP server standing in for Vapi's Live Call Control URL."""

    def __init__(self) -> None:
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/control"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def control_server(settings):
    settings.VAPI_CONTROL_SECONDS_PER_CHAR = 0
    # Deliberately: Live Call Control may reach this loopback server (never in production).
    settings.VAPI_CONTROL_HOSTS = ["127.0.0.1"]
    settings.VAPI_CONTROL_ALLOW_PRIVATE = True
    server = ControlServer()
    yield server
    server.close()


async def wait_for(predicate, seconds: float = 3.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if predicate():
            return
        await asyncio.sleep(0.02)


async def test_transfer_is_also_sent_through_live_call_control(
    business, clock, control_server
) -> None:
    api, history = client(), [SYSTEM, {"role": "user", "content": "passez-moi quelqu'un"}]
    await say(api, "call-control", history, control_url=control_server.url)
    await say(api, "call-control", history, control_url=control_server.url)  # a retry
    await wait_for(lambda: control_server.received)
    await asyncio.sleep(0.1)
    assert control_server.received == [
        {
            "type": "transfer",
            "destination": {"type": "number", "number": "+33472000000"},
            "content": "",
        }
    ]


async def test_end_of_call_is_sent_through_a_cached_control_url(
    business, clock, control_server
) -> None:
    await sync_to_async(Conversation.objects.create)(
        key="call-cached", channel="voice", control_url=control_server.url
    )
    await play(client(), "call-cached", BOOKING)
    await wait_for(lambda: control_server.received)
    assert control_server.received == [{"type": "end-call"}]


async def test_an_unreachable_control_url_never_blocks_the_reply(business, clock, settings) -> None:
    settings.VAPI_CONTROL_SECONDS_PER_CHAR = 0
    settings.VAPI_CONTROL_HOSTS = ["127.0.0.1"]
    settings.VAPI_CONTROL_ALLOW_PRIVATE = True
    settings.VAPI_CONTROL_TIMEOUT_SECONDS = 0.2
    text, tools, _ = await say(
        client(),
        "call-dead-control",
        [SYSTEM, {"role": "user", "content": "un humain svp"}],
        control_url="http://127.0.0.1:9/control",
    )
    assert tools[0][0] == "transferCall"
    await asyncio.sleep(0.3)
