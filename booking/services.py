"""Booking, cancelling and moving appointments: the only writers of ``Appointment``."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from booking.calendars import CalendarError, calendar_backend, event_id_for
from booking.models import Appointment, BookedCell, Business, SlotHold
from booking.preferences import Preference
from booking.selectors import BusinessProfile, busy_intervals
from booking.slots import Interval, Slot, find_slots, relaxations
from booking.sync import change_recorded, mark_calendar_unreadable, remote_calendar
from receptionist.lib.errors import DomainError
from receptionist.lib.text import fold

logger = logging.getLogger(__name__)


class SlotTaken(DomainError):
    """Another appointment holds part of this time (the database refused it)."""

    code, status, message = "slot_taken", 409, "This time is no longer free."


class CancelTooLate(DomainError):
    """The appointment starts within the business's cancellation notice."""

    code, status, message = "cancel_too_late", 409, "Within the cancellation notice."


class AppointmentNotFound(DomainError):
    code, status, message = "appointment_not_found", 404, "Unknown appointment."


@dataclass(frozen=True)
class Proposal:
    slots: list[Slot]
    relaxed: bool


def _cells(appointment: Appointment) -> list[BookedCell]:
    step = timedelta(minutes=BookedCell.MINUTES)
    cells, moment = [], appointment.start
    while moment < appointment.end:
        cells.append(
            BookedCell(business_id=appointment.business_id, appointment=appointment, start=moment)
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


def motif_minutes(*, profile: BusinessProfile, motif: str) -> int:
    """How long an appointment for `motif` lasts: the listed motif's duration, else one slot."""
    wanted = fold(motif)
    for name, minutes in profile.motifs:
        if fold(name) and fold(name) in wanted:
            return minutes
    return profile.schedule.slot_minutes


def _busy(business: Business, start: datetime, end: datetime, holder: str) -> list[Interval]:
    """Our confirmed appointments, the slots held for other conversations, and what the
    calendar backend says is busy (events staff put there directly)."""
    busy = busy_intervals(business=business, start=start, end=end)
    busy += [
        Interval(s, e)
        for s, e in SlotHold.objects.filter(business=business, expires_at__gt=start, start__lt=end)
        .exclude(holder=holder)
        .values_list("start", "end")
    ]
    backend = calendar_backend()
    if not backend.remote:
        return busy
    # A window on whole hours and days, so that successive turns share the cached answer.
    window_start = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    window_end = (end.astimezone(UTC) + timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    try:
        return busy + backend.busy(business, window_start, window_end)
    except CalendarError as exc:
        logger.warning("[CALENDAR] busy times unavailable (%s): slots from the database alone", exc)
        if exc.permanent:
            mark_calendar_unreadable(str(exc))
        return busy


def holds_release(*, holder: str) -> None:
    """The conversation no longer needs its proposed slots (booked, new proposal, transfer, end)."""
    if holder:
        SlotHold.objects.filter(holder=holder).delete()


def _hold(
    business: Business,
    slots: list[Slot],
    holder: str,
    now: datetime,
    neighbours: Collection[str] = (),
) -> None:
    """Hold the proposed slots for `holder`, in place of its earlier ones.

    `neighbours` are the client's other conversations: together they hold at most
    ``SLOT_HOLDS_PER_CLIENT`` slots, the oldest holds giving way (a visitor with many tabs,
    or a script opening conversations, cannot keep the agenda from everyone else).
    """
    holds_release(holder=holder)
    expires = now + timedelta(minutes=settings.SLOT_HOLD_MINUTES)
    SlotHold.objects.bulk_create(
        SlotHold(business=business, holder=holder, start=s.start, end=s.end, expires_at=expires)
        for s in slots
    )
    neighbours = [n for n in neighbours if n and n != holder]
    if not neighbours:
        return
    room = max(0, settings.SLOT_HOLDS_PER_CLIENT - len(slots))
    theirs = SlotHold.objects.filter(holder__in=neighbours, expires_at__gt=now)
    oldest = theirs.order_by("-expires_at", "-pk").values_list("pk", flat=True)[room:]
    SlotHold.objects.filter(pk__in=list(oldest)).delete()


def slot_starting_at(
    *, profile: BusinessProfile, start: datetime, minutes: int, now: datetime, holder: str = ""
) -> Slot | None:
    """The slot beginning exactly at `start`, if it is on the grid, open and free (for the
    database, the remote calendar and other conversations' holds alike); else None."""
    day = start.astimezone(profile.tz).date()
    day_start = datetime.combine(day, time.min, tzinfo=profile.tz)
    busy = _busy(profile.business, max(now, day_start), day_start + timedelta(days=2), holder)
    candidates = find_slots(
        schedule=profile.schedule,
        busy=busy,
        preference=Preference(dates=frozenset({day}), asap=True),
        now=now,
        count=10_000,
        duration=timedelta(minutes=minutes),
    )
    # Compare instants: across time zones `==` is False in the repeated autumn hour (PEP 495),
    # and within one zone it ignores `fold`.
    wanted = start.astimezone(UTC)
    return next((slot for slot in candidates if slot.start.astimezone(UTC) == wanted), None)


def slots_propose(
    *,
    profile: BusinessProfile,
    preference: Preference,
    now: datetime,
    minutes: int,
    count: int = 3,
    holder: str = "",
    neighbours: Collection[str] = (),
) -> Proposal:
    """Free slots honouring the preference, or the nearest ones when nothing matches.

    With a `holder` (a conversation), the slots proposed are held for it for a few minutes,
    and slots held for other conversations are skipped.
    """
    business, schedule = profile.business, profile.schedule
    horizon_end = now + timedelta(days=schedule.horizon_days + 2)
    busy = _busy(business, now, horizon_end, holder)
    duration = timedelta(minutes=minutes)
    for attempt, candidate in enumerate([preference, *relaxations(preference)]):
        slots = find_slots(
            schedule=schedule,
            busy=busy,
            preference=candidate,
            now=now,
            count=count,
            duration=duration,
        )
        if slots:
            if holder:
                _hold(business, slots, holder, now, neighbours)
            return Proposal(slots=slots, relaxed=attempt > 0)
    return Proposal(slots=[], relaxed=True)


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
) -> Appointment:
    """Book a slot; `booking_key` makes a retry return the same appointment."""
    appointment = Appointment(
        business=business,
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
        holds_release(holder=conversation_key)
    return saved


def _locked(business: Business, appointment_id: int) -> Appointment:
    try:
        return Appointment.objects.select_for_update().get(
            pk=appointment_id, business=business, status=Appointment.Status.CONFIRMED
        )
    except Appointment.DoesNotExist:
        raise AppointmentNotFound(appointment_id) from None


@transaction.atomic
def appointment_cancel(
    *, business: Business, appointment_id: int, now: datetime, enforce_notice: bool = True
) -> Appointment:
    appointment = _locked(business, appointment_id)
    notice = business.cancel_notice_hours
    if enforce_notice and notice and appointment.start - now < timedelta(hours=notice):
        raise CancelTooLate(appointment_id)
    appointment.status = Appointment.Status.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.save(update_fields=["status", "cancelled_at", "updated_at"])
    appointment.cells.all().delete()
    change_recorded(appointment)
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
) -> Appointment:
    """Book the new time and release the old one, both or neither.

    With `now`, the cancellation notice applies: an appointment too close cannot be moved
    by the agent (CancelTooLate).
    """
    if booking_key:
        earlier = Appointment.objects.filter(booking_key=booking_key).first()
        if earlier is not None:
            return earlier
    old = _locked(business, appointment_id)
    notice = business.cancel_notice_hours
    if now is not None and notice and old.start - now < timedelta(hours=notice):
        raise CancelTooLate(appointment_id)
    old.cells.all().delete()
    old.status = Appointment.Status.MOVED
    old.save(update_fields=["status", "updated_at"])
    new = Appointment(
        business=business,
        start=start,
        end=end,
        name=old.name,
        phone=old.phone,
        email=old.email,
        motif=old.motif,
        channel=channel,
        conversation_key=conversation_key or old.conversation_key,
        booking_key=booking_key,
        # The calendar event follows the appointment to its new time.
        calendar_event_id=(old.calendar_event_id or event_id_for(old)) if remote_calendar() else "",
    )
    _save_with_cells(new)
    old.moved_to = new
    old.calendar_event_id = ""
    old.save(update_fields=["moved_to", "calendar_event_id", "updated_at"])
    change_recorded(old, new)
    holds_release(holder=conversation_key)
    return new


def appointment_conflicts(
    *, business: Business, start: datetime, end: datetime, exclude_id: int | None = None
) -> list[Appointment]:
    """Confirmed appointments overlapping [start, end): what a new booking there would clash with."""
    rows = Appointment.objects.filter(
        business=business, status=Appointment.Status.CONFIRMED, start__lt=end, end__gt=start
    )
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    return list(rows.order_by("start"))


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
    return appointment


def holds_release_all(*, holders: Collection[str]) -> int:
    """Release the slots held for these conversations (deleted ones); returns how many."""
    deleted, _ = SlotHold.objects.filter(holder__in=[h for h in holders if h]).delete()
    return deleted
