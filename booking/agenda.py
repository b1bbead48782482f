"""One day of the agenda as a front desk reads it: the opening grid, and who is in each slot.

Pure: the opening periods, the slot length and the day's appointments are passed in. Times are
shown in the business's wall-clock time; comparisons between instants are made on aware
datetimes, so the grid stays right on daylight-saving Sundays.
"""

from __future__ import annotations

from collections.abc import Sequence
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
