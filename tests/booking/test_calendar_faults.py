"""Booking integrity when the calendar misbehaves: 200 changes while it fails and times out."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.calendars import event_id_for
from booking.models import Appointment, CalendarChange
from booking.services import (
    CancelTooLate,
    SlotTaken,
    appointment_book,
    appointment_cancel,
    appointment_move,
)
from booking.sync import sync_pending

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, tzinfo=PARIS)


def grid(rng: random.Random) -> datetime:
    """A random opening-hours slot of the garage profile within three weeks."""
    while True:
        day = NOW.date() + timedelta(days=rng.randint(1, 20))
        if day.isoweekday() <= 5:
            hour = rng.choice([8, 9, 10, 11, 14, 15, 16])
            return datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)


@pytest.mark.django_db
def test_the_calendar_ends_up_holding_exactly_the_confirmed_appointments(
    business, google, clock, settings
) -> None:
    settings.CALENDAR_TIMEOUT_SECONDS = 0.1
    google.fail_rate, google.timeout_rate, google.delay = 0.30, 0.10, 0.15
    rng = random.Random(7)
    operations = {"booked": 0, "cancelled": 0, "moved": 0, "refused": 0}
    for n in range(200):
        confirmed = list(Appointment.objects.filter(status="confirmed"))
        kind = rng.random()
        try:
            if kind < 0.55 or len(confirmed) < 3:
                start = grid(rng)
                appointment_book(
                    business=business,
                    start=start,
                    end=start + timedelta(hours=1),
                    name=f"Client {n}",
                )
                operations["booked"] += 1
            elif kind < 0.75:
                target = rng.choice(confirmed)
                appointment_cancel(
                    business=business, appointment_id=target.pk, now=NOW, enforce_notice=False
                )
                operations["cancelled"] += 1
            else:
                target, start = rng.choice(confirmed), grid(rng)
                appointment_move(
                    business=business,
                    appointment_id=target.pk,
                    start=start,
                    end=start + timedelta(hours=1),
                )
                operations["moved"] += 1
        except (SlotTaken, CancelTooLate):
            operations["refused"] += 1
        if n % 10 == 9:
            sync_pending()  # the worker runs now and then, while the calendar misbehaves
    assert sum(operations.values()) == 200

    google.fail_rate = google.timeout_rate = 0.0
    CalendarChange.objects.filter(status="pending").update(next_attempt_at=NOW)
    for _ in range(5):
        sync_pending(limit=1000)
    assert not CalendarChange.objects.filter(status__in=["pending", "claimed"]).exists()

    confirmed = {event_id_for_current(a): a for a in Appointment.objects.filter(status="confirmed")}
    events = google.confirmed()
    missing = set(confirmed) - set(events)
    extra = set(events) - set(confirmed)
    wrong_time = [
        k
        for k in set(confirmed) & set(events)
        if events[k]["start"]["dateTime"] != confirmed[k].start.astimezone(PARIS).isoformat()
    ]
    print(
        f"\n{operations}; confirmed {len(confirmed)}, events {len(events)}, missing {len(missing)}, "
        f"extra {len(extra)}, wrong time {len(wrong_time)}"
    )
    assert (missing, extra, wrong_time) == (set(), set(), [])
    assert len(events) == len(confirmed)  # none twice: one event per appointment
    assert set(
        Appointment.objects.filter(status="confirmed").values_list("sync_status", flat=True)
    ) == {"synced"}


def event_id_for_current(appointment: Appointment) -> str:
    return appointment.calendar_event_id or event_id_for(appointment)
