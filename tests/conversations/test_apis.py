"""POST /api/chat: the contract's payload, its errors, and its limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from faq.models import FaqEntry

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


def post(client, body=None, **kwargs):
    return client.post("/api/chat", body if body is not None else {}, format="json", **kwargs)


def test_new_conversation_with_empty_message_greets(api_client, business, clock) -> None:
    response = post(api_client, {"message": ""})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == PAYLOAD_KEYS
    assert (data["state"], data["transfer"], data["ended"], data["slots"], data["appointment"]) == (
        "START",
        False,
        False,
        None,
        None,
    )


def test_a_booking_through_the_api(api_client, business, clock) -> None:
    cid = post(api_client, {"message": ""}).json()["conversation_id"]
    for message in ("rendez-vous", "Paul Ménard", "vidange", "mardi matin", "06 12 34 56 78"):
        data = post(api_client, {"conversation_id": cid, "message": message}).json()
    assert data["state"] == "WAIT_CONFIRM"
    slot = data["slots"][0]
    assert set(slot) == {"index", "start", "end", "label"}
    assert slot["index"] == 1
    assert slot["start"].endswith("+01:00")
    assert slot["label"].startswith("mardi 24 novembre à ")
    data = post(api_client, {"conversation_id": cid, "message": "le premier"}).json()
    assert data["state"] == "CONFIRMED"
    assert set(data["appointment"]) >= {"id", "start", "end", "name", "phone", "motif", "status"}
    assert data["appointment"]["status"] == "confirmed"


def test_faq_answer_cites_its_source(api_client, business, clock) -> None:
    data = post(api_client, {"message": "c'est où le garage ?"}).json()
    assert data["faq_id"] == "FAQ_ADDRESS"
    assert "Source : FAQ_ADDRESS" in data["reply"]
    # What a visitor is shown as the source: the entry's question, not its id.
    assert data["faq_question"] == FaqEntry.objects.get(faq_id="FAQ_ADDRESS").question


def test_a_question_in_english_is_answered_by_the_faq_when_it_can(
    api_client, business, clock
) -> None:
    """A business whose FAQ says which languages it speaks answers in its own words."""
    FaqEntry.objects.create(
        faq_id="FAQ_LANGUAGES",
        question="Parlez-vous anglais ?",
        answer="Oui, l'équipe parle anglais et espagnol.",
        alternatives=["do you speak english", "quelles langues parlez-vous"],
    )
    data = post(api_client, {"message": "hello, do you speak english please"}).json()
    assert data["faq_id"] == "FAQ_LANGUAGES"
    other = post(api_client, {"message": "hello what is the weather like today"}).json()
    assert other["faq_id"] is None
    assert "I can only help in French" in other["reply"]


def test_a_reply_without_faq_has_no_faq_question(api_client, business, clock) -> None:
    assert post(api_client, {"message": "un rendez-vous"}).json()["faq_question"] is None


BAD_BODIES = [
    ("number-message", {"message": 42}),
    ("number-conversation", {"conversation_id": 12345, "message": "bonjour"}),
    ("list-message", {"message": ["bonjour"]}),
    ("object-message", {"message": {"text": "x"}}),
    ("list-body", ["bonjour"]),
]


@pytest.mark.parametrize("body", [b for _, b in BAD_BODIES], ids=[i for i, _ in BAD_BODIES])
def test_wrong_types_are_4xx_with_the_error_envelope(api_client, business, body) -> None:
    response = post(api_client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert isinstance(error["code"], str)
    assert isinstance(error["message"], str)


RAW_BODIES = [
    ("truncated-json", b'{"message": "bonjour",', "application/json"),
    ("binary", b"\xff\xfe\x00<xml>", "text/plain"),
    ("null", b"null", "application/json"),
    ("nested", b"[" * 400 + b"]" * 400, "application/json"),
    ("huge-number", b'{"message": 1e999999}', "application/json"),
    ("form", b"message=x&conversation_id=%00", "application/x-www-form-urlencoded"),
]


@pytest.mark.parametrize(
    ("body", "ctype"), [r[1:] for r in RAW_BODIES], ids=[r[0] for r in RAW_BODIES]
)
def test_junk_bodies_never_500(api_client, business, body, ctype) -> None:
    response = api_client.generic("POST", "/api/chat", body, content_type=ctype)
    assert 400 <= response.status_code < 500
    assert "error" in response.json()


def test_orphan_surrogate_is_refused_cleanly(api_client, business, clock) -> None:
    response = api_client.generic(
        "POST", "/api/chat", b'{"message": "\\ud800 bonjour"}', content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert "error" in response.json()


def test_unknown_conversation_is_404(api_client, business) -> None:
    response = post(api_client, {"conversation_id": "does-not-exist", "message": "bonjour"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "conversation_not_found"


def test_too_many_requests_get_429_with_retry_after(api_client, business, clock, settings) -> None:
    settings.CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE = 3
    cid = post(api_client, {"message": ""}).json()["conversation_id"]
    statuses = [
        post(api_client, {"conversation_id": cid, "message": "bonjour"}).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = post(api_client, {"conversation_id": cid, "message": "bonjour"})
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "throttled"


def test_schema_documents_the_chat_turn(api_client, business) -> None:
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert b"/api/chat" in response.content


def events_of(response) -> list[tuple[str, dict]]:
    import asyncio
    import json

    async def read() -> bytes:
        return b"".join([part async for part in response.streaming_content])

    events = []
    for block in asyncio.run(read()).decode().strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_the_stream_sends_tokens_then_the_reply_payload(api_client, business, clock) -> None:
    response = api_client.post("/api/chat/stream", {"message": ""}, format="json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/event-stream")
    events = events_of(response)
    assert [kind for kind, _ in events][-1] == "reply"
    assert all(kind == "token" for kind, _ in events[:-1])
    reply = events[-1][1]
    assert set(reply) == PAYLOAD_KEYS
    assert "".join(data["text"] for kind, data in events[:-1]) == reply["reply"]


def test_the_stream_refuses_bad_input_like_the_plain_turn(api_client, business) -> None:
    response = api_client.post("/api/chat/stream", {"message": 42}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]) >= {"code", "message"}


@pytest.mark.parametrize(("message", "status"), [("", 200), (42, 400)])
def test_the_stream_answers_clients_that_accept_only_event_streams(
    api_client, business, message, status
) -> None:
    # SSE clients send « Accept: text/event-stream »; DRF's content negotiation answered 406.
    response = api_client.post(
        "/api/chat/stream", {"message": message}, format="json", HTTP_ACCEPT="text/event-stream"
    )
    assert response.status_code == status
    if status == 200:
        assert events_of(response)[-1][0] == "reply"
    else:
        assert response.json()["error"]["code"] == "invalid"


def test_the_demo_page_names_the_business_and_loads_the_widget(client, business) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert business.name in response.content.decode()
    assert b"receptionist/widget.js" in response.content


def test_the_widget_script_is_served(client) -> None:
    from django.contrib.staticfiles import finders

    path = finders.find("receptionist/widget.js")
    assert path is not None
    source = Path(path).read_text(encoding="utf-8")
    for hook in ('"launcher"', '"input"', '"send"', '"message"', '"slot"', "receptionist-widget"):
        assert hook in source
    assert "innerHTML" not in source


def test_the_chat_api_answers_the_widgets_origin_only(client, business, settings) -> None:
    allowed = settings.WIDGET_ALLOWED_ORIGINS[0]
    preflight = client.options(
        "/api/chat",
        HTTP_ORIGIN=allowed,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert preflight["access-control-allow-origin"] == allowed
    other = client.post(
        "/api/chat",
        {"message": ""},
        content_type="application/json",
        HTTP_ORIGIN="https://evil.example",
    )
    assert "access-control-allow-origin" not in other
    staff = client.options(
        "/api/appointments", HTTP_ORIGIN=allowed, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "access-control-allow-origin" not in staff
