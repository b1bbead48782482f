"""OpenAI chat-completion objects for a turn: streamed chunks or one completion. Pure."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ToolCall:
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    """What the caller hears, and the Vapi tool to run after it (transfer or hang up)."""

    completion_id: str
    created: int
    model: str
    text: str
    tool: ToolCall | None = None

    @property
    def tool_call_id(self) -> str:
        return "call_" + hashlib.sha256(self.completion_id.encode()).hexdigest()[:24]

    @property
    def finish_reason(self) -> str:
        return "tool_calls" if self.tool else "stop"


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def pieces(text: str) -> list[str]:
    """The reply cut after each sentence, so speech can start on the first one."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p]
    return [p + (" " if i < len(parts) - 1 else "") for i, p in enumerate(parts)]


def _chunk(answer: Answer, delta: dict[str, Any], finish: str | None = None) -> str:
    body = {
        "id": answer.completion_id,
        "object": "chat.completion.chunk",
        "created": answer.created,
        "model": answer.model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return "data: " + json.dumps(body, ensure_ascii=False) + "\n\n"


def stream(answer: Answer) -> Iterator[str]:
    """Server-sent events: the text sentence by sentence, the tool call, the end."""
    first = True
    for piece in pieces(answer.text):
        delta = {"role": "assistant", "content": piece} if first else {"content": piece}
        first = False
        yield _chunk(answer, delta)
    if first:
        yield _chunk(answer, {"role": "assistant", "content": ""})
    if answer.tool:
        call = {
            "index": 0,
            "id": answer.tool_call_id,
            "type": "function",
            "function": {"name": answer.tool.name, "arguments": json.dumps(answer.tool.arguments)},
        }
        yield _chunk(answer, {"tool_calls": [call]})
    yield _chunk(answer, {}, answer.finish_reason)
    yield "data: [DONE]\n\n"


def completion(answer: Answer) -> dict[str, Any]:
    """The same answer as one non-streamed chat.completion."""
    message: dict[str, Any] = {"role": "assistant", "content": answer.text}
    if answer.tool:
        message["tool_calls"] = [
            {
                "id": answer.tool_call_id,
                "type": "function",
                "function": {
                    "name": answer.tool.name,
                    "arguments": json.dumps(answer.tool.arguments),
                },
            }
        ]
    return {
        "id": answer.completion_id,
        "object": "chat.completion",
        "created": answer.created,
        "model": answer.model,
        "choices": [{"index": 0, "message": message, "finish_reason": answer.finish_reason}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }
