"""One day of the agenda as a front desk reads it: the opening grid, and who is in each slot.

Pure: the opening periods, the slot length and the day's appointments are passed in. Times are
shown in the business's wall-clock time; comparisons between instants are made on aware
datetimes, so the grid stays right on daylight-saving Sundays.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo


class Booked(Protocol):
    start: datetime
    end: datetime


A = TypeVar("A", bound=Booked)
# What a row or a day holds; unbounded, so that annotations such as DayAgenda[Appointment] are
# not checked against Booked before mypy has inferred the model's fields (django-stubs#651).
H = TypeVar("H")


@dataclass(frozen=True)
class AgendaRow(Generic[H]):
    start: datetime
    end: datetime
    # The appointments overlapping this slot (more than one only if staff overbooked by hand
    # before the rule existed, or the slot length changed since).
    appointments: tuple[H, ...] = ()
    # Those already shown in an earlier row: an appointment longer than one slot is listed
    # once, in its first row, and the rows after it say it goes on.
    continued: tuple[H, ...] = ()

    @property
    def free(self) -> bool:
        return not self.appointments

    @property
    def starting(self) -> tuple[H, ...]:
        return tuple(a for a in self.appointments if a not in self.continued)


@dataclass(frozen=True)
class DayAgenda(Generic[H]):
    day: date
    closed: bool
    rows: tuple[AgendaRow[H], ...]
    # Appointments of the day that fall outside every opening period.
    outside: tuple[H, ...] = field(default=())

    @property
    def booked_count(self) -> int:
        """Slots taken, whatever the number of appointments in them."""
        return sum(1 for row in self.rows if not row.free)

    @property
    def appointment_count(self) -> int:
        """Appointments of the day, each counted once however many slots it lasts."""
        return sum(len(row.starting) for row in self.rows) + len(self.outside)


def _grid(day: date, opens: time, closes: time, minutes: int, tz: ZoneInfo) -> list[datetime]:
    starts, moment = [], datetime.combine(day, opens, tzinfo=tz)
    end = datetime.combine(day, closes, tzinfo=tz)
    step = timedelta(minutes=minutes)
    while moment + step <= end:
        starts.append(moment)
        moment += step
    return starts


def day_agenda(
    *,
    day: date,
    tz: ZoneInfo,
    slot_minutes: int,
    periods: Sequence[tuple[time, time]],
    closed: bool,
    appointments: Sequence[A],
) -> DayAgenda[A]:
    """The day's slots, each with the appointments overlapping it, in time order."""
    step = timedelta(minutes=slot_minutes)
    rows: list[AgendaRow[A]] = []
    placed: set[int] = set()
    if not closed:
        for opens, closes in sorted(periods):
            for start in _grid(day, opens, closes, slot_minutes, tz):
                end = start + step
                here = tuple(
                    appointment
                    for appointment in appointments
                    if appointment.start < end and start < appointment.end
                )
                earlier = tuple(a for a in here if id(a) in placed)
                placed.update(id(appointment) for appointment in here)
                rows.append(AgendaRow(start=start, end=end, appointments=here, continued=earlier))
    outside = tuple(a for a in appointments if id(a) not in placed)
    return DayAgenda(day=day, closed=closed, rows=tuple(rows), outside=outside)


# The week as a calendar grid: each day a column, each appointment a block placed by its
# wall-clock time and sized by its duration; free slots of the opening hours as cells to book.


@dataclass(frozen=True)
class Block(Generic[H]):
    """An appointment placed in its day's column, in percent of the column's height."""

    item: H
    top: float
    height: float
    # Side by side when appointments overlap (staff overbooking, an older slot length).
    lane: int = 0
    lanes: int = 1

    @property
    def left(self) -> float:
        return 100 * self.lane / self.lanes

    @property
    def width(self) -> float:
        return 100 / self.lanes


@dataclass(frozen=True)
class FreeCell:
    start: datetime
    end: datetime
    top: float
    height: float


@dataclass(frozen=True)
class WeekDay(Generic[H]):
    day: date
    closed: bool  # an exceptional closure
    opening: tuple[tuple[float, float], ...]  # the opening periods, as (top, height) bands
    blocks: tuple[Block[H], ...]
    free: tuple[FreeCell, ...]

    @property
    def count(self) -> int:
        return len(self.blocks)


@dataclass(frozen=True)
class WeekAgenda(Generic[H]):
    days: tuple[WeekDay[H], ...]
    first_hour: int
    last_hour: int  # exclusive: the axis ends at last_hour:00

    @property
    def hours(self) -> tuple[tuple[int, float], ...]:
        """Each hour of the axis with its position (percent from the top)."""
        span = self.last_hour - self.first_hour
        return tuple(
            (hour, 100 * (hour - self.first_hour) / span)
            for hour in range(self.first_hour, self.last_hour)
        )

    @property
    def count(self) -> int:
        return sum(day.count for day in self.days)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _lanes(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(lane, lanes) for each span, in the input order (sorted by start): overlapping spans
    share their group's width, each in the first lane free when it starts."""
    placed: list[tuple[int, int]] = []
    group: list[int] = []  # indexes of the current group of overlapping spans
    lane_ends: list[int] = []
    group_end = -1

    def close_group() -> None:
        for index in group:
            placed[index] = (placed[index][0], len(lane_ends))

    for index, (start, end) in enumerate(spans):
        if start >= group_end and group:
            close_group()
            group, lane_ends = [], []
        lane = next((i for i, lane_end in enumerate(lane_ends) if lane_end <= start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        placed.append((lane, 1))
        group.append(index)
        group_end = max(group_end, end)
    close_group()
    return placed


def _overlaps(
    taken: list[tuple[datetime, datetime]], ends: list[datetime], start: datetime, end: datetime
) -> bool:
    """Whether [start, end) meets one of the `taken` intervals (sorted by start; `ends` are
    their ends, sorted): some interval starts before `end` and not all have ended by `start`."""
    begun = bisect_left(taken, (end,))  # intervals starting before `end`
    over = bisect_right(ends, start)  # intervals ended by `start` (all started before it)
    return begun > over


def week_agenda(
    *,
    monday: date,
    tz: ZoneInfo,
    slot_minutes: int,
    periods: Mapping[int, Sequence[tuple[time, time]]],
    closures: set[date],
    appointments: Sequence[A],
    now: datetime,
    days: int = 7,
) -> WeekAgenda[A]:
    """The week from `monday`: blocks for the appointments, cells for the free future slots.

    `periods` maps ISO weekdays (1 = Monday) to opening periods. The axis runs from the hour
    of the earliest opening (or appointment) to the hour after the latest closing.
    """
    dates = [monday + timedelta(days=offset) for offset in range(days)]
    local = [(a, a.start.astimezone(tz), a.end.astimezone(tz)) for a in appointments]
    starts = [_minutes(opens) for day in dates for opens, _ in periods.get(day.isoweekday(), ())]
    ends = [_minutes(closes) for day in dates for _, closes in periods.get(day.isoweekday(), ())]
    for _, start, end in local:
        starts.append(_minutes(start.time()))
        # An appointment running past midnight is cut at the end of its day.
        ends.append(_minutes(end.time()) if end.date() == start.date() else 24 * 60)
    first_hour = min(starts, default=8 * 60) // 60
    last_hour = min(24, -(-max(ends, default=19 * 60) // 60))
    last_hour = max(last_hour, first_hour + 1)
    axis_start, axis_length = first_hour * 60, (last_hour - first_hour) * 60

    def band(start_minute: int, end_minute: int) -> tuple[float, float]:
        top = 100 * (start_minute - axis_start) / axis_length
        return top, 100 * (end_minute - start_minute) / axis_length

    week: list[WeekDay[A]] = []
    for day in dates:
        todays = sorted(
            ((a, start, end) for a, start, end in local if start.date() == day),
            key=lambda row: (row[1], row[2]),
        )
        spans = [
            (_minutes(start.time()), _minutes(end.time()) if end.date() == day else 24 * 60)
            for _, start, end in todays
        ]
        lanes = _lanes(spans)
        blocks = tuple(
            Block(a, *band(*span), lane=lane, lanes=count)
            for (a, _, _), span, (lane, count) in zip(todays, spans, lanes, strict=True)
        )
        closed = day in closures
        day_periods = () if closed else tuple(sorted(periods.get(day.isoweekday(), ())))
        free: list[FreeCell] = []
        # One sweep: the day's cells and its appointments (by end) both run forward in time.
        taken = sorted((a.start, a.end) for a, _, _ in todays)
        taken_ends = sorted(end for _, end in taken)
        for opens, closes in day_periods:
            for start in _grid(day, opens, closes, slot_minutes, tz):
                end = start + timedelta(minutes=slot_minutes)
                if start < now or _overlaps(taken, taken_ends, start, end):
                    continue
                free.append(
                    FreeCell(start, end, *band(_minutes(start.time()), _minutes(end.time())))
                )
        opening = tuple(band(_minutes(opens), _minutes(closes)) for opens, closes in day_periods)
        week.append(WeekDay(day, closed, opening, blocks, tuple(free)))
    return WeekAgenda(tuple(week), first_hour, last_hour)
