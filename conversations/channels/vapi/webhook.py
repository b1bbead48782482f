"""Vapi server messages: one handler per type; types we do not use are acknowledged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from booking.selectors import business_profile
from conversations.calls import call_report, call_status_update
from conversations.channels.vapi import tools
from conversations.channels.vapi.assistant import transient_assistant
from conversations.models import VapiEvent

Message = dict[str, Any]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def call_id_of(message: Message) -> str:
    call = _dict(message.get("call"))
    return _str(call.get("id") or call.get("callId"))[:100]


def control_url_of(message: Message) -> str:
    return _str(_dict(_dict(message.get("call")).get("monitor")).get("controlUrl"))


def first_seen(message: Message) -> bool:
    """False for a delivery already handled (same call, type and timestamp)."""
    call_id, timestamp = call_id_of(message), message.get("timestamp")
    if not call_id or timestamp is None:
        return True
    try:
        with transaction.atomic():
            VapiEvent.objects.create(
                call_id=call_id, type=str(message["type"])[:60], timestamp=str(timestamp)[:40]
            )
    except IntegrityError:
        return False
    return True


def on_assistant_request(message: Message) -> dict[str, Any]:
    return transient_assistant(business_profile())


def on_status_update(message: Message) -> dict[str, Any]:
    call_id = call_id_of(message)
    if call_id:
        call_status_update(
            call_id=call_id,
            status=_str(message.get("status")),
            ended_reason=_str(message.get("endedReason")),
            control_url=control_url_of(message),
        )
    return {}


def on_end_of_call_report(message: Message) -> dict[str, Any]:
    call_id = call_id_of(message)
    if not call_id:
        return {}
    artifact, analysis = _dict(message.get("artifact")), _dict(message.get("analysis"))
    recording = _dict(_dict(artifact.get("recording")).get("mono"))
    call_report(
        call_id=call_id,
        summary=_str(analysis.get("summary")) or _str(message.get("summary")),
        transcript=_str(artifact.get("transcript")) or _str(message.get("transcript")),
        recording_url=_str(artifact.get("recordingUrl"))
        or _str(recording.get("combinedUrl"))
        or _str(message.get("recordingUrl")),
        ended_reason=_str(message.get("endedReason")),
    )
    return {}


def on_transfer_destination_request(message: Message) -> dict[str, Any]:
    number = business_profile().identity.transfer_number
    if not number:
        return {"error": "no transfer number"}
    return {"destination": {"type": "number", "number": number, "message": ""}}


HANDLERS: dict[str, Callable[[Message], dict[str, Any]]] = {
    "assistant-request": on_assistant_request,
    "tool-calls": tools.on_tool_calls,
    "status-update": on_status_update,
    "end-of-call-report": on_end_of_call_report,
    "transfer-destination-request": on_transfer_destination_request,
}
# Deliveries that change state are applied once; requests that expect an answer always get one.
ONCE = frozenset({"status-update", "end-of-call-report"})


def handle(message: Message) -> dict[str, Any]:
    kind = message["type"]
    if kind in ONCE and not first_seen(message):
        return {}
    handler = HANDLERS.get(kind)
    return handler(message) if handler else {}
