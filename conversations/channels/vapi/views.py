"""Vapi's webhook and health check (the Custom LLM endpoint is a Channels consumer)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from booking.models import Business
from conversations.channels.vapi.auth import (
    REPLAYED,
    TOO_LARGE,
    UNAUTHORIZED,
    Refusal,
    body_limit,
    declared_too_large,
    first_signature,
    has_valid_signature,
    refusal,
    voice_configured,
)
from conversations.channels.vapi.requests import BadRequest, read_json
from conversations.channels.vapi.webhook import call_id_of, handle
from conversations.services import CallIdTaken
from receptionist.lib.errors import NotConfigured, error_body
from receptionist.lib.rate_limits import hit, request_address

logger = logging.getLogger(__name__)


def error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status)


def refuse(refused: Refusal) -> JsonResponse:
    return error(refused.status, refused.code, refused.message)


def throttled(retry_after: int) -> JsonResponse:
    response = error(429, "throttled", f"Too many requests; try again in {retry_after} s.")
    response["Retry-After"] = str(retry_after)
    return response


def _body(request: HttpRequest) -> bytes | None:
    """The body, read up to VAPI_MAX_BODY_BYTES; None when it is larger."""
    limit = body_limit()
    try:
        body = request.read(limit + 1)
    except RequestDataTooBig:
        return None
    return body if len(body) <= limit else None


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    retry_after = hit(
        "voice-address", request_address(request), settings.VOICE_ADDRESS_RATE_LIMIT_PER_MINUTE
    )
    if retry_after:
        return throttled(retry_after)
    headers = {name.lower(): value for name, value in request.headers.items()}
    refused = refusal(headers) or (TOO_LARGE if declared_too_large(headers) else None)
    if refused:
        return refuse(refused)
    raw = _body(request)
    if raw is None:
        return refuse(TOO_LARGE)
    if not has_valid_signature(headers, raw):
        return refuse(UNAUTHORIZED)
    if not first_signature(headers):
        return refuse(REPLAYED)
    try:
        body = read_json(raw)
    except BadRequest as exc:
        return error(400, "bad_request", str(exc))
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return error(400, "bad_request", 'Expected {"message": {"type": ...}}.')
    call_id = call_id_of(message)
    if call_id:
        retry_after = hit("voice-webhook", call_id, settings.VOICE_WEBHOOK_RATE_LIMIT_PER_MINUTE)
        if retry_after:
            return throttled(retry_after)
    try:
        return JsonResponse(handle(message))
    except NotConfigured as missing:
        return JsonResponse(missing.body(), status=missing.status)
    except CallIdTaken as taken:
        return JsonResponse(taken.body(), status=taken.status)


@csrf_exempt  # an unknown method (QUERY…) gets 405 from require_GET, not a CSRF 403
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Ready: a secret is set (or development allows none) and a business profile is loaded."""
    if not voice_configured():
        return JsonResponse({"status": "not_configured", "reason": "no_secret"}, status=503)
    if not Business.objects.exists():
        return JsonResponse({"status": "not_configured", "reason": "no_business"}, status=503)
    return JsonResponse({"status": "ok"})
