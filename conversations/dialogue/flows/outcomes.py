"""How the flow continues once an effect has run."""

from __future__ import annotations

from dataclasses import replace

from booking.preferences import Preference
from conversations.dialogue.effects import (
    AppointmentsFound,
    Booked,
    Cancelled,
    CancelRefused,
    Corrected,
    FindSlots,
    Outcome,
    SlotsFound,
    SlotTaken,
)
from conversations.dialogue.flows.changes import on_target_found
from conversations.dialogue.flows.common import ASK, Context, Step, fail, transfer
from conversations.dialogue.memory import SlotRef
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.states import VERIFY, State

MAX_MATCHES = 3


def on_outcome(ctx: Context, outcome: Outcome) -> Step:
    memory = ctx.memory
    match outcome:
        case SlotsFound(slots=slots, relaxed=relaxed, away=away):
            if not slots:
                return transfer(ctx, "MSG_TRANSFER", "MSG_NO_SLOTS")
            key = "MSG_PROPOSE_SLOTS_RELAXED" if relaxed else "MSG_PROPOSE_SLOTS"
            if away:
                key = "MSG_PRACTITIONER_AWAY"
            memory = replace(
                memory,
                slots=slots,
                chosen=None,
                failures={**memory.failures, "choice": 0},
                practitioner_away=away,
            )
            return Step(State.WAIT_CONFIRM, (key,), memory)
        case Booked(appointment=appointment):
            key = "MSG_MOVED" if memory.intent == Intent.MODIFY else "MSG_BOOKING_CONFIRMED"
            if ctx.state == State.WAIT_CONFIRM and memory.intent != Intent.MODIFY:
                key = "MSG_BOOKED_ON_CHOICE"  # booked without a read-back: recap it now
            # the appointment held now: a correction right after applies to it
            memory = replace(memory, slots=(), target=appointment)
            return Step(State.CONFIRMED, (key,), memory, ended=True)
        case Corrected(appointment=None):
            return transfer(ctx)  # changed by staff in between: a person sorts it out
        case Corrected(appointment=appointment):
            memory = replace(memory, target=appointment)
            return Step(State.CONFIRMED, ("MSG_BOOKING_CORRECTED",), memory, ended=True)
        case SlotTaken():
            retries = memory.booking_retries + 1
            memory = replace(memory, booking_retries=retries, chosen=None, slots=())
            if retries > ctx.limits.confirm_retries:
                return transfer(
                    replace(ctx, memory=memory), "MSG_TRANSFER_LIMIT", "MSG_SLOT_ALREADY_BOOKED"
                )
            preference = memory.preference or Preference()
            return Step(
                ctx.state, ("MSG_SLOT_ALREADY_BOOKED",), memory, effects=(FindSlots(preference),)
            )
        case Cancelled():
            return Step(State.CANCELLED, ("MSG_CANCELLED",), memory, ended=True)
        case CancelRefused():
            key = "MSG_MODIFY_TOO_LATE" if memory.intent == Intent.MODIFY else "MSG_CANCEL_TOO_LATE"
            return transfer(ctx, "MSG_TRANSFER", key)
        case AppointmentsFound(appointments=found):
            return on_appointments_found(ctx, found)
    raise TypeError(f"unexpected outcome {outcome!r}")


def on_appointments_found(ctx: Context, found: tuple[SlotRef, ...]) -> Step:
    memory = ctx.memory
    if not found and ctx.state in (State.CANCEL_NAME, State.MODIFY_NAME):
        # The contact already known proved nothing: ask for the one given at booking.
        verify = State.CANCEL_VERIFY if memory.intent == Intent.CANCEL else State.MODIFY_VERIFY
        return Step(verify, (ASK[verify],), memory)
    if not found and ctx.state in VERIFY:
        # Said the same way whether the name exists or not: nothing leaks about others.
        return fail(ctx, "verify", ctx.limits.phone_failures, "MSG_VERIFY_NOT_FOUND")
    if not found:
        return fail(ctx, "lookup", ctx.limits.name_failures, "MSG_APPOINTMENT_NOT_FOUND")
    if len(found) == 1:
        return on_target_found(ctx, replace(memory, target=found[0], matches=()))
    select = State.CANCEL_SELECT if memory.intent == Intent.CANCEL else State.MODIFY_SELECT
    return Step(
        select, ("MSG_APPOINTMENT_SELECT",), replace(memory, matches=tuple(found[:MAX_MATCHES]))
    )
