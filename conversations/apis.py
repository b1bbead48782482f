"""The web chat API (one turn per request) and the staff reads: a conversation, the stats.

Thin: validate, call the service or the selector, serialize."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from django.core.validators import RegexValidator
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.log import log_response
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from conversations.models import Channel
from conversations.reports import booking_stats
from conversations.schemas import (
    BOOKING_STATS_EXAMPLES,
    CHAT_STREAM_EVENT,
    CHAT_STREAM_EXAMPLES,
    CHAT_TURN_EXAMPLES,
    CONVERSATION_DETAIL_EXAMPLES,
)
from conversations.selectors import conversation_detail
from conversations.services import (
    MESSAGE_ID_MAX_CHARS,
    MESSAGE_ID_PATTERN,
    ConversationNotFound,
    conversation_handle_turn,
)
from conversations.vapi.chunks import pieces
from receptionist.lib.openapi import RETRY_AFTER, error_responses
from receptionist.lib.params import query_params
from receptionist.lib.rate_limits import (
    ChatAddressThrottle,
    ChatConversationThrottle,
    ChatNewConversationThrottle,
    digest,
    request_address,
)
from receptionist.lib.redaction import redact

MESSAGE_HARD_LIMIT = 20_000
MESSAGE_ID_VALIDATOR = RegexValidator(
    rf"\A{MESSAGE_ID_PATTERN.pattern}\Z", "Letters, digits and . _ : - only.", code="invalid"
)


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers, lists and objects instead of turning them into text."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class SlotSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    label = serializers.CharField()


class AppointmentSerializer(serializers.Serializer):
    id = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    name = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    motif = serializers.CharField(allow_blank=True)
    status = serializers.CharField()
    channel = serializers.CharField()


class TurnSerializer(serializers.Serializer):
    conversation_id = serializers.CharField()
    reply = serializers.CharField()
    state = serializers.CharField()
    intent = serializers.CharField()
    slots = SlotSerializer(many=True, allow_null=True)
    appointment = AppointmentSerializer(allow_null=True)
    faq_id = serializers.CharField(allow_null=True)
    transfer = serializers.BooleanField()
    ended = serializers.BooleanField()


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
    def post(self, request: Request) -> StreamingHttpResponse:
        turn = super().post(request).data
        response = StreamingHttpResponse(
            _events(turn), content_type="text/event-stream; charset=utf-8"
        )
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"
        return response


class ChannelStatsSerializer(serializers.Serializer):
    total_sessions = serializers.IntegerField()
    confirmed_bookings = serializers.IntegerField()
    conversion_rate = serializers.FloatField(help_text="Percent of the sessions.")


class BookingStatsSerializer(serializers.Serializer):
    window_hours = serializers.IntegerField()
    total_sessions = serializers.IntegerField()
    confirmed_bookings = serializers.IntegerField()
    moved = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    transferred = serializers.IntegerField()
    intent_router = serializers.IntegerField()
    conversion_rate = serializers.FloatField(help_text="Percent of the sessions.")
    abandon_rate = serializers.FloatField(help_text="Percent of the sessions.")
    by_channel = serializers.DictField(child=ChannelStatsSerializer())


class BookingStatsApi(APIView):
    """Conversion over the last `hours` (staff only)."""

    required_permissions = ("conversations.view_report",)

    class FilterSerializer(serializers.Serializer):
        hours = serializers.IntegerField(
            required=False, default=24, min_value=1, max_value=24 * 366
        )

    @extend_schema(
        operation_id="stats_bookings",
        summary="Conversion over the last `hours` (staff only).",
        parameters=[FilterSerializer, RETRY_AFTER],
        responses={
            200: OpenApiResponse(
                BookingStatsSerializer, description="Figures of the window; rates in percent."
            ),
            **error_responses(
                400,
                401,
                403,
                429,
                invalid=("hours", "Ensure this value is greater than or equal to 1."),
            ),
        },
        examples=BOOKING_STATS_EXAMPLES,
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=query_params(request))
        filters.is_valid(raise_exception=True)
        hours = filters.validated_data["hours"]
        now = timezone.now()
        stats = booking_stats(since=now - timedelta(hours=hours), now=now)
        stats["window_hours"] = hours
        return Response(stats)


class TranscriptLineSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=["user", "agent"])
    text = serializers.CharField(allow_blank=True)
    state = serializers.CharField(
        help_text="A message: the state it answered. A reply: the state after it."
    )
    at = serializers.DateTimeField()


class ConversationDetailSerializer(TurnSerializer):
    channel = serializers.CharField(help_text="`web` or `voice`.")
    turns = TranscriptLineSerializer(many=True, help_text="Oldest first.")


class ConversationDetailApi(APIView):
    """One conversation, as a CRM, a quality review or a test harness follows it (staff only)."""

    required_permissions = ("conversations.view_conversation",)

    @extend_schema(
        operation_id="conversation_detail",
        summary="One conversation: its last turn payload, its channel and its turns (staff only).",
        description="`id` is the `conversation_id`, or for a call Vapi's `call.id`. The payload "
        "is the last turn's, as the conversation stands now: `slots` are those still open, "
        "`appointment` carries whole contacts (public payloads mask them), `ended` is also true "
        "once the call hung up or the session expired.",
        parameters=[
            OpenApiParameter(
                "id",
                str,
                OpenApiParameter.PATH,
                description="The `conversation_id`, or Vapi's `call.id`.",
            ),
            RETRY_AFTER,
        ],
        responses={
            200: OpenApiResponse(
                ConversationDetailSerializer, description="The conversation as it stands now."
            ),
            **error_responses(401, 403, 404, 429),
        },
        examples=CONVERSATION_DETAIL_EXAMPLES,
    )
    def get(self, request: Request, id: str) -> Response:
        detail = conversation_detail(key=id)
        if detail is None:
            raise ConversationNotFound(id)
        return Response(detail)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400:
            # Django logs every refusal with its path, and the id is whatever the caller typed (a
            # phone number, say), which the log filter cannot tell from a path: logged here,
            # once, with the id redacted.
            key, path = kwargs.get("id", ""), request.path
            path = (
                path.removesuffix(key) + redact(key) if key and path.endswith(key) else redact(path)
            )
            log_response("%s: %s", response.reason_phrase, path, response=response, request=request)
        return response
