"""Replies to our texts: STOP (in its French spellings) ends texts to that number."""

from __future__ import annotations

import pytest

from booking.notifications.apis import asks_to_stop
from booking.notifications.models import SmsSuppression

URL = "/api/sms/inbound"


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        ("STOP", True),
        ("stop", True),
        ("Stop.", True),
        ("STOP SMS", True),
        ("stop sms merci", True),
        ("Arrêt", True),
        ("ARRETER", True),
        ("désabonner", True),
        ("", False),
        ("OK merci", False),
        ("je ne peux pas venir, stop", False),
        ("stopper le rappel ?", False),
    ],
)
def test_which_replies_ask_to_stop(text, stop):
    assert asks_to_stop(text) is stop


@pytest.fixture
def token(settings):
    settings.SMS_INBOUND_TOKEN = "inbound-secret"
    return {"HTTP_AUTHORIZATION": "Bearer inbound-secret"}


@pytest.mark.django_db
def test_a_stop_reply_puts_the_number_on_the_suppression_list(client, token):
    reply = client.post(
        URL, {"sender": "33612345678", "text": "STOP"}, content_type="application/json", **token
    )
    assert reply.status_code == 200
    assert reply.json() == {"stopped": True}
    assert SmsSuppression.objects.get().phone == "+33612345678"


@pytest.mark.django_db
def test_providers_field_names_are_understood(client, token):
    client.post(
        URL, {"msisdn": "+33612345678", "reply": "Stop"}, content_type="application/json", **token
    )
    assert SmsSuppression.objects.filter(phone="+33612345678", source="stop").exists()


@pytest.mark.django_db
def test_another_reply_changes_nothing(client, token):
    reply = client.post(
        URL, {"sender": "0612345678", "text": "merci"}, content_type="application/json", **token
    )
    assert reply.json() == {"stopped": False}
    assert not SmsSuppression.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Bearer wrong"}])
def test_without_the_token_nothing_is_taken(client, token, headers):
    reply = client.post(
        URL, {"sender": "0612345678", "text": "STOP"}, content_type="application/json", **headers
    )
    assert reply.status_code == 401
    assert not SmsSuppression.objects.exists()


@pytest.mark.django_db
def test_not_configured_is_503(client, settings):
    settings.SMS_INBOUND_TOKEN = ""
    reply = client.post(
        URL, {"sender": "0612345678", "text": "STOP"}, content_type="application/json"
    )
    assert reply.status_code == 503
    assert reply.json()["error"]["code"] == "sms_inbound_not_configured"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", [{"sender": "hello", "text": "STOP"}, {"text": "STOP"}, [1, 2], {"sender": True}]
)
def test_bad_bodies_are_400(client, token, body):
    reply = client.post(URL, body, content_type="application/json", **token)
    assert reply.status_code == 400
    assert "error" in reply.json()
