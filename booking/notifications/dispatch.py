"""Handing one message to the mail server or the SMS provider, and what its answer means.

`Dispatcher.send` returns the provider's id, or raises `Retry` (surely not sent), `Refused`
(never will be: a bad address or number) or `Unsure` (may have gone out). One mail connection
is kept for a batch and dropped after any error (its state is then unknown).
"""

from __future__ import annotations

import contextlib
import smtplib
from datetime import datetime
from typing import Any

from django.core.mail import get_connection

from booking.notifications.email import appointment_email, message_id
from booking.notifications.models import Notification
from booking.notifications.sms import SmsBackend, SmsError, sms_backend


class Retry(Exception):
    """Surely not sent: try again later."""


class Refused(Exception):
    """Refused for good (a bad address or number)."""


class Unsure(Exception):
    """May have gone out: never sent again by itself."""


class Dispatcher:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.sms: SmsBackend | None = sms_backend()
        self.mail: Any = None  # the open mail connection, opened at the first e-mail

    def send(self, row: Notification, link: str) -> str:
        if row.medium == Notification.Medium.SMS:
            return self._text(row)
        return self._email(row, link)

    def _text(self, row: Notification) -> str:
        if self.sms is None:
            raise Retry("no SMS backend configured")
        try:
            return self.sms.send(to=row.recipient, text=row.body, key=f"notification-{row.pk}")
        except SmsError as exc:
            if exc.unsure:
                raise Unsure(str(exc)) from None
            raise (Retry if exc.retry else Refused)(str(exc)) from None

    def _email(self, row: Notification, link: str) -> str:
        message = appointment_email(
            row, subject=row.subject, body=row.body, link=link, now=self.now
        )
        try:
            if self.mail is None:
                self.mail = get_connection(fail_silently=False)
                self.mail.open()
            self.mail.send_messages([message])
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
            self._drop_mail()
            raise Refused(smtp_reason(exc)) from None
        except smtplib.SMTPResponseException as exc:
            self._drop_mail()
            raise (Refused if exc.smtp_code >= 500 else Retry)(smtp_reason(exc)) from None
        except (smtplib.SMTPException, OSError) as exc:
            # No « 250 » to the message: the server did not take it (timed out, refused, cut).
            self._drop_mail()
            raise Retry(f"mail server: {type(exc).__name__}") from None
        except Exception as exc:  # another e-mail backend's error: whether it went is unknown
            self._drop_mail()
            raise Unsure(f"e-mail backend: {type(exc).__name__}") from None
        # A provider's own id when its backend gives one (django-anymail), else our Message-ID.
        provider = getattr(getattr(message, "anymail_status", None), "message_id", None)
        return message_id(row) if provider in (None, "") else str(provider)

    def _drop_mail(self) -> None:
        if self.mail is not None:
            with contextlib.suppress(Exception):  # already broken: nothing left to close
                self.mail.close()
            self.mail = None

    def close(self) -> None:
        self._drop_mail()
        closer = getattr(self.sms, "close", None)
        if closer is not None:
            closer()


def smtp_reason(exc: smtplib.SMTPException) -> str:
    """The server's reply code, never the address it was about."""
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code = ",".join(str(reply[0]) for reply in exc.recipients.values()) or None
    return f"mail server refused it ({code})" if code else f"mail server: {type(exc).__name__}"
