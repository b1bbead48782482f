"""The Content-Security-Policy header of every page Django answers (static files are not pages).

A middleware of our own rather than django-csp: the one dynamic part, the chat socket's
ws:/wss: source, comes from the request, which django-csp would need subclassing for; and
Django 6.0 ships CSP itself, which replaces this file when we upgrade.
"""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin

HEADER = "Content-Security-Policy"

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    # Inline styles, not scripts: the widget injects one <style> element (it must stay a single
    # file), our admin pages carry <style> blocks and the report's SVG a style attribute. Every
    # fetch directive is 'self', so injected CSS could neither load nor leak anything elsewhere.
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}


def socket_sources(request: HttpRequest) -> tuple[str, ...]:
    """The chat socket's own origin: CSP2 browsers (older Safari) do not read 'self' as ws:/wss:."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return ()
    if request.is_secure():
        return (f"wss://{host}",)
    # Behind a proxy that terminates TLS without SECURE_PROXY_SSL_HEADER, the page may be https.
    return (f"ws://{host}", f"wss://{host}")


def policy_for(request: HttpRequest) -> str:
    directives = {**POLICY, "connect-src": POLICY["connect-src"] + socket_sources(request)}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class ContentSecurityPolicyMiddleware(MiddlewareMixin):
    """Adds the policy unless the view set its own; sync and async alike, as Django's own."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if HEADER not in response:
            response[HEADER] = policy_for(request)
        return response
