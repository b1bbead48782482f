"""Each practitioner's own calendar, against the fake Google API over real HTTP.

In the clinic, Dr Carrère and Dr Lambert have calendars of their own; Dr Nguyen has none and
uses the business's. An appointment's event lives in its practitioner's calendar, follows it
when it moves to another practitioner, and busy times come from each calendar.
"""

from __future__ import annotations

import random
import time as clock
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from booking.availability import slots_propose
from booking.calendar_health import calendar_health
from booking.models import Appointment, CalendarChange, Practitioner
from booking.preferences import Preference
from booking.profiles import business_load_profile
from booking.selectors import business_profile
from booking.services import (
    CancelTooLate,
    SlotTaken,
    appointment_book,
    appointment_cancel,
    appointment_move,
    practitioner_calendar_changed,
)
from booking.sync import sync_outstanding, sync_pending
from receptionist.lib.snapshots import changed_all
from tests.conftest import CALENDAR_ID

PARIS = ZoneInfo("Europe/Paris")
CARRERE = "carrere-agenda@group.calendar.google.com"
LAMBERT = "lambert-agenda@group.calendar.google.com"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def calendars(clinic, google):
    """Carrère and Lambert with their own calendars; Nguyen on the business's."""
    google.calendars = {CALENDAR_ID, CARRERE, LAMBERT}
    Practitioner.objects.filter(key="dr-carrere").update(calendar_id=CARRERE)
    Practitioner.objects.filter(key="dr-lambert").update(calendar_id=LAMBERT)
    changed_all()
    return google


def doctor(clinic, key: str) -> Practitioner:
    return clinic.practitioners.get(key=key)


def book(clinic, key: str, start: datetime, minutes: int = 30, name: str = "Léa Martin"):
    return appointment_book(
        business=clinic,
        start=start,
        end=start + timedelta(minutes=minutes),
        name=name,
        practitioner=doctor(clinic, key),
    )


def move(clinic, appointment: Appointment, start: datetime, key: str) -> Appointment:
    """To `start`, half an hour, with the practitioner `key`."""
    return appointment_move(
        business=clinic,
        appointment_id=appointment.pk,
        start=start,
        end=start + timedelta(minutes=30),
        practitioner=doctor(clinic, key),
    )


def starts(google, calendar_id: str) -> set[str]:
    return {e["start"]["dateTime"] for e in google.confirmed(calendar_id).values()}


def test_each_appointment_goes_to_its_practitioners_calendar(clinic, calendars) -> None:
    book(clinic, "dr-carrere", at(23, 9))
    book(clinic, "dr-lambert", at(24, 15))
    book(clinic, "dr-nguyen", at(23, 10))
    sync_pending()
    assert starts(calendars, CARRERE) == {at(23, 9).isoformat()}
    assert starts(calendars, LAMBERT) == {at(24, 15).isoformat()}
    assert starts(calendars, CALENDAR_ID) == {at(23, 10).isoformat()}
    assert set(Appointment.objects.values_list("sync_status", flat=True)) == {"synced"}
    (event,) = calendars.confirmed(CARRERE).values()
    assert "avec Dr Hélène Carrère" in event["description"]  # the event says with whom


def test_a_move_to_another_practitioner_moves_the_event_to_their_calendar(
    clinic, calendars
) -> None:
    first = book(clinic, "dr-carrere", at(23, 9))
    sync_pending()
    moved = move(clinic, first, at(23, 11), "dr-nguyen")
    sync_pending()
    assert starts(calendars, CARRERE) == set()
    assert starts(calendars, CALENDAR_ID) == {at(23, 11).isoformat()}
    # And back to Dr Carrère: her calendar shows it again, the business's no longer does.
    move(clinic, moved, at(23, 15), "dr-carrere")
    sync_pending()
    assert starts(calendars, CARRERE) == {at(23, 15).isoformat()}
    assert starts(calendars, CALENDAR_ID) == set()


def test_a_move_before_the_first_push_leaves_nothing_in_the_old_calendar(clinic, calendars) -> None:
    first = book(clinic, "dr-carrere", at(23, 9))
    # The old appointment's push lands in Carrère's calendar only after the move was made.
    move(clinic, first, at(24, 15), "dr-lambert")
    sync_pending()
    assert starts(calendars, CARRERE) == set()
    assert starts(calendars, LAMBERT) == {at(24, 15).isoformat()}


def test_a_cancellation_removes_the_event_from_the_practitioners_calendar(
    clinic, calendars
) -> None:
    appointment = book(clinic, "dr-lambert", at(24, 15))
    sync_pending()
    appointment_cancel(
        business=clinic, appointment_id=appointment.pk, now=at(23, 7), enforce_notice=False
    )
    sync_pending()
    assert calendars.confirmed() == {}


def test_busy_times_come_from_each_practitioners_own_calendar(clinic, calendars) -> None:
    # Dr Carrère blocked Monday 14:00–16:00 in her calendar; the business's calendar has a
    # staff meeting Monday 16:00–17:00 (Nguyen has no calendar of his own: it is his).
    calendars.add_event(CARRERE, "carrereblock1", at(23, 14).isoformat(), at(23, 16).isoformat())
    calendars.add_event(
        CALENDAR_ID, "staffmeeting1", at(23, 16).isoformat(), at(23, 17).isoformat()
    )
    book(clinic, "dr-nguyen", at(23, 17))
    sync_pending()
    monday = Preference(dates=frozenset({date(2026, 11, 23)}), after=time(14))
    proposal = slots_propose(
        profile=business_profile(),
        preference=monday,
        now=at(23, 7),
        minutes=30,
        count=60,
        motif="consultation",
    )
    free = {(s.start.astimezone(PARIS).strftime("%H:%M"), s.agenda) for s in proposal.slots}
    assert not any(when < "16:00" and who == "dr-carrere" for when, who in free)
    assert ("14:00", "dr-nguyen") in free
    assert not any("16:00" <= when < "17:30" and who == "dr-nguyen" for when, who in free)
    assert ("16:00", "dr-carrere") in free  # the business's meeting is not in her calendar


def test_a_practitioner_given_another_calendar_takes_the_coming_events_there(
    clinic, calendars
) -> None:
    appointment = book(clinic, "dr-nguyen", at(23, 10))
    sync_pending()
    assert starts(calendars, CALENDAR_ID) == {at(23, 10).isoformat()}
    nguyen_calendar = "nguyen-agenda@group.calendar.google.com"
    calendars.calendars.add(nguyen_calendar)
    Practitioner.objects.filter(key="dr-nguyen").update(calendar_id=nguyen_calendar)
    assert (
        practitioner_calendar_changed(practitioner=doctor(clinic, "dr-nguyen"), now=timezone.now())
        == 1
    )
    sync_pending()
    assert starts(calendars, CALENDAR_ID) == set()
    assert starts(calendars, nguyen_calendar) == {at(23, 10).isoformat()}
    appointment.refresh_from_db()
    assert appointment.sync_status == "synced"


def test_loading_a_profile_with_a_new_calendar_moves_the_coming_events(
    clinic, calendars, clinic_profile
) -> None:
    book(clinic, "dr-nguyen", at(23, 10))
    sync_pending()
    nguyen_calendar = "nguyen-agenda@group.calendar.google.com"
    calendars.calendars.add(nguyen_calendar)
    for entry in clinic_profile["practitioners"]:
        entry["calendar_id"] = {
            "dr-carrere": CARRERE,
            "dr-lambert": LAMBERT,
            "dr-nguyen": nguyen_calendar,
        }[entry["id"]]
    business_load_profile(clinic_profile)
    sync_pending()
    assert starts(calendars, nguyen_calendar) == {at(23, 10).isoformat()}
    assert starts(calendars, CALENDAR_ID) == set()


def test_a_calendar_not_shared_with_the_account_shows_in_health_and_spares_the_others(
    clinic, calendars
) -> None:
    calendars.calendars.discard(LAMBERT)  # not shared with the service account
    lambert = book(clinic, "dr-lambert", at(24, 15))
    book(clinic, "dr-nguyen", at(23, 10))
    sync_pending()
    assert starts(calendars, CALENDAR_ID) == {at(23, 10).isoformat()}
    health = calendar_health()
    assert health["healthy"] is False
    assert health["unhealthy_calendars"] == 1
    assert "lambert" not in str(health)  # no calendar address in /health
    change = CalendarChange.objects.get(appointment=lambert)
    assert (change.status, change.attempts) == ("pending", 1)
    # Shared at last: the next pass writes it, and the calendar is healthy again.
    calendars.calendars.add(LAMBERT)
    CalendarChange.objects.filter(pk=change.pk).update(next_attempt_at=timezone.now())
    sync_pending()
    assert starts(calendars, LAMBERT) == {at(24, 15).isoformat()}
    assert calendar_health()["healthy"] is True


def test_busy_times_of_an_unreadable_calendar_leave_the_databases_word(clinic, calendars) -> None:
    calendars.forbidden_calendars.add(CARRERE)
    book(clinic, "dr-carrere", at(23, 9))
    proposal = slots_propose(
        profile=business_profile(),
        preference=Preference(dates=frozenset({date(2026, 11, 23)})),
        now=at(23, 7),
        minutes=30,
        count=60,
        practitioner="dr-carrere",
    )
    free = {s.start.astimezone(PARIS).strftime("%H:%M") for s in proposal.slots}
    assert "09:00" not in free
    assert "09:30" in free
    assert calendar_health()["healthy"] is False


# Faults: every calendar fails 30 % of the time and hangs 10 % of the time.

GRID = [(23, 9), (23, 10), (23, 15), (24, 9), (24, 15), (24, 16), (26, 15), (27, 9), (27, 10)]
WHO = ["dr-carrere", "dr-nguyen", "dr-lambert"]


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_under_faults_every_calendar_ends_up_with_exactly_its_appointments(
    clinic, calendars, settings, seed
) -> None:
    settings.CALENDAR_TIMEOUT_SECONDS = 0.1
    calendars.fail_rate, calendars.timeout_rate, calendars.delay = 0.30, 0.10, 0.15
    rng = random.Random(seed)
    done = 0
    for n in range(60):
        confirmed = list(Appointment.objects.filter(status="confirmed"))
        roll = rng.random()
        try:
            if roll < 0.5 or len(confirmed) < 3:
                book(clinic, rng.choice(WHO), at(*rng.choice(GRID)), name=f"Patient {n}")
            elif roll < 0.7:
                appointment_cancel(
                    business=clinic,
                    appointment_id=rng.choice(confirmed).pk,
                    now=at(23, 7),
                    enforce_notice=False,
                )
            else:
                start = at(*rng.choice(GRID))
                appointment_move(
                    business=clinic,
                    appointment_id=rng.choice(confirmed).pk,
                    start=start,
                    end=start + timedelta(minutes=30),
                    practitioner=doctor(clinic, rng.choice(WHO)),
                )
            done += 1
        except (SlotTaken, CancelTooLate):
            pass
        if n % 6 == 5:
            sync_pending()
    assert done > 40
    calendars.fail_rate = calendars.timeout_rate = 0.0
    clock.sleep(0.3)  # the requests that hung are carried out by now
    for _ in range(3):
        sync_outstanding()
    assert not CalendarChange.objects.exclude(status="done").exists()

    expected: dict[str, set[str]] = {CALENDAR_ID: set(), CARRERE: set(), LAMBERT: set()}
    for appointment in Appointment.objects.filter(status="confirmed").select_related(
        "practitioner"
    ):
        calendar_id = appointment.practitioner.calendar_id or CALENDAR_ID
        expected[calendar_id].add(appointment.start.astimezone(PARIS).isoformat())
    for calendar_id, wanted in expected.items():
        events = calendars.confirmed(calendar_id)
        assert sorted(starts(calendars, calendar_id)) == sorted(wanted), calendar_id
        assert len(events) == len(wanted), calendar_id  # none twice


def test_a_calendar_changed_in_the_admin_takes_the_coming_events_there(
    admin_client, clinic, calendars
) -> None:
    book(clinic, "dr-nguyen", at(23, 10))
    sync_pending()
    nguyen_calendar = "nguyen-agenda@group.calendar.google.com"
    calendars.calendars.add(nguyen_calendar)
    nguyen = doctor(clinic, "dr-nguyen")
    response = admin_client.post(
        reverse("admin:booking_practitioner_change", args=[nguyen.pk]),
        {
            "key": "dr-nguyen",
            "name": "Dr Paul Nguyen",
            "spoken": "le docteur Nguyen",
            "kind": "médecin",
            "position": 1,
            "calendar_id": nguyen_calendar,
            "active": "on",
            **{
                f"{prefix}-{count}": 0
                for prefix in ("hours", "absences", "motif_links")
                for count in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 302
    sync_pending()
    assert starts(calendars, CALENDAR_ID) == set()
    assert starts(calendars, nguyen_calendar) == {at(23, 10).isoformat()}
