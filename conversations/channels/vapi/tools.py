"""Vapi's `tool-calls` message read: its calls, and the call they belong to.

The tools themselves are `conversations.tools`; each call goes through the front door,
`conversations.tool_calls.conversation_handle_tool_call`, as a turn of the call.
"""

from __future__ import annotations

import json
from typing import Any

from conversations.tool_calls import conversation_handle_tool_call
from conversations.tools import Arguments, Call
from receptionist.lib.phones import extract_phone
from receptionist.lib.text import fold


def _calls(message: dict[str, Any]) -> list[tuple[str, str, Arguments | None]]:
    """(id, name, arguments) of each call, in Vapi's real shape or its docs' simplified one."""
    calls = []
    items = message.get("toolCallList") or message.get("toolCalls") or []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        function = item.get("function")
        if not isinstance(function, dict):
            function = {}
        name = function.get("name") or item.get("name")
        raw = function.get("arguments", item.get("parameters", {}))
        if isinstance(raw, str):
            try:
                raw = json.loads(raw) if raw.strip() else {}
            except ValueError:
                raw = None
        calls.append(
            (str(item.get("id") or ""), str(name or ""), raw if isinstance(raw, dict) else None)
        )
    return calls


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def call_of(message: dict[str, Any]) -> Call:
    """The call a `tool-calls` message belongs to, with the caller's number normalised."""
    call = _dict(message.get("call"))
    customer = _dict(message.get("customer")) or _dict(call.get("customer"))
    raw = customer.get("number")
    number = extract_phone(fold(raw[:40])) if isinstance(raw, str) else None
    return Call(id=str(call.get("id") or call.get("callId") or "")[:100], number=number or "")


def on_tool_calls(message: dict[str, Any]) -> dict[str, Any]:
    """Each call of the message through the front door, one result each, in order."""
    call = call_of(message)
    return {
        "results": [
            conversation_handle_tool_call(
                call=call, tool_call_id=tool_id, name=name, arguments=arguments
            )
            for tool_id, name, arguments in _calls(message)
        ]
    }
