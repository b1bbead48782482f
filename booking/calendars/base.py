"""The calendar-backend interface: where busy times come from and where appointments are copied.

The database is the source of truth; a backend is a copy (Google Calendar) or the database
itself. Errors carry a ``permanent`` flag: a permanent one (bad credentials, no access) marks
the calendar unhealthy; a transient one (timeout, 429, 5xx) is retried later.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from booking.models import Appointment, Business
from booking.slots import Interval


class CalendarError(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def event_id_for(appointment: Appointment) -> str:
    """A stable event id for an appointment, valid for Google (base32hex, 5–1024 characters)."""
    seed = (
        f"{appointment.pk}:{appointment.created_at.isoformat() if appointment.created_at else ''}"
    )
    return "rdv" + hashlib.sha256(seed.encode()).hexdigest()[:29]


def event_description(appointment: Appointment) -> str:
    """The event's text: the motif, who it is with (a named practitioner), the contact."""
    practitioner = appointment.practitioner if appointment.practitioner_id else None
    who = f"avec {practitioner.name}" if practitioner and not practitioner.implicit else ""
    lines = (appointment.motif, who, appointment.phone, appointment.email)
    return "\n".join(line for line in lines if line)


class CalendarBackend:
    name = "base"
    remote = True
    # Under which key its health is kept (/health, the admin): the business's calendar is
    # known by the backend's name, another calendar by the name and a digest of its id.
    health_key = ""

    @property
    def health(self) -> str:
        return self.health_key or self.name

    def busy(self, business: Business, start: datetime, end: datetime) -> list[Interval]:
        """Busy intervals between start and end, as the calendar sees them."""
        raise NotImplementedError

    def push(self, appointment: Appointment, event_id: str) -> None:
        """Create or update the event `event_id` so that it shows the appointment."""
        raise NotImplementedError

    def remove(self, event_id: str) -> None:
        """Delete the event (already gone counts as done)."""
        raise NotImplementedError

    def unsure(self) -> bool:
        """Whether a request of this thread's last push or remove timed out: it may still be
        carried out later, over a newer write, so the push is checked again later."""
        return False
