"""Rate limits every server process shares: requests counted per client and per minute.

Counts live in the cache, so with ``REDIS_URL`` all daphne processes behind a load balancer
count together; without it (one process), in memory. A window is one calendar minute: the
first request of a client in a minute creates its counter (``add``), the next ones increment
it (``incr``, atomic in Redis). Past the limit, the client is told how many seconds remain in
the minute (``Retry-After``).

Who a client is depends on the door it knocks at: an address for the web chat (and, on top,
the conversation it types in), the call id for voice, the user behind a token or session for
the staff APIs. Keys hold a digest of that identity, never the address or the token.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import math
import time
from collections.abc import Mapping
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

WINDOW_SECONDS = 60


def hit(scope: str, ident: str, per_minute: int, *, now: float | None = None) -> int:
    """Count one request of `ident`: 0 when it may go, else the seconds until it may retry.

    A limit of 0 or less switches the scope off.
    """
    if per_minute <= 0:
        return 0
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    key = f"rate:{scope}:{window}:{digest(ident)}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window
            cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
            count = 1
    if count <= per_minute:
        return 0
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))


ahit = sync_to_async(hit, thread_sensitive=False)


def digest(ident: str) -> str:
    """Who a client is, as keys and rows store it: a digest, never the address or token."""
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def client_address(remote_addr: str | None, forwarded_for: str | None) -> str:
    """The client's address; with ``NUM_PROXIES`` trusted proxies, read from X-Forwarded-For.

    Only the entries the trusted proxies appended count: a client can write anything in the
    header itself, so taking its first entry would let it pick a fresh identity per request.
    """
    proxies = settings.NUM_PROXIES
    if proxies > 0 and forwarded_for:
        hops = [part.strip() for part in forwarded_for.split(",") if part.strip()]
        if hops:
            candidate = hops[-min(proxies, len(hops))]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote_addr or "unknown"


def exempt(address: str) -> bool:
    """Whether `address` is in ``RATE_LIMIT_EXEMPT_NETWORKS`` (the server's own host by default:
    a health probe, an operator's script, a test harness). Behind a proxy on the same host, set
    ``NUM_PROXIES`` so that visitors are read from X-Forwarded-For and never look local."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _exempt_networks(settings.RATE_LIMIT_EXEMPT_NETWORKS))


@functools.lru_cache(maxsize=8)
def _exempt_networks(networks: tuple[str, ...] | list[str]) -> tuple[Any, ...]:
    return tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks if n.strip())


def scope_address(scope: Mapping[str, Any]) -> str:
    """`client_address` for a Channels (ASGI) connection scope."""
    headers = {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in scope.get("headers", [])
    }
    client = scope.get("client") or (None, None)
    return client_address(client[0], headers.get("x-forwarded-for"))


class WindowThrottle(BaseThrottle):
    """A DRF throttle over :func:`hit`; DRF answers 429 with ``Retry-After``."""

    scope = ""
    retry_after = 0

    def limit(self) -> int:
        raise NotImplementedError

    def ident(self, request: Request, view: Any) -> str | None:
        raise NotImplementedError

    def allow_request(self, request: Request, view: Any) -> bool:
        ident = self.ident(request, view)
        if ident is None:
            return True
        self.retry_after = hit(self.scope, ident, self.limit())
        return not self.retry_after

    def wait(self) -> int:
        return self.retry_after


def request_address(request: HttpRequest) -> str:
    return client_address(request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"))


class ChatAddressThrottle(WindowThrottle):
    """Web chat requests per client address (a whole office behind one address stays below)."""

    scope = "chat-address"

    def limit(self) -> int:
        return settings.CHAT_RATE_LIMIT_PER_MINUTE

    def ident(self, request: Request, view: Any) -> str:
        return request_address(request)


NEW_CONVERSATION_SCOPE = "chat-new-conversation"


def new_conversation_wait(address: str) -> int:
    """Count a new web conversation of `address`: 0 when it may start, else the seconds to
    wait. Also counted when an expired conversation starts afresh under its old id."""
    if exempt(address):
        return 0
    return hit(NEW_CONVERSATION_SCOPE, address, settings.CHAT_NEW_CONVERSATIONS_PER_MINUTE)


anew_conversation_wait = sync_to_async(new_conversation_wait, thread_sensitive=False)


class ChatNewConversationThrottle(WindowThrottle):
    """New web conversations per client address: a person opens a few, a script hundreds."""

    scope = NEW_CONVERSATION_SCOPE

    def limit(self) -> int:
        return settings.CHAT_NEW_CONVERSATIONS_PER_MINUTE

    def ident(self, request: Request, view: Any) -> str | None:
        data = request.data if isinstance(request.data, dict) else {}
        key = data.get("conversation_id")
        if isinstance(key, str) and key.strip():
            return None  # a turn of an existing conversation
        address = request_address(request)
        return None if exempt(address) else address


class ChatConversationThrottle(WindowThrottle):
    """Messages per conversation: a human types or speaks far slower than this."""

    scope = "chat-conversation"

    def limit(self) -> int:
        return settings.CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE

    def ident(self, request: Request, view: Any) -> str | None:
        data = request.data if isinstance(request.data, dict) else {}
        key = data.get("conversation_id")
        # The id as the chat API reads it (trimmed): padding must not make a new counter.
        key = key.strip()[:80] if isinstance(key, str) else ""
        return key or None


class StaffThrottle(WindowThrottle):
    """Staff API requests per token (or per user, for a browser session)."""

    scope = "staff"

    def limit(self) -> int:
        return settings.STAFF_API_RATE_LIMIT_PER_MINUTE

    def ident(self, request: Request, view: Any) -> str:
        token = getattr(request.auth, "key", None)
        if token:
            return f"token:{token}"
        if request.user and request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return f"address:{request_address(request)}"
