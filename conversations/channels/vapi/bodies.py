"""JSON Schemas of what Vapi sends and what the voice endpoints answer (see vapi/schemas.py).

Request schemas say exactly what the views refuse: a field the views read leniently (ignoring a
wrong type) is described without a type, or as « this shape, or anything », so that no
schema-valid body is refused and no refused body is schema-valid.
"""

from __future__ import annotations

from typing import Any

from conversations.channels.vapi.assistant import SERVER_MESSAGES
from conversations.tools import IDEMPOTENT, SIMPLE

# Not blank, as requests.BLANK says (not `\S`: engines disagree on what `\s` is).
CALL_ID = {"type": "string", "minLength": 1, "maxLength": 100, "pattern": r"[^ \t\n\r\f\v]"}
# The view reads `call.id or call.callId`: an empty id gives way to callId.
NO_ID: dict[str, Any] = {"enum": [None, "", 0, False, [], {}]}
ANYTHING: dict[str, Any] = {}


def _or_anything(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """A field read leniently: this shape is used, anything else is ignored."""
    return {"description": description, "anyOf": [schema, ANYTHING]}


MESSAGE = {
    "type": "object",
    "description": "An OpenAI chat message; only `user` messages are read.",
    "properties": {
        "role": {"description": "`system`, `user`, `assistant`, `tool`…"},
        "content": _or_anything(
            {
                "oneOf": [
                    {"type": "string"},
                    {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"type": {"type": "string"}, "text": {"type": "string"}},
                        },
                    },
                ]
            },
            "The text, or OpenAI content parts.",
        ),
    },
}
COMPLETION_REQUEST = {
    "type": "object",
    "required": ["messages", "call"],
    "properties": {
        "model": {"description": "Echoed back in the answer; default `receptionist`."},
        "stream": {"type": "boolean", "default": False},
        "messages": {"type": "array", "items": MESSAGE},
        "call": {
            "type": "object",
            "description": "The call: keyed by `id`, or by `callId` when `id` is missing or empty.",
            "anyOf": [
                {"required": ["id"], "properties": {"id": CALL_ID}},
                {"required": ["callId"], "properties": {"callId": CALL_ID, "id": NO_ID}},
            ],
            "properties": {
                "id": {"description": "Vapi's call id."},
                "callId": {"description": "Older payloads' call id."},
                "monitor": _or_anything(
                    {"type": "object", "properties": {"controlUrl": {"type": "string"}}},
                    "Live Call Control: where transfers and hang-ups are sent.",
                ),
                "customer": _or_anything(
                    {"type": "object", "properties": {"number": {"type": "string"}}},
                    "The caller; its number may be offered as the contact.",
                ),
            },
        },
        "customer": _or_anything(
            {"type": "object", "properties": {"number": {"type": "string"}}},
            "The caller (same as `call.customer`).",
        ),
    },
}


COMPLETION = {
    "type": "object",
    "required": ["id", "object", "created", "model", "choices"],
    "properties": {
        "id": {"type": "string"},
        "object": {"type": "string", "enum": ["chat.completion"]},
        "created": {"type": "integer"},
        "model": {"type": "string"},
        "choices": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["index", "message", "finish_reason"],
                "properties": {
                    "index": {"type": "integer"},
                    "message": {
                        "type": "object",
                        "required": ["role", "content"],
                        "properties": {
                            "role": {"type": "string", "enum": ["assistant"]},
                            "content": {"type": "string"},
                            "tool_calls": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string"},
                                        "type": {"type": "string", "enum": ["function"]},
                                        "function": {
                                            "type": "object",
                                            "properties": {
                                                "name": {
                                                    "type": "string",
                                                    "enum": ["transferCall", "endCall"],
                                                },
                                                "arguments": {"type": "string"},
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                    "finish_reason": {"type": "string", "enum": ["stop", "tool_calls"]},
                },
            },
        },
        "usage": {"type": "object", "additionalProperties": {"type": "integer"}},
    },
}


TOOL_CALL = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "function": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "enum": sorted({*SIMPLE, *IDEMPOTENT})},
                "arguments": {
                    "type": "object",
                    "properties": {
                        "preference": {"type": "string"},
                        "start": {"type": "string", "format": "date-time"},
                        "name": {"type": "string"},
                        "phone": {"type": "string"},
                        "email": {"type": "string"},
                        "motif": {"type": "string"},
                        "practitioner": {
                            "type": "string",
                            "description": "Optional: a practitioner's id or name.",
                        },
                        "appointment_id": {"type": "string"},
                        "question": {"type": "string"},
                    },
                },
            },
        },
    },
}
SERVER_MESSAGE = {
    "type": "object",
    "required": ["type"],
    "properties": {
        "type": {
            "description": "Types not listed are acknowledged with `{}`.",
            "anyOf": [
                {"type": "string", "enum": ["assistant-request", *SERVER_MESSAGES]},
                {"type": "string"},
            ],
        },
        "timestamp": {"description": "With the call and the type, identifies a delivery."},
        "call": _or_anything(
            {"type": "object", "properties": {"id": {"type": "string"}}}, "The call."
        ),
        "status": {"description": "status-update: `ended` closes the conversation."},
        "endedReason": {"description": "status-update, end-of-call-report."},
        "toolCallList": _or_anything(
            {"type": "array", "items": TOOL_CALL}, "tool-calls: the receptionist's tools to run."
        ),
        "artifact": {"description": "end-of-call-report: transcript, recording."},
        "analysis": {"description": "end-of-call-report: summary."},
    },
}
WEBHOOK_REQUEST = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": SERVER_MESSAGE},
}
WEBHOOK_ANSWER = {
    "type": "object",
    "description": "`assistant` for assistant-request, `results` for tool-calls, "
    "`destination` for transfer-destination-request, `{}` otherwise.",
    "properties": {
        "assistant": {"type": "object"},
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["toolCallId", "name"],
                "properties": {
                    "toolCallId": {"type": "string"},
                    "name": {"type": "string"},
                    "result": {"type": "string", "description": "The tool's answer, as JSON."},
                    "error": {"type": "string"},
                },
            },
        },
        "destination": {"type": "object"},
        "error": {"type": "string"},
    },
}
