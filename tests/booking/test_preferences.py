"""Preference: days ruled out by an absence stay out, whatever is said next."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from booking.preferences import Preference
from booking.slots import relaxations
from conversations.dialogue.memory import Memory

HOLIDAY = (date(2026, 12, 20), date(2026, 12, 27))


def test_an_absence_refuses_its_days_and_only_them() -> None:
    away = Preference(away=(HOLIDAY,))
    assert not away.accepts_day(date(2026, 12, 20))
    assert not away.accepts_day(date(2026, 12, 27))
    assert away.accepts_day(date(2026, 12, 19))
    assert away.accepts_day(date(2026, 12, 28))
    assert not away.accepts(datetime(2026, 12, 23, 10, 0))


def test_a_newer_wish_keeps_the_absence_and_adds_its_own() -> None:
    older = Preference(away=(HOLIDAY,), before=time(12))
    newer = Preference(weekdays=frozenset({2}), away=((date(2027, 1, 4), date(2027, 1, 4)),))
    merged = older.merged_with(newer)
    assert merged.away == (HOLIDAY, (date(2027, 1, 4), date(2027, 1, 4)))
    assert merged.weekdays == frozenset({2})
    assert older.merged_with(Preference(after=time(14))).away == (HOLIDAY,)
    assert older.merged_with(Preference(away=(HOLIDAY,))).away == (HOLIDAY,)


def test_relaxing_a_wish_never_relaxes_the_absence() -> None:
    wished = Preference(weekdays=frozenset({2}), after=time(16), away=(HOLIDAY,))
    fallbacks = relaxations(wished)
    assert fallbacks
    assert all(fallback.away == (HOLIDAY,) for fallback in fallbacks)
    assert fallbacks[-1] == Preference(away=(HOLIDAY,))


def test_the_absence_and_refused_hours_are_kept_between_turns() -> None:
    memory = Memory(
        preference=Preference(
            away=(HOLIDAY, (date(2027, 2, 1), date.max)), after=time(12), refused_hours=True
        )
    )
    assert Memory.from_dict(memory.to_dict()) == memory


def test_refused_hours_are_never_given_up_the_days_go_first() -> None:
    """« changer l'heure, le matin ça m'arrange pas »: no morning is offered back."""
    day = date(2026, 12, 10)
    wished = Preference(dates=frozenset({day}), after=time(12), refused_hours=True)
    fallbacks = relaxations(wished)
    assert fallbacks == [
        Preference(earliest=day, after=time(12), refused_hours=True),
        Preference(after=time(12), refused_hours=True),
    ]
    assert all(fallback.after == time(12) for fallback in fallbacks)


def test_hours_wished_are_still_given_up_before_the_day() -> None:
    day = date(2026, 12, 10)
    wished = Preference(dates=frozenset({day}), after=time(12))
    assert relaxations(wished)[0] == Preference(dates=frozenset({day}))


def test_a_newer_time_replaces_whether_the_hours_were_refused() -> None:
    refused = Preference(after=time(12), refused_hours=True)
    assert not refused.merged_with(Preference(before=time(10))).refused_hours
    assert refused.merged_with(Preference(weekdays=frozenset({2}))).refused_hours


NOT_WEDNESDAY = Preference(weekdays=frozenset({1, 2, 4, 5, 6, 7}), refused_days=True)
SATURDAY = date(2026, 12, 12)


@pytest.mark.parametrize(
    ("older", "expected"),
    [
        # « samedi matin », then « il a natation le mercredi »: still Saturday morning
        (
            Preference(weekdays=frozenset({6}), before=time(12)),
            Preference(weekdays=frozenset({6}), before=time(12)),
        ),
        (
            Preference(dates=frozenset({SATURDAY}), weekdays=frozenset({6})),
            Preference(dates=frozenset({SATURDAY}), weekdays=frozenset({6})),
        ),
        # « mardi ou mercredi », then not Wednesday: Tuesday
        (
            Preference(weekdays=frozenset({2, 3})),
            Preference(weekdays=frozenset({2})),
        ),
        # « mercredi », then not Wednesday: the refusal replaces it
        (Preference(weekdays=frozenset({3})), NOT_WEDNESDAY),
        # nothing chosen yet: the refusal
        (Preference(before=time(12)), replace(NOT_WEDNESDAY, before=time(12))),
    ],
)
def test_a_refusal_alone_narrows_the_days_chosen(older: Preference, expected: Preference) -> None:
    assert older.merged_with(NOT_WEDNESDAY) == expected


# What the caller cannot do is not yet when they want to come: the agent still asks.
@pytest.mark.parametrize(
    ("preference", "only_refusals"),
    [
        (Preference(away=(HOLIDAY,)), True),  # « je suis en vacances du 20 au 27 »
        (Preference(after=time(12), refused_hours=True), True),  # « pas le matin »
        (Preference(before=time(12), refused_hours=True, away=(HOLIDAY,)), True),
        (Preference(after=time(12)), False),  # « l'après-midi »: a wish
        (Preference(weekdays=frozenset({2}), after=time(12), refused_hours=True), False),
        (Preference(earliest=date(2026, 12, 14), away=(HOLIDAY,)), False),
        (Preference(asap=True, after=time(12), refused_hours=True), False),
        (
            Preference(weekdays=frozenset({1, 3, 4, 5, 6, 7}), refused_days=True),
            True,
        ),  # « pas mardi »
        (Preference(weekdays=frozenset({4})), False),  # « jeudi »
        (Preference(), False),
    ],
)
def test_only_refusals_is_no_wish(preference: Preference, only_refusals: bool) -> None:
    assert preference.only_refusals is only_refusals


NOT_TUESDAY = Preference(weekdays=frozenset({1, 3, 4, 5, 6, 7}), refused_days=True)


def test_a_newer_wish_keeps_a_refused_weekday_out() -> None:
    next_week = Preference(earliest=date(2026, 12, 14), latest=date(2026, 12, 20))
    merged = NOT_TUESDAY.merged_with(next_week)
    assert merged.weekdays == NOT_TUESDAY.weekdays
    assert (merged.earliest, merged.latest) == (next_week.earliest, next_week.latest)
    assert not merged.only_refusals
    thursday = NOT_TUESDAY.merged_with(Preference(weekdays=frozenset({4})))
    assert thursday.weekdays == frozenset({4})
    assert not thursday.refused_days
    # asked for the very day refused, the newer word wins
    tuesday = NOT_TUESDAY.merged_with(Preference(weekdays=frozenset({2})))
    assert tuesday.weekdays == frozenset({2})


def test_relaxing_never_offers_a_refused_weekday_back() -> None:
    wished = replace(NOT_TUESDAY, dates=frozenset({date(2026, 12, 17)}), after=time(14))
    fallbacks = relaxations(wished)
    assert fallbacks
    assert all(fallback.weekdays == NOT_TUESDAY.weekdays for fallback in fallbacks[1:])
    assert all(2 not in fallback.weekdays for fallback in fallbacks if fallback.weekdays)
