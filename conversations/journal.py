"""The record of a turn: its words rendered, the conversation saved, the Turn row, the log lines."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from booking.selectors import BusinessProfile
from conversations.dialogue import guards, prompts
from conversations.dialogue.flows.common import Step
from conversations.dialogue.states import TERMINAL, State
from conversations.executor import Executor
from conversations.models import Conversation, Turn
from conversations.rendering import TurnResult, appointment_payload, render_values, slots_payload
from conversations.selectors import prompt_overrides
from faq.services import faq_question
from receptionist.lib import metrics

logger = logging.getLogger("conversations.flow")

OUTCOMES: dict[str, Conversation.Outcome] = {
    State.CONFIRMED: Conversation.Outcome.CONFIRMED,
    State.CANCELLED: Conversation.Outcome.CANCELLED,
    State.TRANSFERRED: Conversation.Outcome.TRANSFERRED,
}


def record_turn(
    conversation: Conversation,
    profile: BusinessProfile,
    step: Step,
    *,
    user_text: str,
    state_before: State,
    started: float,
    now: datetime,
    executor: Executor | None,
    guard: guards.Guard | None = None,
    request_key: str = "",
) -> TurnResult:
    channel = conversation.channel
    values = render_values(step, profile, channel)
    overrides = prompt_overrides()
    # A wording left empty (the privacy notice, by default) is neither said nor recorded.
    said = prompts.render_all(step.say, channel=channel, values=values, overrides=overrides)
    reply = " ".join(text for _, text in said)
    appointment = executor.appointment if executor else None
    save_conversation(conversation, step, now)
    result = TurnResult(
        conversation_id=conversation.key,
        reply=reply,
        state=step.state,
        intent=step.intent,
        slots=slots_payload(step, profile),
        appointment=appointment_payload(appointment) if appointment else None,
        faq_id=step.faq_id,
        transfer=step.transfer,
        ended=step.ended,
        faq_question=faq_question(step.faq_id) if step.faq_id else None,
    )
    latency_ms = (time.perf_counter() - started) * 1000
    metrics.turn_recorded(
        channel=channel, state=step.state, seconds=latency_ms / 1000, faq=faq_result(step)
    )
    Turn.objects.create(
        conversation=conversation,
        index=conversation.turn_count,
        user_text=user_text,
        reply=reply,
        state_before=state_before,
        state_after=step.state,
        intent=step.intent,
        prompt_keys=",".join(key for key, _ in said)[:300],
        faq_id=step.faq_id or "",
        transfer=step.transfer,
        guard=guard or "",
        latency_ms=latency_ms,
        request_key=request_key,
        payload=result.as_payload(),
    )
    log_turn(conversation, step, state_before, guard)
    return result


def save_conversation(conversation: Conversation, step: Step, now: datetime) -> None:
    conversation.data = step.memory.to_dict()
    fields = _advance(conversation, step.state, step.intent, step.memory.intent, now)
    if step.state == State.INTENT_ROUTER and not conversation.reached_router:
        conversation.reached_router = True
        fields.append("reached_router")
    if step.ended and "ended_at" not in fields:
        conversation.ended_at = now
        fields.append("ended_at")
    conversation.save(update_fields=["data", *fields])


def _advance(
    conversation: Conversation, state: str, intent: str, purpose: str, now: datetime
) -> list[str]:
    """Move the conversation to `state`, its outcome with it; the fields changed.

    `purpose` is what the caller came for: a CONFIRMED reached to move an appointment is a
    move, not a new booking.
    """
    conversation.state = state
    conversation.intent = intent
    conversation.turn_count += 1
    fields = ["state", "intent", "turn_count", "user_messages_seen", "updated_at"]
    if state in OUTCOMES and conversation.outcome != OUTCOMES[state]:
        outcome = OUTCOMES[state]
        if state == State.CONFIRMED and purpose == "MODIFY":
            outcome = Conversation.Outcome.MOVED
        conversation.outcome = outcome
        fields.append("outcome")
        metrics.conversation_outcome(channel=conversation.channel, outcome=outcome)
    if state in TERMINAL:
        conversation.ended_at = now
        fields.append("ended_at")
    return fields


def record_tool_turn(
    conversation: Conversation,
    *,
    name: str,
    result: dict[str, str],
    intent: str,
    state_after: State | None,
    appointment: dict[str, Any] | None,
    faq_id: str | None,
    guard: guards.Guard | None,
    started: float,
    now: datetime,
    request_key: str,
) -> None:
    """One tool call of Vapi's LLM as a turn: the tool's name said, its result answered.

    The stored payload is the contract's turn payload, plus the `tool` result item that a
    retried delivery gets back.
    """
    state_before = State(conversation.state)
    state = state_after or state_before
    if state_after is None:
        # A look-up, a question, or a tool that failed: the conversation stays where it was,
        # its outcome too (a moved appointment stays a move whatever is asked after it).
        conversation.turn_count += 1
        fields = ["turn_count", "updated_at"]
    else:
        fields = _advance(conversation, state, intent, intent, now)
    conversation.save(update_fields=fields)
    reply = result.get("result") or result.get("error", "")
    payload = TurnResult(
        conversation_id=conversation.key,
        reply=reply,
        state=state,
        intent=intent or "UNKNOWN",
        appointment=appointment,
        faq_id=faq_id,
    ).as_payload()
    latency_ms = (time.perf_counter() - started) * 1000
    metrics.turn_recorded(
        channel=conversation.channel,
        state=state,
        seconds=latency_ms / 1000,
        faq="hit" if faq_id else "",
    )
    Turn.objects.create(
        conversation=conversation,
        index=conversation.turn_count,
        user_text=name,
        reply=reply,
        state_before=state_before,
        state_after=state,
        intent=intent,
        faq_id=faq_id or "",
        guard=guard or "",
        latency_ms=latency_ms,
        request_key=request_key,
        payload={**payload, "tool": result},
    )
    logger.info(
        "[FLOW] conv_id=%s state=%s intent=%s turn=%s tool=%s error=%s",
        conversation.key,
        state,
        intent or "UNKNOWN",
        conversation.turn_count,
        name[:40],
        "yes" if "error" in result else "no",
    )


def faq_result(step: Step) -> str:
    """« hit » when the FAQ answered, « miss » when the engine had no answer (see FAQ_MISSED).

    An entry proposed in FAQ_CONFIRM is neither yet: the caller's « oui » makes the hit.
    """
    if step.state == State.FAQ_CONFIRM:
        return ""
    if step.faq_id:
        return "hit"
    return "miss" if any(key.startswith("MSG_FAQ_NO_MATCH") for key in step.say) else ""


def log_turn(conversation: Conversation, step: Step, state_before: State, guard) -> None:
    key, intent = conversation.key, step.intent
    logger.info(
        "[FLOW] conv_id=%s state=%s intent=%s turn=%s prompts=%s faq_id=%s guard=%s",
        key,
        step.state,
        intent,
        conversation.turn_count,
        ",".join(step.say),
        step.faq_id or "-",
        guard or "-",
    )
    if step.state != state_before:
        logger.info(
            "[STATE_CHANGE] conv_id=%s state=%s intent=%s from=%s",
            key,
            step.state,
            intent,
            state_before,
        )
    if step.faq_id and state_before not in (State.START, *TERMINAL):
        logger.info(
            "[INTERRUPTION] conv_id=%s state=%s intent=%s faq_id=%s",
            key,
            step.state,
            intent,
            step.faq_id,
        )
    if step.state == State.INTENT_ROUTER and state_before != State.INTENT_ROUTER:
        logger.info(
            "[ANTI_LOOP] conv_id=%s state=%s intent=%s turns=%s",
            key,
            step.state,
            intent,
            conversation.turn_count,
        )
