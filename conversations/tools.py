"""The receptionist's own tools, for teams that keep Vapi's LLM and call us through `tool-calls`.

Each tool uses the same services as the dialogue engine (slot finding, booking with its
database guarantees, cancellation notice, FAQ matching). They are run by the front door,
`conversations.tool_calls.conversation_handle_tool_call`, which records each call as a turn
and answers a retried call from that record; the tool call's id is also the booking key, so
the database refuses a second booking under it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from booking import availability
from booking import selectors as booking_selectors
from booking import services as booking_services
from booking.models import Appointment
from booking.preferences import Preference
from booking.selectors import BusinessProfile
from booking.slots import Slot
from conversations.dialogue import spoken
from conversations.dialogue.guards import Guard
from conversations.dialogue.nlu.emails import extract_email
from conversations.dialogue.nlu.when.dates import parse_preference
from conversations.rendering import practitioner_payload, practitioner_said
from faq.matcher import match
from faq.services import faq_answer, faq_index
from receptionist.lib.phones import extract_phone
from receptionist.lib.text import fold

logger = logging.getLogger("conversations.flow")

Arguments = dict[str, Any]


class ToolError(ValueError):
    """A tool call that cannot be done; its text is the error Vapi's LLM reads."""

    def __init__(self, message: str, *, guard: Guard | None = None) -> None:
        super().__init__(message)
        self.guard = guard


NOT_FOUND = "no such upcoming appointment"


@dataclass(frozen=True)
class Call:
    """Who is calling: the call's id and the caller's number (E.164, or "" when unknown)."""

    id: str
    number: str = ""


def owned_by_call(call: Call) -> Q:
    """Appointments the call may act on: booked in this very call, or with the caller's number."""
    owned = Q(pk__in=[])
    if call.id:
        owned |= Q(channel=Appointment.Channel.VOICE, conversation_key=call.id)
    if call.number:
        owned |= Q(phone=call.number)
    return owned


def _slot(
    profile: BusinessProfile, start: datetime, end: datetime, agenda: str = ""
) -> dict[str, Any]:
    local = start.astimezone(profile.tz)
    slot: dict[str, Any] = {
        "start": local.isoformat(),
        "end": end.astimezone(profile.tz).isoformat(),
        "label": spoken.slot_label(local, "voice")
        + spoken.with_whom(practitioner_said(profile, agenda)),
    }
    if profile.named_practitioners:
        slot["practitioner"] = practitioner_payload(profile, agenda)
    return slot


def _appointment(profile: BusinessProfile, appointment: Appointment) -> dict[str, Any]:
    agenda = "" if appointment.practitioner.implicit else appointment.practitioner.key
    return {
        "id": str(appointment.public_id),
        "status": appointment.status,
        "motif": appointment.motif,
        **_slot(profile, appointment.start, appointment.end, agenda),
    }


def _practitioner_key(args: Arguments, profile: BusinessProfile) -> str:
    """The optional 'practitioner' argument: an id or a name; unknown → the choices."""
    said = _text(args, "practitioner", required=False)
    if not said:
        return ""
    agenda = booking_selectors.practitioner_named(profile, said)
    if agenda is None:
        choices = ", ".join(f"{a.key} ({a.name})" for a in profile.agendas if not a.implicit)
        raise ToolError(f"unknown practitioner; one of: {choices or 'none (single agenda)'}")
    return agenda.key


def _text(args: Arguments, key: str, *, required: bool = True) -> str:
    value = args.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        if required:
            raise ToolError(f"'{key}' is required")
        return ""
    return value.strip()[:200]


def _start(args: Arguments, profile: BusinessProfile) -> datetime:
    raw = _text(args, "start")
    try:
        start = datetime.fromisoformat(raw)
    except ValueError:
        raise ToolError("'start' must be an ISO 8601 date-time") from None
    if not 2000 <= start.year <= 2999:
        raise ToolError("'start' is out of range")
    return start if start.tzinfo else start.replace(tzinfo=profile.tz)


def _free_slot(
    profile: BusinessProfile,
    start: datetime,
    minutes: int,
    now: datetime,
    *,
    motif: str = "",
    practitioner: str = "",
) -> Slot:
    """The slot starting at `start`, if it is on the grid, open and free (on the practitioner
    asked for, or on one that handles the motif); else ToolError."""
    slot = availability.slot_starting_at(
        profile=profile,
        start=start,
        minutes=minutes,
        now=now,
        motif=motif,
        practitioner=practitioner,
    )
    if slot is None:
        raise ToolError("this time is not an available slot")
    return slot


def check_availability(args: Arguments, profile: BusinessProfile, call: Call) -> Any:
    now = timezone.now()
    spoken = _text(args, "preference", required=False)
    preference = (
        parse_preference(fold(spoken), today=now.astimezone(profile.tz).date()) if spoken else None
    )
    motif = _text(args, "motif", required=False)
    proposal = availability.slots_propose(
        profile=profile,
        preference=preference or Preference(),
        now=now,
        minutes=availability.motif_minutes(profile=profile, motif=motif),
        motif=motif,
        practitioner=_practitioner_key(args, profile),
    )
    return {
        "relaxed": proposal.relaxed,
        "slots": [_slot(profile, s.start, s.end, s.agenda) for s in proposal.slots],
    }


def book_appointment(
    args: Arguments, profile: BusinessProfile, call: Call, tool_call_id: str
) -> Any:
    # The front door's retry guard (conversation_handle_tool_call) answers a repeated tool
    # call from its stored turn; this key is the database's backstop behind it (two deliveries
    # racing past the guard still book once: booking_key is unique).
    booking_key = f"vapi-tool:{tool_call_id}" if tool_call_id else None
    now = timezone.now()
    motif = _text(args, "motif", required=False)
    phone = extract_phone(fold(_text(args, "phone", required=False))) or ""
    email = extract_email(_text(args, "email", required=False)) or ""
    if not (phone or email):
        raise ToolError("a valid 'phone' or 'email' is required")
    slot = _free_slot(
        profile,
        _start(args, profile),
        availability.motif_minutes(profile=profile, motif=motif),
        now,
        motif=motif,
        practitioner=_practitioner_key(args, profile),
    )
    try:
        appointment = booking_services.appointment_book(
            business=profile.business,
            start=slot.start,
            end=slot.end,
            name=_text(args, "name"),
            phone=phone,
            email=email,
            motif=motif,
            channel=Appointment.Channel.VOICE,
            conversation_key=call.id,
            booking_key=booking_key,
            practitioner=booking_selectors.practitioner_of(profile, slot.agenda),
        )
    except booking_services.SlotTaken:
        raise ToolError("this slot was just taken; check availability again") from None
    logger.info(
        "[RDV_CONFIRMED] conv_id=%s state=TOOL intent=BOOKING appointment_id=%s",
        call.id,
        appointment.pk,
    )
    return _appointment(profile, appointment)


def _owned_by_name(profile: BusinessProfile, call: Call, name: str) -> list[Appointment]:
    """The caller's upcoming appointments under `name`; never anyone else's."""
    return booking_selectors.appointments_upcoming_by_name(
        business=profile.business, name=name, now=timezone.now(), owned=owned_by_call(call)
    )


def find_appointment(args: Arguments, profile: BusinessProfile, call: Call) -> Any:
    found = _owned_by_name(profile, call, _text(args, "name"))
    return {"appointments": [_appointment(profile, a) for a in found[:5]]}


def _target(args: Arguments, profile: BusinessProfile, call: Call) -> int:
    """The pk of the caller's appointment named by its public id, or by name when it is the one.

    Someone else's appointment is « no such upcoming appointment », as an unknown one is.
    """
    raw = _text(args, "appointment_id", required=False)
    if raw:
        try:
            public_id = uuid.UUID(raw)
        except ValueError:
            raise ToolError(
                "'appointment_id' must be an id that find_appointment returned"
            ) from None
        pk = (
            Appointment.objects.filter(business=profile.business, public_id=public_id)
            .filter(owned_by_call(call))
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            raise ToolError(NOT_FOUND)
        return pk
    found = _owned_by_name(profile, call, _text(args, "name"))
    if len(found) != 1:
        raise ToolError(f"{len(found)} upcoming appointments match; pass 'appointment_id'")
    return found[0].pk


def cancel_appointment(args: Arguments, profile: BusinessProfile, call: Call) -> Any:
    try:
        appointment = booking_services.appointment_cancel(
            business=profile.business,
            appointment_id=_target(args, profile, call),
            now=timezone.now(),
        )
    except booking_services.CancelTooLate:
        raise ToolError("too late to cancel: transfer the caller to the team") from None
    except booking_services.AppointmentNotFound:
        raise ToolError(NOT_FOUND) from None
    return _appointment(profile, appointment)


def move_appointment(
    args: Arguments, profile: BusinessProfile, call: Call, tool_call_id: str
) -> Any:
    booking_key = f"vapi-tool:{tool_call_id}" if tool_call_id else None
    target = _target(args, profile, call)
    current = (
        Appointment.objects.filter(pk=target, business=profile.business)
        .select_related("practitioner")
        .first()
    )
    motif = current.motif if current else ""
    minutes = availability.motif_minutes(profile=profile, motif=motif)
    # The same practitioner, unless the caller asks for another.
    practitioner = _practitioner_key(args, profile) or (
        current.practitioner.key if current and not current.practitioner.implicit else ""
    )
    start = _start(args, profile)
    now = timezone.now()
    try:
        slot = _free_slot(profile, start, minutes, now, motif=motif, practitioner=practitioner)
    except ToolError:
        if not current or current.start != start:
            raise
        raise ToolError("the appointment is already at this time") from None
    try:
        appointment = booking_services.appointment_move(
            business=profile.business,
            appointment_id=target,
            start=slot.start,
            end=slot.end,
            channel=Appointment.Channel.VOICE,
            conversation_key=call.id,
            booking_key=booking_key,
            now=now,
            practitioner=booking_selectors.practitioner_of(profile, slot.agenda),
        )
    except booking_services.SlotTaken:
        raise ToolError("this slot was just taken; check availability again") from None
    except booking_services.CancelTooLate:
        raise ToolError("too late to move: transfer the caller to the team") from None
    except booking_services.AppointmentNotFound:
        raise ToolError(NOT_FOUND) from None
    return _appointment(profile, appointment)


def answer_question(args: Arguments, profile: BusinessProfile, call: Call) -> Any:
    found = match(_text(args, "question"), faq_index())
    if found is None:
        return {"faq_id": None, "answer": None}
    logger.info("[FLOW] conv_id=%s state=TOOL intent=FAQ faq_id=%s", call.id, found.faq_id)
    return {"faq_id": found.faq_id, "answer": faq_answer(found.faq_id)}


SIMPLE: dict[str, Callable[[Arguments, BusinessProfile, Call], Any]] = {
    "check_availability": check_availability,
    "find_appointment": find_appointment,
    "cancel_appointment": cancel_appointment,
    "answer_question": answer_question,
}
IDEMPOTENT: dict[str, Callable[[Arguments, BusinessProfile, Call, str], Any]] = {
    "book_appointment": book_appointment,
    "move_appointment": move_appointment,
}
