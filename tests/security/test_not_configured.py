"""A fresh install with no business loaded: the chat answers 503 `not_configured`, never a 500,
and /health says it is degraded (still 200: the server is up, the operator loads a profile)."""

from __future__ import annotations

import json

import pytest
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from receptionist.asgi import application
from receptionist.lib.errors import NotConfigured

ORIGIN = [(b"origin", b"http://localhost:8000")]


def assert_not_configured(response) -> None:
    assert response.status_code == 503
    body = response.json()
    assert body["error"]["code"] == "not_configured"
    assert "load_business" in body["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/chat", "/api/chat/stream"])
def test_the_chat_answers_503_not_configured(path: str) -> None:
    response = APIClient().post(path, {"message": ""}, format="json")

    assert_not_configured(response)


@pytest.mark.django_db
def test_a_message_without_a_business_is_not_a_500_either() -> None:
    response = APIClient().post("/api/chat", {"message": "un rendez-vous"}, format="json")

    assert_not_configured(response)


@pytest.mark.django_db(transaction=True)
async def test_the_socket_says_not_configured_and_closes() -> None:
    communicator = WebsocketCommunicator(application, "/ws/chat/", headers=ORIGIN)
    connected, _ = await communicator.connect()
    assert connected

    frame = await communicator.receive_json_from(timeout=5)

    assert (frame["type"], frame["error"]["code"]) == ("error", "not_configured")
    assert frame["error"]["message"] == NotConfigured.message  # the same words on every channel
    assert (await communicator.receive_output(timeout=5))["type"] == "websocket.close"


@pytest.mark.django_db
def test_health_is_degraded_and_names_the_missing_business(client) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["checks"]["business"] == "missing"


def test_health_is_ok_once_a_business_is_loaded(business, client) -> None:
    assert json.loads(client.get("/health").content)["status"] == "ok"


@pytest.mark.django_db
def test_the_voice_webhook_says_the_same_as_the_chat(settings) -> None:
    settings.VAPI_ALLOW_UNAUTHENTICATED = True
    message = {"message": {"type": "assistant-request", "call": {"id": "call-1"}}}
    voice = APIClient().post("/api/vapi/webhook", message, format="json")
    chat = APIClient().post("/api/chat", {"message": ""}, format="json")

    assert_not_configured(voice)
    assert voice.json() == chat.json() == NotConfigured().body()
