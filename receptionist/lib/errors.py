"""The error body every endpoint answers, and the base of the domain's refusals.

A service raises a `DomainError` subclass; each one carries the code and HTTP status a
client sees, so the API's exception handler, the WebSocket consumer and the Vapi views turn
any of them into the same `{"error": {"code", "message"}}` body without knowing the apps.
"""

from __future__ import annotations

from typing import Any, ClassVar


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The JSON body of every error answer.

    >>> error_body("invalid", "message: required.")
    {'error': {'code': 'invalid', 'message': 'message: required.'}}
    """
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


class DomainError(Exception):
    """A refusal the domain expects (unknown id, taken slot…), not a bug.

    Subclasses set `code`, `status` and `message`: what a client is told.
    """

    code: ClassVar[str] = "error"
    status: ClassVar[int] = 400
    message: ClassVar[str] = "Request refused."

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message)


class NotConfigured(DomainError):
    """No business profile is loaded yet: every channel answers this, and only this."""

    code, status = "not_configured", 503
    message = "No business profile is loaded yet: run load_business or seed_demo."


class RateLimited(DomainError):
    """Too many of something from one client: 429, to retry after `retry_after` seconds."""

    code, status = "throttled", 429
    message = "Too many new conversations from this address; try again later."

    def __init__(self, retry_after: int) -> None:
        super().__init__(self.message)
        self.retry_after = retry_after
