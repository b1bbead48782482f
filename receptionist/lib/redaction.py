"""Redaction of personal data in log lines: one filter, installed on every handler."""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number stands on its own: not inside a timestamp (« 09:00:00.123456 »), a dashed id
# or a longer word. International (+33…, 0033…) or national (0X XX XX XX XX) forms.
_NOT_BEFORE = r"(?<![\w:.\-+/])"
_NOT_AFTER = r"(?![\w:/]|[.\-]\d)"
_PHONE = re.compile(
    _NOT_BEFORE
    + r"(?:"
    + r"(?:\+|00)\d{1,3}[\s.\-]?(?:\(0\)[\s.\-]?)?\d(?:[\s.\-]?\d){6,12}"
    + r"|0\d(?:[\s.\-]?\d\d){4}"
    + r"|\d{9,15}"
    + r")"
    + _NOT_AFTER
)


# Links that are keys: whoever has one may see, cancel or move an appointment (the
# self-service page) or read it (its calendar file). Logged paths keep their shape only.
_CAPABILITY = re.compile(r"(/rdv/|/appointments/calendar/)[^/\s?#\"']+?(\.ics|/|(?=[\s?#\"']|$))")


def redact(text: str) -> str:
    """Mask e-mail addresses, phone numbers and the signed tokens of appointment links.

    >>> redact("call +33 6 12 34 56 78 or jean@x.fr")
    'call [phone] or [email]'
    >>> redact("Not Found: /rdv/8c1e0d52-0612-3456-7800-000000000000:Zx9/")
    'Not Found: /rdv/[token]/'
    """
    text = _CAPABILITY.sub(r"\1[token]\2", text)
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A malformed call: let the handler report it the way logging always does.
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True
