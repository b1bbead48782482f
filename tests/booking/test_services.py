"""Booking services: book, cancel, move, propose slots. Real database, real constraints."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from booking.availability import motif_minutes, slot_starting_at, slots_propose
from booking.models import Appointment, BookedCell, Business, Motif
from booking.preferences import Preference
from booking.profiles import business_load_profile
from booking.selectors import business_profile
from booking.services import (
    AppointmentNotFound,
    CancelTooLate,
    SlotTaken,
    appointment_book,
    appointment_cancel,
    appointment_move,
    practitioner_implicit,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)  # Monday; the garage asks 24 h to cancel


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, Paris time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


def book(business: Business, start: datetime, minutes: int = 60, **kw) -> Appointment:
    kw.setdefault("name", "Jean Dupont")
    return appointment_book(
        business=business, start=start, end=start + timedelta(minutes=minutes), **kw
    )


def cell_starts(appointment: Appointment) -> list[datetime]:
    return list(appointment.cells.order_by("start").values_list("start", flat=True))


def every_five_minutes(start: datetime, minutes: int) -> list[datetime]:
    return [start + timedelta(minutes=5 * i) for i in range(minutes // 5)]


# --- appointment_book -------------------------------------------------------------------


def test_book_creates_a_confirmed_appointment_holding_one_cell_per_five_minutes(business):
    appointment = book(
        business,
        paris(24, 10),
        name="Gwenaëlle Quéré",
        phone="+33612345678",
        email="gq@example.fr",
        motif="vidange",
        channel=Appointment.Channel.VOICE,
        conversation_key="call-1",
    )

    stored = Appointment.objects.get()
    assert stored.pk == appointment.pk
    assert (stored.start, stored.end) == (paris(24, 10), paris(24, 11))
    assert (stored.name, stored.phone, stored.email, stored.motif) == (
        "Gwenaëlle Quéré",
        "+33612345678",
        "gq@example.fr",
        "vidange",
    )
    assert (stored.status, stored.channel, stored.conversation_key) == (
        "confirmed",
        "voice",
        "call-1",
    )
    assert cell_starts(stored) == every_five_minutes(paris(24, 10), 60)
    assert BookedCell.objects.count() == 12


def test_book_at_a_start_already_taken_raises_slot_taken(business):
    book(business, paris(24, 10))

    with pytest.raises(SlotTaken):
        book(business, paris(24, 10), name="Ludovic Maury")

    assert Appointment.objects.count() == 1
    assert BookedCell.objects.count() == 12


@pytest.mark.parametrize(
    ("start", "minutes"),
    [
        (paris(24, 9, 30), 120),  # starts earlier, ends later: covers the whole hour
        (paris(24, 9, 30), 60),  # ends in the middle
        (paris(24, 10, 30), 60),  # starts in the middle
        (paris(24, 10, 55), 5),  # the very last cell
        (paris(24, 8), 180),  # a long job over it
    ],
)
def test_book_overlapping_with_another_start_raises_slot_taken(business, start, minutes):
    held = book(business, paris(24, 10))

    with pytest.raises(SlotTaken):
        book(business, start, minutes, name="Ludovic Maury")

    assert list(Appointment.objects.values_list("pk", flat=True)) == [held.pk]
    assert cell_starts(held) == every_five_minutes(paris(24, 10), 60)


@pytest.mark.parametrize("start", [paris(24, 9), paris(24, 11)])
def test_book_right_before_or_after_another_appointment_succeeds(business, start):
    book(business, paris(24, 10))

    book(business, start, name="Ludovic Maury")

    assert Appointment.objects.filter(status="confirmed").count() == 2


def test_cancelled_appointment_frees_its_slot_for_a_new_booking(business):
    first = book(business, paris(25, 10))
    appointment_cancel(business=business, appointment_id=first.pk, now=NOW)

    second = book(business, paris(25, 10), name="Ludovic Maury")

    assert second.status == "confirmed"
    assert cell_starts(second) == every_five_minutes(paris(25, 10), 60)
    assert list(Appointment.objects.order_by("pk").values_list("status", flat=True)) == [
        "cancelled",
        "confirmed",
    ]


# --- appointment_cancel -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "allowed"),
    [
        (paris(24, 8), False),  # 23 h ahead
        (paris(24, 8, 55), False),  # 23 h 55 ahead
        (paris(24, 9), True),  # exactly the 24 h notice
        (paris(24, 10), True),  # 25 h ahead
    ],
)
def test_cancel_enforces_cancel_notice_hours(business, start, allowed):
    appointment = book(business, start)

    if allowed:
        appointment_cancel(business=business, appointment_id=appointment.pk, now=NOW)
    else:
        with pytest.raises(CancelTooLate):
            appointment_cancel(business=business, appointment_id=appointment.pk, now=NOW)

    appointment.refresh_from_db()
    assert appointment.status == ("cancelled" if allowed else "confirmed")
    assert appointment.cells.count() == (0 if allowed else 12)


def test_cancel_without_enforce_notice_cancels_within_the_notice(business, clock):
    appointment = book(business, paris(23, 14))

    cancelled = appointment_cancel(
        business=business, appointment_id=appointment.pk, now=NOW, enforce_notice=False
    )

    appointment.refresh_from_db()
    assert (cancelled.pk, appointment.status) == (appointment.pk, "cancelled")
    assert appointment.cancelled_at is not None
    assert appointment.cancelled_at >= NOW
    assert appointment.cells.count() == 0


def test_cancel_without_a_notice_in_the_profile_has_no_limit(business):
    Business.objects.filter(pk=business.pk).update(cancel_notice_hours=None)
    business.refresh_from_db()
    appointment = book(business, paris(23, 11))

    appointment_cancel(business=business, appointment_id=appointment.pk, now=NOW)

    appointment.refresh_from_db()
    assert appointment.status == "cancelled"


@pytest.mark.parametrize("case", ["unknown", "cancelled", "moved", "other_business"])
def test_cancel_of_an_appointment_that_is_not_confirmed_here_raises_not_found(business, case):
    appointment = book(business, paris(25, 10))
    appointment_id = appointment.pk
    if case == "unknown":
        appointment_id = appointment.pk + 1000
    elif case == "cancelled":
        appointment_cancel(business=business, appointment_id=appointment.pk, now=NOW)
    elif case == "moved":
        appointment_move(
            business=business, appointment_id=appointment.pk, start=paris(26, 10), end=paris(26, 11)
        )
    else:
        other = Business.objects.create(name="Autre garage")
        appointment_id = book(other, paris(25, 10)).pk

    with pytest.raises(AppointmentNotFound):
        appointment_cancel(business=business, appointment_id=appointment_id, now=NOW)


# --- appointment_move -------------------------------------------------------------------


def test_move_books_the_new_time_and_marks_the_old_one_moved(business):
    old = book(
        business,
        paris(24, 10),
        name="Ludovic Maury",
        phone="+33612345678",
        email="lm@example.fr",
        motif="vidange",
        conversation_key="web-1",
    )

    new = appointment_move(
        business=business,
        appointment_id=old.pk,
        start=paris(25, 14),
        end=paris(25, 15),
        channel=Appointment.Channel.VOICE,
    )

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, old.moved_to_id) == ("moved", new.pk)
    assert old.cells.count() == 0
    assert (new.start, new.end, new.status, new.channel) == (
        paris(25, 14),
        paris(25, 15),
        "confirmed",
        "voice",
    )
    assert (new.name, new.phone, new.email, new.motif, new.conversation_key) == (
        "Ludovic Maury",
        "+33612345678",
        "lm@example.fr",
        "vidange",
        "web-1",
    )
    assert cell_starts(new) == every_five_minutes(paris(25, 14), 60)


def test_move_to_a_taken_time_raises_slot_taken_and_keeps_the_old_appointment(business):
    old = book(business, paris(24, 10))
    other = book(business, paris(25, 14), 120, name="Ludovic Maury")

    with pytest.raises(SlotTaken):
        appointment_move(
            business=business, appointment_id=old.pk, start=paris(25, 15), end=paris(25, 16)
        )

    old.refresh_from_db()
    assert (old.status, old.moved_to_id) == ("confirmed", None)
    assert cell_starts(old) == every_five_minutes(paris(24, 10), 60)
    assert cell_starts(other) == every_five_minutes(paris(25, 14), 120)
    assert Appointment.objects.count() == 2


def test_move_by_half_its_duration_onto_its_own_time_succeeds(business):
    old = book(business, paris(24, 10))

    new = appointment_move(
        business=business, appointment_id=old.pk, start=paris(24, 10, 30), end=paris(24, 11, 30)
    )

    old.refresh_from_db()
    assert (old.status, old.moved_to_id) == ("moved", new.pk)
    assert cell_starts(new) == every_five_minutes(paris(24, 10, 30), 60)
    assert BookedCell.objects.count() == 12


def test_move_of_an_unknown_appointment_raises_not_found(business):
    with pytest.raises(AppointmentNotFound):
        appointment_move(
            business=business, appointment_id=424242, start=paris(24, 10), end=paris(24, 11)
        )


# --- slots_propose and motif_minutes ----------------------------------------------------


def starts(proposal) -> list[datetime]:
    return [slot.start for slot in proposal.slots]


def test_slots_propose_returns_three_slots_honouring_the_preference(business):
    wednesday_afternoon = Preference(weekdays=frozenset({3}), after=time(14))

    proposal = slots_propose(
        profile=business_profile(), preference=wednesday_afternoon, now=NOW, minutes=60
    )

    assert starts(proposal) == [paris(25, 14), paris(25, 16), paris(25, 17)]
    assert [slot.end for slot in proposal.slots] == [paris(25, 15), paris(25, 17), paris(25, 18)]
    assert proposal.relaxed is False


def test_slots_propose_leaves_out_booked_times(business):
    book(business, paris(25, 16))
    wednesday_afternoon = Preference(weekdays=frozenset({3}), after=time(14))

    proposal = slots_propose(
        profile=business_profile(), preference=wednesday_afternoon, now=NOW, minutes=60
    )

    assert starts(proposal) == [paris(25, 14), paris(25, 15), paris(25, 17)]


def test_slots_propose_offers_only_slots_a_long_motif_fits_in(business):
    wednesday_afternoon = Preference(weekdays=frozenset({3}), after=time(14))

    proposal = slots_propose(
        profile=business_profile(), preference=wednesday_afternoon, now=NOW, minutes=120
    )

    assert starts(proposal) == [paris(25, 14), paris(25, 15), paris(25, 16)]
    assert proposal.slots[-1].end == paris(25, 18)


def test_slots_propose_falls_back_to_the_nearest_slots_when_nothing_matches(business):
    sunday = Preference(weekdays=frozenset({7}))  # the garage is closed on Sundays

    proposal = slots_propose(profile=business_profile(), preference=sunday, now=NOW, minutes=60)

    assert proposal.relaxed is True
    assert starts(proposal) == [paris(23, 11), paris(24, 14), paris(25, 17)]


@pytest.mark.parametrize(
    ("motif", "minutes"),
    [
        ("distribution", 120),
        ("Changer la courroie de DISTRIBUTION", 120),
        ("equilibrage", 30),  # listed as « équilibrage »
        ("Équilibrage des roues", 30),
        ("vidange", 60),
        ("contrôle technique", 60),  # not listed: one slot
        ("", 60),
    ],
)
def test_motif_minutes_uses_the_listed_motif_duration_else_one_slot(business, motif, minutes):
    Motif.objects.create(business=business, name="équilibrage", minutes=30)

    assert motif_minutes(profile=business_profile(), motif=motif) == minutes


# --- slot_starting_at ------------------------------------------------------------------


FALL_BACK_2H30 = datetime(2027, 10, 31, 2, 30, tzinfo=PARIS)  # 00:30 UTC, then 01:30 UTC


@pytest.mark.parametrize(
    ("start", "found"),
    [
        (datetime.fromisoformat("2027-10-31T02:30:00+02:00"), True),
        (FALL_BACK_2H30, True),
        # The grid steps in wall-clock time: the repeated 2:30 is not a slot of its own.
        (datetime.fromisoformat("2027-10-31T02:30:00+01:00"), False),
        (FALL_BACK_2H30.replace(fold=1), False),
    ],
    ids=["iso-first-2h30", "paris-first-2h30", "iso-repeated-2h30", "paris-repeated-2h30"],
)
def test_slot_starting_at_matches_the_instant_in_the_fall_back_night(db, profile, start, found):
    # Found by the engine property tests: a start read back from ISO text (fixed offset) never
    # compared equal to the grid's Europe/Paris start in the repeated hour (PEP 495), and a
    # Paris start with fold=1 matched the first 2:30's slot.
    profile |= {"slot_minutes": 30, "opening_hours": {"sunday": [["01:00", "04:00"]]}}
    business_load_profile(profile)

    slot = slot_starting_at(
        profile=business_profile(),
        start=start,
        minutes=30,
        now=datetime(2027, 10, 29, 12, tzinfo=PARIS),
    )

    assert (slot is not None) is found
    assert slot is None or slot.start.astimezone(UTC) == start.astimezone(UTC)


# --- the database constraint itself -----------------------------------------------------


def test_database_refuses_two_confirmed_appointments_at_the_same_start(business):
    fields = {
        "business": business,
        "practitioner": practitioner_implicit(business),
        "start": paris(24, 10),
        "end": paris(24, 11),
    }
    Appointment.objects.create(name="Jean Dupont", **fields)

    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(name="Ludovic Maury", **fields)

    assert Appointment.objects.count() == 1


def test_database_allows_a_cancelled_appointment_at_a_confirmed_start(business):
    fields = {
        "business": business,
        "practitioner": practitioner_implicit(business),
        "start": paris(24, 10),
        "end": paris(24, 11),
    }
    Appointment.objects.create(name="Jean Dupont", **fields)

    Appointment.objects.create(name="Ludovic Maury", status="cancelled", **fields)

    assert Appointment.objects.count() == 2


def test_database_refuses_an_appointment_ending_before_it_starts(business):
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            business=business,
            practitioner=practitioner_implicit(business),
            start=paris(24, 10),
            end=paris(24, 10),
            name="X",
        )
