"""The staff reads: one conversation as it stands, and the conversion figures.

Thin: validate, call the selector, serialize."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.log import log_response
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from conversations.reports import booking_stats
from conversations.schemas import BOOKING_STATS_EXAMPLES, CONVERSATION_DETAIL_EXAMPLES
from conversations.selectors import conversation_detail
from conversations.serializers import TurnSerializer
from conversations.services import ConversationNotFound
from receptionist.lib.openapi import RETRY_AFTER, error_responses
from receptionist.lib.params import query_params
from receptionist.lib.redaction import redact


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
