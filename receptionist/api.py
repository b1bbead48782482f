"""Project-wide API pieces: the one exception handler, and the health check."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from booking.models import Business
from booking.sync import calendar_health
from conversations.services import ConversationNotFound

logger = logging.getLogger(__name__)

VERSION = "0.1.0"


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            return f"{key}: {_first_message(value)}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """Every API error as {"error": {"code", "message"}}; nothing unexpected becomes a bare 500."""
    if isinstance(exc, ConversationNotFound):
        return Response(
            error_body("conversation_not_found", "Unknown conversation_id."), status=404
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        return Response(
            error_body("server_error", "Internal error."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        body = error_body("invalid", _first_message(exc.detail), exc.detail)
    elif isinstance(exc, exceptions.ParseError):
        body = error_body("bad_json", "Malformed JSON body.")
    else:
        code = getattr(exc, "default_code", "error")
        body = error_body(str(code), _first_message(getattr(exc, "detail", str(exc))))
    response.data = body
    return response


def health(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # a health check reports, it does not raise
        checks["database"] = "error"
    checks["business"] = "ok" if Business.objects.exists() else "missing"
    try:
        checks["calendar"] = calendar_health()
    except Exception:  # a health check reports, it does not raise
        checks["calendar"] = {"healthy": False, "reason": "unavailable"}
    checks["channel_layer"] = "redis" if settings.REDIS_URL else "memory"
    healthy = checks["database"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "version": VERSION, "checks": checks},
        status=200 if healthy else 503,
    )
