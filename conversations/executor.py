"""Runs the engine's effects against the booking services and reports their outcomes."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from django.conf import settings

from booking import availability
from booking import selectors as booking_selectors
from booking import services as booking_services
from booking.models import Appointment, Practitioner
from booking.preferences import Preference
from booking.selectors import BusinessProfile, owned_by
from conversations.dialogue.effects import (
    AppointmentsFound,
    Book,
    Booked,
    Cancel,
    Cancelled,
    CancelRefused,
    Correct,
    Corrected,
    Effect,
    FindAppointments,
    FindSlots,
    Move,
    Outcome,
    SlotsFound,
    SlotTaken,
)
from conversations.dialogue.memory import ANYONE, Memory, SlotRef
from conversations.models import Conversation
from conversations.selectors import client_neighbours
from receptionist.lib import metrics

logger = logging.getLogger("conversations.flow")


class Executor:
    """One turn's effects; remembers the appointment the turn created, cancelled or moved."""

    def __init__(
        self, *, profile: BusinessProfile, conversation: Conversation, now: datetime
    ) -> None:
        self.profile = profile
        self.business = profile.business
        self.conversation = conversation
        self.now = now
        self.appointment: Appointment | None = None
        # One turn books at most once, even if the same turn is processed again.
        self.booking_key = f"{conversation.key}:{conversation.turn_count + 1}"

    def run(self, effect: Effect, memory: Memory) -> Outcome:
        match effect:
            case FindSlots(preference=preference):
                return self._find_slots(preference, memory)
            case Book(slot=slot):
                with metrics.booking_attempt(channel=self.conversation.channel):
                    return self._book(slot, memory)
            case Move(appointment_id=appointment_id, slot=slot):
                with metrics.booking_attempt(channel=self.conversation.channel):
                    return self._move(appointment_id, slot, memory)
            case Cancel(appointment_id=appointment_id):
                return self._cancel(appointment_id)
            case Correct(appointment_id=appointment_id, name=name, phone=phone, email=email):
                return self._correct(appointment_id, name=name, phone=phone, email=email)
            case FindAppointments(name=name, contacts=contacts):
                found = booking_selectors.appointments_upcoming_by_name(
                    business=self.business, name=name, now=self.now, owned=owned_by(contacts)
                )
                return AppointmentsFound(tuple(self._found(a) for a in found))
        raise TypeError(f"unexpected effect {effect!r}")

    def _found(self, appointment: Appointment) -> SlotRef:
        """An appointment of the caller's, marked when only staff may still change it."""
        locked = booking_services.within_cancel_notice(self.business, appointment.start, self.now)
        ref = _ref(appointment)
        # in the business's time: its day and hour are the ones a move keeps or shifts
        tz = self.profile.tz
        return replace(
            ref, start=ref.start.astimezone(tz), end=ref.end.astimezone(tz), locked=locked
        )

    def _log(self, tag: str, memory: Memory, extra: str = "") -> None:
        logger.info(
            "[%s] conv_id=%s state=%s intent=%s%s",
            tag,
            self.conversation.key,
            self.conversation.state,
            memory.intent or "UNKNOWN",
            extra,
        )

    def _result(self, memory: Memory, result: str, extra: str = "") -> None:
        self._log("BOOKING_RESULT", memory, f" result={result}{extra}")
        metrics.booking_result(channel=self.conversation.channel, result=result)

    def _find_slots(self, preference, memory: Memory) -> SlotsFound:
        minutes = availability.motif_minutes(profile=self.profile, motif=memory.motif)
        since = self.now - timedelta(minutes=settings.SLOT_HOLD_MINUTES)
        practitioner = self._wished_practitioner(memory)
        proposal = availability.slots_propose(
            profile=self.profile,
            preference=preference,
            now=self.now,
            minutes=minutes,
            holder=self.conversation.key,
            neighbours=client_neighbours(self.conversation, since=since),
            motif=memory.motif,
            practitioner=practitioner,
            kind=memory.practitioner_kind if not practitioner else "",
        )
        refs = tuple(SlotRef(s.start, s.end, practitioner=s.agenda) for s in proposal.slots)
        away = practitioner if proposal.relaxed and self._away(practitioner, preference) else ""
        self._log("SLOTS_SENT", memory, f" count={len(refs)} relaxed={proposal.relaxed}")
        return SlotsFound(refs, relaxed=proposal.relaxed, away=away)

    def _wished_practitioner(self, memory: Memory) -> str:
        """The practitioner slots are looked for with: the one named; for a move, the
        appointment's own; for « le même que d'habitude », the caller's last one."""
        if memory.practitioner and memory.practitioner != ANYONE:
            return memory.practitioner
        if memory.target and memory.target.practitioner and memory.practitioner != ANYONE:
            return memory.target.practitioner
        if memory.practitioner_same:
            return booking_selectors.last_practitioner(
                business=self.business,
                contacts=[c for c in (memory.phone, memory.caller_number, memory.email) if c],
                name=memory.name,
            )
        return ""

    def _away(self, key: str, preference: Preference) -> bool:
        """Whether the practitioner works none of the days wished (absent, or not then)."""
        agenda = self.profile.agenda(key) if key else None
        if agenda is None or agenda.implicit:
            return False
        schedule = agenda.schedule
        if preference.dates:
            return all(
                day in schedule.closed_dates or day.isoweekday() not in schedule.opening
                for day in preference.dates
            )
        if preference.weekdays:
            return all(day not in schedule.opening for day in preference.weekdays)
        return False

    def _practitioner(self, key: str) -> Practitioner | None:
        """The agenda a slot was found on (None: the business's own, or the move's own)."""
        return booking_selectors.practitioner_of(self.profile, key)

    def _book(self, slot: SlotRef, memory: Memory) -> Outcome:
        self._log("BOOKING_ATTEMPT", memory, f" start={slot.start.isoformat()}")
        try:
            appointment = booking_services.appointment_book(
                business=self.business,
                start=slot.start,
                end=slot.end,
                name=memory.name,
                phone=memory.phone,
                email=memory.email,
                motif=memory.motif,
                channel=self.conversation.channel,
                conversation_key=self.conversation.key,
                booking_key=self.booking_key,
                practitioner=self._practitioner(slot.practitioner),
            )
        except booking_services.SlotTaken:
            self._result(memory, "slot_taken")
            self._log("BOOKING_RETRY", memory, f" retries={memory.booking_retries + 1}")
            return SlotTaken()
        self.appointment = appointment
        self._result(memory, "booked", f" appointment_id={appointment.pk}")
        self._log("RDV_CONFIRMED", memory, f" appointment_id={appointment.pk}")
        return Booked(_ref(appointment))

    def _correct(self, appointment_id: int, *, name: str, phone: str, email: str) -> Outcome:
        """Who the appointment this conversation just booked is for, as the caller corrected
        it; its reason stays, and the calendar event follows. Only this conversation's own."""
        held = booking_selectors.appointment_of_conversation(
            business=self.business, appointment_id=appointment_id, key=self.conversation.key
        )
        if held is None:
            return Corrected(None)
        appointment = booking_services.appointment_update_details(
            business=self.business,
            appointment_id=held.pk,
            name=name,
            phone=phone,
            email=email,
            motif=held.motif,
        )
        self.appointment = appointment
        return Corrected(_ref(appointment))

    def _move(self, appointment_id: int, slot: SlotRef, memory: Memory) -> Outcome:
        self._log(
            "BOOKING_ATTEMPT", memory, f" start={slot.start.isoformat()} move_from={appointment_id}"
        )
        try:
            appointment = booking_services.appointment_move(
                business=self.business,
                appointment_id=appointment_id,
                start=slot.start,
                end=slot.end,
                channel=self.conversation.channel,
                conversation_key=self.conversation.key,
                booking_key=self.booking_key,
                now=self.now,
                practitioner=self._practitioner(slot.practitioner),
            )
        except booking_services.SlotTaken:
            self._result(memory, "slot_taken")
            self._log("BOOKING_RETRY", memory, f" retries={memory.booking_retries + 1}")
            return SlotTaken()
        except booking_services.CancelTooLate:
            self._result(memory, "too_late")
            return CancelRefused()
        except booking_services.AppointmentNotFound:
            self._result(memory, "not_found")
            return AppointmentsFound(())
        self.appointment = appointment
        self._result(memory, "moved", f" appointment_id={appointment.pk}")
        self._log("RDV_CONFIRMED", memory, f" appointment_id={appointment.pk}")
        return Booked(_ref(appointment))

    def _cancel(self, appointment_id: int) -> Outcome:
        try:
            appointment = booking_services.appointment_cancel(
                business=self.business, appointment_id=appointment_id, now=self.now
            )
        except booking_services.CancelTooLate:
            return CancelRefused()
        except booking_services.AppointmentNotFound:
            return AppointmentsFound(())
        self.appointment = appointment
        return Cancelled(_ref(appointment))


def _ref(appointment) -> SlotRef:
    return SlotRef(
        appointment.start,
        appointment.end,
        appointment.pk,
        practitioner=appointment.practitioner.key if not appointment.practitioner.implicit else "",
    )
