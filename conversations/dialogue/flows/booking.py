"""Booking: qualify name, motif, preference and contact, propose slots, confirm, book."""

from __future__ import annotations

from dataclasses import replace

from booking.preferences import Preference
from conversations.dialogue.effects import Book, FindSlots
from conversations.dialogue.flows.common import (
    Context,
    Step,
    absorb,
    corrected_name,
    fail,
    faq_or,
    move_preference,
    next_booking_step,
    reask,
    start_lookup,
)
from conversations.dialogue.memory import ANYONE, Memory
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.nlu.names import complete_name, merge_name
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding

MOTIF_MAX_CHARS = 200


def switch_request(ctx: Context, heard: Understanding) -> Step | None:
    """The caller changed their mind mid-flow (« en fait je veux annuler »)."""
    if heard.intent in (Intent.CANCEL, Intent.MODIFY) and ctx.memory.intent != heard.intent:
        return start_lookup(ctx, ctx.memory, heard.intent)
    return None


def on_name(ctx: Context, heard: Understanding) -> Step:
    if ctx.memory.first_name_asked and ctx.memory.name and not heard.is_question:
        # The answer to « Et votre prénom ? »: whatever it is, asked once only.
        name = complete_name(ctx.memory.name, heard.name) if heard.name else ctx.memory.name
        return next_booking_step(ctx, absorb(replace(ctx.memory, name=name), heard))
    if heard.name:
        name = heard.name
        if heard.is_correction and ctx.memory.name:
            name = merge_name(ctx.memory.name, heard.name)
        memory = absorb(replace(ctx.memory, name=name), heard)
        if heard.surname_only and not memory.first_name_asked:
            memory = replace(memory, first_name_asked=True)
            return Step(State.QUALIF_NAME, ("MSG_ASK_FIRST_NAME",), memory)
        return next_booking_step(ctx, memory)
    switched = switch_request(ctx, heard)
    if switched:
        return switched
    return faq_or(ctx, heard, fail(ctx, "name", ctx.limits.name_failures, "MSG_ASK_NAME_RETRY"))


def on_motif(ctx: Context, heard: Understanding) -> Step:
    if heard.faq is not None and heard.is_question:
        return faq_or(ctx, heard, reask(ctx))
    switched = switch_request(ctx, heard)
    if switched:
        return switched
    if heard.motif is None and (heard.preference or heard.phone or heard.email):
        # « jeudi 14h » to « what for? »: keep the time, still ask the reason.
        return reask(ctx, memory=absorb(ctx.memory, heard))
    motif = (heard.motif or heard.text).strip()[:MOTIF_MAX_CHARS]
    if not motif:
        return reask(ctx)
    memory = absorb(replace(ctx.memory, motif=motif), heard)
    return next_booking_step(ctx, memory)


def on_practitioner(ctx: Context, heard: Understanding) -> Step:
    """Whom with: a name, a kind, « peu importe » or « le même »; anything else is taken as
    no preference rather than asked again (the caller did not name anyone)."""
    if heard.faq is not None and heard.is_question:
        return faq_or(ctx, heard, reask(ctx))
    switched = switch_request(ctx, heard)
    if switched:
        return switched
    said = heard.practitioner
    if said is not None and said.anyone and heard.preference and heard.preference.is_empty:
        # « peu importe » answers whom, not when: it is no preference of time.
        heard = replace(heard, preference=None)
    memory = absorb(replace(ctx.memory, practitioner_unknown=""), heard)
    if said is not None and said.unknown and not ctx.memory.failures_of("practitioner"):
        # Said back with the choices once; a second unknown name books with anyone.
        memory = memory.failed("practitioner")
        return Step(State.QUALIF_PRACTITIONER, ("MSG_PRACTITIONER_UNKNOWN",), memory)
    if not (memory.practitioner or memory.practitioner_kind or memory.practitioner_same):
        memory = replace(memory, practitioner=ANYONE)
    return next_booking_step(ctx, replace(memory, practitioner_unknown=""))


def on_preference(ctx: Context, heard: Understanding) -> Step:
    if heard.preference is not None:
        current = ctx.memory.preference
        preference = current.merged_with(heard.preference) if current else heard.preference
        memory = absorb(replace(ctx.memory, preference=preference), heard)
        if memory.intent == Intent.MODIFY and heard.keeps_day:
            memory = replace(memory, keeps_day=True)  # « plutôt l'après-midi »: that day
        if memory.intent == Intent.MODIFY and heard.other_day:
            memory = replace(memory, other_day=True)  # « un autre jour »: not that day
        if memory.intent == Intent.MODIFY and heard.held_shift:
            memory = replace(memory, held_shift=heard.held_shift)  # « plus tard »: than it
        return proceed_after_preference(ctx, memory)
    switched = switch_request(ctx, heard)
    if switched:
        return switched
    if ctx.memory.failures_of("preference") >= 1 and heard.faq is None and not heard.is_question:
        # Twice without a usable preference: propose the earliest slots rather than insist.
        memory = replace(ctx.memory, preference=Preference())
        return proceed_after_preference(ctx, memory)
    step = Step(ctx.state, ("MSG_ASK_PREF_RETRY",), ctx.memory.failed("preference"))
    return faq_or(ctx, heard, step)


def proceed_after_preference(ctx: Context, memory: Memory) -> Step:
    if memory.intent == Intent.MODIFY:
        return Step(ctx.state, (), memory, effects=(FindSlots(move_preference(memory)),))
    return next_booking_step(ctx, memory)


def on_contact(ctx: Context, heard: Understanding) -> Step:
    memory = ctx.memory
    if heard.phone or heard.email:
        memory = replace(
            memory, phone=heard.phone or memory.phone, email=heard.email or memory.email
        )
        return next_booking_step(ctx, absorb(memory, heard))
    if memory.caller_number_offered and memory.caller_number and heard.yes_no is not None:
        if heard.yes_no:
            return next_booking_step(ctx, replace(memory, phone=memory.caller_number))
        return Step(
            State.QUALIF_CONTACT, ("MSG_ASK_CONTACT",), replace(memory, caller_number_offered=False)
        )
    if corrected := corrected_name(memory, heard):
        return reask(ctx, memory=replace(memory, name=corrected))
    if heard.preference is not None and not heard.preference.is_empty and not heard.phone_attempt:
        # « ah non, plutôt vendredi après 14h »: the wish changed; the number is still to come.
        current = memory.preference or Preference()
        return reask(ctx, memory=replace(memory, preference=current.merged_with(heard.preference)))
    step = fail(ctx, "phone", ctx.limits.phone_failures, "MSG_ASK_CONTACT_RETRY")
    if heard.phone_attempt:
        return step
    return faq_or(ctx, heard, step)


def on_slot_choice(ctx: Context, heard: Understanding) -> Step:
    memory = ctx.memory
    choice = heard.slot_choice
    if choice is None and heard.yes_no is True and len(memory.slots) == 1:
        choice = 0  # « oui » to the only slot proposed
    if choice is not None and 0 <= choice < len(memory.slots):
        chosen = memory.slots[choice]
        memory = replace(memory, chosen=chosen)
        if memory.intent == Intent.MODIFY:
            return Step(State.MODIFY_CONFIRM, ("MSG_MODIFY_CONFIRM",), memory)
        if not ctx.read_back and heard.faq is None:
            # the visitor read the slots and picked one: that choice books
            return Step(ctx.state, (), memory, effects=(Book(chosen),))
        return Step(State.BOOKING_CONFIRM, ("MSG_CONFIRM_BOOKING",), memory)
    if heard.faq is not None and (heard.is_question or heard.preference is None):
        return faq_or(ctx, heard, reask(ctx))
    if heard.preference is not None or heard.rejects_slots:
        current = memory.preference or Preference()
        preference = current.merged_with(heard.preference) if heard.preference else current
        memory = replace(memory, preference=preference, chosen=None)
        return Step(ctx.state, (), memory, effects=(FindSlots(preference),))
    return faq_or(
        ctx, heard, fail(ctx, "choice", ctx.limits.choice_failures, "MSG_SLOT_CHOICE_RETRY")
    )


def on_booking_confirm(ctx: Context, heard: Understanding) -> Step:
    memory = ctx.memory
    if heard.slot_choice is not None and 0 <= heard.slot_choice < len(memory.slots):
        chosen = memory.slots[heard.slot_choice]
        if chosen != memory.chosen:
            return Step(ctx.state, ("MSG_CONFIRM_BOOKING",), replace(memory, chosen=chosen))
    if heard.yes_no is True and memory.chosen is not None:
        return Step(ctx.state, (), memory, effects=(Book(memory.chosen),))
    if heard.yes_no is False:
        memory = replace(memory, slots=(), chosen=None, preference=None, preference_asked=True)
        return Step(State.QUALIF_PREF, ("MSG_BOOKING_DECLINED",), memory)
    return faq_or(
        ctx, heard, fail(ctx, "confirm", ctx.limits.choice_failures + 1, "MSG_CONFIRM_RETRY")
    )
