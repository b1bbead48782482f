"""Text messages: a small backend interface, the console (development) and Brevo.

A backend sends one text to one number and returns the provider's id for it. It raises
`SmsError`: `retry` when the message surely did not leave (refused connection, a 5xx or a 429
from the provider), `unsure` when it may have (the reply never came: Brevo takes no
idempotency key, so sending again could send twice), neither when it never will (a 4xx).
"""

from __future__ import annotations

import sys
import uuid
from typing import Protocol

import httpx
from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    def __init__(self, message: str, *, retry: bool = False, unsure: bool = False) -> None:
        super().__init__(message)
        self.retry, self.unsure = retry, unsure


class SmsBackend(Protocol):
    def send(self, *, to: str, text: str, key: str) -> str:
        """Send `text` to the E.164 number `to`; `key` names the outbox row. The provider id."""


class ConsoleSmsBackend:
    """Development: the message is printed (the number shortened), nothing is sent."""

    def send(self, *, to: str, text: str, key: str) -> str:
        sys.stdout.write(f"SMS …{to[-2:]} ({key}): {text}\n")
        sys.stdout.flush()
        return f"console-{uuid.uuid4().hex[:12]}"


class BrevoSmsBackend:
    """Brevo's transactional SMS API (POST /transactionalSMS/sms, « api-key » header).

    Settings: BREVO_API_KEY, SMS_SENDER (up to 11 letters or 15 digits), BREVO_API_URL (the
    API's base, https://api.brevo.com/v3), SMS_TIMEOUT_SECONDS.
    """

    def __init__(self) -> None:
        self.client = httpx.Client(
            base_url=settings.BREVO_API_URL.rstrip("/"),
            timeout=settings.SMS_TIMEOUT_SECONDS,
            headers={"api-key": settings.BREVO_API_KEY, "accept": "application/json"},
        )

    def send(self, *, to: str, text: str, key: str) -> str:
        body = {
            "type": "transactional",
            "sender": settings.SMS_SENDER,
            "recipient": to.lstrip("+"),
            "content": text,
            "tag": "rendez-vous",
            "unicodeEnabled": any(ord(c) > 127 for c in text),
        }
        try:
            response = self.client.post("/transactionalSMS/sms", json=body)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise SmsError(f"provider unreachable ({type(exc).__name__})", retry=True) from None
        except httpx.TransportError as exc:
            # Sent, and no answer: it may have gone out.
            raise SmsError(
                f"no answer from the provider ({type(exc).__name__})", unsure=True
            ) from None
        if response.status_code >= 500 or response.status_code == 429:
            raise SmsError(f"provider error {response.status_code}", retry=True)
        if response.status_code >= 400:
            raise SmsError(f"refused by the provider ({response.status_code})")
        try:
            reply = response.json()
        except ValueError:
            reply = {}
        return str(reply.get("messageId") or reply.get("reference") or "")

    def close(self) -> None:
        self.client.close()


BACKENDS = {
    "console": "booking.notifications.sms.ConsoleSmsBackend",
    "brevo": "booking.notifications.sms.BrevoSmsBackend",
}


def sms_backend() -> SmsBackend | None:
    """The configured backend (SMS_BACKEND: console, brevo or a dotted path), or None."""
    name = settings.SMS_BACKEND
    if not name:
        return None
    backend: SmsBackend = import_string(BACKENDS.get(name, name))()
    return backend
