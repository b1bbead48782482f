"""Issue 12, items 3 and 4: one voice request runs at most VOICE_MAX_TURNS_PER_REQUEST turns and
carries at most VOICE_MAX_MESSAGES messages (413 beyond); the Custom LLM consumer checks the
secret and the size on the headers and the first body message, before buffering anything, and
caps the body (413); the webhook does the same."""

from __future__ import annotations

import json

import pytest
from channels.testing import ApplicationCommunicator, HttpCommunicator
from django.test import Client

from conversations.models import Conversation
from conversations.services import conversation_handle_voice_turn
from receptionist.asgi import application

PATH = "/api/vapi/chat/completions"
SECRET = "x-voice-secret-for-these-tests"
MEGABYTE = 1024 * 1024


@pytest.fixture
def secret(settings) -> str:
    settings.VAPI_SECRET = SECRET
    return SECRET


def body(call_id: str, messages: list[str]) -> bytes:
    return json.dumps(
        {
            "model": "receptionist",
            "stream": False,
            "call": {"id": call_id},
            "messages": [{"role": "user", "content": text} for text in messages],
        }
    ).encode()


def scope(*headers: tuple[bytes, bytes]) -> dict:
    return {
        "type": "http",
        "http_version": "1.1",
        "method": "POST",
        "path": PATH,
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), *headers],
        "client": ("198.51.100.7", 40000),
    }


async def answer(communicator: ApplicationCommunicator) -> tuple[int, dict]:
    start = await communicator.receive_output(timeout=2)
    assert start["type"] == "http.response.start"
    chunk = await communicator.receive_output(timeout=2)
    return start["status"], json.loads(chunk["body"])


# --- Turns per request, messages per request -----------------------------------------------


@pytest.mark.django_db
def test_a_request_runs_at_most_the_last_turns(business, clock, settings) -> None:
    settings.VOICE_MAX_TURNS_PER_REQUEST = 3
    messages = [f"euh numéro {n}" for n in range(1, 11)] + ["je voudrais un rendez-vous"]

    first = conversation_handle_voice_turn(call_id="call-flood", user_messages=messages)
    again = conversation_handle_voice_turn(call_id="call-flood", user_messages=messages)

    conversation = Conversation.objects.get(key="call-flood")
    said = list(conversation.turns.order_by("index").values_list("user_text", flat=True))
    assert said == messages[-3:]
    assert conversation.user_messages_seen == len(messages)
    assert again.reply == first.reply


@pytest.mark.django_db
def test_the_turn_cap_never_goes_below_one(business, clock, settings) -> None:
    settings.VOICE_MAX_TURNS_PER_REQUEST = 0

    conversation_handle_voice_turn(call_id="call-one", user_messages=["bonjour", "un rendez-vous"])

    turns = Conversation.objects.get(key="call-one").turns.values_list("user_text", flat=True)
    assert list(turns) == ["un rendez-vous"]


@pytest.mark.django_db(transaction=True)
async def test_too_many_messages_answer_413(business, secret, settings) -> None:
    settings.VOICE_MAX_MESSAGES = 50
    communicator = HttpCommunicator(
        application,
        "POST",
        PATH,
        body=body("call-long", ["allô"] * 51),
        headers=[(b"x-vapi-secret", SECRET.encode())],
    )

    response = await communicator.get_response()

    assert response["status"] == 413
    assert json.loads(response["body"])["error"]["code"] == "too_many_messages"


# --- The Custom LLM consumer: headers first, then a capped body ----------------------------


async def test_a_wrong_secret_is_refused_before_the_body_is_read(secret) -> None:
    communicator = ApplicationCommunicator(application, scope((b"x-vapi-secret", b"wrong")))
    await communicator.send_input(
        {"type": "http.request", "body": b"x" * MEGABYTE, "more_body": True}
    )

    # Answered on the first megabyte of a body that never ends: nothing waits for the rest.
    status, error = await answer(communicator)

    assert (status, error["error"]["code"]) == (401, "unauthorized")
    await communicator.wait(timeout=1)


async def test_a_wrong_secret_with_a_huge_body_is_401(secret) -> None:
    communicator = HttpCommunicator(
        application, "POST", PATH, body=b"x" * (50 * MEGABYTE), headers=[(b"x-vapi-secret", b"no")]
    )

    response = await communicator.get_response()

    assert response["status"] == 401


async def test_no_secret_configured_is_refused_before_the_body_is_read() -> None:
    communicator = ApplicationCommunicator(application, scope())
    await communicator.send_input({"type": "http.request", "body": b"{", "more_body": True})

    status, error = await answer(communicator)

    assert (status, error["error"]["code"]) == (503, "voice_not_configured")


async def test_an_announced_oversized_body_is_413_before_it_is_read(secret, settings) -> None:
    settings.VAPI_MAX_BODY_BYTES = 1000
    communicator = ApplicationCommunicator(
        application, scope((b"x-vapi-secret", SECRET.encode()), (b"content-length", b"5000"))
    )
    await communicator.send_input({"type": "http.request", "body": b"{", "more_body": True})

    status, error = await answer(communicator)

    assert (status, error["error"]["code"]) == (413, "too_large")


async def test_an_authenticated_body_over_the_limit_is_413(secret, settings) -> None:
    settings.VAPI_MAX_BODY_BYTES = 1000
    communicator = ApplicationCommunicator(application, scope((b"x-vapi-secret", SECRET.encode())))
    for _ in range(3):  # chunked: no Content-Length announces it
        await communicator.send_input(
            {"type": "http.request", "body": b" " * 400, "more_body": True}
        )

    status, error = await answer(communicator)

    assert (status, error["error"]["code"]) == (413, "too_large")


@pytest.mark.django_db(transaction=True)
async def test_a_body_within_the_limit_is_answered(business, secret, settings) -> None:
    payload = body("call-small", ["bonjour"])
    settings.VAPI_MAX_BODY_BYTES = len(payload)
    communicator = HttpCommunicator(
        application, "POST", PATH, body=payload, headers=[(b"x-vapi-secret", SECRET.encode())]
    )

    response = await communicator.get_response(timeout=5)

    assert response["status"] == 200


# --- The webhook ------------------------------------------------------------------------------


def webhook(client: Client, payload: bytes, **headers: str):
    return client.post(
        "/api/vapi/webhook", data=payload, content_type="application/json", **headers
    )


@pytest.mark.django_db
def test_the_webhook_refuses_a_wrong_secret_whatever_the_body(client, business, secret) -> None:
    response = webhook(client, b"x" * (5 * MEGABYTE), HTTP_X_VAPI_SECRET="wrong")

    assert response.status_code == 401


@pytest.mark.django_db
def test_the_webhook_answers_413_over_the_limit(client, business, secret, settings) -> None:
    settings.VAPI_MAX_BODY_BYTES = 1000
    payload = json.dumps({"message": {"type": "conversation-update", "pad": "x" * 2000}}).encode()

    response = webhook(client, payload, HTTP_X_VAPI_SECRET=SECRET)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


@pytest.mark.django_db
def test_the_webhook_honours_djangos_upload_limit_with_a_413(client, business, secret, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    payload = json.dumps({"message": {"type": "conversation-update", "pad": "x" * 2000}}).encode()

    response = Client(raise_request_exception=False).post(
        "/api/vapi/webhook",
        data=payload,
        content_type="application/json",
        HTTP_X_VAPI_SECRET=SECRET,
    )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
