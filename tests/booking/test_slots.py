"""find_slots and relaxations: pure, no DB, no frozen clock (``now`` is an argument)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.preferences import Preference
from booking.slots import Interval, Schedule, Slot, find_slots, overlaps, relaxations

PARIS = ZoneInfo("Europe/Paris")
WEEKDAY_HOURS = ((time(8), time(12)), (time(14), time(18)))  # lunch break 12:00–14:00
GARAGE = Schedule(
    tz=PARIS,
    slot_minutes=60,
    min_notice_minutes=120,
    horizon_days=30,
    opening={
        1: WEEKDAY_HOURS,
        2: WEEKDAY_HOURS,
        3: WEEKDAY_HOURS,
        4: WEEKDAY_HOURS,
        5: WEEKDAY_HOURS,
    }
    | {6: ((time(9), time(12)),)},
    closed_dates=frozenset(),
)
# Opening on Sundays too, for the daylight-saving Sundays of 2027 (28 March, 31 October).
SUNDAY_SHOP = replace(GARAGE, opening={6: ((time(9), time(12)),), 7: ((time(9), time(12)),)})
NIGHT_SHIFT = replace(
    GARAGE,
    slot_minutes=30,
    min_notice_minutes=0,
    horizon_days=3,
    opening={7: ((time(1), time(4)),)},
)


def paris(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


NOW = paris(11, 23, 7)  # Monday 23 November 2026, 7:00 → first bookable start 9:00


def busy(*spans: tuple[datetime, datetime]) -> tuple[Interval, ...]:
    return tuple(Interval(start, end) for start, end in spans)


def starts(slots: list[Slot]) -> list[datetime]:
    return [slot.start for slot in slots]


def pref(**kw) -> Preference:
    for name in ("dates", "weekdays"):
        if name in kw:
            kw[name] = frozenset(kw[name])
    return Preference(**kw)


# (id, preference, busy, expected starts) on GARAGE at NOW, three slots wanted.
SELECTION = [
    ("whenever-one-per-day", pref(), (), [paris(11, 23, 9), paris(11, 24, 14), paris(11, 25, 17)]),
    (
        "asap-earliest",
        pref(asap=True),
        (),
        [paris(11, 23, 9), paris(11, 23, 10), paris(11, 23, 11)],
    ),
    (
        "tuesday-morning-spread-in-day",
        pref(weekdays={2}, before=time(12)),
        (),
        [paris(11, 24, 8), paris(11, 24, 10), paris(11, 24, 11)],
    ),
    (
        "tuesday-spread-in-day",
        pref(weekdays={2}),
        (),
        [paris(11, 24, 8), paris(11, 24, 14), paris(11, 24, 17)],
    ),
    # around the wished time (an hour either side), on the earliest days: « vers 14h » is not
    # 16h when tomorrow has 14h
    (
        "at-14h-closest",
        pref(at=time(14)),
        (),
        [paris(11, 23, 14), paris(11, 23, 15), paris(11, 24, 14)],
    ),
    (
        "at-12h30-across-lunch",
        pref(at=time(12, 30)),
        (),
        [paris(11, 23, 10), paris(11, 23, 11), paris(11, 23, 14)],
    ),
    (
        "at-14h-taken",
        pref(at=time(14)),
        busy((paris(11, 23, 14), paris(11, 23, 15))),
        [paris(11, 23, 15), paris(11, 24, 14), paris(11, 24, 15)],
    ),
    (
        "at-on-a-date",
        pref(dates={date(2026, 11, 24)}, at=time(10, 30)),
        (),
        [paris(11, 24, 9), paris(11, 24, 10), paris(11, 24, 11)],
    ),
    # none around the wished time in the whole horizon: the nearest of the earliest days
    (
        "at-6h-before-opening",
        pref(at=time(6)),
        (),
        [paris(11, 23, 9), paris(11, 23, 10), paris(11, 23, 11)],
    ),
    (
        "at-fills-from-next-day",
        pref(at=time(17), after=time(16)),
        (),
        [paris(11, 23, 16), paris(11, 23, 17), paris(11, 24, 17)],
    ),
    (
        "tomorrow-after-16h-only-two",
        pref(dates={date(2026, 11, 24)}, after=time(16)),
        (),
        [paris(11, 24, 16), paris(11, 24, 17)],
    ),
    (
        "next-week-one-per-day",
        pref(earliest=date(2026, 11, 30), latest=date(2026, 12, 6)),
        (),
        [paris(11, 30, 8), paris(12, 1, 14), paris(12, 2, 17)],
    ),
    (
        "next-week-mornings",
        pref(earliest=date(2026, 11, 30), latest=date(2026, 12, 6), before=time(12)),
        (),
        [paris(11, 30, 8), paris(12, 1, 10), paris(12, 2, 11)],
    ),
    (
        "saturdays-few-slots-across-weeks",
        pref(weekdays={6}, after=time(10)),
        (),
        [paris(11, 28, 10), paris(12, 5, 11), paris(12, 12, 11)],
    ),
    (
        "morning-taken-asap",
        pref(asap=True),
        busy((paris(11, 23, 9), paris(11, 23, 12)), (paris(11, 24, 8), paris(11, 24, 18))),
        [paris(11, 23, 14), paris(11, 23, 15), paris(11, 23, 16)],
    ),
    (
        "busy-is-half-open",
        pref(asap=True),
        busy((paris(11, 23, 8), paris(11, 23, 10))),
        [paris(11, 23, 10), paris(11, 23, 11), paris(11, 23, 14)],
    ),
    (
        "busy-partial-overlap",
        pref(asap=True),
        busy((paris(11, 23, 10, 30), paris(11, 23, 11, 15))),
        [paris(11, 23, 9), paris(11, 23, 14), paris(11, 23, 15)],
    ),
    (
        "busy-given-in-utc",
        pref(asap=True),
        busy((datetime(2026, 11, 23, 8, tzinfo=UTC), datetime(2026, 11, 23, 9, tzinfo=UTC))),
        [paris(11, 23, 10), paris(11, 23, 11), paris(11, 23, 14)],
    ),
    (
        "busy-day-skipped-in-spread",
        pref(),
        busy((paris(11, 24, 8), paris(11, 24, 18))),
        [paris(11, 23, 9), paris(11, 25, 14), paris(11, 26, 17)],
    ),
    ("nothing-matches", pref(weekdays={7}), (), []),
]


@pytest.mark.parametrize(
    ("preference", "taken", "expected"),
    [case[1:] for case in SELECTION],
    ids=[case[0] for case in SELECTION],
)
def test_selection(
    preference: Preference, taken: tuple[Interval, ...], expected: list[datetime]
) -> None:
    assert (
        starts(find_slots(schedule=GARAGE, busy=taken, preference=preference, now=NOW)) == expected
    )


@pytest.mark.parametrize(
    ("schedule", "now", "preference", "expected"),
    [
        (
            GARAGE,
            paris(11, 23, 10, 30),
            pref(asap=True),
            [paris(11, 23, 14), paris(11, 23, 15), paris(11, 23, 16)],
        ),
        (
            replace(GARAGE, min_notice_minutes=0),
            paris(11, 23, 10, 30),
            pref(asap=True),
            [paris(11, 23, 11), paris(11, 23, 14), paris(11, 23, 15)],
        ),
        (
            replace(GARAGE, min_notice_minutes=24 * 60),
            paris(11, 27, 17, 30),
            pref(asap=True),
            [paris(11, 30, 8), paris(11, 30, 9), paris(11, 30, 10)],
        ),
        (
            GARAGE,
            datetime(2026, 11, 23, 6, tzinfo=UTC),
            pref(asap=True),
            [paris(11, 23, 9), paris(11, 23, 10), paris(11, 23, 11)],
        ),
        (
            replace(GARAGE, slot_minutes=30),
            NOW,
            pref(asap=True),
            [paris(11, 23, 9), paris(11, 23, 9, 30), paris(11, 23, 10)],
        ),
        (
            replace(GARAGE, horizon_days=0),
            NOW,
            pref(),
            [paris(11, 23, 9), paris(11, 23, 14), paris(11, 23, 17)],
        ),
        (
            replace(GARAGE, horizon_days=1),
            NOW,
            pref(),
            [paris(11, 23, 9), paris(11, 23, 17), paris(11, 24, 8)],
        ),
        (
            replace(GARAGE, horizon_days=14),
            NOW,
            pref(weekdays={6}, after=time(10)),
            [paris(11, 28, 10), paris(11, 28, 11), paris(12, 5, 10)],
        ),
        (GARAGE, NOW, pref(dates={date(2027, 3, 12)}), []),
        (
            replace(GARAGE, closed_dates=frozenset({date(2026, 11, 24)})),
            NOW,
            pref(),
            [paris(11, 23, 9), paris(11, 25, 14), paris(11, 26, 17)],
        ),
        (
            replace(GARAGE, closed_dates=frozenset({date(2026, 11, 28)})),
            NOW,
            pref(weekdays={6}),
            [paris(12, 5, 9), paris(12, 5, 10), paris(12, 5, 11)],
        ),
    ],
    ids=[
        "min-notice-skips-lunch",
        "no-notice-lunch-break",
        "notice-over-the-weekend",
        "now-given-in-utc",
        "half-hour-grid",
        "horizon-today-only",
        "horizon-two-days-never-three-same-day",
        "horizon-cuts-saturdays",
        "date-beyond-horizon",
        "closed-date-skipped",
        "closed-saturday-next-one",
    ],
)
def test_schedule_limits(
    schedule: Schedule, now: datetime, preference: Preference, expected: list[datetime]
) -> None:
    assert (
        starts(find_slots(schedule=schedule, busy=(), preference=preference, now=now)) == expected
    )


@pytest.mark.parametrize(
    ("taken", "expected"),
    [
        ((), [paris(11, 23, 9), paris(11, 23, 10), paris(11, 23, 14)]),
        (
            busy((paris(11, 23, 11), paris(11, 23, 12))),
            [paris(11, 23, 9), paris(11, 23, 14), paris(11, 23, 15)],
        ),
    ],
    ids=["fits-before-closing", "overlaps-next-appointment"],
)
def test_duration_longer_than_grid(taken: tuple[Interval, ...], expected: list[datetime]) -> None:
    slots = find_slots(
        schedule=GARAGE,
        busy=taken,
        preference=pref(asap=True),
        now=NOW,
        duration=timedelta(minutes=90),
    )
    assert starts(slots) == expected
    assert all(slot.end - slot.start == timedelta(minutes=90) for slot in slots)


def test_five_slots_over_five_days_at_varied_times() -> None:
    slots = find_slots(schedule=GARAGE, busy=(), preference=pref(), now=NOW, count=5)
    assert starts(slots) == [
        paris(11, 23, 9),
        paris(11, 24, 10),
        paris(11, 25, 14),
        paris(11, 26, 15),
        paris(11, 27, 17),
    ]


def utc_hours(slots: list[Slot]) -> list[tuple[int, int]]:
    return [(s.start.astimezone(UTC).day, s.start.astimezone(UTC).hour) for s in slots]


def test_spring_forward_sunday_keeps_local_opening_hours() -> None:
    slots = find_slots(
        schedule=SUNDAY_SHOP,
        busy=(),
        preference=pref(weekdays={6, 7}, asap=True),
        now=paris(3, 26, 12, year=2027),
        count=6,
    )
    assert [s.start.hour for s in slots] == [9, 10, 11, 9, 10, 11]
    assert utc_hours(slots) == [(27, 8), (27, 9), (27, 10), (28, 7), (28, 8), (28, 9)]
    assert all(s.end - s.start == timedelta(hours=1) for s in slots)


@pytest.mark.parametrize(
    ("opens", "closes", "hours"),
    [
        # 2:00–3:00 does not exist on 28 March 2027: no slot there, whatever the bounds.
        (time(2), time(2, 30), []),  # wholly in the gap
        (time(1), time(2, 30), ["01:00", "01:30"]),  # ends in the gap
        (time(2, 30), time(4), ["03:00", "03:30"]),  # starts in the gap
        (time(1), time(4), ["01:00", "01:30", "03:00", "03:30"]),  # across it
    ],
)
def test_no_slot_starts_at_a_time_skipped_in_spring(opens, closes, hours) -> None:
    schedule = replace(
        SUNDAY_SHOP, slot_minutes=30, opening={7: ((opens, closes),)}, min_notice_minutes=0
    )
    slots = find_slots(
        schedule=schedule,
        busy=(),
        preference=pref(dates={date(2027, 3, 28)}),
        now=paris(3, 27, 12, year=2027),
        count=8,
        duration=timedelta(minutes=30),
    )
    assert [f"{s.start:%H:%M}" for s in slots] == hours


def test_fall_back_sunday_keeps_local_opening_hours() -> None:
    slots = find_slots(
        schedule=SUNDAY_SHOP,
        busy=(),
        preference=pref(weekdays={6, 7}, asap=True),
        now=paris(10, 29, 12, year=2027),
        count=6,
    )
    assert [s.start.hour for s in slots] == [9, 10, 11, 9, 10, 11]
    assert utc_hours(slots) == [(30, 7), (30, 8), (30, 9), (31, 8), (31, 9), (31, 10)]


def test_min_notice_counts_real_minutes_across_spring_forward() -> None:
    # 23:00 CET + 10 h is 10:00 CEST, not 09:00: the night lost an hour.
    slots = find_slots(
        schedule=replace(SUNDAY_SHOP, min_notice_minutes=600),
        busy=(),
        preference=pref(dates={date(2027, 3, 28)}),
        now=paris(3, 27, 23, year=2027),
    )
    assert starts(slots) == [paris(3, 28, 10, year=2027), paris(3, 28, 11, year=2027)]


def test_busy_in_utc_on_spring_forward_sunday() -> None:
    taken = busy((datetime(2027, 3, 28, 7, tzinfo=UTC), datetime(2027, 3, 28, 8, tzinfo=UTC)))
    slots = find_slots(
        schedule=SUNDAY_SHOP,
        busy=taken,
        preference=pref(dates={date(2027, 3, 28)}),
        now=paris(3, 26, 12, year=2027),
    )
    assert starts(slots) == [paris(3, 28, 10, year=2027), paris(3, 28, 11, year=2027)]


def test_skipped_night_hour_has_no_slots() -> None:
    slots = find_slots(
        schedule=NIGHT_SHIFT,
        busy=(),
        preference=pref(asap=True),
        now=paris(3, 27, 12, year=2027),
        count=10,
    )
    assert [(s.start.hour, s.start.minute) for s in slots] == [(1, 0), (1, 30), (3, 0), (3, 30)]
    assert all(
        s.end.astimezone(UTC) - s.start.astimezone(UTC) == timedelta(minutes=30) for s in slots
    )
    assert slots[1].end == paris(3, 28, 3, year=2027)


def test_repeated_night_hour_lasts_real_minutes() -> None:
    slots = find_slots(
        schedule=replace(NIGHT_SHIFT, slot_minutes=60),
        busy=(),
        preference=pref(asap=True),
        now=paris(10, 30, 12, year=2027),
        count=10,
    )
    assert [s.start.utcoffset() for s in slots] == [timedelta(hours=2)] * 2 + [timedelta(hours=1)]
    assert all(s.end.astimezone(UTC) - s.start.astimezone(UTC) == timedelta(hours=1) for s in slots)
    assert all(s.end.astimezone(UTC) <= datetime(2027, 10, 31, 3, tzinfo=UTC) for s in slots)


HONOURED = {
    "whenever": pref(),
    "asap": pref(asap=True),
    "tuesday-or-thursday-morning": pref(weekdays={2, 4}, before=time(12)),
    "friday-after-15h": pref(weekdays={5}, after=time(15)),
    "thursday-at-16h": pref(dates={date(2026, 11, 26)}, at=time(16)),
    "next-week-end-of-day": pref(
        earliest=date(2026, 11, 30), latest=date(2026, 12, 6), after=time(16, 30)
    ),
    "lunch-break-never": pref(weekdays={1, 2, 3, 4, 5}, after=time(12), before=time(14)),
    "saturday-at-9h": pref(weekdays={6}, at=time(9)),
}


@pytest.mark.parametrize("preference", HONOURED.values(), ids=HONOURED.keys())
def test_every_slot_is_free_open_and_wished(preference: Preference) -> None:
    taken = busy((paris(11, 24, 9), paris(11, 24, 11)), (paris(11, 27, 15), paris(11, 27, 16)))
    slots = find_slots(schedule=GARAGE, busy=taken, preference=preference, now=NOW, count=4)
    assert starts(slots) == sorted(starts(slots))
    for slot in slots:
        assert slot.start.tzinfo is PARIS
        assert preference.accepts(slot.start)
        assert slot.start >= NOW + timedelta(minutes=GARAGE.min_notice_minutes)
        assert not any(overlaps(Interval(slot.start, slot.end), t) for t in taken)
        assert any(
            o <= slot.start.time() and slot.end.time() <= c
            for o, c in GARAGE.opening[slot.start.isoweekday()]
        )


def test_count_zero_and_naive_now() -> None:
    assert find_slots(schedule=GARAGE, busy=(), preference=pref(), now=NOW, count=0) == []
    with pytest.raises(ValueError, match="aware"):
        find_slots(schedule=GARAGE, busy=(), preference=pref(), now=datetime(2026, 11, 23, 7))


@pytest.mark.parametrize(
    ("preference", "expected"),
    [
        (
            pref(weekdays={2}, before=time(12)),
            [pref(weekdays={2}), pref(before=time(12)), pref()],
        ),
        (
            pref(dates={date(2026, 11, 26)}, at=time(14)),
            [
                pref(dates={date(2026, 11, 26)}),
                pref(earliest=date(2026, 11, 26), at=time(14)),
                pref(at=time(14)),
                pref(),
            ],
        ),
        (
            pref(earliest=date(2026, 11, 30), latest=date(2026, 12, 6), after=time(16)),
            [
                pref(earliest=date(2026, 11, 30), latest=date(2026, 12, 6)),
                pref(earliest=date(2026, 11, 30), after=time(16)),
                pref(after=time(16)),
                pref(),
            ],
        ),
        (
            # « mardi matin »: the coming Tuesday, then any Tuesday morning, then any hour.
            pref(dates={date(2026, 12, 1)}, weekdays={2}, before=time(12)),
            [
                pref(weekdays={2}, before=time(12)),
                pref(dates={date(2026, 12, 1)}, weekdays={2}),
                pref(earliest=date(2026, 12, 1), before=time(12)),
                pref(before=time(12)),
                pref(),
            ],
        ),
        (
            pref(weekdays={2}, after=time(16), asap=True),
            [pref(weekdays={2}, asap=True), pref(after=time(16), asap=True), pref()],
        ),
        (pref(weekdays={2}), [pref()]),
        (pref(before=time(12)), [pref()]),
        (pref(asap=True), [pref()]),
        (pref(), []),
    ],
    ids=[
        "days-and-hours",
        "date-and-at",
        "range-and-after",
        "coming-weekday-and-hours",
        "asap-kept-until-last",
        "days-only",
        "hours-only",
        "asap-only",
        "empty",
    ],
)
def test_relaxations(preference: Preference, expected: list[Preference]) -> None:
    assert relaxations(preference) == expected


def test_first_relaxation_that_finds_slots() -> None:
    wished = pref(weekdays={2}, after=time(18))  # Tuesdays after closing time
    assert find_slots(schedule=GARAGE, busy=(), preference=wished, now=NOW) == []
    found = next(
        slots
        for fallback in relaxations(wished)
        if (slots := find_slots(schedule=GARAGE, busy=(), preference=fallback, now=NOW))
    )
    assert starts(found) == [paris(11, 24, 8), paris(11, 24, 14), paris(11, 24, 17)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((paris(11, 23, 9), paris(11, 23, 10)), (paris(11, 23, 10), paris(11, 23, 11)), False),
        ((paris(11, 23, 9), paris(11, 23, 11)), (paris(11, 23, 10), paris(11, 23, 12)), True),
        ((paris(11, 23, 9), paris(11, 23, 12)), (paris(11, 23, 10), paris(11, 23, 11)), True),
        (
            (paris(11, 23, 9), paris(11, 23, 10)),
            (datetime(2026, 11, 23, 8, 30, tzinfo=UTC), datetime(2026, 11, 23, 9, tzinfo=UTC)),
            True,
        ),
    ],
    ids=["touching", "crossing", "contained", "other-time-zone"],
)
def test_overlaps(
    a: tuple[datetime, datetime], b: tuple[datetime, datetime], expected: bool
) -> None:
    assert overlaps(Interval(*a), Interval(*b)) is expected
    assert overlaps(Interval(*b), Interval(*a)) is expected


def test_around_the_wished_time_looks_a_week_ahead_not_further() -> None:
    # « vers 16h »: the afternoons of the first two weeks are taken, the mornings free. Nothing
    # within the hour in the first week: the nearest slots of the earliest day (its last
    # morning hours), not the 16h of two weeks out.
    taken = busy(
        *(
            (paris(11, 23, 14) + timedelta(days=n), paris(11, 23, 18) + timedelta(days=n))
            for n in range(14)
        )
    )
    found = starts(find_slots(schedule=GARAGE, busy=taken, preference=pref(at=time(16)), now=NOW))
    assert found == [paris(11, 23, 9), paris(11, 23, 10), paris(11, 23, 11)]
