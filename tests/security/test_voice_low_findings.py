"""Issue 12, low findings on voice: a call id never reaches a web conversation; NUL characters
and lone surrogates in voice fields are cleaned, never a 500; a signed webhook request cannot
be replayed within the signature's window."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path

import httpx
import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from conversations.models import Conversation
from conversations.services import conversation_handle_turn, conversation_handle_voice_turn
from receptionist.asgi import application

FIXTURES = Path(__file__).parents[1] / "fixtures" / "vapi"
HMAC_SECRET = "x-hmac-secret-for-these-tests"


@pytest.fixture(autouse=True)
def _voice_open(settings):
    settings.VAPI_ALLOW_UNAUTHENTICATED = True


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


async def completion(payload: dict | bytes) -> httpx.Response:
    content = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        return await http.post(
            "/api/vapi/chat/completions",
            content=content,
            headers={"content-type": "application/json"},
        )


def lenient() -> Client:
    return Client(raise_request_exception=False)


# --- A call id never drives a web conversation -----------------------------------------------


def web_conversation() -> Conversation:
    turn = conversation_handle_turn(
        channel="web", conversation_id=None, message="je voudrais un rendez-vous"
    )
    return Conversation.objects.get(key=turn.conversation_id)


def snapshot(conversation: Conversation) -> tuple:
    conversation.refresh_from_db()
    return (
        conversation.channel,
        conversation.state,
        conversation.outcome,
        conversation.ended_at,
        conversation.turns.count(),
    )


@pytest.mark.django_db(transaction=True)
async def test_a_call_id_equal_to_a_web_conversation_key_is_refused(business, clock) -> None:
    web = await sync_to_async(web_conversation)()
    before = await sync_to_async(snapshot)(web)

    response = await completion(
        {"messages": [{"role": "user", "content": "annuler"}], "call": {"id": web.key}}
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "call_id_conflict"
    assert await sync_to_async(snapshot)(web) == before


@pytest.mark.django_db
def test_a_status_update_cannot_end_a_web_conversation(business, clock) -> None:
    web = web_conversation()
    before = snapshot(web)
    message = fixture("status-update-ended.json")
    message["message"]["call"]["id"] = web.key

    response = lenient().post("/api/vapi/webhook", data=message, content_type="application/json")

    assert response.status_code == 409
    assert snapshot(web) == before


@pytest.mark.django_db
def test_a_web_turn_cannot_drive_a_call(client, business, clock) -> None:

    conversation_handle_voice_turn(call_id="call-1234", user_messages=["bonjour"])

    response = client.post(
        "/api/chat",
        {"conversation_id": "call-1234", "message": "oui"},
        content_type="application/json",
    )

    assert response.status_code == 404


# --- NUL characters and lone surrogates ------------------------------------------------------

DIRTY = [
    ("nul", "\\u0000"),
    ("lone-surrogate", "\\ud800"),
    ("low-surrogate", "\\udfff"),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("escape", [e for _, e in DIRTY], ids=[i for i, _ in DIRTY])
async def test_dirty_characters_in_a_completion_are_cleaned(business, clock, escape) -> None:
    raw = (
        '{"stream": false, "call": {"id": "call-dirty' + escape + '", "customer": {"number": '
        '"+3361'
        + escape
        + '"}}, "messages": [{"role": "user", "content": "bonjour'
        + escape
        + ' je voudrais un rendez-vous"}]}'
    ).encode()

    response = await completion(raw)

    assert response.status_code == 200
    stored = await sync_to_async(Conversation.objects.get)(channel="voice")
    turn = await sync_to_async(stored.turns.get)()
    assert "\x00" not in stored.key + turn.user_text
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in stored.key + turn.user_text)


@pytest.mark.django_db
@pytest.mark.parametrize("escape", [e for _, e in DIRTY], ids=[i for i, _ in DIRTY])
def test_dirty_characters_in_a_webhook_message_are_cleaned(business, escape) -> None:
    message = fixture("end-of-call-report.json")
    message["message"]["call"]["id"] = "call-dirty-report"
    message["message"]["analysis"]["summary"] = "RÉSUMÉ"
    raw = json.dumps(message).replace("RÉSUMÉ", "r" + escape + "sumé").encode()
    raw = raw.replace(b"call-dirty-report", b"call-dirty" + escape.encode() + b"report")

    response = lenient().post("/api/vapi/webhook", data=raw, content_type="application/json")

    assert response.status_code == 200
    stored = Conversation.objects.get(channel="voice")
    assert "\x00" not in stored.key + stored.summary
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in stored.key + stored.summary)


@pytest.mark.django_db
def test_dirty_characters_in_tool_arguments_are_cleaned(business, clock) -> None:
    message = fixture("tool-calls.json")
    calls = [
        {
            "id": "tc-dirty",
            "type": "function",
            "function": {"name": "find_appointment", "arguments": {"name": "DIRTY"}},
        }
    ]
    message["message"]["toolCallList"] = message["message"]["toolCalls"] = calls
    raw = json.dumps(message).replace("DIRTY", "jean\\u0000\\ud800").encode()

    response = lenient().post("/api/vapi/webhook", data=raw, content_type="application/json")

    assert response.status_code == 200


# --- Signed requests are not replayed -------------------------------------------------------


def signed(client: Client, body: bytes, timestamp: str):
    signature = hmac.new(
        HMAC_SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return client.post(
        "/api/vapi/webhook",
        data=body,
        content_type="application/json",
        headers={"x-signature": signature, "x-timestamp": timestamp},
    )


@pytest.mark.django_db
def test_a_signed_request_cannot_be_replayed(client, business, settings) -> None:
    settings.VAPI_HMAC_SECRET = HMAC_SECRET
    body = json.dumps(fixture("assistant-request.json")).encode()
    timestamp = str(int(time.time()))

    first = signed(client, body, timestamp)
    replay = signed(client, body, timestamp)
    fresh = signed(client, body, str(int(time.time()) + 1))

    assert first.status_code == 200
    assert replay.status_code == 409
    assert replay.json()["error"]["code"] == "replayed"
    assert fresh.status_code == 200


@pytest.mark.django_db
def test_a_replay_with_another_spelling_of_the_signature_is_refused(
    client, business, settings
) -> None:
    settings.VAPI_HMAC_SECRET = HMAC_SECRET
    body = json.dumps(fixture("assistant-request.json")).encode()
    timestamp = str(int(time.time()))
    signature = hmac.new(
        HMAC_SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()

    def post(spelling: str):
        return client.post(
            "/api/vapi/webhook",
            data=body,
            content_type="application/json",
            headers={"x-signature": spelling, "x-timestamp": timestamp},
        )

    assert post(signature).status_code == 200
    assert post("sha256=" + signature.upper()).status_code == 409
