"""Free appointment slots: opening hours, minus what is booked, filtered by a preference.

Pure: the clock (``now``) and the busy intervals are passed in. Opening hours are local
wall-clock times; every comparison between instants is made in UTC, so the grid stays right
on daylight-saving Sundays.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import chain, islice
from operator import itemgetter
from zoneinfo import ZoneInfo

from booking.preferences import Preference


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    # The practitioner's key when several agendas were searched ("" for a single agenda).
    agenda: str = ""


@dataclass(frozen=True)
class Schedule:
    tz: ZoneInfo
    slot_minutes: int
    min_notice_minutes: int
    horizon_days: int
    # ISO weekday (Monday = 1) → local opening periods, e.g. ((9:00, 12:00), (14:00, 18:00)).
    opening: Mapping[int, tuple[tuple[time, time], ...]]
    closed_dates: frozenset[date] = frozenset()


def subtract(intervals: Sequence[Interval], removed: Sequence[Interval]) -> list[Interval]:
    """The parts of `intervals` that none of `removed` covers (in UTC).

    A shared calendar's busy blocks, less our own appointments, are the events put there by
    someone else: « 9:00–11:00 busy » less our 9:00–10:00 leaves 10:00–11:00. The removed
    intervals are merged first, so each interval only meets the few that overlap it.
    """
    cuts: list[tuple[datetime, datetime]] = []
    for cut_start, cut_end in sorted((_utc(r.start), _utc(r.end)) for r in removed):
        if cuts and cut_start <= cuts[-1][1]:
            cuts[-1] = (cuts[-1][0], max(cuts[-1][1], cut_end))
        else:
            cuts.append((cut_start, cut_end))
    ends = [cut_end for _, cut_end in cuts]
    kept: list[Interval] = []
    for interval in intervals:
        start, end = _utc(interval.start), _utc(interval.end)
        for cut_start, cut_end in cuts[bisect.bisect_right(ends, start) :]:
            if cut_start >= end:
                break
            if start < cut_start:
                kept.append(Interval(start, cut_start))
            start = max(start, cut_end)
        if start < end:
            kept.append(Interval(start, end))
    return kept


def overlaps(a: Interval, b: Interval) -> bool:
    """Half-open intervals: an appointment ending at 10:00 leaves 10:00 free."""
    return _utc(a.start) < _utc(b.end) and _utc(b.start) < _utc(a.end)


def _utc(moment: datetime) -> datetime:
    # Database values already come in UTC: skip the (costly) conversion.
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def _exists(local: datetime) -> bool:
    """False for wall-clock times skipped when clocks go forward (02:30 on a March Sunday)."""
    back = _utc(local).astimezone(local.tzinfo)
    return (back.date(), back.time()) == (local.date(), local.time())


@functools.lru_cache(maxsize=4096)
def _steady_day(day: date, tz: tzinfo) -> bool:
    """Whether the clocks keep one offset from midnight to the end of `day`."""
    first = datetime.combine(day, time(0), tzinfo=tz)
    last = datetime.combine(day, time(23, 59), tzinfo=tz)
    return first.utcoffset() == last.utcoffset() and _exists(first)


def _grid(day: date, opens: time, closes: time, schedule: Schedule) -> Iterator[datetime]:
    """Local starts every ``slot_minutes`` from the opening, stepping in wall-clock time."""
    start = datetime.combine(day, opens, tzinfo=schedule.tz)
    end = datetime.combine(day, closes, tzinfo=schedule.tz)
    step = timedelta(minutes=schedule.slot_minutes)
    # A day without a clock change needs no check that each wall-clock time exists. (Comparing
    # the period's bounds is not enough: times skipped in spring take the offset from before
    # the change, so a period ending or lying in the gap would look steady.)
    steady = _steady_day(day, schedule.tz)
    # Same tzinfo on both sides: Python compares wall-clock times, which is what a grid needs.
    while start < end:
        if steady or _exists(start):
            yield start
        start += step


class _Busy:
    """Busy intervals sorted by start, in UTC: « is [a, b) free? » by bisection."""

    def __init__(self, intervals: Sequence[Interval], after: datetime) -> None:
        # One pass, the past left out before sorting: this runs for every agenda of every
        # search, over thousands of intervals.
        spans = []
        longest = timedelta(0)
        for interval in intervals:
            start, end = interval.start, interval.end
            if end.tzinfo is not UTC:
                end = end.astimezone(UTC)
            if end <= after:
                continue
            if start.tzinfo is not UTC:
                start = start.astimezone(UTC)
            spans.append((start, end))
            if end - start > longest:
                longest = end - start
        spans.sort(key=itemgetter(0))
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.longest = longest

    def free(self, begin: datetime, end: datetime) -> bool:
        # Only intervals starting before `end`, and not longer ago than the longest one, can overlap.
        last = bisect.bisect_left(self.starts, end)
        first = bisect.bisect_left(self.starts, begin - self.longest, 0, last)
        return all(self.ends[k] <= begin for k in range(first, last))


@dataclass(frozen=True)
class _Search:
    schedule: Schedule
    busy: _Busy
    preference: Preference
    earliest: datetime
    duration: timedelta

    def day_slots(self, day: date) -> list[Slot]:
        if day in self.schedule.closed_dates or not self.preference.accepts_day(day):
            return []
        periods = self.schedule.opening.get(day.isoweekday(), ())
        return [
            slot
            for opens, closes in periods
            for start in _grid(day, opens, closes, self.schedule)
            if (slot := self.slot_at(start, closes)) is not None
        ]

    def slot_at(self, start: datetime, closes: time) -> Slot | None:
        begin, end = _utc(start), _utc(start) + self.duration
        period_end = datetime.combine(start.date(), closes, tzinfo=self.schedule.tz)
        if end > _utc(period_end) or begin < self.earliest:
            return None
        if not self.preference.accepts(start):
            return None
        if not self.busy.free(begin, end):
            return None
        return Slot(start=start, end=end.astimezone(self.schedule.tz))

    def days(self, today: date) -> Iterator[list[Slot]]:
        """The candidates of each open day, in order, skipping days with none."""
        for offset in range(self.schedule.horizon_days + 1):
            slots = self.day_slots(today + timedelta(days=offset))
            if slots:
                yield slots


def find_slots(
    *,
    schedule: Schedule,
    busy: Sequence[Interval],
    preference: Preference,
    now: datetime,
    count: int = 3,
    duration: timedelta | None = None,
) -> list[Slot]:
    """Up to ``count`` free slots honouring the preference, chronological, in ``schedule.tz``."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if count <= 0:
        return []
    earliest = _utc(now) + timedelta(minutes=schedule.min_notice_minutes)
    search = _Search(
        schedule=schedule,
        busy=_Busy(busy, after=earliest),
        preference=preference,
        earliest=earliest,
        duration=duration or timedelta(minutes=schedule.slot_minutes),
    )
    return _choose(search.days(now.astimezone(schedule.tz).date()), preference, count)


def _choose(days: Iterator[list[Slot]], preference: Preference, count: int) -> list[Slot]:
    """The slots to propose among each day's candidates, as the preference asks."""
    if preference.asap:
        chosen = list(islice(chain.from_iterable(days), count))
    elif preference.at is not None:
        chosen = _closest(days, count, preference.at)
    else:
        chosen = _spread(days, count, pinned=bool(preference.dates or preference.weekdays))
    return sorted(chosen, key=lambda slot: _utc(slot.start))


@dataclass(frozen=True)
class AgendaSearch:
    """One practitioner's agenda to search: its schedule, what is busy on it, how long the
    appointment lasts with it, and how loaded it already is (for a fair share)."""

    key: str
    schedule: Schedule
    busy: Sequence[Interval]
    duration: timedelta
    load: int = 0


def find_slots_among(
    *,
    agendas: Sequence[AgendaSearch],
    preference: Preference,
    now: datetime,
    count: int = 3,
) -> list[Slot]:
    """Up to ``count`` free slots over several agendas, each naming its practitioner.

    The candidates of a day are every start at which one of the agendas is free; where
    several are, the least loaded takes it, ties going to the first listed, so that bookings
    that name no one spread over the practitioners. Times are those of the first agenda's
    zone (one business, one zone).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if count <= 0 or not agendas:
        return []
    searches = []
    for order, agenda in enumerate(agendas):
        earliest = _utc(now) + timedelta(minutes=agenda.schedule.min_notice_minutes)
        search = _Search(
            schedule=agenda.schedule,
            busy=_Busy(agenda.busy, after=earliest),
            preference=preference,
            earliest=earliest,
            duration=agenda.duration,
        )
        searches.append((agenda.load, order, agenda.key, search))
    searches.sort(key=lambda row: (row[0], row[1]))
    tz = agendas[0].schedule.tz
    today = now.astimezone(tz).date()
    horizon = max(agenda.schedule.horizon_days for agenda in agendas)

    def days() -> Iterator[list[Slot]]:
        for offset in range(horizon + 1):
            day = today + timedelta(days=offset)
            if offset > 0 and all(offset > a.schedule.horizon_days for a in agendas):
                return
            taken: dict[datetime, Slot] = {}
            for _, _, key, search in searches:
                if offset > search.schedule.horizon_days:
                    continue
                for slot in search.day_slots(day):
                    begin = _utc(slot.start)
                    if begin not in taken:  # the least loaded free agenda already has it
                        taken[begin] = replace(slot, agenda=key)
            if taken:
                yield [taken[begin] for begin in sorted(taken)]

    return _choose(days(), preference, count)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


# « vers 17h » is 16h to 18h: a slot farther than this from the wished time is proposed only
# when the first open days have too few closer ones (a week: not three weeks out when
# tomorrow has 16h45 and 18h15).
AROUND_MINUTES = 60
AROUND_DAYS = 7


def _closest(days: Iterator[list[Slot]], count: int, at: time) -> list[Slot]:
    """The slots around the wished time, on the earliest of the first open days that have any;
    failing enough of them, the nearest ones of the earliest days."""

    def distance(slot: Slot) -> int:
        return abs(_minutes(slot.start.time()) - _minutes(at))

    around: list[Slot] = []
    seen: list[list[Slot]] = []
    for slots in islice(days, AROUND_DAYS):
        by_distance = sorted(slots, key=distance)
        seen.append(by_distance)
        around += [s for s in by_distance if distance(s) <= AROUND_MINUTES][: count - len(around)]
        if len(around) == count:
            return around
    chosen = list(around)
    for by_distance in seen:
        chosen += [s for s in by_distance if s not in chosen][: count - len(chosen)]
        if len(chosen) == count:
            break
    return chosen


def _evenly(slots: list[Slot], count: int) -> list[Slot]:
    """``count`` slots spread over the list, first and last included: 8h, 10h, 11h of 8h–11h."""
    if count >= len(slots):
        return slots
    if count == 1:
        return slots[:1]
    last, gaps = len(slots) - 1, count - 1
    return [slots[(i * last + gaps // 2) // gaps] for i in range(count)]


def _spread(days: Iterator[list[Slot]], count: int, *, pinned: bool) -> list[Slot]:
    first = next(days, None)
    if first is None:
        return []
    if pinned and len(first) >= count:
        return _evenly(first, count)
    open_days = [first, *islice(days, count - 1)]
    if len(open_days) == count:
        # One per day, the time of day moving later: the caller hears real alternatives.
        return [_evenly(slots, count)[min(i, len(slots) - 1)] for i, slots in enumerate(open_days)]
    return [
        slot
        for slots, n in zip(open_days, _quotas(open_days, count), strict=True)
        for slot in _evenly(slots, n)
    ]


def _quotas(open_days: list[list[Slot]], count: int) -> list[int]:
    """Share ``count`` slots round-robin between days, within what each day has."""
    quotas = [0] * len(open_days)
    while sum(quotas) < count:
        grew = False
        for i, slots in enumerate(open_days):
            if quotas[i] < len(slots) and sum(quotas) < count:
                quotas[i] += 1
                grew = True
        if not grew:
            break
    return quotas


def relaxations(preference: Preference) -> list[Preference]:
    """What to try, in order, when nothing matches.

    The same weekday of a later week (« mardi » is the coming Tuesday, and its weekday is
    kept), then any hour, then the same hours from the wished day on, then any day, then
    anything. Hours that refuse a part of the day (« pas le matin ») are never given up: the
    days go instead. An absence and refused weekdays are never given up.
    """
    kept = preference.weekdays if preference.refused_days else frozenset()
    candidates: list[Preference] = []
    if preference.weekdays and (preference.dates or preference.latest):
        candidates.append(replace(preference, dates=frozenset(), earliest=None, latest=None))
    if not preference.refused_hours:
        candidates.append(replace(preference, after=None, before=None, at=None))
    first_wished = min(preference.dates) if preference.dates else preference.earliest
    if first_wished and (preference.dates or preference.latest):
        candidates.append(
            replace(
                preference,
                dates=frozenset(),
                weekdays=kept,
                earliest=first_wished,
                latest=None,
            )
        )
    candidates.append(
        replace(preference, dates=frozenset(), weekdays=kept, earliest=None, latest=None)
    )
    if not preference.refused_hours:
        # an absence, or a refused weekday, is never relaxed: the caller is not there
        candidates.append(
            Preference(away=preference.away, weekdays=kept, refused_days=preference.refused_days)
        )
    fallbacks: list[Preference] = []
    for candidate in candidates:
        if candidate != preference and candidate not in fallbacks:
            fallbacks.append(candidate)
    return fallbacks
