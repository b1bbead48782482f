"""Issue 12, item 1: voice is closed without VAPI_SECRET (503 voice_not_configured) unless a
development switch opens it; /api/vapi/health says so; check --deploy reports the missing
secret; the webhook is rate-limited per call and per client address."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from django.core.checks import run_checks
from django.test import Client

from conversations.models import Conversation
from receptionist.asgi import application

FIXTURES = Path(__file__).parents[1] / "fixtures" / "vapi"
SECRET = "x-voice-secret-for-these-tests"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def webhook(client: Client, body: dict, **headers: str):
    return client.post(
        "/api/vapi/webhook", data=json.dumps(body), content_type="application/json", **headers
    )


async def completion(call_id: str = "call-open", **headers: str) -> httpx.Response:
    body = {
        "model": "receptionist",
        "messages": [{"role": "user", "content": "je veux annuler mon rendez-vous"}],
        "call": {"id": call_id},
        "stream": False,
    }
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        return await http.post("/api/vapi/chat/completions", json=body, headers=headers)


def assert_voice_not_configured(status: int, body: dict) -> None:
    assert status == 503
    assert body["error"]["code"] == "voice_not_configured"
    assert "VAPI_SECRET" in body["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["assistant-request.json", "tool-calls.json", "status-update-ended.json"]
)
def test_without_a_secret_the_webhook_answers_503(client, business, name) -> None:
    response = webhook(client, fixture(name))

    assert_voice_not_configured(response.status_code, response.json())
    assert Conversation.objects.exists() is False


@pytest.mark.django_db(transaction=True)
async def test_without_a_secret_the_custom_llm_answers_503(business) -> None:
    response = await completion()

    assert_voice_not_configured(response.status_code, response.json())


@pytest.mark.django_db(transaction=True)
async def test_the_development_switch_opens_voice_without_a_secret(business, settings) -> None:
    settings.VAPI_ALLOW_UNAUTHENTICATED = True

    assert (await completion()).status_code == 200


@pytest.mark.django_db
def test_the_development_switch_opens_the_webhook(client, business, settings) -> None:
    settings.VAPI_ALLOW_UNAUTHENTICATED = True

    assert webhook(client, fixture("assistant-request.json")).status_code == 200


@pytest.mark.django_db
def test_a_secret_serves_voice(client, business, settings) -> None:
    settings.VAPI_SECRET = SECRET

    response = webhook(client, fixture("assistant-request.json"), HTTP_X_VAPI_SECRET=SECRET)

    assert response.status_code == 200


@pytest.mark.django_db
def test_voice_health_is_not_ready_without_a_secret(client, business, settings) -> None:
    response = client.get("/api/vapi/health")
    assert (response.status_code, response.json()["status"]) == (503, "not_configured")
    assert response.json()["reason"] == "no_secret"

    settings.VAPI_SECRET = SECRET
    response = client.get("/api/vapi/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_check_deploy_reports_a_missing_vapi_secret(settings) -> None:
    settings.VAPI_SECRET = ""
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "receptionist.W010" in ids

    settings.VAPI_SECRET = SECRET
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "receptionist.W010" not in ids


def test_check_deploy_reports_the_development_switches(settings) -> None:
    settings.VAPI_SECRET = SECRET
    settings.VAPI_ALLOW_UNAUTHENTICATED = True
    settings.VAPI_CONTROL_ALLOW_PRIVATE = True

    ids = {message.id for message in run_checks(include_deployment_checks=True)}

    assert {"receptionist.W011", "receptionist.W012"} <= ids


def test_the_deploy_checks_are_not_run_without_deploy(settings) -> None:
    settings.VAPI_SECRET = ""
    assert "receptionist.W010" not in {message.id for message in run_checks()}


@pytest.mark.django_db
def test_the_webhook_is_limited_per_call(client, business, settings) -> None:
    settings.VAPI_SECRET = SECRET
    settings.VOICE_WEBHOOK_RATE_LIMIT_PER_MINUTE = 2
    message = fixture("conversation-update.json")
    statuses = [webhook(client, message, HTTP_X_VAPI_SECRET=SECRET).status_code for _ in range(3)]
    refused = webhook(client, message, HTTP_X_VAPI_SECRET=SECRET)
    other = fixture("conversation-update.json")
    other["message"]["call"]["id"] = "another-call"

    assert statuses == [200, 200, 429]
    assert refused.json()["error"]["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert webhook(client, other, HTTP_X_VAPI_SECRET=SECRET).status_code == 200


@pytest.mark.django_db
def test_voice_requests_are_limited_per_client_address_before_the_secret(
    client, business, settings
) -> None:
    settings.VAPI_SECRET = SECRET
    settings.VOICE_ADDRESS_RATE_LIMIT_PER_MINUTE = 2
    message = fixture("speech-update.json")
    guesses = [
        webhook(client, message, HTTP_X_VAPI_SECRET=f"guess-{n}").status_code for n in range(3)
    ]

    assert guesses == [401, 401, 429]
    assert webhook(client, message, HTTP_X_VAPI_SECRET=SECRET).status_code == 429
    assert (
        webhook(client, message, REMOTE_ADDR="203.0.113.9", HTTP_X_VAPI_SECRET=SECRET).status_code
        == 200
    )
