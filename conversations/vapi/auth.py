"""Who may call the voice endpoints: Vapi's shared secret, and its HMAC signature on webhooks."""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.http import HttpRequest

SIGNATURE_HEADER = "x-signature"
TIMESTAMP_HEADER = "x-timestamp"


def has_secret(request: HttpRequest) -> bool:
    """True when no secret is configured, or the request carries it (either header form)."""
    secret = settings.VAPI_SECRET
    if not secret:
        return True
    given = request.headers.get("X-Vapi-Secret", "")
    header = request.headers.get("Authorization", "")
    bearer = header[7:].strip() if header.lower().startswith("bearer ") else ""
    return any(
        candidate and hmac.compare_digest(candidate.encode(), secret.encode())
        for candidate in (given, bearer)
    )


def _timestamp_seconds(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value / 1000 if value > 1e11 else value  # Vapi may send milliseconds


def has_valid_signature(request: HttpRequest, *, now: float | None = None) -> bool:
    """True when no HMAC secret is configured, or the body is signed and fresh."""
    secret = settings.VAPI_HMAC_SECRET
    if not secret:
        return True
    raw_timestamp = request.headers.get(TIMESTAMP_HEADER, "")
    signature = request.headers.get(SIGNATURE_HEADER, "").strip()
    sent_at = _timestamp_seconds(raw_timestamp)
    if sent_at is None or not signature:
        return False
    now = time.time() if now is None else now
    if abs(now - sent_at) > settings.VAPI_HMAC_TOLERANCE_SECONDS:
        return False
    if "=" in signature[:8]:
        signature = signature.split("=", 1)[1]  # « sha256=… »
    payload = raw_timestamp.encode() + b"." + request.body
    expected = hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.lower())
