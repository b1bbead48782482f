"""The calendar-backend interface: where busy times come from and where appointments are copied.

The database is the source of truth; a backend is a copy (Google Calendar, CalDAV) or the
database itself. Errors carry a ``permanent`` flag: a permanent one (bad credentials) marks the
calendar unhealthy, a transient one is retried later.
"""

from __future__ import annotations

from datetime import datetime

from booking.models import Appointment, Business
from booking.slots import Interval


class CalendarError(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class CalendarBackend:
    name = "base"

    def busy(self, business: Business, start: datetime, end: datetime) -> list[Interval]:
        """Busy intervals between start and end, beyond our own confirmed appointments."""
        raise NotImplementedError

    def push(self, appointment: Appointment) -> str:
        """Create or update the appointment's copy; returns the remote event id."""
        raise NotImplementedError

    def remove(self, appointment: Appointment) -> None:
        """Delete the appointment's copy (already gone counts as done)."""
        raise NotImplementedError
