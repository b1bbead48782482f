"""FAQ_CONFIRM: « Vous souhaitez connaître nos horaires ? » before answering a likely entry.

The FAQ was fairly but not fully sure (faq.confidence) of a question asked at the start: the
agent proposes the entry and waits for yes or no, then goes back to the start. « oui » answers
the entry; « non » asks to rephrase (a miss only the second time); anything else is read as the
start would read it. In the middle of a request, an unsure entry is answered at once instead
(flows.common.answer_faq).
"""

from __future__ import annotations

from dataclasses import replace

from conversations.dialogue.flows.common import Context, Step, ask_key, faq_miss
from conversations.dialogue.memory import Memory
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding

DECLINED = "faq_declined"
# Requests that leave the question behind, whatever the state: they go where they lead.
ACTIONS = frozenset({Intent.BOOKING, Intent.CANCEL, Intent.MODIFY})


def propose_faq(ctx: Context, heard: Understanding) -> Step:
    """Ask whether the caller means the entry the FAQ found (payload `faq_id` names it)."""
    assert heard.faq is not None
    if heard.faq.faq_id in ctx.memory.faq_refused:
        # Said not to be their question already: asking again would go round in circles.
        return faq_miss(ctx)
    memory = replace(ctx.memory, faq_proposed=heard.faq.faq_id, faq_resume=ctx.state.value)
    return Step(State.FAQ_CONFIRM, ("MSG_FAQ_CONFIRM",), memory, faq_id=heard.faq.faq_id)


def naming_proposal(step: Step) -> Step:
    """In FAQ_CONFIRM the payload's `faq_id` names the entry proposed, whatever led there."""
    if step.state == State.FAQ_CONFIRM and not step.faq_id:
        return replace(step, faq_id=step.memory.faq_proposed or None)
    return step


def settled(memory: Memory) -> Memory:
    return replace(memory, faq_proposed="", faq_resume="")


def resumed(ctx: Context) -> Context:
    """The context the caller was in before the proposal, without it."""
    state = State(ctx.memory.faq_resume) if ctx.memory.faq_resume else State.START
    return replace(ctx, state=state, memory=settled(ctx.memory))


def on_faq_confirm(ctx: Context, heard: Understanding) -> Step:
    from conversations.dialogue.engine import HANDLERS  # the table names this handler

    back = resumed(ctx)
    if heard.yes_no is True and heard.intent not in ACTIONS and not _new_question(ctx, heard):
        memory = replace(
            back.memory,
            faq_misses=0,
            failures=_cleared(back.memory),
            last_faq_id=ctx.memory.faq_proposed,
        )
        if back.state == State.START:
            memory = replace(memory, intent=Intent.FAQ)
        back = replace(back, memory=memory)
        return Step(
            back.state,
            ("MSG_FAQ_ANSWER", ask_key(back)),
            memory,
            faq_id=ctx.memory.faq_proposed,
        )
    if heard.yes_no is False and heard.intent not in ACTIONS and not _new_question(ctx, heard):
        return _declined(back, ctx.memory.faq_proposed)
    return HANDLERS[back.state](back, heard)


def _new_question(ctx: Context, heard: Understanding) -> bool:
    """« oui, et vous êtes ouverts le samedi ? »: another entry asked along with the answer."""
    return heard.faq is not None and heard.faq.faq_id != ctx.memory.faq_proposed


def _declined(back: Context, proposed: str) -> Step:
    refused = (*back.memory.faq_refused, proposed)
    back = replace(back, memory=replace(back.memory, faq_refused=refused))
    if back.memory.failures_of(DECLINED) >= 1:
        return faq_miss(back)
    memory = back.memory.failed(DECLINED)
    return Step(back.state, ("MSG_FAQ_REPHRASE",), memory)


def _cleared(memory: Memory) -> dict[str, int]:
    return {kind: n for kind, n in memory.failures.items() if kind != DECLINED}
