"""Project-wide API pieces: the one exception handler, and the health check."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from booking.calendar_health import calendar_health, calendar_sync_health
from booking.models import Business
from receptionist.lib.errors import DomainError, NotConfigured, RateLimited, error_body

logger = logging.getLogger(__name__)

VERSION = "0.1.0"
TOO_LARGE = "Request body too large."
NOT_FOUND = str(exceptions.NotFound.default_detail)
# Plain Django views answer these paths' 400s and 404s in JSON too (handler400, handler404).
JSON_PATHS = ("/api/", "/health", "/metrics")


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            return f"{key}: {_first_message(value)}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """Every API error as {"error": {"code", "message"}}; nothing unexpected becomes a bare 500."""
    if isinstance(exc, RateLimited):
        return Response(
            exc.body(), status=exc.status, headers={"Retry-After": str(exc.retry_after)}
        )
    if isinstance(exc, DomainError):
        return Response(exc.body(), status=exc.status)
    if isinstance(exc, Business.DoesNotExist):
        return Response(NotConfigured().body(), status=NotConfigured.status)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body("too_large", TOO_LARGE), status=413)
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


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 (a suspicious request, a body over DATA_UPLOAD_MAX_MEMORY_SIZE): JSON for
    the API, 413 for a body too large; the admin and pages keep Django's page."""
    if not request.path.startswith(JSON_PATHS):
        # Django's view ignores the exception (never shown), so None is fine; the stub wants one.
        return defaults.bad_request(request, exception)  # type: ignore[arg-type]
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse(error_body("too_large", TOO_LARGE), status=413)
    return JsonResponse(error_body("bad_request", "Bad request."), status=400)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 for a path no route matches: the API's error body under the API's paths;
    the admin and pages keep Django's page."""
    if not request.path.startswith(JSON_PATHS):
        return defaults.page_not_found(request, exception)  # type: ignore[arg-type]
    return JsonResponse(error_body("not_found", NOT_FOUND), status=404)


# csrf_exempt: an unknown method (QUERY…) must get 405 from require_safe, not a CSRF 403.
@csrf_exempt
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # a health check reports, it does not raise
        checks["database"] = "error"
    try:
        checks["business"] = "ok" if Business.objects.exists() else "missing"
    except Exception:  # a health check reports, it does not raise
        checks["business"] = "unknown"
    try:
        checks["calendar"] = calendar_health()
    except Exception:  # a health check reports, it does not raise
        checks["calendar"] = {"healthy": False, "reason": "unavailable"}
    try:
        checks["calendar_sync"] = calendar_sync_health()
    except Exception:  # a health check reports, it does not raise
        checks["calendar_sync"] = {"status": "unknown"}
    checks["channel_layer"] = "redis" if settings.REDIS_URL else "memory"
    healthy = checks["database"] == "ok"
    # Up but not serving callers yet (no business loaded): degraded, still 200, so that a
    # container probe keeps it running while the operator loads the profile.
    status = "ok" if checks["business"] == "ok" else "degraded"
    # A calendar change that used up its retries (still retried hourly) needs someone's eye.
    if checks["calendar_sync"].get("status") != "ok":
        status = "degraded"
    return JsonResponse(
        {"status": status if healthy else "error", "version": VERSION, "checks": checks},
        status=200 if healthy else 503,
    )
