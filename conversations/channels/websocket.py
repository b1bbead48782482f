"""The web chat over a WebSocket: the same turn as POST /api/chat, streamed as frames.

Every socket of a conversation joins its group, so a reply reaches each open tab, and, with
the Redis channel layer, sockets held by other server processes.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import timezone

from conversations.channels.vapi.chunks import pieces
from conversations.models import Channel, Conversation
from conversations.rendering import TurnResult
from conversations.services import (
    MESSAGE_ID_PATTERN,
    ConversationNotFound,
    conversation_handle_turn,
    session_ttl,
)
from receptionist.lib.errors import NotConfigured, RateLimited
from receptionist.lib.rate_limits import (
    ahit,
    anew_conversation_wait,
    digest,
    new_conversation_wait,
    scope_address,
)

logger = logging.getLogger(__name__)

MAX_TEXT = 20_000


def group_name(conversation_id: str) -> str:
    return f"chat.{conversation_id}"


@database_sync_to_async
def pending_payload(conversation_id: str) -> dict[str, Any] | None:
    """The last answer of a web conversation, to show again on reconnect.

    None for an expired one: the socket starts a new conversation instead of showing it.
    """
    conversation = Conversation.objects.filter(key=conversation_id, channel=Channel.WEB).first()
    if conversation is None or conversation.is_expired(timezone.now(), session_ttl(Channel.WEB)):
        return None
    latest = conversation.turns.order_by("-index").first()
    return latest.payload if latest else None


@database_sync_to_async
def take_turn(
    conversation_id: str | None,
    text: str,
    message_id: str = "",
    client: str = "",
    address: str = "",
) -> TurnResult:
    return conversation_handle_turn(
        channel=Channel.WEB,
        conversation_id=conversation_id,
        message=text,
        message_id=message_id,
        client=client,
        # An expired conversation starting afresh counts as a new one of this address.
        admit_new=partial(new_conversation_wait, address) if address else None,
    )


class ChatConsumer(AsyncJsonWebsocketConsumer):
    conversation_id: str | None = None
    address = ""

    async def connect(self) -> None:
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        wanted = (query.get("conversation_id") or [""])[0][:100] or None
        self.address = scope_address(self.scope)
        await self.accept()
        # Opening a socket starts a conversation: it counts as a request of that address.
        retry_after = await ahit("chat-address", self.address, settings.CHAT_RATE_LIMIT_PER_MINUTE)
        if retry_after:
            await self.send_rate_limited(retry_after)
            await self.close(code=4429)
            return
        payload = await pending_payload(wanted) if wanted else None
        if payload is None:
            if retry_after := await self.new_conversation_limited():
                await self.send_rate_limited(retry_after)
                await self.close(code=4429)
                return
            try:
                payload = (await take_turn(None, "", client=digest(self.address))).as_payload()
            except NotConfigured as refused:
                await self.send_error(refused.code, refused.message)
                await self.close(code=1011)
                return
        await self.join(payload["conversation_id"])
        await self.send_json({"type": "reply", **payload})

    async def join(self, conversation_id: str) -> None:
        if self.conversation_id == conversation_id:
            return
        if self.conversation_id:
            await self.channel_layer.group_discard(
                group_name(self.conversation_id), self.channel_name
            )
        self.conversation_id = conversation_id
        await self.channel_layer.group_add(group_name(conversation_id), self.channel_name)

    async def disconnect(self, code: int) -> None:
        if self.conversation_id:
            await self.channel_layer.group_discard(
                group_name(self.conversation_id), self.channel_name
            )

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "message":
            await self.send_error("bad_frame", 'Send {"type": "message", "text": "…"}.')
            return
        text = content.get("text", "")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            await self.send_error("invalid", "'text' must be a string.")
            return
        message_id = content.get("message_id") or ""
        if not isinstance(message_id, str) or (
            message_id and not MESSAGE_ID_PATTERN.fullmatch(message_id)
        ):
            await self.send_error("invalid", "'message_id' must be up to 60 letters or digits.")
            return
        if retry_after := await self.rate_limited():
            await self.send_rate_limited(retry_after)
            return
        previous = self.conversation_id
        try:
            turn = await take_turn(previous, text, message_id, address=self.address)
        except RateLimited as limited:
            await self.send_rate_limited(limited.retry_after)
            return
        except ConversationNotFound:
            if retry_after := await self.new_conversation_limited():
                await self.send_rate_limited(retry_after)
                return
            turn = await take_turn(None, text, message_id, client=digest(self.address))
        payload = turn.as_payload()
        if payload["conversation_id"] != previous:
            await self.join(payload["conversation_id"])  # expired: the conversation started afresh
        await self.channel_layer.group_send(
            group_name(payload["conversation_id"]), {"type": "chat.reply", "payload": payload}
        )

    async def chat_reply(self, event: dict[str, Any]) -> None:
        payload = event["payload"]
        for piece in pieces(payload["reply"]):
            await self.send_json({"type": "token", "text": piece})
        await self.send_json({"type": "reply", **payload})

    async def rate_limited(self) -> int:
        """Seconds to wait before this message may go; the same limits as POST /api/chat."""
        by_address = await ahit("chat-address", self.address, settings.CHAT_RATE_LIMIT_PER_MINUTE)
        by_conversation = await ahit(
            "chat-conversation",
            (self.conversation_id or "")[:80],
            settings.CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE,
        )
        return max(by_address, by_conversation)

    async def new_conversation_limited(self) -> int:
        """Seconds to wait before this address may start another conversation."""
        return await anew_conversation_wait(self.address)

    async def send_rate_limited(self, retry_after: int) -> None:
        await self.send_error(
            "rate_limited",
            f"Too many messages; try again in {retry_after} s.",
            retry_after=retry_after,
        )

    async def send_error(self, code: str, message: str, **extra: Any) -> None:
        await self.send_json(
            {"type": "error", "error": {"code": code, "message": message, **extra}}
        )

    @classmethod
    async def decode_json(cls, text_data: str) -> Any:
        try:
            return await super().decode_json(text_data)
        except ValueError:
            return None
