"""When the reminders of an appointment go out (pure: plain values in, times out).

A reminder is due its distance before the appointment. One that would fall in the business's
quiet hours (its clock, e.g. 20:30 → 08:00) goes out earlier, at the last moment before they
began: « 2 h before » a 09:00 appointment is sent at 20:29 the evening before, never at 07:00.
One already past when the appointment is booked (booked inside that window) is not sent, and
two that end up at the same moment are one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Quiet:
    """Hours without messages on the business's clock; start after end spans midnight."""

    start: time
    end: time

    def contains(self, local: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


# The last moment before quiet hours begin: a minute ahead of them.
BEFORE_QUIET = timedelta(minutes=1)


def outside_quiet(moment: datetime, quiet: Quiet, tz: ZoneInfo) -> datetime:
    """The moment itself, or (inside quiet hours) the last minute before they began."""
    local = moment.astimezone(tz)
    if not quiet.contains(local.time()):
        return moment
    day = local.date()
    if quiet.start > quiet.end and local.time() < quiet.end:
        day -= timedelta(days=1)  # after midnight: the quiet hours began the evening before
    began = datetime.combine(day, quiet.start, tzinfo=tz)
    return (began - BEFORE_QUIET).astimezone(moment.tzinfo)


def reminder_times(
    *,
    start: datetime,
    booked_at: datetime,
    offsets_minutes: Iterable[int],
    quiet: Quiet,
    tz: ZoneInfo,
) -> list[tuple[int, datetime]]:
    """(distance in minutes, when to send) for each reminder still worth sending, soonest
    first; none due before the booking itself."""
    planned: dict[datetime, int] = {}
    for offset in sorted(set(offsets_minutes), reverse=True):
        if offset <= 0:
            continue
        # Real time before it, whatever the zone `start` is written in (a change of time
        # between them shifts the wall clock, not the distance).
        due = outside_quiet(start.astimezone(UTC) - timedelta(minutes=offset), quiet, tz)
        if due <= booked_at or due >= start:
            continue
        planned.setdefault(due, offset)
    return sorted(((offset, due) for due, offset in planned.items()), key=lambda pair: pair[1])


def parse_hours(text: str) -> list[int]:
    """« 48,2 » → [2880, 120] minutes; what is not a whole number of hours is left out."""
    return [int(part) * 60 for part in text.split(",") if part.strip().isdigit() and int(part) > 0]


def after_quiet(moment: datetime, quiet: Quiet, tz: ZoneInfo) -> datetime:
    """The moment itself, or (inside quiet hours) the moment they end."""
    local = moment.astimezone(tz)
    if not quiet.contains(local.time()):
        return moment
    day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        day += timedelta(days=1)  # in the evening: they end the next morning
    return datetime.combine(day, quiet.end, tzinfo=tz).astimezone(moment.tzinfo)


def text_confirmation_time(
    *, now: datetime, start: datetime, quiet: Quiet, tz: ZoneInfo
) -> datetime:
    """A text message confirming a change made at night waits for the morning, unless the
    appointment comes first (then it goes now: it is the last chance to say it)."""
    later = after_quiet(now, quiet, tz)
    return later if later < start else now
