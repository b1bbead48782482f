"""Slots over several agendas: the practitioner asked for, those who handle the motif, a fair
share when no one is named; and a whole booking through the conversation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.availability import slots_propose
from booking.preferences import Preference
from booking.selectors import business_profile, practitioner_named
from booking.services import appointment_book
from booking.slots import AgendaSearch, Interval, Schedule, find_slots_among
from conversations.services import conversation_handle_turn

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 11, 23, 7, tzinfo=PARIS)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


# The pure merge.

WEEKDAYS_9_TO_11 = {d: ((time(9), time(11)),) for d in range(1, 6)}


def schedule(**changes) -> Schedule:
    base = {
        "tz": PARIS,
        "slot_minutes": 30,
        "min_notice_minutes": 0,
        "horizon_days": 7,
        "opening": WEEKDAYS_9_TO_11,
    }
    return Schedule(**{**base, **changes})


def agenda(key: str, *busy: tuple[int, int], load: int = 0, minutes: int = 30, **changes):
    return AgendaSearch(
        key=key,
        schedule=schedule(**changes),
        busy=[Interval(at(23, h, m), at(23, h, m) + timedelta(minutes=30)) for h, m in busy],
        duration=timedelta(minutes=minutes),
        load=load,
    )


def found(agendas, preference=None, count=4) -> list[str]:
    slots = find_slots_among(
        agendas=agendas, preference=preference or Preference(asap=True), now=MONDAY, count=count
    )
    return [f"{s.start:%a %H:%M} {s.agenda}" for s in slots]


@pytest.mark.parametrize(
    ("agendas", "expected"),
    [
        # One free agenda takes the time the other is busy at.
        (
            [agenda("a", (9, 0)), agenda("b")],
            ["Mon 09:00 b", "Mon 09:30 a", "Mon 10:00 a", "Mon 10:30 a"],
        ),
        # Both free: the least loaded first; on a tie, the first listed.
        ([agenda("a", load=5), agenda("b", load=2)], ["Mon 09:00 b", "Mon 09:30 b"]),
        ([agenda("a", load=2), agenda("b", load=2)], ["Mon 09:00 a", "Mon 09:30 a"]),
        # A longer appointment with one practitioner fits fewer starts.
        (
            [agenda("a", minutes=90), agenda("b", (9, 0), (10, 0), load=1)],
            ["Mon 09:00 a", "Mon 09:30 a", "Mon 10:30 b", "Tue 09:00 a"],
        ),
        # Away on Monday: the other one, then itself from Tuesday.
        (
            [
                agenda("a", closed_dates=frozenset({date(2026, 11, 23)})),
                agenda("b", (9, 0), load=3),
            ],
            ["Mon 09:30 b", "Mon 10:00 b", "Mon 10:30 b", "Tue 09:00 a"],
        ),
    ],
)
def test_slots_among_agendas(agendas, expected) -> None:
    assert found(agendas, count=len(expected)) == expected


def test_each_agenda_keeps_its_own_hours() -> None:
    mornings = agenda("a", opening={1: ((time(9), time(10)),)})
    afternoons = agenda("b", opening={1: ((time(14), time(15)),)})
    slots = find_slots_among(
        agendas=[mornings, afternoons], preference=Preference(asap=True), now=MONDAY, count=4
    )
    assert [(f"{s.start:%H:%M}", s.agenda) for s in slots] == [
        ("09:00", "a"),
        ("09:30", "a"),
        ("14:00", "b"),
        ("14:30", "b"),
    ]


# Through the database: the clinic's three practitioners.


def propose(preference=None, **asked) -> list[tuple[str, str]]:
    proposal = slots_propose(
        profile=business_profile(),
        preference=preference or Preference(asap=True),
        now=MONDAY,
        minutes=30,
        count=3,
        **asked,
    )
    return [(f"{s.start:%a %d %H:%M}", s.agenda) for s in proposal.slots]


def test_a_motif_goes_to_those_who_handle_it(clinic) -> None:
    # Only the dentist scales teeth: Tuesday afternoon is her first time.
    assert {key for _, key in propose(motif="un détartrage")} == {"dr-lambert"}
    assert propose(motif="un détartrage")[0][0] == "Tue 24 14:00"
    # A consultation: anyone who handles it, least loaded first.
    assert {key for _, key in propose(motif="consultation")} <= {
        "dr-carrere",
        "dr-nguyen",
        "dr-lambert",
    }


def test_the_practitioner_asked_for_is_honoured_within_their_hours(clinic) -> None:
    thursday = Preference(dates=frozenset({date(2026, 11, 26)}))
    slots = propose(thursday, practitioner="dr-carrere")
    assert slots
    assert all(key == "dr-carrere" and "Thu 26 1" in when for when, key in slots)
    assert all(int(when[-5:-3]) >= 14 for when, _ in slots)  # Thursday afternoons only


def test_an_absent_practitioner_is_not_offered_on_those_days(clinic) -> None:
    during = Preference(dates=frozenset({date(2026, 12, 22)}))
    proposal = slots_propose(
        profile=business_profile(),
        preference=during,
        now=MONDAY,
        minutes=30,
        practitioner="dr-carrere",
    )
    assert proposal.relaxed  # not on the 22nd: the nearest other days instead
    assert all(s.start.date() != date(2026, 12, 22) for s in proposal.slots)


def test_anyone_spreads_over_the_least_loaded(clinic) -> None:
    for hour in (8, 9, 10):
        appointment_book(
            business=clinic,
            start=at(24, hour),
            end=at(24, hour, 30),
            name="Déjà là",
            practitioner=clinic.practitioners.get(key="dr-nguyen"),
        )
    tuesday = Preference(dates=frozenset({date(2026, 11, 24)}), asap=True)
    keys = [key for _, key in propose(tuesday, motif="vaccin")]
    assert keys[0] == "dr-carrere"  # Nguyen has three already


def test_holds_are_per_practitioner(clinic) -> None:
    tuesday = Preference(dates=frozenset({date(2026, 11, 24)}), asap=True)
    profile = business_profile()
    first = slots_propose(
        profile=profile,
        preference=tuesday,
        now=MONDAY,
        minutes=30,
        holder="c1",
        practitioner="dr-carrere",
    )
    second = slots_propose(
        profile=profile,
        preference=tuesday,
        now=MONDAY,
        minutes=30,
        holder="c2",
        practitioner="dr-nguyen",
    )
    # Nguyen's first times are not held away by Carrère's proposal.
    assert first.slots[0].start == second.slots[0].start
    again = slots_propose(
        profile=profile,
        preference=tuesday,
        now=MONDAY,
        minutes=30,
        holder="c3",
        practitioner="dr-carrere",
    )
    assert again.slots[0].start not in {s.start for s in first.slots}


@pytest.mark.parametrize(
    ("said", "key"),
    [
        ("dr-carrere", "dr-carrere"),
        ("Carrère", "dr-carrere"),
        ("le docteur nguyen", "dr-nguyen"),
        ("Lambert", "dr-lambert"),
        ("docteur", None),  # several
        ("Dupont", None),
    ],
)
def test_a_practitioner_is_named_by_id_or_name(clinic, said, key) -> None:
    agenda = practitioner_named(business_profile(), said)
    assert (agenda.key if agenda else None) == key


def test_a_whole_booking_names_its_practitioner(clinic) -> None:
    turn = conversation_handle_turn(channel="web", conversation_id=None, message="")
    key = turn.conversation_id
    for line in [
        "je voudrais un rendez-vous pour un détartrage",
        "Léa Martin",
        "mardi après-midi",
        "06 12 34 56 78",
    ]:
        turn = conversation_handle_turn(channel="web", conversation_id=key, message=line)
    assert turn.state == "WAIT_CONFIRM", turn.reply
    assert "avec la docteure Lambert" in turn.reply
    assert all(
        s["practitioner"] == {"id": "dr-lambert", "name": "Dr Sophie Lambert"} for s in turn.slots
    )
    turn = conversation_handle_turn(channel="web", conversation_id=key, message="le premier")
    assert "avec la docteure Lambert" in turn.reply
    assert turn.state == "CONFIRMED", turn.reply
    assert turn.appointment["practitioner"] == {"id": "dr-lambert", "name": "Dr Sophie Lambert"}


@pytest.mark.parametrize(
    ("busy", "ours", "left"),
    [
        ([(9, 11)], [], [(9, 11)]),
        ([(9, 11)], [(9, 10)], [(10, 11)]),  # a merged block: ours, then someone else's
        ([(9, 11)], [(9, 10), (10, 11)], []),  # back to back, all ours
        ([(9, 12)], [(10, 11)], [(9, 10), (11, 12)]),
        ([(9, 10), (14, 15)], [(14, 15)], [(9, 10)]),
        ([(9, 10)], [(8, 12)], []),
        ([(9, 10)], [(10, 11)], [(9, 10)]),  # touching only
    ],
)
def test_a_shared_calendar_less_our_own_appointments(busy, ours, left) -> None:
    from booking.slots import subtract

    def spans(pairs):
        return [Interval(at(24, a), at(24, b)) for a, b in pairs]

    got = subtract(spans(busy), spans(ours))
    assert [(i.start.astimezone(PARIS).hour, i.end.astimezone(PARIS).hour) for i in got] == left


def test_the_shared_calendar_blocks_everyone_for_staff_events_and_no_one_for_ours(
    clinic, google
) -> None:
    from booking.sync import sync_pending

    # Staff blocked Tuesday 14:00–16:00 in the calendar; our own booking for Lambert at 16:00
    # was pushed there too.
    google.add_event(
        "cabinet-test@group.calendar.google.com",
        "staffblock1",
        at(24, 14).isoformat(),
        at(24, 16).isoformat(),
    )
    appointment_book(
        business=clinic,
        start=at(24, 16),
        end=at(24, 16, 30),
        name="Déjà là",
        practitioner=clinic.practitioners.get(key="dr-lambert"),
    )
    sync_pending()
    tuesday = Preference(dates=frozenset({date(2026, 11, 24)}), after=time(14))
    proposal = slots_propose(
        profile=business_profile(), preference=tuesday, now=MONDAY, minutes=30, count=30
    )
    starts = {(s.start.astimezone(PARIS).strftime("%H:%M"), s.agenda) for s in proposal.slots}
    assert not any("14:00" <= when < "16:00" for when, _ in starts)  # the staff block
    assert ("16:00", "dr-nguyen") in starts  # our Lambert booking does not block Nguyen
    assert ("16:00", "dr-lambert") not in starts
