"""The privacy notice (MSG_CONSENT): silent by default, said right after the greeting once written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from conversations.dialogue import prompts
from conversations.dialogue.prompts import PROMPTS, render_all, say
from conversations.models import Conversation, Prompt
from conversations.services import conversation_handle_turn, conversation_handle_voice_turn

pytestmark = pytest.mark.django_db

NOTICE = (
    "Cet échange est enregistré pour traiter votre demande ; vos données sont conservées 90 jours."
)
VOICE_NOTICE = "Cet appel est enregistré pour traiter votre demande."
VAPI_FIXTURES = Path(__file__).parent.parent / "fixtures" / "vapi"


def greeting(channel: str, business) -> str:
    return prompts.render("MSG_GREETING", channel=channel, values={"business": business.name})


def web_first_turn():
    return conversation_handle_turn(channel="web", conversation_id=None, message="")


def voice_first_turn():
    return conversation_handle_voice_turn(call_id="call-consent", user_messages=[])


def first_message(client) -> str:
    body = json.loads((VAPI_FIXTURES / "assistant-request.json").read_text(encoding="utf-8"))
    with override_settings(VAPI_ALLOW_UNAUTHENTICATED=True):
        response = client.post("/api/vapi/webhook", data=body, content_type="application/json")
    return response.json()["assistant"]["firstMessage"]


def test_the_notice_is_empty_by_default_and_listed_with_every_prompt() -> None:
    assert PROMPTS["MSG_CONSENT"].for_channel("web") == ""
    assert PROMPTS["MSG_CONSENT"].for_channel("voice") == ""
    assert prompts.OPENING == ("MSG_GREETING", "MSG_CONSENT")


G, C = "MSG_GREETING", "MSG_CONSENT"


@pytest.mark.parametrize(
    ("keys", "notice", "expected", "said"),
    [
        ((G, C), None, "Bonjour Cabinet", [G]),
        ((C, G), None, "Bonjour Cabinet", [G]),
        ((G, C), "Avis.", "Bonjour Cabinet Avis.", [G, C]),
        ((G, C), "  Avis.  ", "Bonjour Cabinet Avis.", [G, C]),
        ((G, C), "   ", "Bonjour Cabinet", [G]),
        ((G, C, G), None, "Bonjour Cabinet Bonjour Cabinet", [G, G]),
    ],
)
def test_an_empty_wording_adds_no_sentence_and_no_double_space(keys, notice, expected, said):
    overrides = {(G, ""): "Bonjour {business}"}
    if notice is not None:
        overrides[(C, "")] = notice
    values = {"business": "Cabinet"}
    assert say(keys, channel="web", values=values, overrides=overrides) == expected
    rendered = render_all(keys, channel="web", values=values, overrides=overrides)
    assert [key for key, _ in rendered] == said


def test_by_default_the_web_greeting_says_nothing_more(business, clock) -> None:
    turn = web_first_turn()
    assert turn.reply == greeting("web", business)
    assert "  " not in turn.reply
    assert not turn.reply.endswith(" ")
    recorded = Conversation.objects.get(key=turn.conversation_id).turns.get()
    assert recorded.prompt_keys == "MSG_GREETING"


def test_by_default_the_voice_greeting_says_nothing_more(client, business, clock) -> None:
    assert voice_first_turn().reply == greeting("voice", business)
    assert first_message(client) == greeting("voice", business)


def test_a_written_notice_follows_the_web_greeting(business, clock) -> None:
    Prompt.objects.create(key="MSG_CONSENT", variant="", text=NOTICE)
    turn = web_first_turn()
    assert turn.reply == f"{greeting('web', business)} {NOTICE}"
    recorded = Conversation.objects.get(key=turn.conversation_id).turns.get()
    assert recorded.prompt_keys == "MSG_GREETING,MSG_CONSENT"
    assert recorded.reply == turn.reply


def test_a_voice_notice_follows_the_phone_greeting_only(client, business, clock) -> None:
    Prompt.objects.create(key="MSG_CONSENT", variant="voice", text=VOICE_NOTICE)
    expected = f"{greeting('voice', business)} {VOICE_NOTICE}"
    assert voice_first_turn().reply == expected
    assert first_message(client) == expected
    assert web_first_turn().reply == greeting("web", business)


def test_the_notice_is_said_on_the_first_turn_only(business, clock) -> None:
    Prompt.objects.create(key="MSG_CONSENT", variant="", text=NOTICE)
    first = web_first_turn()
    second = conversation_handle_turn(
        channel="web", conversation_id=first.conversation_id, message="je voudrais un rendez-vous"
    )
    assert NOTICE in first.reply
    assert NOTICE not in second.reply


def test_staff_write_the_notice_in_the_prompt_admin(admin_client, business, clock) -> None:
    page = admin_client.get(reverse("admin:conversations_prompt_all")).content.decode()
    assert "MSG_CONSENT" in page
    response = admin_client.post(
        reverse("admin:conversations_prompt_add"),
        {"key": "MSG_CONSENT", "variant": "", "text": "Chez {business}, vos données restent ici."},
    )
    assert response.status_code == 302
    assert web_first_turn().reply.endswith(f"Chez {business.name}, vos données restent ici.")
