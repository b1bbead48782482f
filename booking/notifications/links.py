"""The self-service link of an appointment: signed, unguessable, following the appointment.

The token names the appointment by its random public id, signed with SECRET_KEY (its own
salt: a calendar-file token opens no page). A moved appointment's link leads to where it was
moved; the page refuses it once the appointment is over.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from booking.models import Appointment

SALT = "booking.notifications.manage"
# A move leaves a chain of appointments; the link follows it to the one that stands.
MAX_MOVES = 20


def manage_token(appointment: Appointment) -> str:
    return signing.Signer(salt=SALT).sign(str(appointment.public_id))


def manage_url(appointment: Appointment) -> str:
    path = reverse("appointment-manage", kwargs={"token": manage_token(appointment)})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def appointment_from_manage_token(token: str) -> Appointment | None:
    """The appointment a token names, followed to where it was moved; None if forged."""
    try:
        public_id = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    rows = Appointment.objects.select_related("business", "practitioner")
    appointment = rows.filter(public_id=public_id).first()
    for _ in range(MAX_MOVES):
        if appointment is None or appointment.moved_to_id is None:
            break
        appointment = rows.get(pk=appointment.moved_to_id)
    return appointment
