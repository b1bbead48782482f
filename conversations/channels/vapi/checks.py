"""`manage.py check --deploy`: voice must not be open to anyone in production."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_voice_secret(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    warnings = []
    if not settings.VAPI_SECRET:
        warnings.append(
            Warning(
                "VAPI_SECRET is not set: the voice endpoints answer 503 (or, with "
                "VAPI_ALLOW_UNAUTHENTICATED, serve anyone).",
                hint="Set a long random VAPI_SECRET and give it to Vapi as a credential.",
                id="receptionist.W010",
            )
        )
    if settings.VAPI_ALLOW_UNAUTHENTICATED:
        warnings.append(
            Warning(
                "VAPI_ALLOW_UNAUTHENTICATED is on: without VAPI_SECRET anyone may book, find "
                "and cancel appointments by phone.",
                hint="Leave it unset outside a development machine.",
                id="receptionist.W011",
            )
        )
    if settings.VAPI_CONTROL_ALLOW_PRIVATE:
        warnings.append(
            Warning(
                "VAPI_CONTROL_ALLOW_PRIVATE is on: Live Call Control may post to plain http and "
                "to private or loopback addresses.",
                hint="Leave it unset outside tests.",
                id="receptionist.W012",
            )
        )
    return warnings
