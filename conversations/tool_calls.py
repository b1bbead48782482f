"""The front door of Vapi's `tool-calls`: a caller driven by Vapi's own LLM, through our tools.

One tool call is one turn of the call's conversation, as a sentence is on the other channels:
the same conversation row (keyed by the call id), the same guards on what the caller's words
became, the same booking service, a Turn row, and the conversation's outcome, so the
managers' report counts these bookings, cancellations and moves like any other. A delivery
retried with the same tool call id gets the recorded result and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from booking.selectors import appointment_by_public_id, business_profile
from conversations import tools
from conversations.dialogue import guards
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.states import State
from conversations.journal import record_tool_turn
from conversations.rendering import appointment_payload
from conversations.services import call_conversation
from receptionist.lib.writes import serialized_writes

# What a tool that did its work makes of the conversation: its intent, and the state reached
# (None: the state stays as it was). A move ends CONFIRMED, as the dialogue's does.
EFFECTS: dict[str, tuple[str, State | None]] = {
    "check_availability": (Intent.BOOKING, None),
    "book_appointment": (Intent.BOOKING, State.CONFIRMED),
    "find_appointment": ("", None),
    "cancel_appointment": (Intent.CANCEL, State.CANCELLED),
    "move_appointment": (Intent.MODIFY, State.CONFIRMED),
    "answer_question": (Intent.FAQ, None),
}
# A caller's words a tool may not act on: markup, an injection, a text past the turn limit.
REFUSED_GUARDS = frozenset({guards.Guard.MARKUP, guards.Guard.INJECTION, guards.Guard.TOO_LONG})
REQUEST_KEY_PREFIX = "tool:"


@dataclass(frozen=True)
class ToolOutcome:
    """What the tool answered: a JSON-able value, or an error sentence for Vapi's LLM."""

    value: Any = None
    error: str = ""

    def as_result(self, tool_call_id: str, name: str) -> dict[str, str]:
        result = {"toolCallId": tool_call_id, "name": name}
        if self.error:
            result["error"] = self.error
        else:
            result["result"] = json.dumps(self.value, ensure_ascii=False)
        return result


def conversation_handle_tool_call(
    *,
    call: tools.Call,
    tool_call_id: str,
    name: str,
    arguments: dict[str, Any] | None,
    now: datetime | None = None,
) -> dict[str, str]:
    """Run one tool call as a turn of the call's conversation; Vapi's result item.

    Raises CallIdTaken when the call id is the key of a web conversation, and NotConfigured
    when no business is loaded.
    """
    started = time.perf_counter()
    now = now or timezone.now()
    profile = business_profile()
    request_key = tool_request_key(tool_call_id, name) if tool_call_id else ""
    with serialized_writes(), transaction.atomic():
        key = call.id or REQUEST_KEY_PREFIX + (tool_call_id or uuid.uuid4().hex)
        conversation = call_conversation(key, caller_number=call.number)
        if request_key:
            answered = conversation.turns.filter(request_key=request_key).first()
            if answered is not None:
                return answered.payload["tool"]
        guard, outcome = _run(name, arguments, profile, call, tool_call_id)
        result = outcome.as_result(tool_call_id, name)
        intent, reached = EFFECTS.get(name, ("", None))
        record_tool_turn(
            conversation,
            name=name,
            result=result,
            intent=intent,
            state_after=reached if reached and not outcome.error else None,
            appointment=_appointment_shown(outcome),
            faq_id=(outcome.value or {}).get("faq_id") if name == "answer_question" else None,
            guard=guard,
            started=started,
            now=now,
            request_key=request_key,
        )
    return result


def tool_request_key(tool_call_id: str, name: str) -> str:
    """The turn's request key of one tool call: its id and the tool it names, digested."""
    digest = hashlib.sha256(f"{name}\0{tool_call_id}".encode("utf-8", "replace")).hexdigest()
    return REQUEST_KEY_PREFIX + digest[:40]


def _run(
    name: str,
    arguments: dict[str, Any] | None,
    profile: Any,
    call: tools.Call,
    tool_call_id: str,
) -> tuple[guards.Guard | None, ToolOutcome]:
    try:
        if arguments is None:
            raise tools.ToolError("arguments must be a JSON object")
        arguments = _guarded(arguments)
        if name in tools.SIMPLE:
            value = tools.SIMPLE[name](arguments, profile, call)
        elif name in tools.IDEMPOTENT:
            value = tools.IDEMPOTENT[name](arguments, profile, call, tool_call_id)
        else:
            raise tools.ToolError(f"unknown tool {name!r}")
    except tools.ToolError as exc:
        return exc.guard, ToolOutcome(error=str(exc))
    return None, ToolOutcome(value=value)


def _guarded(arguments: dict[str, Any]) -> dict[str, Any]:
    """The arguments with every text cleaned as a caller's message is; refused past a guard."""
    cleaned: dict[str, Any] = {}
    for key, value in arguments.items():
        if isinstance(value, str) and value.strip():
            guard = guards.check(value, max_chars=settings.MESSAGE_MAX_CHARS)
            if guard in REFUSED_GUARDS:
                raise tools.ToolError(f"'{key}' refused ({guard})", guard=guard)
            value = guards.clean(value)
        cleaned[key] = value
    return cleaned


def _appointment_shown(outcome: ToolOutcome) -> dict[str, Any] | None:
    """The appointment a tool booked, moved or cancelled, as the turn payload shows it."""
    if outcome.error or not isinstance(outcome.value, dict) or "status" not in outcome.value:
        return None
    appointment = appointment_by_public_id(str(outcome.value.get("id", "")))
    return appointment_payload(appointment) if appointment else None
