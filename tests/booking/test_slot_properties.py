"""Property tests: every slot find_slots returns is bookable, whatever the schedule and the clock.

Schedules include night openings and the clock is often near a daylight-saving Sunday, so
the grid, the notice and the busy intervals are checked where wall-clock and real time part.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from booking.preferences import Preference
from booking.slots import Interval, Schedule, Slot, find_slots, overlaps

PARIS = ZoneInfo("Europe/Paris")
# Daylight-saving Sundays: clocks go forward at 2:00, back at 3:00.
DST_SUNDAYS = [
    date(2026, 3, 29),
    date(2026, 10, 25),
    date(2027, 3, 28),
    date(2027, 10, 31),
    date(2030, 3, 31),
    date(2030, 10, 27),
]
SLOT_MINUTES = [5, 10, 15, 20, 30, 45, 60, 90, 120]


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


@st.composite
def periods(draw: st.DrawFn) -> tuple[tuple[time, time], ...]:
    """0 to 3 opening periods of one day, in order, not overlapping, on a 5-minute grid."""
    marks = draw(st.lists(st.integers(0, 24 * 12 - 1), min_size=2, max_size=6, unique=True))
    marks = sorted(marks)[: len(marks) // 2 * 2]
    as_time = [time(m // 12, m % 12 * 5) for m in marks]
    return tuple(zip(as_time[::2], as_time[1::2], strict=True))


@st.composite
def nows(draw: st.DrawFn) -> datetime:
    """The clock: often a few days before a daylight-saving Sunday, given in Paris or not."""
    near = draw(st.sampled_from(DST_SUNDAYS))
    base = datetime.combine(near, time(0), tzinfo=UTC) - timedelta(days=draw(st.integers(0, 4)))
    anywhere = draw(
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1)).map(
            lambda d: d.replace(tzinfo=UTC)
        )
    )
    moment = draw(
        st.sampled_from([base, base, anywhere]).flatmap(
            lambda b: st.integers(0, 48 * 60).map(lambda m: b + timedelta(minutes=m))
        )
    )
    zone = draw(st.sampled_from([PARIS, UTC, timezone(timedelta(hours=-5))]))
    return moment.astimezone(zone)


@st.composite
def cases(draw: st.DrawFn):
    now = draw(nows())
    today = now.astimezone(PARIS).date()
    horizon = draw(st.integers(0, 45))
    nearby = st.integers(-2, horizon + 2).map(lambda n: today + timedelta(days=n))
    schedule = Schedule(
        tz=PARIS,
        slot_minutes=draw(st.sampled_from(SLOT_MINUTES)),
        min_notice_minutes=draw(st.sampled_from([0, 30, 120]) | st.integers(0, 4 * 24 * 60)),
        horizon_days=horizon,
        opening=draw(st.dictionaries(st.integers(1, 7), periods(), min_size=1)),
        closed_dates=draw(st.frozensets(nearby, max_size=5)),
    )
    busy = draw(
        st.lists(
            st.builds(
                lambda start, minutes, zone: Interval(
                    (now + timedelta(minutes=start)).astimezone(zone),
                    (now + timedelta(minutes=start + minutes)).astimezone(zone),
                ),
                st.integers(-2 * 24 * 60, (horizon + 1) * 24 * 60),
                st.integers(1, 10 * 60),
                st.sampled_from([PARIS, UTC]),
            ),
            max_size=30,
        )
    )
    clock = st.times().map(lambda t: t.replace(second=0, microsecond=0))
    preference = draw(
        st.builds(
            Preference,
            dates=st.frozensets(nearby, max_size=3),
            weekdays=st.frozensets(st.integers(1, 7), max_size=3),
            earliest=st.none() | nearby,
            latest=st.none() | nearby,
            after=st.none() | clock,
            before=st.none() | clock,
            at=st.none() | clock,
            asap=st.booleans(),
        )
        | st.sampled_from([Preference(), Preference(asap=True)])
    )
    duration = draw(st.none() | st.sampled_from([5, 30, 60, 90, 240]).map(_minutes))
    count = draw(st.integers(1, 8))
    return schedule, busy, preference, now, count, duration


def _minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def check_slot(
    slot: Slot,
    schedule: Schedule,
    busy: list[Interval],
    preference: Preference,
    now: datetime,
    length: timedelta,
) -> None:
    start, day = slot.start, slot.start.date()
    assert start.tzinfo is PARIS
    assert utc(start).astimezone(PARIS).replace(fold=0) == start.replace(fold=0), "imaginary"
    assert utc(slot.end) - utc(start) == length
    assert day not in schedule.closed_dates
    assert utc(start) >= utc(now) + timedelta(minutes=schedule.min_notice_minutes)
    assert day <= now.astimezone(PARIS).date() + timedelta(days=schedule.horizon_days)
    assert preference.accepts(start)
    assert not any(overlaps(Interval(slot.start, slot.end), taken) for taken in busy)
    assert any(
        opens <= start.time()
        and utc(slot.end) <= utc(datetime.combine(day, closes, tzinfo=PARIS))
        and _wall_minutes(start.time(), opens) % schedule.slot_minutes == 0
        for opens, closes in schedule.opening.get(day.isoweekday(), ())
    ), "outside opening hours or off the grid"


def _wall_minutes(moment: time, since: time) -> int:
    return (moment.hour - since.hour) * 60 + moment.minute - since.minute


NIGHT = Schedule(
    tz=PARIS,
    slot_minutes=30,
    min_notice_minutes=0,
    horizon_days=3,
    opening={7: ((time(1), time(4)),)},
)


@settings(max_examples=250, deadline=None)
@given(case=cases())
@example(case=(NIGHT, [], Preference(asap=True), datetime(2027, 3, 27, 12, tzinfo=PARIS), 8, None))
@example(case=(NIGHT, [], Preference(asap=True), datetime(2027, 10, 30, 12, tzinfo=PARIS), 8, None))
def test_every_slot_is_open_free_on_notice_within_horizon_and_of_the_right_length(case) -> None:
    schedule, busy, preference, now, count, duration = case
    slots = find_slots(
        schedule=schedule,
        busy=busy,
        preference=preference,
        now=now,
        count=count,
        duration=duration,
    )
    assert len(slots) <= count
    assert [utc(s.start) for s in slots] == sorted({utc(s.start) for s in slots})
    length = duration or timedelta(minutes=schedule.slot_minutes)
    for slot in slots:
        check_slot(slot, schedule, busy, preference, now, length)


@settings(max_examples=60, deadline=None)
@given(case=cases(), more=st.integers(1, 5))
def test_asap_slots_are_the_earliest_ones(case, more: int) -> None:
    """Asking for more slots as soon as possible only adds later ones."""
    schedule, busy, preference, now, count, duration = case
    asap = Preference(asap=True)
    kwargs = {"schedule": schedule, "busy": busy, "preference": asap, "now": now}
    few = find_slots(count=count, duration=duration, **kwargs)
    many = find_slots(count=count + more, duration=duration, **kwargs)
    assert many[: len(few)] == few
    assert len(few) == count or few == many
