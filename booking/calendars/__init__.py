"""Calendar backends, chosen by settings (the database unless a remote calendar is configured)."""

from __future__ import annotations

from functools import lru_cache

from booking.calendars.base import CalendarBackend, CalendarError


@lru_cache(maxsize=1)
def calendar_backend() -> CalendarBackend:
    from booking.calendars.db import DatabaseCalendar

    return DatabaseCalendar()


__all__ = ["CalendarBackend", "CalendarError", "calendar_backend"]
