"""Reading what Vapi sends to the Custom LLM endpoint (an OpenAI chat-completions body)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

# What may surround a call id. ASCII only, so that the schema's pattern means the same in
# every regex engine (Python's str.strip() also drops « \x85 », JSON Schema's \s does not).
BLANK = " \t\n\r\f\v"


# What no stored text may hold: NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class BadRequest(ValueError):
    pass


class TooManyMessages(ValueError):
    pass


def clean(value: Any) -> Any:
    """`value` with NUL characters dropped and lone surrogates replaced, in every string."""
    if isinstance(value, str):
        return UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)
    if isinstance(value, list):
        return [clean(item) for item in value]
    if isinstance(value, dict):
        return {clean(key): clean(item) for key, item in value.items()}
    return value


def read_json(body: bytes) -> Any:
    """The body's JSON, cleaned of what cannot be stored; BadRequest when it is not JSON."""
    try:
        return clean(json.loads(body))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadRequest("Malformed JSON body.") from None


@dataclass(frozen=True)
class CompletionRequest:
    call_id: str
    user_messages: list[str]
    caller_number: str
    control_url: str
    stream: bool
    model: str


def _text(content: Any) -> str:
    """A message's text: a string, or OpenAI content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            part.get("text", "")
            for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def parse_completion(body: Any, *, max_messages: int | None = None) -> CompletionRequest:
    """The request; TooManyMessages past `max_messages` messages (the history read is bounded)."""
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object.")
    messages = body.get("messages")
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        raise BadRequest("'messages' must be a list of message objects.")
    if max_messages is not None and len(messages) > max_messages:
        raise TooManyMessages(f"At most {max_messages} messages are read per request.")
    call = _dict(body.get("call"))
    call_id = call.get("id") or call.get("callId")
    if not isinstance(call_id, str) or not call_id.strip(BLANK) or len(call_id) > 100:
        raise BadRequest("'call.id' is required.")
    customer = _dict(body.get("customer")) or _dict(call.get("customer"))
    caller = customer.get("number")
    control_url = _dict(call.get("monitor")).get("controlUrl")
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise BadRequest("'stream' must be a boolean.")
    model = body.get("model")
    return CompletionRequest(
        call_id=call_id.strip(BLANK),
        user_messages=[_text(m.get("content")) for m in messages if m.get("role") == "user"],
        caller_number=caller if isinstance(caller, str) else "",
        control_url=control_url if isinstance(control_url, str) else "",
        stream=stream,
        model=model if isinstance(model, str) and model else "receptionist",
    )
