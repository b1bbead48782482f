"""Vapi Live Call Control: transfer or hang up from the server side.

A streamed ``transferCall``/``endCall`` tool call is not always executed by Vapi, so when the
call has a control URL the same command is also POSTed there, once per call, after the
caller has had time to hear the last sentence. It runs beside the reply and never delays it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_tasks: set[asyncio.Task[None]] = set()


def transfer_command(number: str) -> dict[str, Any]:
    return {"type": "transfer", "destination": {"type": "number", "number": number}, "content": ""}


def end_call_command() -> dict[str, Any]:
    return {"type": "end-call"}


def speech_seconds(text: str) -> float:
    """Roughly how long text-to-speech takes to say `text`."""
    per_char = settings.VAPI_CONTROL_SECONDS_PER_CHAR
    return min(len(text) * per_char, settings.VAPI_CONTROL_MAX_DELAY_SECONDS)


async def send(url: str, command: dict[str, Any], *, delay: float = 0.0) -> int | None:
    """POST one command; returns the HTTP status, or None when it could not be sent."""
    if delay:
        await asyncio.sleep(delay)
    try:
        async with httpx.AsyncClient(timeout=settings.VAPI_CONTROL_TIMEOUT_SECONDS) as client:
            response = await client.post(url, json=command)
    except httpx.HTTPError as exc:
        logger.warning("[CALL_CONTROL] command=%s failed: %s", command["type"], type(exc).__name__)
        return None
    logger.info("[CALL_CONTROL] command=%s status=%s", command["type"], response.status_code)
    return response.status_code


def schedule(call_id: str, url: str, command: dict[str, Any], *, delay: float) -> bool:
    """Send `command` in the background, at most once per call and command type."""
    if not url.startswith(("https://", "http://")):
        return False
    if not cache.add(f"vapi:control:{call_id}:{command['type']}", 1, timeout=24 * 3600):
        return False
    task = asyncio.get_running_loop().create_task(send(url, command, delay=delay))
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return True
