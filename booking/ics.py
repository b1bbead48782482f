"""An appointment as a calendar file (RFC 5545), for « Ajouter à mon agenda ».

The file is reached through a signed token rather than the appointment's id: a link sent to
the visitor works, and no one can forge one for another appointment without the secret key.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.core import signing
from icalendar import Calendar, Event

from booking.models import Appointment

SALT = "booking.ics"
PRODUCT = "-//Receptionniste//Rendez-vous//FR"
# A move leaves a chain of appointments; the file follows it to the one that stands.
MAX_MOVES = 20


def calendar_token(appointment: Appointment) -> str:
    """The signed token of the appointment's calendar file."""
    return signing.Signer(salt=SALT).sign(str(appointment.public_id))


def appointment_from_token(token: str) -> Appointment | None:
    """The appointment a token names (followed to where it was moved), or None if forged."""
    try:
        public_id = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    appointment = Appointment.objects.select_related("business").filter(public_id=public_id).first()
    for _ in range(MAX_MOVES):
        if appointment is None or appointment.moved_to_id is None:
            break
        appointment = Appointment.objects.select_related("business").get(pk=appointment.moved_to_id)
    return appointment


# The event's title in the visitor's calendar.
SUMMARY = "Rendez-vous – {business}"


def event_origin(appointment: Appointment) -> tuple[Appointment, int]:
    """The first appointment of the moves that led to this one, and how many moves since."""
    moves = 0
    while moves < MAX_MOVES:
        earlier = Appointment.objects.filter(moved_to=appointment).first()
        if earlier is None:
            break
        appointment, moves = earlier, moves + 1
    return appointment, moves


def appointment_ics(appointment: Appointment, *, now: datetime, method: str = "PUBLISH") -> bytes:
    """The calendar file: one event at the appointment's time, at the business's address.

    Its UID is the first appointment's of a chain of moves, and its SEQUENCE the number of
    moves: a calendar that holds the file of an earlier time updates that event rather than
    adding a second one. `method` « CANCEL » removes it there."""
    business = appointment.business
    origin, moves = event_origin(appointment)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{origin.public_id}@receptionist")
    event.add("sequence", moves)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", appointment.start.astimezone(UTC))
    event.add("dtend", appointment.end.astimezone(UTC))
    event.add("summary", SUMMARY.format(business=business.name))
    if business.address:
        event.add("location", business.address)
    if appointment.motif:
        event.add("description", appointment.motif)
    confirmed = appointment.status == Appointment.Status.CONFIRMED and method != "CANCEL"
    event.add("status", "CONFIRMED" if confirmed else "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()
