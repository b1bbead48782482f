"""Booking selectors: finding upcoming appointments by name, and the business schedule."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.models import Appointment
from booking.profiles import business_load_profile
from booking.selectors import appointments_upcoming_by_name, business_profile, business_schedule
from booking.services import (
    appointment_book,
    appointment_cancel,
    appointment_move,
    practitioner_implicit,
)
from booking.slots import Schedule

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


def book(business, start: datetime, name: str) -> Appointment:
    return appointment_book(
        business=business, start=start, end=start + timedelta(hours=1), name=name
    )


@pytest.fixture
def agenda(business) -> dict[str, Appointment]:
    return {
        "Gwenaëlle Quéré": book(business, paris(24, 10), "Gwenaëlle Quéré"),
        "Ludovic Maury": book(business, paris(24, 14), "Ludovic Maury"),
        "Jean Dupont": book(business, paris(25, 10), "Jean Dupont"),
        "Jean Dupond": book(business, paris(25, 11), "Jean Dupond"),
    }


def names(found: list[Appointment]) -> list[str]:
    return [appointment.name for appointment in found]


@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("gwenaelle quere", ["Gwenaëlle Quéré"]),
        ("GWENAËLLE QUÉRÉ", ["Gwenaëlle Quéré"]),
        ("Gwenaelle Querre", ["Gwenaëlle Quéré"]),  # typo
        ("gwenaele quéré", ["Gwenaëlle Quéré"]),  # typo
        ("Quéré Gwenaëlle", ["Gwenaëlle Quéré"]),  # surname first
        ("maury", ["Ludovic Maury"]),
        ("Ludovic Maurie", ["Ludovic Maury"]),
        pytest.param(
            "mauri",
            ["Ludovic Maury"],
        ),
        ("c'est Ludovic Maury", ["Ludovic Maury"]),
        ("jean dupont", ["Jean Dupont"]),  # not « Dupond » beside it
        ("Jean Dupond", ["Jean Dupond"]),
        ("Martin", []),
        ("", []),
        ("  ", []),
    ],
)
def test_upcoming_by_name_forgives_accents_case_and_typos(business, agenda, heard, expected):
    found = appointments_upcoming_by_name(business=business, name=heard, now=NOW)

    assert names(found) == expected


def test_upcoming_by_name_lists_every_appointment_of_the_best_name_soonest_first(business, agenda):
    later = book(business, paris(26, 10), "Ludovic Maury")

    found = appointments_upcoming_by_name(business=business, name="Ludovic Maury", now=NOW)

    assert [a.pk for a in found] == [agenda["Ludovic Maury"].pk, later.pk]


def test_upcoming_by_name_ignores_past_cancelled_and_moved_appointments(business):
    Appointment.objects.create(
        business=business,
        practitioner=practitioner_implicit(business),
        start=paris(23, 8),
        end=paris(23, 9),
        name="Ludovic Maury",
    )
    cancelled = book(business, paris(24, 10), "Ludovic Maury")
    appointment_cancel(business=business, appointment_id=cancelled.pk, now=NOW)
    moved = book(business, paris(25, 10), "Ludovic Maury")
    new = appointment_move(
        business=business, appointment_id=moved.pk, start=paris(26, 10), end=paris(26, 11)
    )

    found = appointments_upcoming_by_name(business=business, name="maury", now=NOW)

    assert [a.pk for a in found] == [new.pk]


def test_upcoming_by_name_ignores_an_appointment_that_already_started(business):
    book(business, paris(23, 8, 30), "Ludovic Maury")

    assert appointments_upcoming_by_name(business=business, name="maury", now=NOW) == []


def test_upcoming_by_name_reads_in_one_query(business, agenda, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = appointments_upcoming_by_name(business=business, name="jean dupont", now=NOW)
        assert [(a.name, a.start, a.end, a.motif) for a in found] == [
            ("Jean Dupont", paris(25, 10), paris(25, 11), "")
        ]


WEEKDAY = ((time(8), time(12)), (time(14), time(18)))


def test_business_schedule_builds_the_schedule_from_the_profile(business):
    assert business_schedule(business) == Schedule(
        tz=ZoneInfo("Europe/Paris"),
        slot_minutes=60,
        min_notice_minutes=120,
        horizon_days=21,
        opening={
            1: WEEKDAY,
            2: WEEKDAY,
            3: WEEKDAY,
            4: WEEKDAY,
            5: ((time(8), time(12)), (time(14), time(17))),
            6: ((time(9), time(12)),),
        },
        closed_dates=frozenset({date(2026, 12, 25)}),
    )


def test_business_schedule_sorts_periods_and_leaves_days_without_hours_closed(db, profile):
    profile |= {
        "timezone": "America/Guadeloupe",
        "opening_hours": {"monday": [["14:00", "18:00"], ["08:00", "12:00"]], "sunday": []},
        "closed_dates": ["2026-12-25", "2027-01-01"],
    }
    business = business_load_profile(profile)

    schedule = business_schedule(business)

    assert schedule.tz == ZoneInfo("America/Guadeloupe")
    assert dict(schedule.opening) == {1: WEEKDAY}
    assert schedule.closed_dates == frozenset({date(2026, 12, 25), date(2027, 1, 1)})


def test_business_profile_bundles_the_business_its_schedule_and_motifs(business):
    profile = business_profile()

    assert profile.business == business
    assert profile.schedule == business_schedule(business)
    assert sorted(profile.motifs) == [("distribution", 120), ("vidange", 60)]
    assert profile.tz == ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("America/Martinique", "America/Martinique"),
        ("Pacific/Noumea", "Pacific/Noumea"),
        ("Mars/Olympus", "Europe/Paris"),  # unknown: the installation's
        ("../etc/passwd", "Europe/Paris"),  # not a zone name at all
        ("", "Europe/Paris"),
    ],
)
def test_a_business_clock_is_its_zone_or_the_installations(business, settings, stored, expected):
    settings.TIME_ZONE = "Europe/Paris"
    business.timezone = stored
    assert business.zone == ZoneInfo(expected)
    # The schedule and the identity read the same clock.
    assert business_schedule(business).tz == ZoneInfo(expected)
