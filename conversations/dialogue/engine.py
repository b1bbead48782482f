"""The dialogue engine: a pure transition function over plain data.

``step(ctx, heard)`` reads the state and what the caller said, and returns the next state, the
prompt keys to say and the effects to run. When an effect's outcome changes the flow (the slot
was just taken, the appointment was found), the service calls ``resume(step, outcome, ctx)``.
No database, no settings, no clock: everything comes in as arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from conversations.dialogue import flows
from conversations.dialogue.effects import Outcome
from conversations.dialogue.flows.common import (
    ASK,
    Context,
    Limits,
    Step,
    apply_corrections,
    guard_step,
    reask,
    transfer,
)
from conversations.dialogue.guards import Guard
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.states import TERMINAL, State
from conversations.dialogue.understanding import Understanding

__all__ = ["ASK", "HANDLERS", "Context", "Limits", "Step", "resume", "step"]

# States whose own handler reads corrections of what they ask.
CORRECTABLE_HERE = frozenset(
    {
        State.QUALIF_NAME,
        State.QUALIF_CONTACT,
        State.CANCEL_NAME,
        State.MODIFY_NAME,
        State.CANCEL_VERIFY,
        State.MODIFY_VERIFY,
    }
)

Handler = Callable[[Context, Understanding], Step]

HANDLERS: dict[State, Handler] = {
    State.START: flows.routing.on_start,
    State.INTENT_ROUTER: flows.routing.on_menu,
    State.QUALIF_NAME: flows.booking.on_name,
    State.QUALIF_MOTIF: flows.booking.on_motif,
    State.QUALIF_PREF: flows.booking.on_preference,
    State.QUALIF_CONTACT: flows.booking.on_contact,
    State.QUALIF_PRACTITIONER: flows.booking.on_practitioner,
    State.WAIT_CONFIRM: flows.booking.on_slot_choice,
    State.BOOKING_CONFIRM: flows.booking.on_booking_confirm,
    State.CANCEL_NAME: flows.changes.on_lookup_name,
    State.MODIFY_NAME: flows.changes.on_lookup_name,
    State.CANCEL_VERIFY: flows.changes.on_verify,
    State.MODIFY_VERIFY: flows.changes.on_verify,
    State.CANCEL_SELECT: flows.changes.on_select,
    State.MODIFY_SELECT: flows.changes.on_select,
    State.CANCEL_CONFIRM: flows.changes.on_cancel_confirm,
    State.MODIFY_CONFIRM: flows.changes.on_modify_confirm,
    State.FAQ_CONFIRM: flows.faq_confirm.on_faq_confirm,
    State.CONFIRMED: flows.routing.on_after_outcome,
    State.CANCELLED: flows.routing.on_after_outcome,
    State.TRANSFERRED: flows.routing.on_after_outcome,
}


def step(ctx: Context, heard: Understanding) -> Step:
    """The agent's answer to one message."""
    return flows.faq_confirm.naming_proposal(_step(ctx, heard))


def _step(ctx: Context, heard: Understanding) -> Step:
    memory = replace(ctx.memory, turns_since_menu=ctx.memory.turns_since_menu + 1)
    ctx = replace(ctx, memory=memory)
    if heard.guard is not None:
        if heard.guard == Guard.ABUSE:
            return transfer(ctx, "MSG_TRANSFER_LIMIT")
        if heard.guard == Guard.NOT_FRENCH and heard.faq is not None and heard.faq.sure:
            # « do you speak English »: the business's own FAQ, when sure, may answer it (the
            # languages spoken there) better than « French only ».
            return flows.common.answer_faq(ctx, heard)
        return guard_step(ctx, heard.guard)
    if heard.intent == Intent.EMERGENCY:
        return transfer(ctx, "MSG_TRANSFER_EMERGENCY")
    if heard.intent == Intent.TRANSFER and ctx.state != State.INTENT_ROUTER:
        return transfer(ctx, "MSG_TRANSFER")
    if memory.turns_since_menu > ctx.limits.anti_loop_turns and ctx.state not in TERMINAL:
        return flows.routing.anti_loop(ctx)
    if (
        ctx.state not in (State.START, State.FAQ_CONFIRM)
        and heard.faq is not None
        and heard.faq.faq_id == memory.last_faq_id
    ):
        # The entry just answered, matched again in the middle of a request: its answer did
        # not settle it, and the words are read as the answer to the question pending
        # (« un bilan après mon accouchement » twice must not loop on the same entry).
        heard = replace(heard, faq=None)
    if ctx.state not in CORRECTABLE_HERE and ctx.state not in TERMINAL:
        # (after an outcome, `on_after_outcome` applies a correction to what was booked)
        corrected = apply_corrections(memory, heard)
        if corrected != memory:
            return reask(replace(ctx, memory=corrected), "MSG_CORRECTION_NOTED")
    return HANDLERS[ctx.state](ctx, heard)


def resume(pending: Step, outcome: Outcome, ctx: Context) -> Step:
    """The flow after an effect ran: `pending` is the step that asked for it."""
    after = flows.outcomes.on_outcome(
        replace(ctx, state=pending.state, memory=pending.memory), outcome
    )
    return replace(
        after,
        say=pending.say + after.say,
        faq_id=pending.faq_id or after.faq_id,
    )
