"""Rows of the outbox, written inside the transaction that books, moves or cancels.

What goes: a confirmation of each change (by e-mail when the appointment has an address, by
SMS when it has a mobile number that did not opt out), and reminders before a confirmed
appointment at the business's times. A move or a cancellation withdraws what was still to
be sent about the appointment it replaces (its reminders above all), in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from booking.models import Appointment
from booking.notifications.models import Notification, SmsSuppression
from booking.notifications.planning import reminder_times, text_confirmation_time
from booking.notifications.policy import Policy, business_policy
from receptionist.lib.phones import is_mobile, phone_e164


def texts_allowed(phone: str) -> bool:
    """A mobile number that did not ask for no more SMS, with an SMS backend configured."""
    number = phone_e164(phone)
    return (
        bool(settings.SMS_BACKEND)
        and number is not None
        and is_mobile(number)
        and not SmsSuppression.objects.filter(phone=number).exists()
    )


def _media(appointment: Appointment, policy: Policy) -> list[str]:
    media: list[str] = []
    if policy.email and appointment.email:
        media.append(Notification.Medium.EMAIL)
    if policy.sms and appointment.phone and texts_allowed(appointment.phone):
        media.append(Notification.Medium.SMS)
    return media


def _plan(appointment: Appointment, kind: str, now: datetime) -> list[Notification]:
    policy = business_policy(appointment.business)
    tz = appointment.business.zone
    rows = []
    for medium in _media(appointment, policy):
        due = now
        if medium == Notification.Medium.SMS:
            due = text_confirmation_time(
                now=now, start=appointment.start, quiet=policy.quiet, tz=tz
            )
        rows.append(_row(appointment, kind, medium, due))
        if kind == Notification.Kind.CANCELLED:
            continue
        for offset, when in reminder_times(
            start=appointment.start,
            booked_at=now,
            offsets_minutes=policy.reminder_minutes,
            quiet=policy.quiet,
            tz=tz,
        ):
            rows.append(_row(appointment, Notification.Kind.REMINDER, medium, when, offset))
    return rows


def _row(
    appointment: Appointment, kind: str, medium: str, due: datetime, offset: int = 0
) -> Notification:
    return Notification(
        business_id=appointment.business_id,
        appointment=appointment,
        kind=kind,
        medium=medium,
        offset_minutes=offset,
        due_at=due,
        next_attempt_at=due,
    )


def _withdraw(appointment: Appointment) -> None:
    Notification.objects.filter(appointment=appointment, status=Notification.Status.PENDING).update(
        status=Notification.Status.WITHDRAWN
    )


def notifications_booked(appointment: Appointment, *, now: datetime) -> None:
    """A new appointment: its confirmation and reminders (none for one already begun)."""
    if appointment.start <= now:
        return
    Notification.objects.bulk_create(
        _plan(appointment, Notification.Kind.BOOKED, now), ignore_conflicts=True
    )


def notifications_moved(old: Appointment, new: Appointment, *, now: datetime) -> None:
    """The old time's reminders withdrawn; the new time confirmed and reminded."""
    _withdraw(old)
    if new.start <= now:
        return
    Notification.objects.bulk_create(
        _plan(new, Notification.Kind.MOVED, now), ignore_conflicts=True
    )


def notifications_cancelled(appointment: Appointment, *, now: datetime) -> None:
    """What was still to be sent is withdrawn, and the cancellation confirmed."""
    _withdraw(appointment)
    if appointment.end <= now:
        return
    Notification.objects.bulk_create(
        _plan(appointment, Notification.Kind.CANCELLED, now), ignore_conflicts=True
    )
