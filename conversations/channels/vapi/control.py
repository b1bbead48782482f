"""Vapi Live Call Control: transfer or hang up from the server side.

A streamed ``transferCall``/``endCall`` tool call is not always executed by Vapi, so when the
call has a control URL the same command is also POSTed there, once per call, after the
caller has had time to hear the last sentence. It runs beside the reply and never delays it.

The URL comes from the request, so it is only followed to Vapi's own hosts
(VAPI_CONTROL_HOSTS), over https, and never to a private, loopback or link-local address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_tasks: set[asyncio.Task[int | None]] = set()


def transfer_command(number: str) -> dict[str, Any]:
    return {"type": "transfer", "destination": {"type": "number", "number": number}, "content": ""}


def end_call_command() -> dict[str, Any]:
    return {"type": "end-call"}


def speech_seconds(text: str) -> float:
    """Roughly how long text-to-speech takes to say `text`."""
    per_char = settings.VAPI_CONTROL_SECONDS_PER_CHAR
    return min(len(text) * per_char, settings.VAPI_CONTROL_MAX_DELAY_SECONDS)


def _host_allowed(host: str) -> bool:
    for allowed in settings.VAPI_CONTROL_HOSTS:
        allowed = allowed.strip().lower().rstrip(".")
        if allowed.startswith("*."):
            if host.endswith(allowed[1:]) and len(host) > len(allowed) - 1:
                return True
        elif allowed and host == allowed:
            return True
    return False


def allowed_url(url: str) -> bool:
    """The URL is https, without credentials, on one of VAPI_CONTROL_HOSTS."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return False
    schemes = ("https", "http") if settings.VAPI_CONTROL_ALLOW_PRIVATE else ("https",)
    if parts.scheme not in schemes or not host or parts.username or parts.password:
        return False
    return _host_allowed(host)


def public_address(address: str) -> bool:
    """An address on the internet: not private, loopback, link-local, multicast or reserved."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def resolves_publicly(url: str) -> bool:
    """Every address the URL's host resolves to is public (or the tests allow private ones)."""
    if settings.VAPI_CONTROL_ALLOW_PRIVATE:
        return True
    parts = urlsplit(url)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            parts.hostname, parts.port or 443, type=socket.SOCK_STREAM
        )
    except (OSError, UnicodeError):
        return False
    return bool(infos) and all(public_address(str(info[4][0])) for info in infos)


async def send(url: str, command: dict[str, Any], *, delay: float = 0.0) -> int | None:
    """POST one command; returns the HTTP status, or None when it could not or may not be sent."""
    if delay:
        await asyncio.sleep(delay)
    # Resolved right before the post: the name must still point at a public address.
    if not allowed_url(url) or not await resolves_publicly(url):
        logger.warning("[CALL_CONTROL] command=%s refused: not a Vapi control URL", command["type"])
        return None
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
    if not allowed_url(url):
        logger.warning("[CALL_CONTROL] command=%s refused: not a Vapi control URL", command["type"])
        return False
    if not cache.add(f"vapi:control:{call_id}:{command['type']}", 1, timeout=24 * 3600):
        return False
    task = asyncio.get_running_loop().create_task(send(url, command, delay=delay))
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return True
