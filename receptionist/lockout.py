"""Admin login lockout (django-axes): the backend, the client address and the lockout page.

After `AXES_FAILURE_LIMIT` wrong passwords for one username from one address, that pair is
refused for `AXES_COOLOFF_TIME`, the right password included. The address is the one the rate
limits use (trusted proxies only), so a client cannot pick a fresh one per guess.
"""

from __future__ import annotations

import ipaddress
import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_lockout_message
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from receptionist.lib.rate_limits import client_address


class LoginLockoutBackend(AxesStandaloneBackend):
    """Axes' check, for web logins only.

    Code that authenticates without a request (a test client's `login`, a shell) has no address
    to lock: it goes on to the next backend instead of failing.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None when the request carries none (axes stores an IP field:
    PostgreSQL refuses anything else)."""
    address = client_address(
        request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR")
    )
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 with `Retry-After`: an admin page saying the login is locked for a while."""
    context = {
        **admin.site.each_context(request),
        "title": get_lockout_message(),
        "message": get_lockout_message(),
    }
    response = render(request, "admin/lockout.html", context, status=429)
    cool_off = get_cool_off(request)
    if cool_off:
        response["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    return response
