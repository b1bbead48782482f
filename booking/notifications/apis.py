"""Replies to our text messages, from the SMS provider: « STOP » ends texts to that number."""

from __future__ import annotations

import hmac
from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from booking.notifications.models import SmsSuppression
from receptionist.lib.errors import DomainError, error_body
from receptionist.lib.openapi import RETRY_AFTER, ErrorSerializer, error_responses
from receptionist.lib.phones import phone_e164
from receptionist.lib.rate_limits import WindowThrottle, request_address
from receptionist.lib.text import fold

# The first word of a reply that asks for no more texts (accents and case aside).
STOP_WORDS = frozenset(
    {"stop", "stopsms", "arret", "arreter", "desabonner", "desinscription", "unsubscribe"}
)
# How providers name the fields: ours first, then Brevo's and others' spellings.
SENDER_FIELDS = ("sender", "from", "msisdn", "phone", "number")
TEXT_FIELDS = ("text", "content", "message", "reply", "body")


class InboundNotConfigured(DomainError):
    code, status = "sms_inbound_not_configured", 503
    message = "SMS_INBOUND_TOKEN is not set: replies are not taken."


class InboundThrottle(WindowThrottle):
    scope = "sms-inbound"

    def limit(self) -> int:
        return settings.CHAT_RATE_LIMIT_PER_MINUTE

    def ident(self, request: Request, view: Any) -> str:
        return request_address(request)


def asks_to_stop(text: str) -> bool:
    """« STOP », « stop sms », « Arrêt », « STOP. » — not « je ne peux pas stopper »."""
    words = fold(text).replace(".", " ").replace("!", " ").split()
    return bool(words) and (words[0] in STOP_WORDS or "".join(words[:2]) in STOP_WORDS)


def _field(data: dict[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        value = data.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)[:1600]
    return ""


class SmsInboundApi(APIView):
    """POST /api/sms/inbound (Authorization: Bearer SMS_INBOUND_TOKEN)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [InboundThrottle]

    class InputSerializer(serializers.Serializer):
        sender = serializers.CharField(help_text="The number that replied (any written form).")
        text = serializers.CharField(help_text="What it wrote.", allow_blank=True)

    class OutputSerializer(serializers.Serializer):
        stopped = serializers.BooleanField(help_text="Whether the number now gets no more texts.")

    def get_authenticate_header(self, request: Request) -> str:
        return "Bearer"  # a missing or wrong token is 401, not 403

    @extend_schema(
        operation_id="sms_inbound",
        summary="A reply to one of our text messages",
        description="The SMS provider's inbound webhook. A reply whose first word is STOP "
        "(or ARRÊT, DÉSABONNER…) puts the number on the suppression list. The fields may also "
        "be named from/msisdn and content/reply, as providers name them.",
        request=InputSerializer,
        parameters=[RETRY_AFTER],
        responses={
            200: OutputSerializer,
            **error_responses(400, 401, 429),
            503: OpenApiResponse(
                ErrorSerializer,
                description="SMS_INBOUND_TOKEN is not set on this server.",
                examples=[
                    OpenApiExample(
                        "not configured",
                        value=error_body(InboundNotConfigured.code, InboundNotConfigured.message),
                        status_codes=[503],
                    )
                ],
            ),
        },
        examples=[OpenApiExample("STOP", value={"sender": "+33612345678", "text": "STOP"})],
    )
    def post(self, request: Request) -> Response:
        token = settings.SMS_INBOUND_TOKEN
        if not token:
            raise InboundNotConfigured(InboundNotConfigured.message)
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise AuthenticationFailed("Wrong or missing token.")
        data = request.data if isinstance(request.data, dict) else {}
        number = phone_e164(_field(data, SENDER_FIELDS))
        if not number:
            raise ValidationError({"sender": ["Not a phone number."]})
        stopped = asks_to_stop(_field(data, TEXT_FIELDS))
        if stopped:
            SmsSuppression.objects.get_or_create(
                phone=number, defaults={"source": SmsSuppression.Source.STOP}
            )
        return Response(
            {"stopped": stopped or SmsSuppression.objects.filter(phone=number).exists()}
        )
