"""Cancel and move: find the appointment by name, pick it, confirm, then act."""

from __future__ import annotations

from dataclasses import replace

from conversations.dialogue.effects import Cancel, FindAppointments, FindSlots, Move
from conversations.dialogue.flows.common import (
    Context,
    Step,
    fail,
    faq_or,
    lookup_with_proof,
    move_preference,
    reask,
    start_lookup,
    transfer,
)
from conversations.dialogue.flows.routing import reset_for_new_request
from conversations.dialogue.memory import Memory
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.nlu.names import merge_name
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding


def on_target_found(ctx: Context, memory: Memory) -> Step:
    """One appointment identified: confirm the cancellation, or ask when to move it.

    One within the cancellation notice is said at once, before any question: only the team
    can still change it.
    """
    if memory.target is not None and memory.target.locked:
        key = "MSG_MODIFY_TOO_LATE" if memory.intent == Intent.MODIFY else "MSG_CANCEL_TOO_LATE"
        return transfer(replace(ctx, memory=memory), "MSG_TRANSFER", key)
    if memory.intent == Intent.CANCEL:
        return Step(State.CANCEL_CONFIRM, ("MSG_CANCEL_CONFIRM",), memory)
    if memory.preference is not None and not memory.preference.only_refusals:
        return Step(
            State.QUALIF_PREF,
            ("MSG_MODIFY_FOUND_SHORT",),
            memory,
            effects=(FindSlots(move_preference(memory)),),
        )
    return Step(State.QUALIF_PREF, ("MSG_MODIFY_FOUND",), memory)


def on_lookup_name(ctx: Context, heard: Understanding) -> Step:
    if heard.name:
        name = heard.name
        if heard.is_correction and ctx.memory.name:
            name = merge_name(ctx.memory.name, heard.name)
        memory = with_contact(replace(ctx.memory, name=name), heard)
        return lookup_with_proof(memory)
    return faq_or(ctx, heard, fail(ctx, "name", ctx.limits.name_failures, "MSG_ASK_NAME_RETRY"))


def on_verify(ctx: Context, heard: Understanding) -> Step:
    """The phone or e-mail the appointment was booked with: the caller's proof it is theirs."""
    memory = ctx.memory
    if heard.phone or heard.email:
        memory = with_contact(memory, heard)
        contacts = tuple(c for c in (heard.phone, heard.email) if c)
        return Step(ctx.state, (), memory, effects=(FindAppointments(memory.name, contacts),))
    if heard.intent in (Intent.CANCEL, Intent.MODIFY) and heard.intent != memory.intent:
        return start_lookup(ctx, memory, heard.intent)
    if heard.name and heard.is_correction:
        # « pardon, c'est au nom de Dupond »: the name changes, the proof is still asked.
        return reask(ctx, "MSG_CORRECTION_NOTED", memory=replace(memory, name=heard.name))
    return faq_or(
        ctx, heard, fail(ctx, "verify", ctx.limits.phone_failures, "MSG_ASK_VERIFY_RETRY")
    )


def with_contact(memory: Memory, heard: Understanding) -> Memory:
    """Keep the phone or e-mail the caller just gave (it is theirs, whatever it proves)."""
    return replace(memory, phone=heard.phone or memory.phone, email=heard.email or memory.email)


def on_select(ctx: Context, heard: Understanding) -> Step:
    memory = ctx.memory
    if heard.slot_choice is not None and 0 <= heard.slot_choice < len(memory.matches):
        memory = replace(memory, target=memory.matches[heard.slot_choice], matches=())
        return on_target_found(ctx, memory)
    return faq_or(
        ctx, heard, fail(ctx, "choice", ctx.limits.choice_failures, "MSG_APPOINTMENT_SELECT")
    )


def on_cancel_confirm(ctx: Context, heard: Understanding) -> Step:
    memory = ctx.memory
    if heard.yes_no is True and memory.target and memory.target.appointment_id:
        return Step(ctx.state, (), memory, effects=(Cancel(memory.target.appointment_id),))
    if heard.yes_no is False:
        return Step(
            State.START, ("MSG_CANCEL_KEPT", "MSG_ANYTHING_ELSE"), reset_for_new_request(memory)
        )
    return faq_or(
        ctx,
        heard,
        fail(ctx, "confirm", ctx.limits.choice_failures + 1, "MSG_CANCEL_CONFIRM_RETRY"),
    )


def on_modify_confirm(ctx: Context, heard: Understanding) -> Step:
    memory = ctx.memory
    if heard.slot_choice is not None and 0 <= heard.slot_choice < len(memory.slots):
        chosen = memory.slots[heard.slot_choice]
        if chosen != memory.chosen:
            return Step(ctx.state, ("MSG_MODIFY_CONFIRM",), replace(memory, chosen=chosen))
    if heard.yes_no is True and memory.chosen and memory.target and memory.target.appointment_id:
        return Step(
            ctx.state, (), memory, effects=(Move(memory.target.appointment_id, memory.chosen),)
        )
    if heard.yes_no is False:
        return Step(
            State.START, ("MSG_MODIFY_KEPT", "MSG_ANYTHING_ELSE"), reset_for_new_request(memory)
        )
    return faq_or(
        ctx, heard, fail(ctx, "confirm", ctx.limits.choice_failures + 1, "MSG_CONFIRM_RETRY")
    )
