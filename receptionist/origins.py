"""Who may open the chat socket: pages of this server, and the sites that embed the widget.

An origin is scheme, host and port, compared whole: `http://accueil.example.fr:8080` is not
`https://accueil.example.fr`. The server's own origin is the one the socket request was sent
to (its Host header, checked against ALLOWED_HOSTS, and its scheme) or PUBLIC_BASE_URL's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from channels.security.websocket import OriginValidator, WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

Origin = tuple[str, str, int]
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> Origin | None:
    """(scheme, host, port) of an origin or URL; None when it is not one (no scheme, no host)."""
    try:
        parts = urlsplit(url.strip().lower())
        port = parts.port
    except ValueError:
        return None
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname, port or DEFAULT_PORTS[scheme]


def own_origin(scope: Mapping[str, Any]) -> Origin | None:
    """The origin the socket request was addressed to, when its host is one of ours."""
    headers = {name.lower(): value for name, value in scope.get("headers", [])}
    host = headers.get(b"host", b"").decode("latin-1")
    domain, _ = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    secure = scope.get("scheme") in ("wss", "https")
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        name = header.removeprefix("HTTP_").replace("_", "-").lower().encode("latin-1")
        forwarded = headers.get(name, b"").decode("latin-1").split(",")[0].strip()
        secure = secure or forwarded == value
    return origin_of(f"{'https' if secure else 'http'}://{host}")


class WidgetOriginValidator(OriginValidator):
    async def __call__(self, scope: Any, receive: Any, send: Any) -> Any:
        given = next((v for k, v in scope.get("headers", []) if k.lower() == b"origin"), None)
        origin = origin_of(given.decode("latin-1")) if given is not None else None
        allowed = {origin_of(entry) for entry in self.allowed_origins}
        allowed |= {origin_of(settings.PUBLIC_BASE_URL), own_origin(scope)}
        if origin is not None and origin in allowed:
            return await self.application(scope, receive, send)
        return await WebsocketDenier()(scope, receive, send)
