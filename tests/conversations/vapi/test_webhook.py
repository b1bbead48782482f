"""POST /api/vapi/webhook and GET /api/vapi/health, replaying Vapi's real and documented bodies."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client

from conversations.dialogue import prompts
from conversations.models import Channel, Conversation, Prompt, VapiEvent
from tests.conftest import NOW

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[2] / "fixtures" / "vapi"
URL = "/api/vapi/webhook"
BASE_URL = "https://receptionist.example.org"
TRANSFER_NUMBER = "+33472000000"  # the garage profile's transfer number
WEB_CALL = "73daba4d-2bcc-4cca-8e49-3d7903467ade"  # the 2025 captures (finzie)
PHONE_CALL = "b1223960-1b4d-4585-91b8-a69b0f57ec2f"  # the 2024 captures (vapi4k)
REJECTED_CALL = "00dbe917-37fd-4d3f-8cc0-ac6be0923f40"
CONTROL_URL = (
    f"https://phone-call-websocket.aws-us-west-2-backend-production2.vapi.ai/{WEB_CALL}/control"
)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def message_of(name: str) -> dict:
    return copy.deepcopy(fixture(name)["message"])


def raw(body: dict | bytes) -> bytes:
    return body if isinstance(body, bytes) else json.dumps(body).encode()


def post(client: Client, body: dict | bytes, **headers: str):
    return client.post(URL, data=raw(body), content_type="application/json", headers=headers)


def deliver(client: Client, message: dict, **headers: str):
    return post(client, {"message": message}, **headers)


@pytest.fixture
def lenient_client() -> Client:
    """A client that sees a 500 as a response instead of re-raising the view's exception."""
    return Client(raise_request_exception=False)


# ---------------------------------------------------------------------------
# assistant-request: a transient assistant pointing back to our custom LLM


def greeting(business_name: str) -> str:
    return prompts.render("MSG_GREETING", channel="voice", values={"business": business_name})


@pytest.mark.parametrize("base", [BASE_URL, BASE_URL + "/"], ids=["bare", "trailing-slash"])
def test_assistant_request_answers_a_transient_assistant_on_our_custom_llm(
    client, business, settings, base
) -> None:
    settings.PUBLIC_BASE_URL = base
    response = post(client, fixture("assistant-request.json"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"assistant"}
    assistant = body["assistant"]
    assert assistant["firstMessage"] == greeting("Garage des Tilleuls")
    model = assistant["model"]
    assert model["provider"] == "custom-llm"
    assert model["url"] == BASE_URL + "/api/vapi"
    assert assistant["server"]["url"] == BASE_URL + "/api/vapi/webhook"


def test_assistant_greeting_is_the_voice_wording_with_the_business_name(client, business) -> None:
    first_message = post(client, fixture("assistant-request.json")).json()["assistant"][
        "firstMessage"
    ]
    assert "Garage des Tilleuls" in first_message
    assert "{business}" not in first_message
    web = prompts.render("MSG_GREETING", channel="web", values={"business": "Garage des Tilleuls"})
    assert first_message != web


def test_assistant_tools_transfer_to_the_business_number_and_end_the_call(client, business) -> None:
    tools = post(client, fixture("assistant-request.json")).json()["assistant"]["model"]["tools"]
    transfers = [tool for tool in tools if tool["type"] == "transferCall"]
    assert len(transfers) == 1
    assert [(d["type"], d["number"]) for d in transfers[0]["destinations"]] == [
        ("number", TRANSFER_NUMBER)
    ]
    assert [tool for tool in tools if tool["type"] == "endCall"] == [{"type": "endCall"}]


def test_assistant_carries_the_secret_so_vapi_requests_pass_our_auth(
    client, business, settings
) -> None:
    settings.VAPI_SECRET = "s3cret"
    response = post(client, fixture("assistant-request.json"), **{"X-Vapi-Secret": "s3cret"})
    assistant = response.json()["assistant"]
    assert assistant["model"]["headers"] == {"X-Vapi-Secret": "s3cret"}
    assert assistant["server"]["headers"] == {"X-Vapi-Secret": "s3cret"}


def test_assistant_without_a_secret_sends_no_secret_header(client, business, settings) -> None:
    settings.VAPI_SECRET = ""
    assistant = post(client, fixture("assistant-request.json")).json()["assistant"]
    assert "headers" not in assistant["model"]
    assert "headers" not in assistant["server"]


@pytest.mark.parametrize("variant", ["voice", ""], ids=["voice-override", "all-channels-override"])
def test_staff_override_of_the_greeting_becomes_the_first_message(
    client, business, variant
) -> None:
    Prompt.objects.create(key="MSG_GREETING", variant=variant, text="Allô, {business}, j'écoute.")
    assistant = post(client, fixture("assistant-request.json")).json()["assistant"]
    assert assistant["firstMessage"] == "Allô, Garage des Tilleuls, j'écoute."


def test_web_only_override_leaves_the_phone_greeting_alone(client, business) -> None:
    Prompt.objects.create(key="MSG_GREETING", variant="web", text="Salut l'internaute !")
    assistant = post(client, fixture("assistant-request.json")).json()["assistant"]
    assert assistant["firstMessage"] == greeting("Garage des Tilleuls")


def test_assistant_request_without_a_business_is_503_not_500(lenient_client, db) -> None:
    response = post(lenient_client, fixture("assistant-request.json"))
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "not_configured"


# ---------------------------------------------------------------------------
# tool-calls (the real shape and the docs' shape) and transfer-destination-request


def test_real_tool_calls_for_a_tool_we_do_not_have_answer_an_error_result(client, business) -> None:
    response = post(client, fixture("tool-calls.json"))
    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {
                "toolCallId": "call_51kj",
                "name": "getWeatherByCity_001",
                "error": "unknown tool 'getWeatherByCity_001'",
            }
        ]
    }


def test_docs_shaped_tool_calls_answer_one_result_per_call(client, business) -> None:
    response = post(client, fixture("tool-calls-docs-shape.json"))
    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {"toolCallId": "abc123", "name": "sendEmail", "error": "unknown tool 'sendEmail'"}
        ]
    }


def test_transfer_destination_request_answers_the_business_number(client, business) -> None:
    response = post(client, fixture("transfer-destination-request.json"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"destination"}
    assert (body["destination"]["type"], body["destination"]["number"]) == (
        "number",
        TRANSFER_NUMBER,
    )


# ---------------------------------------------------------------------------
# Informational messages: acknowledged with {}

INFORMATIONAL = [
    "conversation-update.json",
    "speech-update.json",
    "transcript-partial.json",
    "transcript-final.json",
    "hang.json",
    "user-interrupted.json",
]


@pytest.mark.parametrize(
    "name", INFORMATIONAL, ids=[n.removesuffix(".json") for n in INFORMATIONAL]
)
def test_informational_messages_answer_an_empty_object(client, business, name) -> None:
    response = post(client, fixture(name))
    assert response.status_code == 200
    assert response.json() == {}


def test_final_transcript_only_subscription_type_is_acknowledged(client, business) -> None:
    message = message_of("transcript-final.json")
    message["type"] = 'transcript[transcriptType="final"]'
    response = deliver(client, message)
    assert response.status_code == 200
    assert response.json() == {}


@pytest.mark.parametrize(
    "kind", ["no-such-type", "handoff-destination-request", ""], ids=["unknown", "unused", "empty"]
)
def test_unknown_types_answer_an_empty_object(client, business, kind) -> None:
    response = deliver(client, {"type": kind, "call": {"id": WEB_CALL}})
    assert response.status_code == 200
    assert response.json() == {}


# ---------------------------------------------------------------------------
# status-update: the control URL, then the end of the call


def test_status_in_progress_stores_the_control_url_on_the_call(client, business) -> None:
    response = post(client, fixture("status-update-in-progress.json"))
    assert response.status_code == 200
    assert response.json() == {}
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert conversation.control_url == CONTROL_URL
    assert conversation.channel == Channel.VOICE
    assert (conversation.outcome, conversation.ended_at) == ("", None)


def test_status_in_progress_updates_the_control_url_of_a_running_conversation(
    client, business
) -> None:
    Conversation.objects.create(key=WEB_CALL, channel=Channel.VOICE, state="QUALIF_NAME")
    post(client, fixture("status-update-in-progress.json"))
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert (conversation.control_url, conversation.state) == (CONTROL_URL, "QUALIF_NAME")
    assert Conversation.objects.count() == 1


def test_status_ended_closes_a_call_without_outcome_as_abandoned(client, business, clock) -> None:
    post(client, fixture("status-update-in-progress.json"))
    response = post(client, fixture("status-update-ended.json"))
    assert response.status_code == 200
    assert response.json() == {}
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert conversation.outcome == Conversation.Outcome.ABANDONED
    assert conversation.ended_reason == "customer-ended-call"
    assert NOW <= conversation.ended_at < NOW + timedelta(minutes=1)


def test_status_ended_keeps_the_outcome_the_call_reached(client, business) -> None:
    Conversation.objects.create(
        key=WEB_CALL, channel=Channel.VOICE, outcome=Conversation.Outcome.CONFIRMED
    )
    post(client, fixture("status-update-ended.json"))
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert conversation.outcome == Conversation.Outcome.CONFIRMED
    assert conversation.ended_reason == "customer-ended-call"
    assert conversation.ended_at is not None


def test_status_ended_after_a_rejected_assistant_stores_the_reason(client, business) -> None:
    response = post(client, fixture("status-update-ended-assistant-request-error.json"))
    assert response.status_code == 200
    assert response.json() == {}
    conversation = Conversation.objects.get(key=REJECTED_CALL)
    assert conversation.outcome == Conversation.Outcome.ABANDONED
    assert conversation.ended_reason == "assistant-request-returned-invalid-assistant"
    assert conversation.ended_at is not None


# ---------------------------------------------------------------------------
# end-of-call-report: summary, transcript and recording stored with the conversation


def test_end_of_call_report_2025_is_stored_with_the_conversation(client, business) -> None:
    message = message_of("end-of-call-report.json")
    response = deliver(client, message)
    assert response.status_code == 200
    assert response.json() == {}
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert conversation.summary == message["analysis"]["summary"]
    assert conversation.transcript == message["artifact"]["transcript"]
    assert conversation.recording_url == message["artifact"]["recordingUrl"]
    assert conversation.ended_reason == "customer-ended-call"
    assert conversation.outcome == Conversation.Outcome.ABANDONED


def test_end_of_call_report_2024_reads_the_legacy_top_level_fields(client, business) -> None:
    message = message_of("end-of-call-report-2024.json")
    assert message["artifact"] == {"messages": [], "messagesOpenAIFormatted": []}
    response = deliver(client, message)
    assert response.status_code == 200
    assert response.json() == {}
    conversation = Conversation.objects.get(key=PHONE_CALL)
    assert conversation.summary == message["summary"]
    assert conversation.transcript == message["transcript"]
    assert conversation.recording_url == message["recordingUrl"]
    assert conversation.ended_reason == "customer-ended-call"


def test_end_of_call_report_after_the_end_keeps_outcome_and_reason(client, business) -> None:
    Conversation.objects.create(
        key=WEB_CALL,
        channel=Channel.VOICE,
        outcome=Conversation.Outcome.TRANSFERRED,
        ended_reason="assistant-forwarded-call",
    )
    post(client, fixture("end-of-call-report.json"))
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert conversation.outcome == Conversation.Outcome.TRANSFERRED
    assert conversation.ended_reason == "assistant-forwarded-call"
    assert conversation.summary == fixture("end-of-call-report.json")["message"]["summary"]


def _report(**changes) -> dict:
    """The 2025 report with distinct values at each place a field may come from."""
    message = message_of("end-of-call-report.json")
    message["analysis"]["summary"] = "analysis summary"
    message["summary"] = "legacy summary"
    message["artifact"]["transcript"] = "AI: artifact\n"
    message["transcript"] = "AI: legacy\n"
    message["artifact"]["recordingUrl"] = "https://rec.example/artifact.wav"
    message["artifact"]["recording"]["mono"]["combinedUrl"] = "https://rec.example/combined.wav"
    message["recordingUrl"] = "https://rec.example/legacy.wav"
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        target = message
        for key in parents:
            target = target[key]
        if value is None:
            del target[leaf]
        else:
            target[leaf] = value
    return message


REPORT_SOURCES = [
    ("all-present", {}, ("analysis summary", "AI: artifact\n", "https://rec.example/artifact.wav")),
    (
        "no-analysis-summary",
        {"analysis__summary": None},
        ("legacy summary", "AI: artifact\n", "https://rec.example/artifact.wav"),
    ),
    (
        "empty-analysis-summary",
        {"analysis__summary": ""},
        ("legacy summary", "AI: artifact\n", "https://rec.example/artifact.wav"),
    ),
    (
        "no-artifact-transcript",
        {"artifact__transcript": None},
        ("analysis summary", "AI: legacy\n", "https://rec.example/artifact.wav"),
    ),
    (
        "no-artifact-recording-url",
        {"artifact__recordingUrl": None},
        ("analysis summary", "AI: artifact\n", "https://rec.example/combined.wav"),
    ),
    (
        "no-artifact-recording-at-all",
        {"artifact__recordingUrl": None, "artifact__recording": None},
        ("analysis summary", "AI: artifact\n", "https://rec.example/legacy.wav"),
    ),
    (
        "no-artifact-no-analysis",
        {"artifact": None, "analysis": None},
        ("legacy summary", "AI: legacy\n", "https://rec.example/legacy.wav"),
    ),
]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [(c, e) for _, c, e in REPORT_SOURCES],
    ids=[i for i, _, _ in REPORT_SOURCES],
)
def test_end_of_call_report_prefers_analysis_and_artifact_over_legacy_fields(
    client, business, changes, expected
) -> None:
    response = deliver(client, _report(**changes))
    assert response.status_code == 200
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert (conversation.summary, conversation.transcript, conversation.recording_url) == expected


# ---------------------------------------------------------------------------
# Duplicate deliveries: same call, type and timestamp change nothing


def test_a_repeated_end_of_call_report_does_not_overwrite(client, business) -> None:
    message = message_of("end-of-call-report.json")
    deliver(client, message)
    Conversation.objects.filter(key=WEB_CALL).update(summary="edited by staff")
    response = deliver(client, message)
    assert response.status_code == 200
    assert response.json() == {}
    assert Conversation.objects.get(key=WEB_CALL).summary == "edited by staff"
    assert VapiEvent.objects.filter(call_id=WEB_CALL, type="end-of-call-report").count() == 1


def test_a_repeated_2024_report_with_an_iso_timestamp_does_not_overwrite(client, business) -> None:
    message = message_of("end-of-call-report-2024.json")
    deliver(client, message)
    Conversation.objects.filter(key=PHONE_CALL).update(transcript="kept")
    deliver(client, message)
    assert Conversation.objects.get(key=PHONE_CALL).transcript == "kept"


def test_an_end_of_call_report_with_a_new_timestamp_is_applied(client, business) -> None:
    message = message_of("end-of-call-report.json")
    deliver(client, message)
    Conversation.objects.filter(key=WEB_CALL).update(summary="edited by staff")
    message["timestamp"] += 1
    deliver(client, message)
    assert Conversation.objects.get(key=WEB_CALL).summary == message["analysis"]["summary"]


def test_a_repeated_status_ended_does_not_change_the_closed_call(client, business) -> None:
    message = message_of("status-update-ended.json")
    deliver(client, message)
    Conversation.objects.filter(key=WEB_CALL).update(
        outcome=Conversation.Outcome.NONE, ended_reason="", ended_at=None
    )
    response = deliver(client, message)
    assert response.status_code == 200
    assert response.json() == {}
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert (conversation.outcome, conversation.ended_reason, conversation.ended_at) == (
        "",
        "",
        None,
    )


def test_a_status_ended_with_a_new_timestamp_is_applied(client, business) -> None:
    message = message_of("status-update-ended.json")
    deliver(client, message)
    Conversation.objects.filter(key=WEB_CALL).update(
        outcome=Conversation.Outcome.NONE, ended_reason="", ended_at=None
    )
    message["timestamp"] += 1000
    deliver(client, message)
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert conversation.outcome == Conversation.Outcome.ABANDONED
    assert conversation.ended_reason == "customer-ended-call"
    assert conversation.ended_at is not None


def test_a_repeated_status_in_progress_does_not_restore_the_control_url(client, business) -> None:
    message = message_of("status-update-in-progress.json")
    deliver(client, message)
    Conversation.objects.filter(key=WEB_CALL).update(control_url="")
    deliver(client, message)
    assert Conversation.objects.get(key=WEB_CALL).control_url == ""


def test_the_same_timestamp_on_another_call_is_applied(client, business) -> None:
    message = message_of("status-update-ended.json")
    deliver(client, message)
    message["call"]["id"] = "another-call"
    deliver(client, message)
    assert Conversation.objects.get(key="another-call").outcome == Conversation.Outcome.ABANDONED


def test_a_status_update_and_a_report_with_the_same_timestamp_are_both_applied(
    client, business
) -> None:
    status = message_of("status-update-ended.json")
    report = message_of("end-of-call-report.json")
    report["timestamp"] = status["timestamp"]
    deliver(client, status)
    deliver(client, report)
    conversation = Conversation.objects.get(key=WEB_CALL)
    assert conversation.ended_at is not None
    assert conversation.summary == report["analysis"]["summary"]


# ---------------------------------------------------------------------------
# Authentication: the shared secret


@pytest.fixture
def secret(settings) -> str:
    settings.VAPI_SECRET = "s3cret-value"
    return "s3cret-value"


SECRET_HEADERS = [
    ("none", {}, 401),
    ("wrong-x-vapi-secret", {"X-Vapi-Secret": "nope"}, 401),
    ("wrong-bearer", {"Authorization": "Bearer nope"}, 401),
    ("empty-bearer", {"Authorization": "Bearer "}, 401),
    ("secret-without-bearer-scheme", {"Authorization": "s3cret-value"}, 401),
    ("secret-prefix", {"X-Vapi-Secret": "s3cret"}, 401),
    ("x-vapi-secret", {"X-Vapi-Secret": "s3cret-value"}, 200),
    ("bearer", {"Authorization": "Bearer s3cret-value"}, 200),
    ("lowercase-bearer-scheme", {"Authorization": "bearer s3cret-value"}, 200),
]


@pytest.mark.parametrize(
    ("headers", "status"),
    [(h, s) for _, h, s in SECRET_HEADERS],
    ids=[i for i, _, _ in SECRET_HEADERS],
)
def test_with_a_secret_only_requests_carrying_it_are_accepted(
    client, business, secret, headers, status
) -> None:
    response = post(client, fixture("speech-update.json"), **headers)
    assert response.status_code == status
    if status == 401:
        assert response.json()["error"]["code"] == "unauthorized"
    else:
        assert response.json() == {}


def test_a_rejected_request_changes_nothing(client, business, secret) -> None:
    response = post(client, fixture("status-update-ended.json"))
    assert response.status_code == 401
    assert Conversation.objects.exists() is False
    assert VapiEvent.objects.exists() is False


def test_without_a_secret_configured_requests_are_accepted(client, business, settings) -> None:
    settings.VAPI_SECRET = ""
    settings.VAPI_HMAC_SECRET = ""
    assert post(client, fixture("speech-update.json")).status_code == 200


# ---------------------------------------------------------------------------
# Authentication: Vapi's HMAC signature over "{timestamp}.{raw body}"

HMAC_SECRET = "hmac-signing-key"


@pytest.fixture
def hmac_secret(settings) -> str:
    settings.VAPI_HMAC_SECRET = HMAC_SECRET
    settings.VAPI_HMAC_TOLERANCE_SECONDS = 300
    return HMAC_SECRET


def sign(body: bytes, timestamp: str, key: str = HMAC_SECRET) -> str:
    return hmac.new(key.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def signed_post(client: Client, body: bytes, *, timestamp: str, signature: str | None, **headers):
    if signature is not None:
        headers["x-signature"] = signature
    return post(client, body, **{"x-timestamp": timestamp, **headers})


# Exact bytes as Vapi could send them: key order and spacing that json.dumps would not produce.
SIGNED_BODY = fixture("status-update-ended.json")
SIGNED_BYTES = json.dumps(SIGNED_BODY, separators=(",", ":"), ensure_ascii=False).encode()


def now_s() -> str:
    return str(int(time.time()))


def now_ms() -> str:
    return str(int(time.time() * 1000))


def test_a_correctly_signed_body_is_accepted_and_applied(client, business, hmac_secret) -> None:
    timestamp = now_s()
    response = signed_post(
        client, SIGNED_BYTES, timestamp=timestamp, signature=sign(SIGNED_BYTES, timestamp)
    )
    assert response.status_code == 200
    assert response.json() == {}
    assert Conversation.objects.get(key=WEB_CALL).outcome == Conversation.Outcome.ABANDONED


def test_a_millisecond_timestamp_is_accepted(client, business, hmac_secret) -> None:
    timestamp = now_ms()
    response = signed_post(
        client, SIGNED_BYTES, timestamp=timestamp, signature=sign(SIGNED_BYTES, timestamp)
    )
    assert response.status_code == 200


@pytest.mark.parametrize("case", ["sha256=", "SHA256=", "uppercase-hex"])
def test_signature_prefix_and_hex_case_are_accepted(client, business, hmac_secret, case) -> None:
    timestamp = now_s()
    digest = sign(SIGNED_BYTES, timestamp)
    signature = digest.upper() if case == "uppercase-hex" else case + digest
    response = signed_post(client, SIGNED_BYTES, timestamp=timestamp, signature=signature)
    assert response.status_code == 200


def _stale(seconds_ago: int, unit: str) -> str:
    moment = time.time() - seconds_ago
    return str(int(moment * 1000)) if unit == "ms" else str(int(moment))


BAD_SIGNATURES = [
    ("missing-signature", lambda ts: None, now_s),
    ("empty-signature", lambda ts: "", now_s),
    ("wrong-signature", lambda ts: "0" * 64, now_s),
    ("other-key", lambda ts: sign(SIGNED_BYTES, ts, key="not-the-key"), now_s),
    ("signature-of-another-body", lambda ts: sign(b'{"message":{}}', ts), now_s),
    ("signature-of-other-timestamp", lambda ts: sign(SIGNED_BYTES, str(int(ts) - 1)), now_s),
    (
        "signature-of-body-alone",
        lambda ts: hmac.new(HMAC_SECRET.encode(), SIGNED_BYTES, hashlib.sha256).hexdigest(),
        now_s,
    ),
    ("stale-seconds", lambda ts: sign(SIGNED_BYTES, ts), lambda: _stale(360, "s")),
    ("stale-milliseconds", lambda ts: sign(SIGNED_BYTES, ts), lambda: _stale(360, "ms")),
    ("future-seconds", lambda ts: sign(SIGNED_BYTES, ts), lambda: _stale(-360, "s")),
    ("missing-timestamp", lambda ts: sign(SIGNED_BYTES, ts), lambda: ""),
    ("non-numeric-timestamp", lambda ts: sign(SIGNED_BYTES, ts), lambda: "yesterday"),
    ("infinite-timestamp", lambda ts: sign(SIGNED_BYTES, ts), lambda: "inf"),
]


@pytest.mark.parametrize(
    ("make_signature", "make_timestamp"),
    [(s, t) for _, s, t in BAD_SIGNATURES],
    ids=[i for i, _, _ in BAD_SIGNATURES],
)
def test_unsigned_badly_signed_or_stale_bodies_are_rejected(
    client, business, hmac_secret, make_signature, make_timestamp
) -> None:
    timestamp = make_timestamp()
    response = signed_post(
        client, SIGNED_BYTES, timestamp=timestamp, signature=make_signature(timestamp)
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert Conversation.objects.exists() is False


def test_a_nan_timestamp_is_not_fresh(client, business, hmac_secret) -> None:
    response = signed_post(
        client, SIGNED_BYTES, timestamp="nan", signature=sign(SIGNED_BYTES, "nan")
    )
    assert response.status_code == 401


def test_a_re_serialised_body_does_not_match_the_signature_of_the_bytes_sent(
    client, business, hmac_secret
) -> None:
    timestamp = now_s()
    pretty = json.dumps(SIGNED_BODY, indent=2).encode()
    response = signed_post(
        client, pretty, timestamp=timestamp, signature=sign(SIGNED_BYTES, timestamp)
    )
    assert response.status_code == 401


def test_a_timestamp_just_inside_the_tolerance_is_accepted(client, business, hmac_secret) -> None:
    timestamp = _stale(300 - 30, "s")
    response = signed_post(
        client, SIGNED_BYTES, timestamp=timestamp, signature=sign(SIGNED_BYTES, timestamp)
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"X-Vapi-Secret": "s3cret-value"}, 200)],
    ids=["signature-without-secret", "signature-and-secret"],
)
def test_with_secret_and_hmac_both_are_required(
    client, business, secret, hmac_secret, headers, status
) -> None:
    timestamp = now_s()
    response = signed_post(
        client,
        SIGNED_BYTES,
        timestamp=timestamp,
        signature=sign(SIGNED_BYTES, timestamp),
        **headers,
    )
    assert response.status_code == status


# ---------------------------------------------------------------------------
# Malformed bodies: 400 with the error envelope, never a 500

MALFORMED = [
    ("invalid-json", b"{not json"),
    ("empty-body", b""),
    ("null", b"null"),
    ("list", b"[]"),
    ("list-of-message", b'[{"message": {"type": "status-update"}}]'),
    ("string", b'"status-update"'),
    ("empty-object", b"{}"),
    ("message-string", b'{"message": "x"}'),
    ("message-without-type", b'{"message": {}}'),
    ("message-list", b'{"message": [{"type": "status-update"}]}'),
    ("type-number", b'{"message": {"type": 42}}'),
    ("type-null", b'{"message": {"type": null}}'),
    ("deeply-nested-open", b"[" * 100_000),
    ("deeply-nested-closed", b'{"message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
    ("invalid-utf8", b'{"message": {"type": "\xff\xfe"}}'),
    ("latin1", '{"message": {"type": "résumé"}}'.encode("latin-1")),
]


@pytest.mark.parametrize("body", [b for _, b in MALFORMED], ids=[i for i, _ in MALFORMED])
def test_malformed_bodies_are_400_with_the_error_envelope(lenient_client, business, body) -> None:
    response = post(lenient_client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error) == {"code", "message"}
    assert error["code"] == "bad_request"
    assert isinstance(error["message"], str)
    assert error["message"]


ODD_MESSAGES = [
    ("status-call-string", {"type": "status-update", "status": "ended", "call": "abc"}),
    ("status-call-id-number", {"type": "status-update", "status": "ended", "call": {"id": 7}}),
    ("status-list", {"type": "status-update", "status": ["ended"], "call": {"id": "c-1"}}),
    (
        "status-timestamp-object",
        {"type": "status-update", "status": "ended", "call": {"id": "c-1"}, "timestamp": {"t": 1}},
    ),
    (
        "status-long-call-id",
        {"type": "status-update", "status": "ended", "call": {"id": "x" * 500}, "timestamp": 1},
    ),
    (
        "status-long-reason",
        {
            "type": "status-update",
            "status": "ended",
            "call": {"id": "c-1"},
            "endedReason": "r" * 5000,
            "timestamp": 2,
        },
    ),
    (
        "status-monitor-list",
        {"type": "status-update", "status": "in-progress", "call": {"id": "c-1", "monitor": ["x"]}},
    ),
    (
        "report-wrong-types",
        {
            "type": "end-of-call-report",
            "call": {"id": "c-1"},
            "artifact": [],
            "analysis": "x",
            "summary": 5,
            "transcript": None,
            "recordingUrl": {"u": 1},
        },
    ),
    ("report-no-call", {"type": "end-of-call-report", "summary": "s"}),
    ("tool-calls-empty", {"type": "tool-calls", "call": {"id": "c-1"}}),
    ("tool-calls-items-not-objects", {"type": "tool-calls", "toolCallList": ["x", 3, None]}),
    ("tool-calls-string", {"type": "tool-calls", "toolCallList": "abc"}),
    (
        "tool-calls-function-string",
        {"type": "tool-calls", "toolCallList": [{"id": "t", "function": "answer_question"}]},
    ),
    ("transfer-no-call", {"type": "transfer-destination-request"}),
]


@pytest.mark.parametrize("message", [m for _, m in ODD_MESSAGES], ids=[i for i, _ in ODD_MESSAGES])
def test_wrongly_typed_fields_never_cause_a_500(lenient_client, business, message) -> None:
    response = deliver(lenient_client, message)
    assert response.status_code == 200
    assert isinstance(response.json(), dict)


@pytest.mark.parametrize(
    "tool_call_list",
    [
        pytest.param(5, id="number"),
        pytest.param(True, id="true"),
    ],
)
def test_a_non_list_tool_call_list_is_not_a_500(lenient_client, business, tool_call_list) -> None:
    response = deliver(lenient_client, {"type": "tool-calls", "toolCallList": tool_call_list})
    assert response.status_code < 500


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_other_methods_than_post_are_405(client, business, method) -> None:
    assert getattr(client, method)(URL).status_code == 405


# ---------------------------------------------------------------------------
# GET /api/vapi/health


def test_health_is_ok_with_a_business_loaded(client, business) -> None:
    response = client.get("/api/vapi/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_is_503_without_a_business(client, db) -> None:
    response = client.get("/api/vapi/health")
    assert response.status_code == 503
    assert response.json()["status"] != "ok"


def test_health_accepts_only_get(client, business) -> None:
    assert client.post("/api/vapi/health").status_code == 405
    # Found by schemathesis: an unknown method got the CSRF check's 403 before the 405.
    browser = Client(enforce_csrf_checks=True)
    assert browser.generic("QUERY", "/api/vapi/health").status_code == 405
