"""Booking, cancelling and moving appointments: the only writers of ``Appointment``.

Which times are free, and the slots held while a caller chooses, are `booking.availability`."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from booking.availability import holds_release
from booking.calendars import calendar_account, event_id_for
from booking.models import Appointment, BookedCell, Business, Practitioner
from booking.notifications.outbox import (
    notifications_booked,
    notifications_cancelled,
    notifications_moved,
)
from booking.notifications.services import notifications_forget
from booking.sync import change_recorded
from receptionist.lib.errors import DomainError

logger = logging.getLogger(__name__)


class SlotTaken(DomainError):
    """Another appointment holds part of this time (the database refused it)."""

    code, status, message = "slot_taken", 409, "This time is no longer free."


class CancelTooLate(DomainError):
    """The appointment starts within the business's cancellation notice."""

    code, status, message = "cancel_too_late", 409, "Within the cancellation notice."


class AppointmentNotFound(DomainError):
    code, status, message = "appointment_not_found", 404, "Unknown appointment."


def practitioner_implicit(business: Business) -> Practitioner:
    """The business's own agenda, for a business whose profile names no practitioner."""
    agenda, _ = Practitioner.objects.get_or_create(
        business=business,
        implicit=True,
        defaults={"key": Practitioner.IMPLICIT_KEY, "name": business.name or "Agenda"},
    )
    return agenda


def practitioner_default(business: Business, start: datetime, end: datetime) -> Practitioner:
    """Whose agenda a booking that names none goes to: with practitioners, the first active one
    free then (or the first, and the database says whether the time is free); else the
    business's own agenda."""
    named = list(Practitioner.objects.filter(business=business, active=True, implicit=False))
    if not named:
        return practitioner_implicit(business)
    taken = set(
        BookedCell.objects.filter(
            practitioner__in=named, start__gte=start, start__lt=end
        ).values_list("practitioner_id", flat=True)
    )
    return next((p for p in named if p.pk not in taken), named[0])


def _cells(appointment: Appointment) -> list[BookedCell]:
    step = timedelta(minutes=BookedCell.MINUTES)
    cells, moment = [], appointment.start
    while moment < appointment.end:
        cells.append(
            BookedCell(
                business_id=appointment.business_id,
                practitioner_id=appointment.practitioner_id,
                appointment=appointment,
                start=moment,
            )
        )
        moment += step
    return cells


def _save_with_cells(appointment: Appointment) -> Appointment:
    """Insert the appointment and the cells it holds; any overlap becomes SlotTaken.

    An appointment whose booking key was already used is not booked again: the earlier one
    is returned (a retried turn or tool call).
    """
    try:
        with transaction.atomic():
            appointment.save()
            BookedCell.objects.bulk_create(_cells(appointment))
    except IntegrityError:
        if appointment.booking_key:
            earlier = Appointment.objects.filter(booking_key=appointment.booking_key).first()
            if earlier is not None:
                return earlier
        raise SlotTaken(appointment.start.isoformat()) from None
    return appointment


@transaction.atomic
def appointment_book(
    *,
    business: Business,
    start: datetime,
    end: datetime,
    name: str,
    phone: str = "",
    email: str = "",
    motif: str = "",
    channel: str = Appointment.Channel.WEB,
    conversation_key: str = "",
    booking_key: str | None = None,
    practitioner: Practitioner | None = None,
) -> Appointment:
    """Book a slot on a practitioner's agenda (by default: see `practitioner_default`);
    `booking_key` makes a retry return the same appointment. Its calendar change and its
    confirmation and reminders are written in the same transaction."""
    appointment = Appointment(
        business=business,
        practitioner=practitioner or practitioner_default(business, start, end),
        start=start,
        end=end,
        name=name,
        phone=phone,
        email=email,
        motif=motif,
        channel=channel,
        conversation_key=conversation_key,
        booking_key=booking_key,
    )
    saved = _save_with_cells(appointment)
    if saved is appointment:
        change_recorded(appointment)
        notifications_booked(appointment, now=timezone.now())
        holds_release(holder=conversation_key)
    return saved


def _locked(business: Business, appointment_id: int) -> Appointment:
    try:
        return Appointment.objects.select_for_update().get(
            pk=appointment_id, business=business, status=Appointment.Status.CONFIRMED
        )
    except Appointment.DoesNotExist:
        raise AppointmentNotFound(appointment_id) from None


def within_cancel_notice(business: Business, start: datetime, now: datetime) -> bool:
    """Whether an appointment starting at `start` is too close for the agent to change it."""
    notice = business.cancel_notice_hours
    return notice is not None and notice > 0 and start - now < timedelta(hours=notice)


@transaction.atomic
def appointment_cancel(
    *, business: Business, appointment_id: int, now: datetime, enforce_notice: bool = True
) -> Appointment:
    appointment = _locked(business, appointment_id)
    if enforce_notice and within_cancel_notice(business, appointment.start, now):
        raise CancelTooLate(appointment_id)
    appointment.status = Appointment.Status.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.save(update_fields=["status", "cancelled_at", "updated_at"])
    appointment.cells.all().delete()
    change_recorded(appointment)
    notifications_cancelled(appointment, now=timezone.now())
    return appointment


@transaction.atomic
def appointment_move(
    *,
    business: Business,
    appointment_id: int,
    start: datetime,
    end: datetime,
    channel: str = Appointment.Channel.WEB,
    conversation_key: str = "",
    booking_key: str | None = None,
    now: datetime | None = None,
    practitioner: Practitioner | None = None,
) -> Appointment:
    """Book the new time and release the old one, both or neither; the practitioner stays
    the same unless another is given.

    With `now`, the cancellation notice applies: an appointment too close cannot be moved
    by the agent (CancelTooLate).
    """
    if booking_key:
        earlier = Appointment.objects.filter(booking_key=booking_key).first()
        if earlier is not None:
            return earlier
    old = _locked(business, appointment_id)
    if now is not None and within_cancel_notice(business, old.start, now):
        raise CancelTooLate(appointment_id)
    old.cells.all().delete()
    old.status = Appointment.Status.MOVED
    old.save(update_fields=["status", "updated_at"])
    new = Appointment(
        business=business,
        practitioner_id=practitioner.pk if practitioner else old.practitioner_id,
        start=start,
        end=end,
        name=old.name,
        phone=old.phone,
        email=old.email,
        motif=old.motif,
        channel=channel,
        conversation_key=conversation_key or old.conversation_key,
        booking_key=booking_key,
        # The calendar event follows the appointment to its new time (and calendar).
        calendar_event_id=(old.calendar_event_id or event_id_for(old))
        if calendar_account()
        else "",
        calendar_ref=old.calendar_ref,
    )
    _save_with_cells(new)
    old.moved_to = new
    old.calendar_event_id = old.calendar_ref = ""
    old.save(update_fields=["moved_to", "calendar_event_id", "calendar_ref", "updated_at"])
    change_recorded(old, new)
    notifications_moved(old, new, now=timezone.now())
    holds_release(holder=conversation_key)
    return new


@transaction.atomic
def practitioner_calendar_changed(*, practitioner: Practitioner, now: datetime) -> int:
    """The practitioner was given another calendar (or none): the events of its coming
    appointments move there from where they were. Returns how many appointments."""
    coming = list(
        Appointment.objects.select_related("practitioner").filter(
            practitioner=practitioner, status=Appointment.Status.CONFIRMED, end__gt=now
        )
    )
    change_recorded(*coming)
    return len(coming)


class AttendanceTooEarly(DomainError):
    """Arrival is marked from the appointment's day on, absence once it has started."""

    code, status, message = "attendance_too_early", 409, "The appointment has not started yet."


@transaction.atomic
def appointment_mark_attendance(
    *, business: Business, appointment_id: int, attendance: str, now: datetime
) -> Appointment:
    """The front desk says the person came (« arrived »), did not (« no_show »), or clears it."""
    appointment = _locked(business, appointment_id)
    tz = business.zone
    if attendance == Appointment.Attendance.ARRIVED and (
        now.astimezone(tz).date() < appointment.start.astimezone(tz).date()
    ):
        raise AttendanceTooEarly(appointment_id)
    if attendance == Appointment.Attendance.NO_SHOW and now < appointment.start:
        raise AttendanceTooEarly(appointment_id)
    appointment.attendance = Appointment.Attendance(attendance)
    appointment.save(update_fields=["attendance", "updated_at"])
    return appointment


@transaction.atomic
def appointment_update_details(
    *, business: Business, appointment_id: int, name: str, phone: str, email: str, motif: str
) -> Appointment:
    """Staff correct who the appointment is for; the calendar event follows."""
    appointment = _locked(business, appointment_id)
    appointment.name, appointment.phone = name, phone
    appointment.email, appointment.motif = email, motif
    appointment.save(update_fields=["name", "phone", "email", "motif", "updated_at"])
    change_recorded(appointment)
    return appointment


# Stands in for the name of a person whose data was erased; the row stays for the agenda.
ANONYMOUS_NAME = "Anonyme"


@transaction.atomic
def appointment_anonymise(*, appointment_id: int) -> Appointment:
    """Forget who the appointment was for (name, contact, motif); its time and status stay.

    A confirmed appointment's calendar copy is rewritten too; cancelled ones are already gone
    from the calendar, and a moved one's event belongs to the appointment that replaced it.
    """
    appointment = Appointment.objects.select_for_update().get(pk=appointment_id)
    appointment.name, appointment.phone = ANONYMOUS_NAME, ""
    appointment.email, appointment.motif = "", ""
    appointment.save(update_fields=["name", "phone", "email", "motif", "updated_at"])
    if appointment.status == Appointment.Status.CONFIRMED:
        change_recorded(appointment)
    # Its messages keep only their date, channel and status.
    notifications_forget(appointment_ids=[appointment.pk])
    return appointment
