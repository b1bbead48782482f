"""Who may call the voice endpoints: Vapi's shared secret, and its HMAC signature on webhooks."""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Mapping

from django.conf import settings

SIGNATURE_HEADER = "x-signature"
TIMESTAMP_HEADER = "x-timestamp"


def has_secret(headers: Mapping[str, str]) -> bool:
    """True when no secret is configured, or the headers carry it (either form).

    `headers` is keyed by lower-case names.
    """
    secret = settings.VAPI_SECRET
    if not secret:
        return True
    given = headers.get("x-vapi-secret", "")
    header = headers.get("authorization", "")
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
    if not math.isfinite(value):
        return None
    return value / 1000 if value > 1e11 else value  # Vapi may send milliseconds


def has_valid_signature(
    headers: Mapping[str, str], body: bytes, *, now: float | None = None
) -> bool:
    """True when no HMAC secret is configured, or the body is signed and fresh."""
    secret = settings.VAPI_HMAC_SECRET
    if not secret:
        return True
    raw_timestamp = headers.get(TIMESTAMP_HEADER, "")
    signature = headers.get(SIGNATURE_HEADER, "").strip()
    sent_at = _timestamp_seconds(raw_timestamp)
    if sent_at is None or not signature:
        return False
    now = time.time() if now is None else now
    if abs(now - sent_at) > settings.VAPI_HMAC_TOLERANCE_SECONDS:
        return False
    if "=" in signature[:8]:
        signature = signature.split("=", 1)[1]  # « sha256=… »
    payload = raw_timestamp.encode() + b"." + body
    expected = hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.lower())
