"""The database as calendar: nothing to copy, busy times are our own appointments."""

from __future__ import annotations

from datetime import datetime

from booking.calendars.base import CalendarBackend
from booking.models import Appointment, Business
from booking.selectors import busy_intervals
from booking.slots import Interval


class DatabaseCalendar(CalendarBackend):
    name = "database"

    def busy(self, business: Business, start: datetime, end: datetime) -> list[Interval]:
        return busy_intervals(business=business, start=start, end=end)

    def push(self, appointment: Appointment) -> str:
        return f"db-{appointment.pk}"

    def remove(self, appointment: Appointment) -> None:
        return None
