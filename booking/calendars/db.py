"""The database as calendar: nothing to copy, busy times are our own appointments."""

from __future__ import annotations

from datetime import datetime

from booking.calendars.base import CalendarBackend
from booking.models import Appointment, Business
from booking.slots import Interval


class DatabaseCalendar(CalendarBackend):
    name = "database"
    remote = False

    def busy(self, business: Business, start: datetime, end: datetime) -> list[Interval]:
        return []  # the database's own appointments are always counted

    def push(self, appointment: Appointment, event_id: str) -> None:
        return None

    def remove(self, event_id: str) -> None:
        return None
