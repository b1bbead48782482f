"""Vapi's Custom LLM endpoint as a Channels HTTP consumer.

The hot path of a phone call: it skips Django's middleware stack (this JSON endpoint needs
none of sessions, CSRF or messages, and authenticates with Vapi's secret), so the first words
leave as soon as the turn is known.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.http import AsyncHttpConsumer
from django.conf import settings
from django.core.cache import cache

from booking.selectors import BusinessProfile, business_profile
from conversations.channels.vapi import chunks, control
from conversations.channels.vapi.auth import (
    TOO_LARGE,
    Refusal,
    body_limit,
    declared_too_large,
    refusal,
)
from conversations.channels.vapi.requests import (
    BadRequest,
    CompletionRequest,
    TooManyMessages,
    parse_completion,
    read_json,
)
from conversations.rendering import TurnResult
from conversations.services import CallIdTaken, conversation_handle_voice_turn
from receptionist.lib.errors import NotConfigured, error_body
from receptionist.lib.rate_limits import ahit, scope_address

logger = logging.getLogger(__name__)

JSON_HEADERS = [(b"content-type", b"application/json")]
STREAM_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]


def answer_for(result: TurnResult, req: CompletionRequest, transfer_number: str) -> chunks.Answer:
    """The chat completion for a turn: its words, then transferCall or endCall when due."""
    seed = f"{req.call_id}|{len(req.user_messages)}|{result.reply}"
    tool = None
    if result.transfer and transfer_number:
        tool = chunks.ToolCall("transferCall", {"destination": transfer_number})
    elif result.ended:
        tool = chunks.ToolCall("endCall", {})
    return chunks.Answer(
        completion_id="chatcmpl-" + hashlib.sha256(seed.encode()).hexdigest()[:24],
        created=int(time.time()),
        model=req.model,
        text=result.reply,
        tool=tool,
    )


def take_control(answer: chunks.Answer, call_id: str, control_url: str) -> None:
    """Also send the transfer or hang-up through Live Call Control, in the background."""
    if not (answer.tool and control_url):
        return
    command = (
        control.transfer_command(answer.tool.arguments["destination"])
        if answer.tool.name == "transferCall"
        else control.end_call_command()
    )
    control.schedule(call_id, control_url, command, delay=control.speech_seconds(answer.text))


@dataclass(frozen=True)
class Thought:
    result: TurnResult
    profile: BusinessProfile
    # A newer request for the same call came in meanwhile: Vapi listens to that one now.
    superseded: bool


def _think(req: CompletionRequest) -> Thought:
    sequence = _newest(req.call_id)
    result = conversation_handle_voice_turn(
        call_id=req.call_id,
        user_messages=req.user_messages,
        caller_number=req.caller_number,
        control_url=req.control_url,
    )
    superseded = cache.get(f"vapi:seq:{req.call_id}") != sequence
    return Thought(result, business_profile(), superseded)


# Worker threads, not the one thread-sensitive executor: turns of different calls run side by
# side (SQLite writes are queued by receptionist.lib.writes).
think = database_sync_to_async(_think, thread_sensitive=False)


def _newest(call_id: str) -> int:
    """Number this request among its call's requests: a newer one supersedes it."""
    key = f"vapi:seq:{call_id}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key)


class ChatCompletionsConsumer(AsyncHttpConsumer):
    """Checks the method, the client's rate, the secret and the announced size on the first
    body message, before anything is buffered; the body is capped at VAPI_MAX_BODY_BYTES."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.started = False
        self.received = 0

    async def http_request(self, message: dict[str, Any]) -> None:
        if not self.started:
            self.started = True
            if not await self.admit():
                raise StopConsumer()
        chunk = message.get("body", b"")
        self.received += len(chunk)
        if self.received > body_limit():
            await self.refuse(TOO_LARGE)
            raise StopConsumer()
        await super().http_request(message)

    async def admit(self) -> bool:
        """Whether the request may go on, judged on its headers alone; answers it otherwise."""
        if self.scope.get("method") != "POST":
            await self.error(405, "method_not_allowed", "Use POST.", headers=((b"allow", b"POST"),))
            return False
        retry_after = await ahit(
            "voice-address", scope_address(self.scope), settings.VOICE_ADDRESS_RATE_LIMIT_PER_MINUTE
        )
        if retry_after:
            await self.throttled(retry_after)
            return False
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in self.scope["headers"]
        }
        refused = refusal(headers) or (TOO_LARGE if declared_too_large(headers) else None)
        if refused:
            await self.refuse(refused)
            return False
        return True

    async def handle(self, body: bytes) -> None:
        try:
            req = parse_completion(read_json(body), max_messages=settings.VOICE_MAX_MESSAGES)
        except BadRequest as exc:
            await self.error(400, "bad_request", str(exc))
            return
        except TooManyMessages as exc:
            await self.error(413, "too_many_messages", str(exc))
            return
        retry_after = await ahit("voice-call", req.call_id, settings.VOICE_RATE_LIMIT_PER_MINUTE)
        if retry_after:
            await self.throttled(retry_after)
            return
        try:
            thought = await think(req)
        except NotConfigured as refused:
            await self.error(refused.status, refused.code, refused.message)
            return
        except CallIdTaken as taken:
            await self.error(taken.status, taken.code, taken.message)
            return
        result = thought.result
        answer = answer_for(result, req, thought.profile.identity.transfer_number)
        take_control(answer, req.call_id, result.extra.get("control_url") or req.control_url)
        if req.stream:
            await self.stream(answer, req.call_id, thought.superseded)
        else:
            await self.send_response(
                200, json.dumps(chunks.completion(answer)).encode(), headers=JSON_HEADERS
            )

    async def stream(self, answer: chunks.Answer, call_id: str, superseded: bool) -> None:
        await self.send_headers(status=200, headers=STREAM_HEADERS)
        if superseded:
            # A newer request for this call came in while this one was thought out: Vapi
            # listens to that one now, so this one says nothing.
            logger.info("[INTERRUPTION] conv_id=%s state=- intent=- superseded", call_id)
            await self.send_body(b"data: [DONE]\n\n", more_body=False)
            return
        events = list(chunks.stream(answer))
        for event in events[:-1]:
            await self.send_body(event.encode(), more_body=True)
        await self.send_body(events[-1].encode(), more_body=False)

    async def throttled(self, retry_after: int) -> None:
        await self.error(
            429,
            "throttled",
            f"Too many requests; try again in {retry_after} s.",
            headers=((b"retry-after", str(retry_after).encode()),),
        )

    async def refuse(self, refused: Refusal) -> None:
        await self.error(refused.status, refused.code, refused.message)

    async def error(
        self, status: int, code: str, message: str, headers: tuple[tuple[bytes, bytes], ...] = ()
    ) -> None:
        body = json.dumps(error_body(code, message)).encode()
        await self.send_response(status, body, headers=[*JSON_HEADERS, *headers])
