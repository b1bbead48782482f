"""OpenAPI pieces every API shares: the error body, the error responses, and GET /health.

Views declare their schema with ``extend_schema``; errors all come from the one exception
handler (receptionist/api.py), so they are described once here.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from receptionist.lib.errors import error_body


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable: `invalid`, `throttled`…")
    message = serializers.CharField(help_text="For a developer; never shown to a caller.")
    details = serializers.JSONField(
        required=False, help_text="Field-by-field messages of a validation error."
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


ERRORS: dict[int, tuple[str, dict[str, Any]]] = {
    400: (
        "Malformed JSON, a wrong type or a value out of range.",
        error_body("invalid", "message: Not a valid string.", {"message": ["Not a valid string."]}),
    ),
    401: (
        "No credentials, or wrong ones.",
        error_body("not_authenticated", "Authentication credentials were not provided."),
    ),
    403: (
        "Authenticated, but not staff.",
        error_body("permission_denied", "You do not have permission to perform this action."),
    ),
    404: (
        "Unknown conversation_id.",
        error_body("conversation_not_found", "Unknown conversation_id."),
    ),
    429: (
        "Too many requests: retry after `Retry-After` seconds.",
        error_body("throttled", "Request was throttled. Expected available in 42 seconds."),
    ),
}


def error_responses(
    *codes: int, invalid: tuple[str, str] | None = None
) -> dict[int, OpenApiResponse]:
    """The `{"error": {"code", "message"}}` responses an endpoint can answer, with examples.

    `invalid` is the (field, message) the 400 example shows.
    """
    responses = {}
    for code in codes:
        description, example = ERRORS[code]
        if code == 400 and invalid is not None:
            field, message = invalid
            example = error_body("invalid", f"{field}: {message}", {field: [message]})
        responses[code] = OpenApiResponse(
            ErrorSerializer,
            description=description,
            examples=[OpenApiExample(f"error {code}", value=example, status_codes=[code])],
        )
    return responses


RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="Seconds to wait before the next request.",
)

HEALTH_PATH = {
    "get": {
        "operationId": "health",
        "summary": "Liveness and readiness; never shows a secret.",
        "tags": ["health"],
        "security": [{}],
        "responses": {
            status: {
                "description": description,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "status": {"type": "string", "enum": ["ok", "error"]},
                                "version": {"type": "string"},
                                "checks": {"type": "object", "additionalProperties": True},
                            },
                            "required": ["status", "version", "checks"],
                        },
                        "example": {
                            "status": "ok" if status == "200" else "error",
                            "version": "0.1.0",
                            "checks": {
                                "database": "ok" if status == "200" else "error",
                                "business": "ok",
                                "calendar": {"backend": "database", "healthy": True},
                                "channel_layer": "memory",
                            },
                        },
                    }
                },
            }
            for status, description in (("200", "Up."), ("503", "The database does not answer."))
        },
    }
}


def add_health(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict:
    """Postprocessing hook: GET /health is a plain Django view, outside DRF's reach."""
    result["paths"]["/health"] = HEALTH_PATH
    return result
