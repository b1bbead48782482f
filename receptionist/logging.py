"""Redaction of personal data in log lines: one filter, installed on every handler."""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Runs of digits, possibly grouped by spaces, dots or dashes, long enough to be a phone number.
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\s.\-]?\d){7,}(?![\w])")


def redact(text: str) -> str:
    """Mask e-mail addresses and phone numbers.

    >>> redact("call +33 6 12 34 56 78 or jean@x.fr")
    'call [phone] or [email]'
    """
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True
