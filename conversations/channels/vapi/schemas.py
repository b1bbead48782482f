"""OpenAPI description of the Vapi endpoints, added to /api/schema/ by a postprocessing hook.

They are not DRF views (a Channels consumer and two plain Django views, for speed and because
Vapi's protocol is not ours), so drf-spectacular cannot see them. The bodies' JSON Schemas are
in vapi/bodies.py.
"""

from __future__ import annotations

from typing import Any

from conversations.channels.vapi.bodies import (
    COMPLETION,
    COMPLETION_REQUEST,
    WEBHOOK_ANSWER,
    WEBHOOK_REQUEST,
)

VAPI_SECURITY: list[dict[str, list[str]]] = [{"vapiSecret": []}, {"vapiBearer": []}]
SECURITY_SCHEMES = {
    "vapiSecret": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Vapi-Secret",
        "description": "VAPI_SECRET (without one the server answers 503, unless "
        "VAPI_ALLOW_UNAUTHENTICATED is on for development).",
    },
    "vapiBearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "VAPI_SECRET as a bearer token.",
    },
}


def _error(description: str, code: str, message: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Error"},
                "example": {"error": {"code": code, "message": message}},
            }
        },
    }


UNAUTHORIZED = _error(
    "VAPI_SECRET is set and the request carries neither X-Vapi-Secret nor a bearer token.",
    "unauthorized",
    "Missing or wrong Vapi secret.",
)
NOT_CONFIGURED = _error(
    "No business profile is loaded yet (`not_configured`), or VAPI_SECRET is unset and "
    "VAPI_ALLOW_UNAUTHENTICATED is off (`voice_not_configured`).",
    "voice_not_configured",
    "Voice is not configured on this server: VAPI_SECRET is unset.",
)
TOO_LARGE = _error(
    "The body is over VAPI_MAX_BODY_BYTES (`too_large`), or carries more than VOICE_MAX_MESSAGES "
    "messages (`too_many_messages`).",
    "too_large",
    "The request body is too large.",
)
THROTTLED = {
    **_error(
        "Too many requests for this call, or from this client address.",
        "throttled",
        "Too many requests; try again in 42 s.",
    ),
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
}
CALL_ID_CONFLICT = _error(
    "The call id is the id of a web conversation.",
    "call_id_conflict",
    "This call id names another conversation.",
)

COMPLETION_EXAMPLE = {
    "model": "receptionist",
    "stream": True,
    "messages": [
        {"role": "assistant", "content": "Garage des Tilleuls, bonjour, que puis-je pour vous ?"},
        {"role": "user", "content": "Je voudrais prendre rendez-vous pour une vidange."},
    ],
    "call": {"id": "4b6c0d2e-vapi-call", "customer": {"number": "+33612345678"}},
}
COMPLETION_ANSWER_EXAMPLE = {
    "id": "chatcmpl-1f0e2d3c4b5a69788796a5b4",
    "object": "chat.completion",
    "created": 1795000000,
    "model": "receptionist",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Très bien. À quel nom, s'il vous plaît ?"},
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
}
STREAM_ANSWER_EXAMPLE = (
    'data: {"id": "chatcmpl-1f0e2d3c4b5a69788796a5b4", "object": "chat.completion.chunk", '
    '"created": 1795000000, "model": "receptionist", "choices": [{"index": 0, "delta": '
    '{"role": "assistant", "content": "Très bien. À quel nom, s\'il vous plaît ?"}, '
    '"finish_reason": null}]}\n\n'
    'data: {"id": "chatcmpl-1f0e2d3c4b5a69788796a5b4", "object": "chat.completion.chunk", '
    '"created": 1795000000, "model": "receptionist", "choices": [{"index": 0, "delta": {}, '
    '"finish_reason": "stop"}]}\n\n'
    "data: [DONE]\n\n"
)


def _json(schema: dict[str, Any], example: Any) -> dict[str, Any]:
    return {"application/json": {"schema": schema, "example": example}}


PATHS: dict[str, dict[str, Any]] = {
    "/api/vapi/chat/completions": {
        "post": {
            "operationId": "vapi_chat_completions",
            "summary": "Vapi's Custom LLM: one turn of a phone call (OpenAI Chat Completions).",
            "description": "The conversation is keyed by the call; the last user message is the "
            "turn. A request repeated with the same messages gets the same answer. A transfer or "
            "the end of the call comes as a `transferCall` or `endCall` tool call.",
            "tags": ["vapi"],
            "security": VAPI_SECURITY,
            "requestBody": {
                "required": True,
                "content": _json(COMPLETION_REQUEST, COMPLETION_EXAMPLE),
            },
            "responses": {
                "200": {
                    "description": "`stream: false`: one chat.completion; `stream: true`: "
                    "chat.completion.chunk events, then `data: [DONE]`.",
                    "content": {
                        **_json(COMPLETION, COMPLETION_ANSWER_EXAMPLE),
                        "text/event-stream": {
                            "schema": {
                                "type": "object",
                                "description": "One event: `data` is a chat.completion.chunk "
                                "as JSON, or `[DONE]`.",
                                "required": ["data"],
                                "properties": {
                                    "event": {"type": "string"},
                                    "data": {"type": "string"},
                                },
                            },
                            "example": STREAM_ANSWER_EXAMPLE,
                        },
                    },
                },
                "400": _error(
                    "Not a chat-completions body.", "bad_request", "'call.id' is required."
                ),
                "401": UNAUTHORIZED,
                "409": CALL_ID_CONFLICT,
                "413": TOO_LARGE,
                "429": THROTTLED,
                "503": NOT_CONFIGURED,
            },
        }
    },
    "/api/vapi/webhook": {
        "post": {
            "operationId": "vapi_webhook",
            "summary": "Vapi server messages.",
            "description": "With VAPI_HMAC_SECRET set, the body must also be signed "
            "(`x-signature` over `{timestamp}.{body}`, `x-timestamp` within 5 minutes), and a "
            "signature already received is refused (409 `replayed`). "
            "A delivery seen before (same call, type and timestamp) changes nothing.",
            "tags": ["vapi"],
            "security": VAPI_SECURITY,
            "requestBody": {
                "required": True,
                "content": _json(
                    WEBHOOK_REQUEST,
                    {
                        "message": {
                            "type": "assistant-request",
                            "call": {"id": "4b6c0d2e-vapi-call"},
                        }
                    },
                ),
            },
            "responses": {
                "200": {
                    "description": "The answer to the message.",
                    "content": _json(
                        WEBHOOK_ANSWER,
                        {
                            "results": [
                                {
                                    "toolCallId": "call_x1",
                                    "name": "answer_question",
                                    "result": '{"faq_id": "FAQ_HOURS", "answer": "De 8h à 18h."}',
                                }
                            ]
                        },
                    ),
                },
                "400": _error(
                    "Not a server message.", "bad_request", 'Expected {"message": {"type": ...}}.'
                ),
                "401": UNAUTHORIZED,
                "409": _error(
                    "A signed request received before (`replayed`), or a call id that is the id "
                    "of a web conversation (`call_id_conflict`).",
                    "replayed",
                    "This signed request was already received.",
                ),
                "413": TOO_LARGE,
                "429": THROTTLED,
                "503": NOT_CONFIGURED,
            },
        }
    },
    "/api/vapi/health": {
        "get": {
            "operationId": "vapi_health",
            "summary": "Whether voice is ready: VAPI_SECRET set (or development allows none) "
            "and a business profile loaded.",
            "tags": ["vapi"],
            "security": [{}],
            "responses": {
                status: {
                    "description": description,
                    "content": _json(
                        {
                            "type": "object",
                            "required": ["status"],
                            "properties": {
                                "status": {"type": "string", "enum": ["ok", "not_configured"]},
                                "reason": {"type": "string", "enum": ["no_secret", "no_business"]},
                            },
                        },
                        example,
                    ),
                }
                for status, description, example in (
                    ("200", "Ready.", {"status": "ok"}),
                    (
                        "503",
                        "VAPI_SECRET is unset, or no business profile is loaded yet.",
                        {"status": "not_configured", "reason": "no_secret"},
                    ),
                )
            },
        }
    },
}


def add_vapi(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict:
    """Postprocessing hook: the Vapi endpoints and their security schemes."""
    result["paths"].update(PATHS)
    result.setdefault("components", {}).setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
    return result
