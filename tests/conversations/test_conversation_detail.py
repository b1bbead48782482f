"""GET /api/conversations/{id}: one conversation as staff follow it (CONTRACT section 2)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import httpx
import pytest
import time_machine
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conversations.calls import call_status_update
from conversations.services import conversation_handle_voice_turn
from receptionist.asgi import application
from tests.conftest import NOW
from tests.log_audit import personal_data

pytestmark = pytest.mark.django_db

PAYLOAD_KEYS = {
    "conversation_id",
    "reply",
    "state",
    "intent",
    "slots",
    "appointment",
    "faq_id",
    "transfer",
    "ended",
    "faq_question",
}
TO_SLOTS = ["rendez-vous", "Paul Ménard", "vidange", "mardi matin", "06 12 34 56 78"]
TO_BOOKED = [*TO_SLOTS, "le premier"]  # on the web, the choice books
CALLER = "+33685104273"
CALL_TO_SLOTS = [
    "ouais bonjour c'est pour monter des pneus sur ma voiture",
    "bastien carlier",
    "samedi matin",
    "oui",
]


def url(key: str) -> str:
    return f"/api/conversations/{key}"


def chat(client: APIClient, messages: list[str]) -> tuple[str, list[dict]]:
    """A web conversation: the greeting, then `messages`; its id and every turn payload."""
    payloads = [client.post("/api/chat", {"message": ""}, format="json").json()]
    cid = payloads[0]["conversation_id"]
    for message in messages:
        body = {"conversation_id": cid, "message": message}
        payloads.append(client.post("/api/chat", body, format="json").json())
    return cid, payloads


def call(call_id: str, messages: list[str]) -> None:
    """A call driven through the voice service, one request per caller message."""
    for count in range(1, len(messages) + 1):
        conversation_handle_voice_turn(
            call_id=call_id, user_messages=messages[:count], caller_number=CALLER
        )


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def times(turns: list[dict]) -> list[datetime]:
    return [datetime.fromisoformat(t["at"]) for t in turns]


def test_a_web_conversation_is_its_last_payload_its_channel_and_its_turns(
    api_client, staff_client, business, clock
) -> None:
    cid, payloads = chat(api_client, TO_SLOTS)

    data = staff_client.get(url(cid)).json()

    assert set(data) == PAYLOAD_KEYS | {"channel", "turns"}
    assert {k: data[k] for k in PAYLOAD_KEYS} == payloads[-1]
    assert (data["state"], data["channel"], len(data["slots"])) == ("WAIT_CONFIRM", "web", 3)
    turns = data["turns"]
    assert [t["role"] for t in turns] == ["agent"] + ["user", "agent"] * len(TO_SLOTS)
    assert [t["text"] for t in turns if t["role"] == "user"] == TO_SLOTS
    assert [t["text"] for t in turns if t["role"] == "agent"] == [p["reply"] for p in payloads]
    assert [t["state"] for t in turns if t["role"] == "agent"] == [p["state"] for p in payloads]
    # A message carries the state it answered: the state of the reply before it.
    assert [t["state"] for t in turns[1::2]] == [p["state"] for p in payloads[:-1]]
    assert times(turns) == sorted(times(turns))
    assert all(moment.utcoffset() is not None for moment in times(turns))


def test_the_staff_api_shows_the_booked_appointment_with_whole_contacts(
    api_client, staff_client, business, clock
) -> None:
    cid, payloads = chat(api_client, TO_BOOKED)
    public = payloads[-1]["appointment"]

    data = staff_client.get(url(cid)).json()

    assert (data["state"], data["ended"], data["slots"]) == ("CONFIRMED", True, None)
    assert public["phone"] == "06 •• •• •• 78"
    assert data["appointment"] == public | {"phone": "+33612345678"}


def test_slots_are_those_still_open(api_client, staff_client, business, clock) -> None:
    cid, payloads = chat(api_client, [*TO_SLOTS, "c'est où le garage ?"])

    data = staff_client.get(url(cid)).json()

    assert data["faq_id"] == "FAQ_ADDRESS"
    assert data["state"] == "WAIT_CONFIRM"
    assert data["slots"] == payloads[-2]["slots"]


def test_a_call_is_found_by_its_call_id_which_is_its_conversation_id(
    staff_client, business, clock
) -> None:
    call("call-7f3a", CALL_TO_SLOTS)

    data = staff_client.get(url("call-7f3a")).json()

    assert (data["conversation_id"], data["channel"]) == ("call-7f3a", "voice")
    assert data["state"] == "WAIT_CONFIRM"
    assert len(data["slots"]) == 3
    assert [t["text"] for t in data["turns"] if t["role"] == "user"] == CALL_TO_SLOTS
    assert staff_client.get(url(data["conversation_id"])).json() == data


def hang_up(api_client) -> str:
    call("call-hangup", CALL_TO_SLOTS)
    call_status_update(call_id="call-hangup", status="ended", ended_reason="customer-ended-call")
    return "call-hangup"


def let_expire(api_client) -> str:
    cid, _ = chat(api_client, TO_SLOTS)
    with time_machine.travel(NOW + timedelta(hours=2)):
        api_client.post("/api/chat", {"conversation_id": cid, "message": "oui"}, format="json")
    return cid


@pytest.mark.parametrize("close", [hang_up, let_expire], ids=["call hung up", "session expired"])
def test_a_conversation_closed_between_turns_has_ended_and_holds_no_slots(
    api_client, staff_client, business, clock, close
) -> None:
    key = close(api_client)

    data = staff_client.get(url(key)).json()

    assert (data["state"], data["ended"], data["slots"]) == ("WAIT_CONFIRM", True, None)


def test_a_call_known_before_its_first_turn(staff_client, business, clock) -> None:
    call_status_update(call_id="call-early", status="in-progress")

    data = staff_client.get(url("call-early")).json()

    assert (data["state"], data["reply"], data["turns"], data["ended"]) == ("START", "", [], False)


UNKNOWN = [
    ("unknown", "3f2a9c1e0b7d4e5f8a6b9c0d1e2f3a4b"),
    ("too long", "a" * 101),
    ("nul character", "abc%00def"),
    ("control character", "abc%07"),
    ("line break", "abc%0A"),
    ("C1 control then line break", "%C2%9B%0A"),
    ("blank", "%20"),
    ("slash", "abc%2Fdef"),
    ("nested path", "abc/def"),
]


@pytest.mark.parametrize("key", [k for _, k in UNKNOWN], ids=[i for i, _ in UNKNOWN])
def test_unknown_or_malformed_ids_are_404_with_the_error_body(staff_client, business, key) -> None:
    response = staff_client.get(url(key))

    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "conversation_not_found", "message": "Unknown conversation_id."}
    }


def test_anonymous_callers_are_refused(api_client, business, clock) -> None:
    cid, _ = chat(api_client, [])

    response = APIClient().get(url(cid))

    assert response.status_code in (401, 403)
    assert set(response.json()["error"]) == {"code", "message"}


@pytest.mark.parametrize(
    ("groups", "perms", "superuser", "expected"),
    [
        ((), (), False, 403),
        ((), ("view_conversation",), False, 200),
        ((), ("view_turn", "view_report"), False, 403),
        (("Accueil",), (), False, 200),
        (("Direction",), (), False, 200),
        ((), (), True, 200),
    ],
    ids=["no permission", "view conversation", "other permissions", "front desk", "manager", "su"],
)
def test_staff_need_the_view_conversation_permission(
    api_client, business, clock, django_user_model, groups, perms, superuser, expected
) -> None:
    cid, _ = chat(api_client, ["bonjour"])
    user = django_user_model.objects.create_user(
        "someone", password="x-pass", is_staff=True, is_superuser=superuser
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="conversations", codename__in=perms)
    )

    response = token_client(user).get(url(cid))

    assert response.status_code == expected
    if expected == 403:
        assert response.json()["error"]["code"] == "permission_denied"


def test_permission_without_staff_status_is_not_enough(
    api_client, business, clock, django_user_model
) -> None:
    cid, _ = chat(api_client, [])
    user = django_user_model.objects.create_user("former", password="x-pass", is_staff=False)
    user.user_permissions.add(Permission.objects.get(codename="view_conversation"))

    assert token_client(user).get(url(cid)).status_code == 403


def queries_of(client: APIClient, key: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(key)).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_turns(
    api_client, staff_client, business, clock, django_assert_max_num_queries
) -> None:
    short, _ = chat(api_client, [])
    booked, _ = chat(api_client, TO_BOOKED)

    # The token and its user, the user's and its groups' permissions; the conversation, its
    # turns, and the appointment the last payload names.
    with django_assert_max_num_queries(6):
        assert staff_client.get(url(booked)).status_code == 200
    assert queries_of(staff_client, booked) == queries_of(staff_client, short) + 1


def test_a_booked_conversation_is_read_without_logging_its_contacts(
    api_client, staff_client, business, clock, caplog
) -> None:
    cid, _ = chat(api_client, TO_BOOKED)

    with caplog.at_level(logging.DEBUG):
        assert staff_client.get(url(cid)).status_code == 200

    assert [r.getMessage() for r in caplog.records if personal_data(r.getMessage())] == []


TYPED_CONTACTS = [
    ("staff", "06 12 34 56 78", "Not Found: /api/conversations/[phone]"),
    ("staff", "jean.dupont@example.fr", "Not Found: /api/conversations/[email]"),
    ("anonymous", "+33612345678", "Unauthorized: /api/conversations/[phone]"),
]


@pytest.mark.parametrize(
    ("who", "key", "line"), TYPED_CONTACTS, ids=[f"{w} {k}" for w, k, _ in TYPED_CONTACTS]
)
def test_a_refused_id_is_logged_once_with_the_contacts_redacted(
    staff_client, business, caplog, who, key, line
) -> None:
    client = staff_client if who == "staff" else APIClient()

    with caplog.at_level(logging.INFO):
        client.get(url(key))

    assert [r.getMessage() for r in caplog.records if r.name == "django.request"] == [line]


# --- Through the real Vapi endpoint, polled after each turn as the evaluation runner does ---


async def staff_get(http: httpx.AsyncClient, token: str, key: str) -> httpx.Response:
    return await http.get(url(key), headers={"Authorization": f"Token {token}"})


@pytest.mark.django_db(transaction=True)
async def test_a_call_polled_after_each_voice_turn_shows_the_state_after_it(
    business, clock, settings, django_user_model
) -> None:
    settings.VAPI_ALLOW_UNAUTHENTICATED = True
    manager = await sync_to_async(django_user_model.objects.create_user)(
        "manager", password="x-pass", is_staff=True
    )
    # A transactional test runs after flushes that drop the migration-made groups: grant the
    # permission itself (permissions are recreated after each flush).
    view = await sync_to_async(Permission.objects.get)(codename="view_conversation")
    await sync_to_async(manager.user_permissions.add)(view)
    token = (await sync_to_async(Token.objects.create)(user=manager)).key
    history = [{"role": "system", "content": "Tu es l'assistant téléphonique du garage."}]
    seen = []
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        for line in [*CALL_TO_SLOTS, "le premier", "oui"]:
            history.append({"role": "user", "content": line})
            body = {
                "model": "receptionist",
                "messages": history,
                "stream": False,
                "call": {"id": "vapi-call-42", "customer": {"number": CALLER}},
            }
            answer = await http.post("/api/vapi/chat/completions", json=body)
            text = answer.json()["choices"][0]["message"]["content"]
            history.append({"role": "assistant", "content": text})
            data = (await staff_get(http, token, "vapi-call-42")).json()
            assert data["reply"] == text
            seen.append(data["state"])
        anonymous = await http.get(url("vapi-call-42"))

    assert seen[3:] == ["WAIT_CONFIRM", "BOOKING_CONFIRM", "CONFIRMED"]
    assert data["channel"] == "voice"
    assert data["ended"] is True
    assert data["appointment"]["phone"] == CALLER
    assert [t["state"] for t in data["turns"] if t["role"] == "agent"] == seen
    assert anonymous.status_code in (401, 403)
