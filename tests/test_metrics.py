"""GET /metrics: what is counted where it happens, who may scrape, and several processes adding up.

The registry is global to the test process, so the tests compare values before and after.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from rest_framework.authtoken.models import Token

from booking.models import CalendarChange
from booking.services import appointment_book
from booking.sync import MAX_ATTEMPTS, sync_pending
from conversations.calls import call_report, call_status_update
from conversations.services import conversation_handle_turn
from receptionist.lib import metrics
from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
PROFILE = Path(__file__).parent / "fixtures" / "garage_profile.json"
BOOKING = [
    "je voudrais prendre rendez-vous",
    "Paul Ménard",
    "une vidange",
    "mardi matin",
    "06 12 34 56 78",
    "le deuxième",  # on the web, the choice books
]
OUTSIDE = "203.0.113.7"


def value(name: str, **labels: str) -> float:
    """The sum of the samples called `name` whose labels include `labels`."""
    return sum(
        sample.value
        for family in REGISTRY.collect()
        for sample in family.samples
        if sample.name == name and labels.items() <= sample.labels.items()
    )


def scraped(text: str, name: str, **labels: str) -> float:
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name and labels.items() <= sample.labels.items()
    )


def chat(*lines: str, channel: str = "web") -> str:
    """A whole conversation through the service; returns the last state."""
    turn = conversation_handle_turn(channel=channel, conversation_id=None, message="")
    for line in lines:
        turn = conversation_handle_turn(
            channel=channel, conversation_id=turn.conversation_id, message=line
        )
    return turn.state


# --- what is counted ------------------------------------------------------------------------


def test_a_web_booking_counts_its_turns_latencies_booking_and_outcome(business, clock) -> None:
    names = [
        ("receptionist_turns_total", {"channel": "web"}),
        ("receptionist_turns_total", {"channel": "web", "state": "CONFIRMED"}),
        ("receptionist_turn_latency_seconds_count", {"channel": "web"}),
        ("receptionist_turn_latency_seconds_bucket", {"channel": "web", "le": "+Inf"}),
        ("receptionist_booking_attempts_total", {"channel": "web"}),
        ("receptionist_booking_results_total", {"channel": "web", "result": "booked"}),
        ("receptionist_conversation_outcomes_total", {"channel": "web", "outcome": "confirmed"}),
    ]
    before = [value(name, **labels) for name, labels in names]
    assert chat(*BOOKING) == "CONFIRMED"
    after = [value(name, **labels) for name, labels in names]
    turns = len(BOOKING) + 1  # and the greeting
    assert [b - a for a, b in zip(before, after, strict=True)] == [turns, 1, turns, turns, 1, 1, 1]


def test_faq_answers_count_as_hits_and_unknown_questions_as_misses(business, clock) -> None:
    def counts() -> tuple[float, float]:
        return (
            value("receptionist_faq_hits_total", channel="web"),
            value("receptionist_faq_misses_total", channel="web"),
        )

    hits, misses = counts()
    chat("quels sont vos horaires ?")
    assert counts() == (hits + 1, misses)
    chat("il va neiger demain ?")
    assert counts() == (hits + 1, misses + 1)


def test_a_slot_taken_under_the_conversation_is_counted(business, clock) -> None:
    attempts = value("receptionist_booking_attempts_total", channel="voice")
    taken = value("receptionist_booking_results_total", channel="voice", result="slot_taken")
    turn = conversation_handle_turn(channel="voice", conversation_id=None, message="")
    for line in BOOKING[:-1]:
        turn = conversation_handle_turn(
            channel="voice", conversation_id=turn.conversation_id, message=line
        )
    first = turn.slots[0]
    conversation_handle_turn(
        channel="voice", conversation_id=turn.conversation_id, message="le premier"
    )
    # Another conversation books the same slot before this one confirms.
    appointment_book(
        business=business,
        start=datetime.fromisoformat(first["start"]),
        end=datetime.fromisoformat(first["end"]),
        name="Someone Else",
    )
    turn = conversation_handle_turn(
        channel="voice", conversation_id=turn.conversation_id, message="oui"
    )
    assert turn.state == "WAIT_CONFIRM"
    assert value("receptionist_booking_attempts_total", channel="voice") == attempts + 1
    assert (
        value("receptionist_booking_results_total", channel="voice", result="slot_taken")
        == taken + 1
    )


def test_an_error_escaping_a_booking_attempt_is_counted_and_raised() -> None:
    errors = value("receptionist_booking_results_total", channel="web", result="error")
    with pytest.raises(RuntimeError, match="database gone"), metrics.booking_attempt(channel="web"):
        raise RuntimeError("database gone")
    assert value("receptionist_booking_results_total", channel="web", result="error") == errors + 1


def test_expired_and_abandoned_conversations_are_outcomes(business, clock) -> None:
    expired = value("receptionist_conversation_outcomes_total", channel="web", outcome="expired")
    abandoned = value(
        "receptionist_conversation_outcomes_total", channel="voice", outcome="abandoned"
    )
    turn = conversation_handle_turn(channel="web", conversation_id=None, message="")
    clock.shift(timedelta(minutes=20))
    conversation_handle_turn(channel="web", conversation_id=turn.conversation_id, message="oui")
    call_status_update(call_id="call-metrics-1", status="ended", ended_reason="customer-ended-call")
    call_report(call_id="call-metrics-1", summary="")  # already abandoned: not counted twice
    assert (
        value("receptionist_conversation_outcomes_total", channel="web", outcome="expired")
        == expired + 1
    )
    assert (
        value("receptionist_conversation_outcomes_total", channel="voice", outcome="abandoned")
        == abandoned + 1
    )


# --- calendar pushes and backlog --------------------------------------------------------------


def book(business, day: int, hour: int):
    start = datetime(2026, 11, day, hour, tzinfo=PARIS)
    return appointment_book(
        business=business, start=start, end=start + timedelta(hours=1), name="Marie Martin"
    )


def pushes(result: str) -> float:
    return value("receptionist_calendar_pushes_total", result=result)


def test_pushes_are_counted_by_result(business, google, clock) -> None:
    before = {result: pushes(result) for result in ("pushed", "retry", "failed")}
    book(business, 24, 9)
    google.fail_rate = 1.0
    assert sync_pending().failed == 1
    assert pushes("retry") == before["retry"] + 1
    google.fail_rate = 0.0
    assert sync_pending().pushed == 1
    assert pushes("pushed") == before["pushed"] + 1
    book(business, 24, 10)
    CalendarChange.objects.filter(status="pending").update(attempts=MAX_ATTEMPTS - 1)
    google.fail_rate = 1.0
    assert sync_pending().failed == 1
    assert pushes("failed") == before["failed"] + 1
    assert pushes("retry") == before["retry"] + 1


def test_the_backlog_gauge_is_the_pending_changes_in_the_database(
    business, google, clock, client
) -> None:
    for hour in (9, 10, 11):
        book(business, 24, hour)
    CalendarChange.objects.filter(pk=CalendarChange.objects.order_by("pk")[0].pk).update(
        status="failed"
    )
    text = client.get("/metrics").content.decode()
    pending = CalendarChange.objects.filter(status__in=["pending", "claimed"]).count()
    assert pending == 2
    assert scraped(text, "receptionist_calendar_backlog") == pending
    assert scraped(text, "receptionist_calendar_given_up") == 1
    assert sync_pending().pushed == 2
    assert scraped(client.get("/metrics").content.decode(), "receptionist_calendar_backlog") == 0


# --- who may scrape -----------------------------------------------------------------------------


@pytest.fixture
def users(django_user_model) -> dict[str, str]:
    staff = django_user_model.objects.create_user("metrics-staff", is_staff=True)
    member = django_user_model.objects.create_user("metrics-member")
    return {
        "staff": Token.objects.create(user=staff).key,
        "member": Token.objects.create(user=member).key,
    }


ACCESS = [
    # Client address, Authorization header, the METRICS_TOKEN setting, expected status.
    ("127.0.0.1", "", "", 200),
    ("::1", "", "", 200),
    ("::ffff:127.0.0.1", "", "", 200),
    (OUTSIDE, "", "", 403),
    ("10.1.2.3", "", "", 403),
    (OUTSIDE, "Bearer s3cret-scrape", "s3cret-scrape", 200),
    (OUTSIDE, "Bearer wrong", "s3cret-scrape", 403),
    (OUTSIDE, "Bearer ", "", 403),
    (OUTSIDE, "Token {staff}", "", 200),
    (OUTSIDE, "Token {member}", "", 403),
    (OUTSIDE, "Token not-a-token", "", 403),
]


@pytest.mark.parametrize(
    ("address", "authorization", "token", "status"),
    ACCESS,
    ids=[f"{a} {h.split(' ')[0] or '-'} {h[-7:]} -> {s}" for a, h, _, s in ACCESS],
)
def test_access_rules(client, users, settings, address, authorization, token, status) -> None:
    settings.METRICS_TOKEN = token
    headers = {"Authorization": authorization.format(**users)} if authorization else {}
    response = client.get("/metrics", REMOTE_ADDR=address, headers=headers)
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"]["code"] == "permission_denied"
    else:
        assert response["Content-Type"].startswith("text/plain")
        assert b"receptionist_calendar_backlog" in response.content


def test_allowed_networks_come_from_the_setting(client, settings) -> None:
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "not-an-address"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


def test_a_staff_session_may_scrape_and_a_member_session_may_not(client, django_user_model):
    staff = django_user_model.objects.create_user("metrics-staff", is_staff=True)
    member = django_user_model.objects.create_user("metrics-member")
    client.force_login(member)
    assert client.get("/metrics", REMOTE_ADDR=OUTSIDE).status_code == 403
    client.force_login(staff)
    assert client.get("/metrics", REMOTE_ADDR=OUTSIDE).status_code == 200


def test_metrics_stay_out_of_the_openapi_schema(staff_client) -> None:
    response = staff_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert "/metrics" not in response.json()["paths"]


# --- several processes ---------------------------------------------------------------------------


def test_two_daphne_processes_add_up_in_one_scrape(tmp_path) -> None:
    directory = str(tmp_path)
    with (
        DaphneServer(
            PROFILE, PROMETHEUS_MULTIPROC_DIR=directory, **WITHOUT_SENTENCE_ENCODER
        ) as first,
        DaphneServer(
            PROFILE, PROMETHEUS_MULTIPROC_DIR=directory, **WITHOUT_SENTENCE_ENCODER
        ) as second,
    ):
        turns = 0
        for server, lines in ((first, BOOKING[:2]), (second, BOOKING[:4])):
            reply = httpx.post(f"{server.url}/api/chat", json={"message": ""}, timeout=10).json()
            for line in lines:
                reply = httpx.post(
                    f"{server.url}/api/chat",
                    json={"conversation_id": reply["conversation_id"], "message": line},
                    timeout=10,
                ).json()
            turns += len(lines) + 1
        for server in (first, second):
            response = httpx.get(f"{server.url}/metrics", timeout=10)
            assert response.status_code == 200
            text = response.text
            assert scraped(text, "receptionist_turns_total", channel="web") == turns
            assert scraped(text, "receptionist_turn_latency_seconds_count") == turns
            assert text.count("# TYPE receptionist_calendar_backlog gauge") == 1
