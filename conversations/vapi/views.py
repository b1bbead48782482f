"""Vapi's endpoints: the Custom LLM (one turn per request, streamed), the webhook, the health."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from booking.models import Business
from booking.selectors import BusinessProfile, business_profile
from conversations.rendering import TurnResult
from conversations.services import conversation_handle_voice_turn
from conversations.vapi import chunks, control
from conversations.vapi.auth import has_secret, has_valid_signature
from conversations.vapi.requests import BadRequest, CompletionRequest, parse_completion
from conversations.vapi.webhook import handle

logger = logging.getLogger(__name__)


def error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def _json(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadRequest("Malformed JSON body.") from None


def _answer(result: TurnResult, req: CompletionRequest, transfer_number: str) -> chunks.Answer:
    seed = f"{req.call_id}|{len(req.user_messages)}|{result.reply}"
    tool = None
    if result.transfer and transfer_number:
        tool = chunks.ToolCall("transferCall", {"destination": transfer_number})
    elif result.ended:
        tool = chunks.ToolCall("endCall", {})
    return chunks.Answer(
        completion_id="chatcmpl-" + hashlib.sha256(seed.encode()).hexdigest()[:24],
        created=int(time.time()),
        model=req.model,
        text=result.reply,
        tool=tool,
    )


def _take_control(answer: chunks.Answer, req: CompletionRequest, control_url: str) -> None:
    if not (answer.tool and control_url):
        return
    command = (
        control.transfer_command(answer.tool.arguments["destination"])
        if answer.tool.name == "transferCall"
        else control.end_call_command()
    )
    control.schedule(req.call_id, control_url, command, delay=control.speech_seconds(answer.text))


async def _newest(call_id: str) -> int:
    """Number this request among the requests of its call: a newer one supersedes it."""
    key = f"vapi:seq:{call_id}"
    await cache.aadd(key, 0, timeout=3600)
    return await cache.aincr(key)


async def _events(answer: chunks.Answer, call_id: str, sequence: int) -> AsyncIterator[str]:
    for event in chunks.stream(answer):
        yield event
        if event.startswith("data: [DONE]"):
            return
        if await cache.aget(f"vapi:seq:{call_id}") != sequence:
            # A newer request for this call is being answered: this one stops talking.
            logger.info("[INTERRUPTION] conv_id=%s state=- intent=- superseded", call_id)
            yield "data: [DONE]\n\n"
            return


def _turn(req: CompletionRequest) -> tuple[TurnResult, BusinessProfile]:
    """The turn, in a worker thread with a live database connection."""
    close_old_connections()
    result = conversation_handle_voice_turn(
        call_id=req.call_id,
        user_messages=req.user_messages,
        caller_number=req.caller_number,
        control_url=req.control_url,
    )
    return result, business_profile()


@csrf_exempt
async def chat_completions(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return error(405, "method_not_allowed", "Use POST.")
    if not has_secret(request):
        return error(401, "unauthorized", "Missing or wrong Vapi secret.")
    try:
        req = parse_completion(_json(request))
    except BadRequest as exc:
        return error(400, "bad_request", str(exc))
    sequence = await _newest(req.call_id)
    try:
        result, profile = await sync_to_async(_turn, thread_sensitive=False)(req)
    except Business.DoesNotExist:
        return error(503, "not_configured", "No business profile is loaded yet.")
    transfer_number = profile.business.transfer_number or settings.TRANSFER_NUMBER
    answer = _answer(result, req, transfer_number)
    _take_control(answer, req, result.extra.get("control_url", "") or req.control_url)
    if not req.stream:
        return JsonResponse(chunks.completion(answer))
    response = StreamingHttpResponse(
        _events(answer, req.call_id, sequence), content_type="text/event-stream"
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    if not has_secret(request) or not has_valid_signature(request):
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


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    ready = Business.objects.exists()
    return JsonResponse(
        {"status": "ok" if ready else "not_configured"}, status=200 if ready else 503
    )
