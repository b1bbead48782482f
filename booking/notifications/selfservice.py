"""What a person can do through their link: confirm, cancel within the notice, or move.

The same booking services as every channel (notice, holds, the database's integrity); each
action is recorded (`SelfServiceAction`) for the admin and the report.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction

from booking.availability import holds_release, slot_starting_at, slots_propose
from booking.models import Appointment
from booking.notifications.models import SelfServiceAction, SmsSuppression
from booking.preferences import Preference
from booking.selectors import business_profile
from booking.services import appointment_cancel, appointment_move, within_cancel_notice
from booking.slots import Slot
from receptionist.lib.phones import phone_e164

# How many free times the page offers at once.
CHOICES = 8


def holder_of(appointment: Appointment) -> str:
    """The hold key of the link's visitor (slots shown are kept for them a few minutes)."""
    return f"link:{appointment.public_id.hex[:16]}"


def changeable(appointment: Appointment, now: datetime) -> bool:
    """Whether the link may still cancel or move it (confirmed, outside the notice)."""
    return appointment.status == Appointment.Status.CONFIRMED and not within_cancel_notice(
        appointment.business, appointment.start, now
    )


def attendance_confirm(appointment: Appointment) -> None:
    try:
        with transaction.atomic():
            SelfServiceAction.objects.create(
                appointment=appointment, action=SelfServiceAction.Action.CONFIRM
            )
    except IntegrityError:
        pass  # confirmed already


def cancel_by_link(appointment: Appointment, *, now: datetime) -> Appointment:
    """CancelTooLate within the notice (the page then says to call)."""
    with transaction.atomic():
        cancelled = appointment_cancel(
            business=appointment.business, appointment_id=appointment.pk, now=now
        )
        SelfServiceAction.objects.create(
            appointment=cancelled, action=SelfServiceAction.Action.CANCEL
        )
    return cancelled


def _minutes(appointment: Appointment) -> int:
    return int((appointment.end - appointment.start).total_seconds() // 60)


def move_choices(appointment: Appointment, *, now: datetime, from_day: date | None) -> list[Slot]:
    """Free times with the same practitioner for as long, held for the visitor a few minutes."""
    profile = business_profile()
    preference = Preference(earliest=from_day) if from_day else Preference()
    proposal = slots_propose(
        profile=profile,
        preference=preference,
        now=now,
        minutes=_minutes(appointment),
        count=CHOICES,
        holder=holder_of(appointment),
        motif=appointment.motif,
        practitioner=appointment.practitioner.key,
    )
    return [slot for slot in proposal.slots if slot.start != appointment.start]


def move_by_link(appointment: Appointment, *, start: datetime, now: datetime) -> Appointment | None:
    """Move to `start` if it is still free (None if not); CancelTooLate within the notice."""
    profile = business_profile()
    holder = holder_of(appointment)
    slot = slot_starting_at(
        profile=profile,
        start=start,
        minutes=_minutes(appointment),
        now=now,
        holder=holder,
        practitioner=appointment.practitioner.key,
    )
    if slot is None:
        return None
    with transaction.atomic():
        moved = appointment_move(
            business=appointment.business,
            appointment_id=appointment.pk,
            start=slot.start,
            end=slot.end,
            channel=Appointment.Channel.WEB,
            conversation_key=holder,
            now=now,
        )
        SelfServiceAction.objects.create(appointment=moved, action=SelfServiceAction.Action.MOVE)
    holds_release(holder=holder)
    return moved


def sms_opt_out(appointment: Appointment) -> None:
    """No more SMS to the appointment's number (kept in the suppression list)."""
    number = phone_e164(appointment.phone)
    if number:
        SmsSuppression.objects.get_or_create(
            phone=number, defaults={"source": SmsSuppression.Source.LINK}
        )
        SelfServiceAction.objects.create(
            appointment=appointment, action=SelfServiceAction.Action.OPT_OUT
        )
