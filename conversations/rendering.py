"""From an engine step to words and to the contract's turn payload."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from booking.ics import calendar_token
from booking.models import Appointment
from booking.selectors import BusinessProfile
from conversations.dialogue import spoken
from conversations.dialogue.flows.common import Step, practitioner_choices
from conversations.dialogue.nlu.practitioners import Staff
from conversations.dialogue.states import State
from conversations.masking import masked_email, masked_phone
from conversations.models import Channel
from faq.services import faq_answer, faq_question
from faq.topics import faq_topic
from receptionist.lib.french import WEEKDAYS


@dataclass(frozen=True)
class TurnResult:
    """The contract's turn payload."""

    conversation_id: str
    reply: str
    state: str
    intent: str
    slots: list[dict[str, Any]] | None = None
    appointment: dict[str, Any] | None = None
    faq_id: str | None = None
    transfer: bool = False
    ended: bool = False
    # The question of the entry `faq_id` names, as staff wrote it: what a visitor is shown as
    # the source, rather than an internal id.
    faq_question: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> TurnResult:
        fields = (
            "conversation_id",
            "reply",
            "state",
            "intent",
            "slots",
            "appointment",
            "faq_id",
            "transfer",
            "ended",
            "faq_question",
        )
        values: dict[str, Any] = {name: payload.get(name) for name in fields}
        return cls(**values)

    def as_payload(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "reply": self.reply,
            "state": self.state,
            "intent": self.intent,
            "slots": self.slots,
            "appointment": self.appointment,
            "faq_id": self.faq_id,
            "transfer": self.transfer,
            "ended": self.ended,
            "faq_question": self.faq_question,
        }


def appointment_payload(appointment: Appointment, *, masked: bool = True) -> dict[str, Any]:
    """The appointment as payloads show it: contact details masked unless for staff."""
    tz = appointment.business.zone
    phone, email = appointment.phone, appointment.email
    if masked:
        phone, email = masked_phone(phone), masked_email(email)
    return {
        "id": str(appointment.public_id),
        "start": appointment.start.astimezone(tz).isoformat(),
        "end": appointment.end.astimezone(tz).isoformat(),
        "name": appointment.name,
        "phone": phone,
        "email": email,
        "motif": appointment.motif,
        "status": appointment.status,
        "channel": appointment.channel,
        "practitioner": None
        if appointment.practitioner.implicit
        else {"id": appointment.practitioner.key, "name": appointment.practitioner.name},
        "duration_minutes": int((appointment.end - appointment.start).total_seconds() // 60),
        "address": appointment.business.address,
        # « Ajouter à mon agenda »: the .ics behind a signed token (a path on this server).
        "calendar_url": reverse("booking:appointment-calendar", args=[calendar_token(appointment)])
        if appointment.status == Appointment.Status.CONFIRMED
        else None,
    }


def render_values(step: Step, profile: BusinessProfile, channel: str) -> dict[str, str]:
    identity, tz = profile.identity, profile.identity.tz
    memory = step.memory
    shown = (
        memory.matches if step.state in (State.CANCEL_SELECT, State.MODIFY_SELECT) else memory.slots
    )
    values = {
        "business": identity.name,
        "name": memory.name,
        "motif_part": f" (motif : {memory.motif})"
        if memory.motif and channel != Channel.VOICE
        else "",
        "slot_list": spoken.slot_list(
            [s.start.astimezone(tz) for s in shown],
            channel,
            [practitioner_said(profile, s.practitioner) for s in shown]
            if profile.named_practitioners
            else (),
        ),
        # Written the French way on the web (« 01 23 45 67 89 »), in pairs on the phone.
        "transfer_number": _spoken_phone(identity.transfer_number, channel),
        "caller_number": _spoken_phone(memory.caller_number, channel),
        "contact_part": _contact_part(memory.phone, memory.email, channel),
        "notice_hours": str(profile.business.cancel_notice_hours or ""),
        "practitioner_choices": spoken.either(
            [member.said for member in practitioner_choices(staff_of(profile), memory.motif)]
        ),
        "practitioner_asked": memory.practitioner_unknown,
    }
    away = profile.agenda(memory.practitioner_away) if memory.practitioner_away else None
    if away is not None:
        said = away.spoken or away.name
        values["practitioner_away"] = said[:1].upper() + said[1:]
        values["practitioner_days"] = spoken.either(
            [WEEKDAYS[day - 1] for day in sorted(away.schedule.opening)], "et"
        )
    if memory.chosen:
        values["slot"] = spoken.slot_label(
            memory.chosen.start.astimezone(tz), channel
        ) + spoken.with_whom(practitioner_said(profile, memory.chosen.practitioner))
    if memory.target:
        values["appointment"] = spoken.slot_label(
            memory.target.start.astimezone(tz), channel
        ) + spoken.with_whom(practitioner_said(profile, memory.target.practitioner))
    if step.faq_id:
        values["faq_answer"] = faq_answer(step.faq_id)
        values["faq_id"] = step.faq_id
        if "MSG_FAQ_ANSWER_HEDGED" in step.say:
            values["faq_question"] = faq_question(step.faq_id)
    if memory.faq_proposed:
        values["faq_topic"] = faq_topic(faq_question(memory.faq_proposed))
    return values


def staff_of(profile: BusinessProfile) -> tuple[Staff, ...]:
    """The practitioners as the dialogue knows them (none for a single agenda)."""
    if not profile.named_practitioners:
        return ()
    return tuple(
        Staff(
            key=agenda.key,
            name=agenda.name,
            spoken=agenda.spoken,
            kind=agenda.kind,
            motifs=frozenset(agenda.motifs) if agenda.motifs is not None else None,
        )
        for agenda in profile.agendas
    )


def practitioner_said(profile: BusinessProfile, key: str) -> str:
    """How the reply names a practitioner: its spoken name, else its display name."""
    agenda = profile.agenda(key) if key else None
    if agenda is None or agenda.implicit:
        return ""
    return agenda.spoken or agenda.name


def practitioner_payload(profile: BusinessProfile, key: str) -> dict[str, str] | None:
    agenda = profile.agenda(key) if key else None
    if agenda is None or agenda.implicit:
        return None
    return {"id": agenda.key, "name": agenda.name}


def slots_payload(step: Step, profile: BusinessProfile) -> list[dict[str, Any]] | None:
    tz = profile.identity.tz
    if step.state == State.WAIT_CONFIRM:
        shown = step.memory.slots
    elif step.state in (State.CANCEL_SELECT, State.MODIFY_SELECT):
        shown = step.memory.matches
    else:
        return None
    rows = []
    for i, s in enumerate(shown, 1):
        row: dict[str, Any] = {
            "index": i,
            "start": s.start.astimezone(tz).isoformat(),
            "end": s.end.astimezone(tz).isoformat(),
            "label": spoken.slot_label(s.start.astimezone(tz))
            + spoken.with_whom(practitioner_said(profile, s.practitioner)),
        }
        if profile.named_practitioners:
            row["practitioner"] = practitioner_payload(profile, s.practitioner)
        rows.append(row)
    return rows or None


def _spoken_phone(e164: str, channel: str) -> str:
    if not e164:
        return ""
    return spoken.phone_words(e164) if channel == Channel.VOICE else spoken.phone_label(e164)


def _contact_part(phone: str, email: str, channel: str) -> str:
    """On the phone the contact is read back: numbers in pairs, e-mails letter by letter."""
    if channel != Channel.VOICE:
        return ""
    if phone:
        return f", joignable au {spoken.phone_words(phone)}"
    if email:
        return f", e-mail {spoken.spelled(email)}"
    return ""
