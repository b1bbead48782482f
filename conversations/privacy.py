"""One person's data, found by phone number or e-mail: exported (access) or erased (erasure).

Found: the appointments booked with that phone or e-mail, and the conversations whose memory
(phone, e-mail, the caller's number), turns, call summary or transcript contain it, plus those
in which the appointments were booked. Free text is searched for the usual ways of writing the
number (« +33 6 12… », « 06 12 34 56 78 », « 06.12… »); numbers spelled out in words are only
found through the conversation's memory. Addresses and numbers match whole, never as part of
another (« lefebvre@x.fr » is not « marie.lefebvre@x.fr »); e-mails in any case.

Erased: appointments are anonymised, never deleted (the agenda and the statistics keep their
time and status); a future one is cancelled first, through the booking service, so the slot is
free again and the calendar follows. Conversations go, with their turns and everything holding
their text. Log lines carry counts only.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

import phonenumbers
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet

from booking import availability
from booking import services as booking_services
from booking.models import Appointment
from booking.notifications.services import notifications_of
from conversations.dialogue.memory import Memory
from conversations.models import Conversation, Turn, VapiEvent
from conversations.rendering import appointment_payload
from receptionist.lib.phones import phone_e164
from receptionist.lib.writes import serialized_writes

logger = logging.getLogger("conversations.privacy")

PERMISSION = "conversations.erase_personal_data"
# The memory fields that say who the person is; the rest is the dialogue's bookkeeping.
MEMORY_FIELDS = ("name", "motif", "phone", "email", "caller_number")


@dataclass(frozen=True)
class Subject:
    """The person asking: a phone number (E.164) or an e-mail address (lowercase)."""

    phone: str = ""
    email: str = ""


def subject_parse(text: str) -> Subject | None:
    """« 06 12 34 56 78 » → Subject(phone="+33612345678"); « Jean@X.fr » → e-mail; else None."""
    text = text.strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            return None
        return Subject(email=text.lower())
    phone = phone_e164(text)
    return Subject(phone=phone) if phone else None


def phone_spellings(e164: str) -> set[str]:
    """The ways a number is commonly typed: E.164, international, national, grouped by two."""
    spellings = {e164}
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return spellings
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    digits = "".join(c for c in national if c.isdigit())
    spellings |= {international, national, digits}
    if len(digits) == 10:
        pairs = [digits[i : i + 2] for i in range(0, 10, 2)]
        spellings |= {sep.join(pairs) for sep in (" ", ".", "-")}
    return spellings


@dataclass
class Found:
    appointments: list[Appointment]
    conversations: QuerySet[Conversation]


def _texts(subject: Subject) -> set[str]:
    return phone_spellings(subject.phone) if subject.phone else {subject.email}


# An address or a number stands whole in a text: « lefebvre@x.fr » is not found inside
# « marie.lefebvre@x.fr », nor « 06 12 34 56 78 » inside a longer run of digits.
_EMAIL_BEFORE, _EMAIL_AFTER = r"(?<![\w.!#$%&'*+/=?^`{|}~-])", r"(?![\w-]|\.[\w-])"
_PHONE_BEFORE, _PHONE_AFTER = r"(?<![\d+])", r"(?!\d)"


def whole_match(subject: Subject) -> re.Pattern[str]:
    """Any of the subject's spellings, standing whole (case-insensitive)."""
    before, after = (
        (_PHONE_BEFORE, _PHONE_AFTER) if subject.phone else (_EMAIL_BEFORE, _EMAIL_AFTER)
    )
    spellings = "|".join(re.escape(t) for t in sorted(_texts(subject), key=len, reverse=True))
    return re.compile(f"{before}(?:{spellings}){after}", re.IGNORECASE)


def _holding(rows: QuerySet[Any], pattern: re.Pattern[str], *fields: str) -> set[int]:
    """Ids (first column) of the rows whose text fields hold the subject whole.

    The database narrows by substring; each candidate is then checked for a whole match.
    """
    found = set()
    for pk, *texts in rows.values_list(*fields).iterator():
        if any(text and pattern.search(text) for text in texts):
            found.add(pk)
    return found


def _appointments(subject: Subject) -> QuerySet[Appointment]:
    if subject.phone:
        return Appointment.objects.filter(phone=subject.phone)
    return Appointment.objects.filter(email__iexact=subject.email)


def _conversations(subject: Subject, appointments: list[Appointment]) -> QuerySet[Conversation]:
    texts, pattern = _texts(subject), whole_match(subject)
    in_text = reduce(
        or_,
        (Q(user_text__icontains=t) | Q(reply__icontains=t) for t in texts),
    )
    in_call = reduce(or_, (Q(summary__icontains=t) | Q(transcript__icontains=t) for t in texts))
    if subject.phone:
        in_memory = Q(data__phone=subject.phone) | Q(data__caller_number=subject.phone)
        in_payload = Q(payload__appointment__phone=subject.phone)
    else:
        in_memory = Q(data__email__iexact=subject.email)
        in_payload = Q(payload__appointment__email__iexact=subject.email)
    turns = set(Turn.objects.filter(in_payload).values_list("conversation_id", flat=True))
    turns |= _holding(
        Turn.objects.filter(in_text), pattern, "conversation_id", "user_text", "reply"
    )
    calls = _holding(Conversation.objects.filter(in_call), pattern, "pk", "summary", "transcript")
    booked_in = {a.conversation_key for a in appointments if a.conversation_key}
    return Conversation.objects.filter(
        in_memory | Q(pk__in=calls | turns) | Q(key__in=booked_in)
    ).order_by("created_at")


def subject_find(subject: Subject) -> Found:
    appointments = list(_appointments(subject).select_related("business").order_by("start"))
    return Found(appointments=appointments, conversations=_conversations(subject, appointments))


def subject_export(*, subject: Subject, now: datetime) -> dict[str, Any]:
    """Everything kept about the person, as plain JSON-ready data."""
    found = subject_find(subject)
    conversations = list(found.conversations.prefetch_related("turns"))
    logger.info(
        "[PRIVACY] export appointments=%s conversations=%s",
        len(found.appointments),
        len(conversations),
    )
    return {
        "exported_at": now.isoformat(),
        "subject": {"phone": subject.phone, "email": subject.email},
        "appointments": [_appointment(a) for a in found.appointments],
        "conversations": [_conversation(c) for c in conversations],
    }


def _appointment(appointment: Appointment) -> dict[str, Any]:
    return {
        **appointment_payload(appointment, masked=False),
        "created_at": appointment.created_at.isoformat(),
        "cancelled_at": appointment.cancelled_at.isoformat() if appointment.cancelled_at else None,
        "messages": notifications_of(appointment.pk),
    }


def _conversation(conversation: Conversation) -> dict[str, Any]:
    memory = Memory.from_dict(conversation.data)
    return {
        "id": conversation.key,
        "channel": conversation.channel,
        "started_at": conversation.created_at.isoformat(),
        "last_activity_at": conversation.updated_at.isoformat(),
        "ended_at": conversation.ended_at.isoformat() if conversation.ended_at else None,
        "outcome": conversation.outcome,
        "memory": {name: getattr(memory, name) for name in MEMORY_FIELDS},
        "summary": conversation.summary,
        "transcript": conversation.transcript,
        "recording_url": conversation.recording_url,
        "turns": [
            {
                "index": turn.index,
                "at": turn.created_at.isoformat(),
                "message": turn.user_text,
                "reply": turn.reply,
            }
            for turn in sorted(conversation.turns.all(), key=lambda t: t.index)
        ],
    }


@dataclass(frozen=True)
class Erasure:
    appointments: int
    cancelled: int
    conversations: int
    turns: int


def subject_preview(subject: Subject, *, now: datetime) -> Erasure:
    """What `subject_erase` would do now (the confirmation step shows it)."""
    found = subject_find(subject)
    return Erasure(
        appointments=len(found.appointments),
        cancelled=sum(1 for a in found.appointments if _upcoming(a, now)),
        conversations=found.conversations.count(),
        turns=Turn.objects.filter(conversation__in=found.conversations).count(),
    )


def _upcoming(appointment: Appointment, now: datetime) -> bool:
    return appointment.status == Appointment.Status.CONFIRMED and appointment.start > now


def subject_erase(*, subject: Subject, now: datetime) -> Erasure:
    """Anonymise the person's appointments (cancelling those to come), delete their conversations."""
    with serialized_writes(), transaction.atomic():
        found = subject_find(subject)
        cancelled = 0
        for appointment in found.appointments:
            if _upcoming(appointment, now):
                booking_services.appointment_cancel(
                    business=appointment.business,
                    appointment_id=appointment.pk,
                    now=now,
                    enforce_notice=False,
                )
                cancelled += 1
            booking_services.appointment_anonymise(appointment_id=appointment.pk)
        _forget_admin_history(found.appointments)
        conversations, turns = _delete_conversations(found.conversations)
    erasure = Erasure(len(found.appointments), cancelled, conversations, turns)
    logger.info(
        "[PRIVACY] erase appointments=%s cancelled=%s conversations=%s turns=%s",
        erasure.appointments,
        erasure.cancelled,
        erasure.conversations,
        erasure.turns,
    )
    return erasure


def _forget_admin_history(appointments: list[Appointment]) -> None:
    """The admin's history names each object it shows (« Marie Martin 2026-11-24 09:00 »)."""
    if not appointments:
        return
    content_type = ContentType.objects.get_for_model(Appointment)
    for appointment in Appointment.objects.filter(pk__in=[a.pk for a in appointments]):
        LogEntry.objects.filter(content_type=content_type, object_id=str(appointment.pk)).update(
            object_repr=str(appointment)[:200]
        )


def _delete_conversations(conversations: QuerySet[Conversation]) -> tuple[int, int]:
    rows = list(conversations.values_list("pk", "key"))
    ids, keys = [pk for pk, _ in rows], [key for _, key in rows]
    turns = Turn.objects.filter(conversation_id__in=ids).delete()[0]
    availability.holds_release_all(holders=keys)
    VapiEvent.objects.filter(call_id__in=keys).delete()
    _, deleted = Conversation.objects.filter(pk__in=ids).delete()
    return deleted.get(Conversation._meta.label, 0), turns
