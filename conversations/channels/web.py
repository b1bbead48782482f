"""The web chat over HTTP: one turn per request (JSON or Server-Sent Events), and the demo page
that hosts the widget. Thin: validate, call the turn service, serialize."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from django.core.validators import RegexValidator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from booking.selectors import business_identity
from conversations.channels.vapi.chunks import pieces
from conversations.models import Channel
from conversations.schemas import CHAT_STREAM_EVENT, CHAT_STREAM_EXAMPLES, CHAT_TURN_EXAMPLES
from conversations.serializers import StrictCharField, TurnSerializer
from conversations.services import (
    MESSAGE_ID_MAX_CHARS,
    MESSAGE_ID_PATTERN,
    conversation_handle_turn,
)
from receptionist.lib.openapi import RETRY_AFTER, error_responses
from receptionist.lib.rate_limits import (
    ChatAddressThrottle,
    ChatConversationThrottle,
    ChatNewConversationThrottle,
    digest,
    new_conversation_wait,
    request_address,
)

MESSAGE_HARD_LIMIT = 20_000
MESSAGE_ID_VALIDATOR = RegexValidator(
    rf"\A{MESSAGE_ID_PATTERN.pattern}\Z", "Letters, digits and . _ : - only.", code="invalid"
)


class ChatInputSerializer(serializers.Serializer):
    conversation_id = StrictCharField(
        required=False, allow_null=True, allow_blank=True, max_length=80
    )
    message = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        max_length=MESSAGE_HARD_LIMIT,
    )
    message_id = StrictCharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        max_length=MESSAGE_ID_MAX_CHARS,
        validators=[MESSAGE_ID_VALIDATOR],
        help_text="Chosen by the client (a UUID, say): the same id again in the same "
        "conversation returns the stored payload and changes nothing.",
    )


class ChatTurnApi(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [ChatAddressThrottle, ChatConversationThrottle, ChatNewConversationThrottle]

    @extend_schema(
        operation_id="chat_turn",
        summary="One turn of the web chat.",
        description="Without `conversation_id` a new conversation starts; with an empty message "
        "the reply is the greeting. An expired conversation answers the session-expired "
        "message and starts afresh.",
        request=ChatInputSerializer,
        responses={
            200: OpenApiResponse(TurnSerializer, description="The turn payload."),
            **error_responses(400, 404, 429),
        },
        parameters=[RETRY_AFTER],
        examples=CHAT_TURN_EXAMPLES,
    )
    def post(self, request: Request) -> Response:
        data = ChatInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        turn = conversation_handle_turn(
            channel=Channel.WEB,
            conversation_id=data.validated_data.get("conversation_id") or None,
            message=data.validated_data.get("message") or "",
            message_id=data.validated_data.get("message_id") or "",
            client=digest(request_address(request)),
            admit_new=partial(new_conversation_wait, request_address(request)),
        )
        return Response(turn.as_payload())


def sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _events(payload: dict[str, Any]) -> AsyncIterator[str]:
    for piece in pieces(payload["reply"]):
        yield sse("token", {"text": piece})
    yield sse("reply", payload)


class ChatStreamApi(ChatTurnApi):
    """The same turn as POST /api/chat, as Server-Sent Events: `token` events, then `reply`."""

    def perform_content_negotiation(self, request: Request, force: bool = False) -> tuple:
        # SSE clients send « Accept: text/event-stream »: the stream is not rendered by DRF,
        # and errors still answer JSON rather than 406.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="chat_turn_stream",
        summary="One turn of the web chat, streamed (Server-Sent Events).",
        request=ChatInputSerializer,
        responses={
            (200, "text/event-stream"): OpenApiResponse(
                CHAT_STREAM_EVENT,
                description="`token` events carry the reply as it is produced; a final "
                "`reply` event carries the turn payload (as POST /api/chat answers).",
            ),
            **error_responses(400, 404, 429),
        },
        parameters=[RETRY_AFTER],
        examples=CHAT_STREAM_EXAMPLES,
    )
    # The same turn streamed: DRF answers whatever HttpResponse the handler returns.
    def post(self, request: Request) -> StreamingHttpResponse:  # type: ignore[override]
        turn = super().post(request).data
        response = StreamingHttpResponse(
            _events(turn), content_type="text/event-stream; charset=utf-8"
        )
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"
        return response


def demo(request: HttpRequest) -> HttpResponse:
    name = business_identity().name or "Assistant de rendez-vous"
    return render(request, "demo.html", {"business_name": name})
