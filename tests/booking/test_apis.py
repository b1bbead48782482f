"""Staff API: GET /api/appointments and GET /api/stats/bookings (CONTRACT section 2)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.models import Appointment
from booking.services import appointment_book, appointment_cancel
from conversations.models import Conversation

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)
APPOINTMENTS = "/api/appointments"
STATS = "/api/stats/bookings"


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


def book(business, start: datetime, name: str = "Jean Dupont", **kw) -> Appointment:
    return appointment_book(
        business=business, start=start, end=start + timedelta(hours=1), name=name, **kw
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The staff user's password hash is not under test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def assert_error(response, status: int, code: str) -> None:
    body = response.json()
    assert response.status_code == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]


# --- GET /api/appointments --------------------------------------------------------------


@pytest.mark.parametrize("url", [APPOINTMENTS, f"{STATS}?hours=24"])
def test_anonymous_callers_are_refused(business, api_client, url):
    response = api_client.get(url)

    assert response.status_code in (401, 403)
    assert set(response.json()["error"]) == {"code", "message"}


def test_non_staff_token_is_refused(business, django_user_model, api_client):
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_user("visitor", password="x-visitor-pass")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    assert api_client.get(APPOINTMENTS).status_code == 403


def test_appointments_list_returns_the_contract_fields_with_offsets(business, staff_client, clock):
    appointment = book(
        business,
        paris(24, 10),
        name="Gwenaëlle Quéré",
        phone="+33612345678",
        motif="vidange",
        channel=Appointment.Channel.VOICE,
    )

    response = staff_client.get(APPOINTMENTS)

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": str(appointment.public_id),
            "start": "2026-11-24T10:00:00+01:00",
            "end": "2026-11-24T11:00:00+01:00",
            "name": "Gwenaëlle Quéré",
            "phone": "+33612345678",
            "email": "",
            "motif": "vidange",
            "status": "confirmed",
            "channel": "voice",
            "practitioner": None,
        }
    ]


def test_appointments_list_shows_cancelled_appointments_with_their_status(
    business, staff_client, clock
):
    cancelled = book(business, paris(25, 10))
    appointment_cancel(business=business, appointment_id=cancelled.pk, now=NOW)
    confirmed = book(business, paris(24, 10), name="Ludovic Maury")

    response = staff_client.get(APPOINTMENTS)

    assert [(row["id"], row["status"]) for row in response.json()] == [
        (str(confirmed.public_id), "confirmed"),
        (str(cancelled.public_id), "cancelled"),
    ]


@pytest.fixture
def week(business) -> dict[str, Appointment]:
    return {
        "mon": book(business, paris(23, 14), name="Lundi"),
        "tue": book(business, paris(24, 10), name="Mardi"),
        "wed": book(business, paris(25, 16), name="Mercredi"),
        "dec": book(business, datetime(2027, 2, 1, 10, tzinfo=PARIS), name="Février"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Lundi", "Mardi", "Mercredi"]),  # from yesterday, for 60 days
        ("?from=2026-11-24T00:00:00%2B01:00", ["Mardi", "Mercredi"]),
        ("?from=2026-11-24T00:00:00%2B01:00&to=2026-11-25T00:00:00%2B01:00", ["Mardi"]),
        ("?from=2026-11-24T00:00:00+01:00&to=2026-11-25T00:00:00+01:00", ["Mardi"]),  # unencoded +
        ("?from=2026-11-23T23:00:00Z&to=2026-11-24T23:00:00Z", ["Mardi"]),
        ("?from=2026-11-24T10:30:00+01:00&to=2026-11-24T10:45:00+01:00", ["Mardi"]),  # overlapping
        ("?from=2026-11-24T11:00:00+01:00&to=2026-11-25T16:00:00+01:00", []),  # touching ends
        (
            "?from=2026-11-01T00:00:00+01:00&to=2027-03-01T00:00:00+01:00",
            ["Lundi", "Mardi", "Mercredi", "Février"],
        ),
    ],
)
def test_appointments_list_filters_by_from_and_to(week, staff_client, clock, query, expected):
    response = staff_client.get(APPOINTMENTS + query)

    assert response.status_code == 200
    assert [row["name"] for row in response.json()] == expected


@pytest.mark.parametrize(
    "query",
    [
        "?from=demain",
        "?from=2026-13-01T00:00:00%2B01:00",
        "?to=2026-11-24T25:00:00%2B01:00",
        "?from=2026-11-25T00:00:00%2B01:00&to=2026-11-24T00:00:00%2B01:00",  # to before from
        "?from=2026-11-24T00:00:00%2B01:00&to=2026-11-24T00:00:00%2B01:00",  # empty window
        "?from=2026-01-01T00:00:00%2B01:00&to=2028-01-01T00:00:00%2B01:00",  # over 366 days
        "?from=0001-01-01T00:00:00Z",
        "?from=",  # found by schemathesis: "" read as « not given »
        "?from=2026-11-24T00:00:00Z&from=demain",  # and only the last repeated value checked
    ],
)
def test_appointments_list_with_bad_dates_answers_400_envelope(
    business, staff_client, clock, query
):
    response = staff_client.get(APPOINTMENTS + query)

    assert_error(response, 400, "invalid")


@pytest.mark.parametrize("rows", [1, 10])
def test_appointments_list_query_count_does_not_grow_with_rows(
    business, staff_client, clock, django_assert_max_num_queries, rows
):
    for i in range(rows):
        book(business, paris(24, 8) + timedelta(days=i // 8, hours=i % 8), name=f"Client {i}")

    # token + the user's and the groups' permissions + business + appointments
    with django_assert_max_num_queries(5):
        response = staff_client.get(APPOINTMENTS + "?from=2026-11-23T00:00:00Z")

    assert len(response.json()) == rows


# --- GET /api/stats/bookings ------------------------------------------------------------


def conversation(
    key: str, *, channel: str = "web", outcome: str = "", turns: int = 4, **kw
) -> Conversation:
    return Conversation.objects.create(
        key=key, channel=channel, outcome=outcome, turn_count=turns, **kw
    )


@pytest.fixture
def sessions(db, clock) -> None:
    conversation("c1", outcome="confirmed")
    conversation("c2", outcome="confirmed", channel="voice")
    conversation("c3", outcome="transferred", channel="voice")
    conversation("c4", outcome="cancelled")
    conversation("c5", outcome="", reached_router=True, channel="voice")
    conversation("c6", outcome="abandoned")
    conversation("c7", outcome="")  # still talking
    conversation("c8", outcome="expired", turns=1)  # opened the widget and left: not a session
    old = conversation("c9", outcome="confirmed")
    # c5 has been silent for an hour: abandoned; c9 is from the day before yesterday.
    Conversation.objects.filter(key="c5").update(updated_at=NOW - timedelta(hours=1))
    Conversation.objects.filter(pk=old.pk).update(created_at=NOW - timedelta(hours=48))


def test_stats_reports_the_contract_keys(staff_client, clock):
    response = staff_client.get(STATS + "?hours=24")

    assert response.status_code == 200
    assert {
        "window_hours",
        "total_sessions",
        "confirmed_bookings",
        "cancelled",
        "transferred",
        "intent_router",
        "conversion_rate",
        "abandon_rate",
        "by_channel",
    } <= set(response.json())


def test_stats_counts_the_sessions_of_the_window_and_their_outcomes(sessions, staff_client, clock):
    response = staff_client.get(STATS + "?hours=24")

    assert response.json() == {
        "window_hours": 24,
        "total_sessions": 7,
        "confirmed_bookings": 2,
        "moved": 0,
        "cancelled": 1,
        "transferred": 1,
        "intent_router": 1,
        "conversion_rate": 28.6,
        "abandon_rate": 28.6,
        "by_channel": {
            "web": {"total_sessions": 4, "confirmed_bookings": 1, "conversion_rate": 25.0},
            "voice": {"total_sessions": 3, "confirmed_bookings": 1, "conversion_rate": 33.3},
        },
    }


def test_stats_with_a_wider_window_includes_older_sessions(sessions, staff_client, clock):
    body = staff_client.get(STATS + "?hours=72").json()

    assert (body["window_hours"], body["total_sessions"], body["confirmed_bookings"]) == (72, 8, 3)
    assert body["by_channel"]["web"]["total_sessions"] == 5


def test_stats_default_to_24_hours_and_zero_rates_without_sessions(staff_client, clock):
    body = staff_client.get(STATS).json()

    assert (body["window_hours"], body["total_sessions"], body["by_channel"]) == (24, 0, {})
    assert (body["conversion_rate"], body["abandon_rate"]) == (0.0, 0.0)


@pytest.mark.parametrize("hours", ["0", "-5", "abc", "1.5", "100000", "", "abc&hours=24"])
def test_stats_with_a_bad_window_answers_400_envelope(staff_client, clock, hours):
    response = staff_client.get(f"{STATS}?hours={hours}")

    assert_error(response, 400, "invalid")
    assert response.json()["error"]["message"].startswith("hours: ")
