"""Vapi's webhook and health check (the Custom LLM endpoint is a Channels consumer)."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from booking.models import Business
from conversations.vapi.auth import has_secret, has_valid_signature
from conversations.vapi.requests import BadRequest
from conversations.vapi.webhook import handle

logger = logging.getLogger(__name__)


def error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def _json(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadRequest("Malformed JSON body.") from None


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    headers = {name.lower(): value for name, value in request.headers.items()}
    if not has_secret(headers) or not has_valid_signature(headers, request.body):
        return error(401, "unauthorized", "Missing or wrong Vapi secret or signature.")
    try:
        body = _json(request)
    except BadRequest as exc:
        return error(400, "bad_request", str(exc))
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return error(400, "bad_request", 'Expected {"message": {"type": ...}}.')
    try:
        return JsonResponse(handle(message))
    except Business.DoesNotExist:
        return error(503, "not_configured", "No business profile is loaded yet.")


@csrf_exempt  # an unknown method (QUERY…) gets 405 from require_GET, not a CSRF 403
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    ready = Business.objects.exists()
    return JsonResponse(
        {"status": "ok" if ready else "not_configured"}, status=200 if ready else 503
    )
