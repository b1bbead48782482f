"""« Ajouter à mon agenda »: the appointment's .ics behind a signed token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from booking.ics import calendar_token
from booking.models import Business
from booking.profiles import business_load_profile
from booking.services import appointment_book, appointment_cancel, appointment_move
from conversations.rendering import appointment_payload

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=PARIS)


@pytest.fixture
def located(business) -> Business:
    business.address = "12 rue des Tilleuls, 69003 Lyon"
    business.save()
    return business


def book(business, start: datetime, minutes: int = 90):
    return appointment_book(
        business=business,
        start=start,
        end=start + timedelta(minutes=minutes),
        name="Léa Martin",
        phone="+33612345678",
        email="lea@example.fr",
        motif="vidange",
    )


def event_of(response):
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return event


def test_a_confirmation_links_to_its_calendar_file(client, located, clock) -> None:
    appointment = book(located, at(24, 9))
    payload = appointment_payload(appointment)
    assert payload["duration_minutes"] == 90
    assert payload["address"] == "12 rue des Tilleuls, 69003 Lyon"
    response = client.get(payload["calendar_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rendez-vous.ics"'
    event = event_of(response)
    assert event.decoded("dtstart") == at(24, 9).astimezone(UTC)
    assert event.decoded("dtend") == datetime(2026, 11, 24, 10, 30, tzinfo=PARIS).astimezone(UTC)
    assert str(event["summary"]) == "Rendez-vous – Garage des Tilleuls"
    assert str(event["location"]) == "12 rue des Tilleuls, 69003 Lyon"
    assert str(event["status"]) == "CONFIRMED"
    # Nothing personal beyond the motif: no name, phone or e-mail in a file that travels.
    text = response.content.decode()
    for private in ("Léa", "Martin", "+33612345678", "0612345678", "lea@example.fr"):
        assert private not in text


def test_the_id_alone_or_an_altered_token_opens_nothing(client, located, clock) -> None:
    appointment = book(located, at(24, 9))
    token = calendar_token(appointment)
    assert str(appointment.public_id) in token  # signed, not hidden: the signature is the key
    for forged in (str(appointment.public_id), token[:-1] + ("A" if token[-1] != "A" else "B")):
        response = client.get(f"/api/appointments/calendar/{forged}.ics")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_moved_appointment_serves_its_new_time_and_a_cancelled_one_is_gone(
    client, located, clock
) -> None:
    appointment = book(located, at(24, 9))
    url = appointment_payload(appointment)["calendar_url"]
    appointment_move(
        business=located, appointment_id=appointment.pk, start=at(25, 14), end=at(25, 15)
    )
    assert event_of(client.get(url)).decoded("dtstart") == at(25, 14).astimezone(UTC)
    moved = located.appointments.get(status="confirmed")
    appointment_cancel(business=located, appointment_id=moved.pk, now=at(23, 9))
    response = client.get(url)
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "appointment_cancelled"
    moved.refresh_from_db()
    assert appointment_payload(moved)["calendar_url"] is None
    assert client.post(url).status_code == 405


def test_the_address_comes_from_the_profile_and_is_optional(profile) -> None:
    business = business_load_profile({**profile, "address": "  12 rue   des Tilleuls\n Lyon "})
    assert business.address == "12 rue des Tilleuls Lyon"
    business = business_load_profile({k: v for k, v in profile.items() if k != "address"})
    assert business.address == ""
