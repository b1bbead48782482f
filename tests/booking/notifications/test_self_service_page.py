"""The self-service page behind a message's link: show, confirm, cancel, move, refuse."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from booking.models import Appointment, BookedCell, Business
from booking.notifications.links import manage_token, manage_url
from booking.notifications.models import SelfServiceAction, SmsSuppression
from booking.services import appointment_book, appointment_move

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)  # Monday; the garage asks 24 h to cancel


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def paris(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=PARIS)


def book(business: Business, start: datetime, **kw) -> Appointment:
    kw.setdefault("name", "Léa Martin")
    kw.setdefault("phone", "+33612345678")
    return appointment_book(business=business, start=start, end=start + timedelta(hours=1), **kw)


def path(appointment: Appointment) -> str:
    return f"/rdv/{manage_token(appointment)}/"


def test_the_link_is_absolute_and_opens_the_appointment(client, business, settings):
    settings.PUBLIC_BASE_URL = "https://rdv.example"
    appointment = book(business, paris(26, 15))
    assert manage_url(appointment) == "https://rdv.example" + path(appointment)
    page = client.get(path(appointment))
    assert page.status_code == 200
    text = page.content.decode()
    assert "jeudi 26 novembre à 15h" in text
    assert "12 rue des Tilleuls" in text
    assert "Léa" not in text  # the page names no one: a link forwarded shows only the time
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-2] + "xx", lambda t: "abc:def", lambda t: t + "0"]
)
def test_a_forged_link_is_refused(client, business, mangle):
    appointment = book(business, paris(26, 15))
    page = client.get(f"/rdv/{mangle(manage_token(appointment))}/")
    assert page.status_code == 404
    assert "Lien invalide" in page.content.decode()


def test_a_link_expires_after_the_appointment(client, business, monday):
    appointment = book(business, paris(26, 15))
    monday.move_to(paris(26, 16))
    page = client.get(path(appointment))
    assert page.status_code == 410
    assert client.post(path(appointment), {"action": "cancel"}).status_code == 410


def test_confirming_attendance_is_recorded_once(client, business):
    appointment = book(business, paris(26, 15))
    for _ in range(2):
        done = client.post(path(appointment), {"action": "confirm"})
        assert done.status_code == 302
        assert done["Location"].endswith("?done=confirm")
    assert SelfServiceAction.objects.filter(appointment=appointment, action="confirm").count() == 1
    assert "Vous avez confirmé votre venue" in client.get(path(appointment)).content.decode()


def test_cancelling_frees_the_slot_and_is_recorded(client, business):
    appointment = book(business, paris(26, 15))
    client.post(path(appointment), {"action": "cancel"})
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    assert not BookedCell.objects.filter(appointment=appointment).exists()
    assert SelfServiceAction.objects.filter(appointment=appointment, action="cancel").exists()
    assert "est annulé" in client.get(path(appointment)).content.decode()
    # Someone else can take the time now.
    book(business, paris(26, 15), name="Paul Roy")


def test_within_the_cancellation_notice_the_page_says_to_call(client, business):
    appointment = book(business, paris(24, 8))  # tomorrow 8:00, in 23 h: inside the 24 h notice
    page = client.get(path(appointment)).content.decode()
    assert "appelez-nous" in page
    assert 'value="cancel"' not in page
    done = client.post(path(appointment), {"action": "cancel"})
    assert done["Location"].endswith("?done=too_late")
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED


def test_moving_offers_free_times_and_frees_the_old_one(client, business):
    appointment = book(business, paris(26, 15))
    book(business, paris(24, 8), name="Paul Roy")  # Tuesday 8:00 is taken
    page = client.get(path(appointment) + "?move=1").content.decode()
    starts = re.findall(r'name="start" value="([^"]+)"', page)
    assert len(starts) >= 3
    assert paris(24, 8).isoformat() not in starts
    chosen = starts[0]
    done = client.post(path(appointment), {"action": "move", "start": chosen})
    assert done["Location"].endswith("?done=move")
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.MOVED
    moved = appointment.moved_to
    assert moved.start == datetime.fromisoformat(chosen)
    assert moved.end - moved.start == timedelta(hours=1)
    assert SelfServiceAction.objects.filter(appointment=moved, action="move").exists()
    # The old time is free again; the old link shows the new time.
    book(business, paris(26, 15), name="Paul Roy")
    assert "jeudi 26 novembre" not in client.get(path(appointment)).content.decode()


def test_a_time_taken_meanwhile_is_refused_and_the_appointment_stays(client, business):
    appointment = book(business, paris(26, 15))
    book(business, paris(25, 10), name="Paul Roy")
    done = client.post(path(appointment), {"action": "move", "start": paris(25, 10).isoformat()})
    assert done["Location"].endswith("?done=taken")
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED


@pytest.mark.parametrize(
    "form",
    [
        {"action": "move", "start": "not a date"},
        {"action": "move", "start": "2026-11-25T10:00"},  # no time zone
        {"action": "delete"},
        {},
    ],
)
def test_bad_forms_change_nothing(client, business, form):
    appointment = book(business, paris(26, 15))
    done = client.post(path(appointment), form)
    assert done.status_code == 302
    assert done["Location"].endswith("?done=invalid")
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED


def test_the_page_says_no_more_texts(client, business):
    appointment = book(business, paris(26, 15), phone="06 12 34 56 78")
    client.post(path(appointment), {"action": "opt_out"})
    assert SmsSuppression.objects.filter(phone="+33612345678", source="link").exists()


def test_the_forms_need_the_csrf_token(business):
    from django.test import Client

    appointment = book(business, paris(26, 15))
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(path(appointment), {"action": "cancel"}).status_code == 403


def test_a_moved_appointments_old_link_leads_to_the_new_time(client, business):
    old = book(business, paris(26, 15))
    appointment_move(
        business=business, appointment_id=old.pk, start=paris(27, 9), end=paris(27, 10)
    )
    assert "vendredi 27 novembre à 9h" in client.get(path(old)).content.decode()
