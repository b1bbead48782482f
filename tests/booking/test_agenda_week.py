"""The week agenda: the grid (pure), the admin page, its quick actions, and attendance."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from booking.agenda import _lanes, _overlaps, week_agenda
from booking.models import Appointment
from booking.services import (
    AttendanceTooEarly,
    appointment_book,
    appointment_cancel,
    appointment_mark_attendance,
)

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2026, 11, 23)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


class Booked:
    def __init__(self, name: str, start: datetime, minutes: int) -> None:
        self.name, self.start, self.end = name, start, start + timedelta(minutes=minutes)


# The grid (pure).


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], []),
        ([(0, 60), (60, 120)], [(0, 1), (0, 1)]),  # touching is not overlapping
        ([(0, 60), (30, 90)], [(0, 2), (1, 2)]),
        ([(0, 120), (30, 60), (60, 90)], [(0, 2), (1, 2), (1, 2)]),  # lane 1 is free again
        ([(0, 60), (10, 70), (20, 80), (200, 260)], [(0, 3), (1, 3), (2, 3), (0, 1)]),
    ],
)
def test_overlapping_blocks_share_the_width(spans, expected) -> None:
    assert _lanes(spans) == expected


def week(appointments=(), *, now=None, periods=None, closures=frozenset(), slot=60):
    return week_agenda(
        monday=MONDAY,
        tz=PARIS,
        slot_minutes=slot,
        periods=periods
        if periods is not None
        else {1: [(time(8), time(12))], 2: [(time(14), time(18))]},
        closures=set(closures),
        appointments=list(appointments),
        now=now or at(23, 9),
    )


def test_the_axis_runs_from_the_first_opening_to_the_last_closing() -> None:
    agenda = week()
    assert (agenda.first_hour, agenda.last_hour) == (8, 18)
    assert [hour for hour, _ in agenda.hours] == list(range(8, 18))
    assert agenda.hours[0][1] == 0
    assert agenda.hours[5][1] == pytest.approx(50)


def test_an_appointment_outside_the_hours_widens_the_axis() -> None:
    agenda = week([Booked("Tard", at(25, 19, 30), 45)])
    assert (agenda.first_hour, agenda.last_hour) == (8, 21)


def test_a_block_is_placed_by_its_time_and_sized_by_its_duration() -> None:
    agenda = week([Booked("Inès", at(24, 15), 120), Booked("Léo", at(23, 10, 30), 30)])
    monday, tuesday = agenda.days[0], agenda.days[1]
    (block,) = tuesday.blocks
    assert block.item.name == "Inès"
    assert block.top == pytest.approx(70)  # 15:00 on an 8:00–18:00 axis
    assert block.height == pytest.approx(20)  # two hours of ten
    assert (block.left, block.width) == (0, 100)
    assert [b.item.name for b in monday.blocks] == ["Léo"]
    assert agenda.count == 2


def test_free_cells_are_the_future_unbooked_slots_of_the_opening_hours() -> None:
    agenda = week([Booked("Léo", at(23, 10, 30), 30)], now=at(23, 9))
    monday, tuesday = agenda.days[0], agenda.days[1]
    # 8:00 has passed, 10:00 holds Léo from 10:30.
    assert [f"{cell.start:%H:%M}" for cell in monday.free] == ["09:00", "11:00"]
    assert [f"{cell.start:%H:%M}" for cell in tuesday.free] == ["14:00", "15:00", "16:00", "17:00"]
    assert monday.free[0].top == pytest.approx(10)
    assert monday.free[0].height == pytest.approx(10)
    assert monday.opening == ((0.0, 40.0),)
    assert all(not day.free for day in agenda.days[2:])  # closed days offer nothing


def test_a_closure_offers_no_cell_but_shows_what_is_booked() -> None:
    agenda = week([Booked("Léo", at(24, 15), 60)], closures={date(2026, 11, 24)})
    tuesday = agenda.days[1]
    assert tuesday.closed
    assert not tuesday.free
    assert not tuesday.opening
    assert [b.item.name for b in tuesday.blocks] == ["Léo"]


def test_on_the_night_clocks_go_back_the_grid_keeps_wall_clock_times() -> None:
    sunday = date(2027, 10, 31)
    agenda = week_agenda(
        monday=sunday - timedelta(days=6),
        tz=PARIS,
        slot_minutes=60,
        periods={7: [(time(1), time(4))]},
        closures=set(),
        appointments=[],
        now=datetime(2027, 10, 1, tzinfo=PARIS),
    )
    cells = agenda.days[6].free
    assert [f"{cell.start:%H:%M}" for cell in cells] == ["01:00", "02:00", "03:00"]
    assert [round(cell.top) for cell in cells] == [0, 33, 67]


def test_an_empty_week_still_has_an_axis() -> None:
    agenda = week(periods={})
    assert (agenda.first_hour, agenda.last_hour) == (8, 19)
    assert agenda.count == 0


# Attendance (the front desk marks who came).


def book(business, start: datetime, name: str = "Marie Martin", minutes: int = 60, **extra):
    return appointment_book(
        business=business, start=start, end=start + timedelta(minutes=minutes), name=name, **extra
    )


@pytest.mark.django_db
def test_attendance_is_marked_from_the_day_on_and_absence_once_started(business) -> None:
    appointment = book(business, at(24, 10))
    with pytest.raises(AttendanceTooEarly):
        appointment_mark_attendance(
            business=business, appointment_id=appointment.pk, attendance="arrived", now=at(23, 23)
        )
    with pytest.raises(AttendanceTooEarly):
        appointment_mark_attendance(
            business=business, appointment_id=appointment.pk, attendance="no_show", now=at(24, 9)
        )
    marked = appointment_mark_attendance(
        business=business, appointment_id=appointment.pk, attendance="arrived", now=at(24, 9, 50)
    )
    assert marked.attendance == "arrived"
    assert marked.status == "confirmed"
    assert marked.cells.count() == 12  # the slot stays held
    marked = appointment_mark_attendance(
        business=business, appointment_id=appointment.pk, attendance="no_show", now=at(24, 10, 20)
    )
    assert Appointment.objects.get(pk=appointment.pk).attendance == "no_show"


@pytest.mark.django_db
def test_the_database_refuses_attendance_on_an_appointment_not_kept(business) -> None:
    appointment = book(business, at(24, 10))
    appointment_cancel(business=business, appointment_id=appointment.pk, now=at(23, 9))
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.filter(pk=appointment.pk).update(attendance="arrived")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.filter(pk=appointment.pk).update(attendance="maybe")


# The week page.


@pytest.mark.django_db
def test_the_week_page_shows_blocks_today_and_free_cells(admin_client, business, clock) -> None:
    book(business, at(24, 14), name="Inès <b>Roux</b>", minutes=120, motif="distribution")
    book(business, at(23, 10), name="Léo Petit", channel=Appointment.Channel.VOICE)
    page = admin_client.get(reverse("admin:booking_appointment_week"), {"date": "2026-11-25"})
    assert page.status_code == 200
    agenda = page.context["agenda"]
    assert agenda.days[0].day == MONDAY  # any day shows its week from Monday
    assert agenda.count == 2
    html = page.content.decode()
    assert "Semaine du 23 novembre au 29 novembre 2026" in html
    assert "Inès &lt;b&gt;Roux&lt;/b&gt;" in html
    assert html.count('class="appt ') == 2
    assert "state-confirmed channel-voice" in html
    assert 'aria-current="date"' in html  # Monday the 23rd is today
    # A free cell opens the add form on its slot.
    add = reverse("admin:booking_appointment_add")
    assert f'href="{add}?start=2026-11-23T11:00&amp;end=2026-11-23T12:00"' in html
    assert "2026-11-23T08:00" not in html  # past
    assert "start=2026-11-24T14:00" not in html
    assert "start=2026-11-24T15:00" not in html


@pytest.mark.django_db
def test_a_free_cell_prefills_the_add_form(admin_client, business, clock) -> None:
    page = admin_client.get(
        reverse("admin:booking_appointment_add"),
        {"start": "2026-11-24T15:00", "end": "2026-11-24T16:00"},
    )
    html = page.content.decode()
    assert 'value="24/11/2026"' in html
    assert 'value="15:00:00"' in html
    assert 'value="16:00:00"' in html
    # Nonsense in the query string is ignored, not a crash.
    page = admin_client.get(reverse("admin:booking_appointment_add"), {"start": "demain"})
    assert page.status_code == 200


@pytest.mark.django_db
def test_next_free_slot_opens_the_add_form_on_it(admin_client, business, clock) -> None:
    book(business, at(23, 11))
    response = admin_client.get(reverse("admin:booking_appointment_next_free"))
    assert response.status_code == 302
    query = parse_qs(urlparse(response["Location"]).query)
    # 9:00 now, two hours' notice: 11:00 is the first, and it is taken.
    assert query == {"start": ["2026-11-23T14:00+01:00"], "end": ["2026-11-23T15:00+01:00"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "when", "attendance", "status"),
    [
        ("arrived", at(23, 10, 5), "arrived", "confirmed"),
        ("no_show", at(23, 10, 30), "no_show", "confirmed"),
        ("cancel", at(23, 9, 30), "", "cancelled"),
    ],
)
def test_quick_actions_go_through_the_service(
    admin_client, business, time_machine, action, when, attendance, status
) -> None:
    time_machine.move_to(at(23, 8))
    appointment = book(business, at(23, 10))
    time_machine.move_to(when)
    week_url = reverse("admin:booking_appointment_week") + "?date=2026-11-23"
    response = admin_client.post(
        reverse("admin:booking_appointment_quick", args=[appointment.pk]),
        {"action": action, "next": week_url},
    )
    assert response.status_code == 302
    assert response["Location"] == week_url
    appointment.refresh_from_db()
    assert (appointment.attendance, appointment.status) == (attendance, status)


@pytest.mark.django_db
def test_quick_actions_refuse_what_they_must(admin_client, front_desk, manager, business, clock):
    appointment = book(business, at(24, 10))
    url = reverse("admin:booking_appointment_quick", args=[appointment.pk])
    # Too early: the message says so, nothing changes.
    response = admin_client.post(url, {"action": "no_show"}, follow=True)
    assert "pas encore commencé" in response.content.decode()
    # Elsewhere than this site: back to the week instead.
    response = admin_client.post(url, {"action": "bogus", "next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:booking_appointment_week")
    assert admin_client.get(url).status_code == 405
    # Managers read the agenda and change nothing; the front desk acts.
    assert manager.get(reverse("admin:booking_appointment_week")).status_code == 200
    assert manager.post(url, {"action": "cancel"}).status_code == 403
    assert front_desk.post(url, {"action": "cancel"}).status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"


@pytest.mark.django_db
def test_the_list_badge_says_whether_the_person_came(admin_client, business, time_machine):
    time_machine.move_to(at(23, 8))
    appointment = book(business, at(23, 10))
    appointment_mark_attendance(
        business=business, appointment_id=appointment.pk, attendance="no_show", now=at(23, 11)
    )
    html = admin_client.get(
        reverse("admin:booking_appointment_changelist"), {"when": "all"}
    ).content.decode()
    assert '<span class="rw-badge rw-badge-no_show">Absent</span>' in html


@pytest.mark.parametrize(
    ("taken", "cell", "expected"),
    [
        ([], (9, 10), False),
        ([(9, 10)], (9, 10), True),
        ([(8, 9)], (9, 10), False),  # ends as the cell starts
        ([(10, 11)], (9, 10), False),  # starts as the cell ends
        ([(8, 12)], (9, 10), True),  # covers it
        ([(7, 8), (9.5, 9.75), (11, 12)], (9, 10), True),  # inside it
        ([(7, 8), (8, 9), (10, 11)], (9, 10), False),
    ],
)
def test_a_cell_meets_a_booked_interval(taken, cell, expected) -> None:
    def moment(hour: float) -> datetime:
        return at(24, 0) + timedelta(hours=hour)

    intervals = sorted((moment(s), moment(e)) for s, e in taken)
    ends = sorted(end for _, end in intervals)
    assert _overlaps(intervals, ends, moment(cell[0]), moment(cell[1])) is expected


@pytest.mark.django_db
def test_the_day_view_writes_phones_the_french_way(admin_client, business, clock) -> None:
    book(business, at(24, 9), phone="+33612345678")
    html = admin_client.get(
        reverse("admin:booking_appointment_day"), {"date": "2026-11-24"}
    ).content.decode()
    assert "06 12 34 56 78" in html
    assert "+33612345678" not in html
