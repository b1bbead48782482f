"""Who may call the voice endpoints: Vapi's shared secret, and its HMAC signature on webhooks."""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

SIGNATURE_HEADER = "x-signature"
TIMESTAMP_HEADER = "x-timestamp"


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    message: str


NOT_CONFIGURED = Refusal(
    503, "voice_not_configured", "Voice is not configured on this server: VAPI_SECRET is unset."
)
UNAUTHORIZED = Refusal(401, "unauthorized", "Missing or wrong Vapi secret.")
REPLAYED = Refusal(409, "replayed", "This signed request was already received.")
TOO_LARGE = Refusal(413, "too_large", "The request body is too large.")


def voice_configured() -> bool:
    """Voice is served with a secret, or without one where development allows it explicitly."""
    return bool(settings.VAPI_SECRET) or settings.VAPI_ALLOW_UNAUTHENTICATED


def refusal(headers: Mapping[str, str]) -> Refusal | None:
    """Why the headers alone refuse the request (checked before any body is read), or None."""
    if not voice_configured():
        return NOT_CONFIGURED
    if not has_secret(headers):
        return UNAUTHORIZED
    return None


def body_limit() -> int:
    """The largest body read: VAPI_MAX_BODY_BYTES, or Django's upload limit if lower."""
    django_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if django_limit is None:
        return settings.VAPI_MAX_BODY_BYTES
    return min(settings.VAPI_MAX_BODY_BYTES, django_limit)


def declared_too_large(headers: Mapping[str, str]) -> bool:
    """The request announces a body over the limit (Content-Length)."""
    raw = headers.get("content-length", "").strip()
    return raw.isascii() and raw.isdigit() and int(raw) > body_limit()


def has_secret(headers: Mapping[str, str]) -> bool:
    """True when no secret is configured, or the headers carry it (either form).

    `headers` is keyed by lower-case names. Without a secret, `refusal` decides.
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


def first_signature(headers: Mapping[str, str]) -> bool:
    """False for a signature already accepted within the tolerance window (a replay).

    Without an HMAC secret there is no signature to remember. Digests are kept in the cache
    (shared by all processes with REDIS_URL) for twice the tolerance, so that a replay is
    refused for as long as its timestamp could pass.
    """
    if not settings.VAPI_HMAC_SECRET:
        return True
    signature = headers.get(SIGNATURE_HEADER, "").strip().lower()
    if "=" in signature[:8]:
        signature = signature.split("=", 1)[1]
    digest = hashlib.sha256(signature.encode("utf-8", "replace")).hexdigest()
    window = 2 * settings.VAPI_HMAC_TOLERANCE_SECONDS + 60
    return cache.add(f"vapi:hmac:{digest}", 1, timeout=window)
