"""Sending the due rows of the outbox: claim, check, render, send, record.

A pass claims a batch with one conditional update (PENDING → CLAIMED, its token), so two
workers never take the same row, and reads the batch with its appointments in one query.
Each row is then marked SENDING just before it is handed to the server and SENT just after,
so that a row is sent at most once by the workers:

- a worker that dies leaves its rows not yet reached CLAIMED: they are due again later;
  the one it held SENDING (handed over, not recorded) becomes UNSURE: it may have gone out,
  and neither SMTP nor Brevo takes an idempotency key, so it is never sent again by itself
  (staff see it and may resend it);
- a failure that surely sent nothing (a 4xx reply from the mail server, no « 250 », a
  refused connection, a provider's 5xx) is retried with a growing delay, up to
  NOTIFICATION_MAX_ATTEMPTS, then shown as failed; an SMS whose reply never came is UNSURE.

Just before sending, the appointment is read again: a reminder of an appointment cancelled or
moved meanwhile is withdrawn, not sent.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from booking.models import Appointment
from booking.notifications.dispatch import Dispatcher, Refused, Retry, Unsure
from booking.notifications.links import manage_url
from booking.notifications.messages import Wording, key_of, render, values, wordings
from booking.notifications.models import Notification, SmsSuppression
from receptionist.lib.phones import phone_e164

logger = logging.getLogger(__name__)

# A row CLAIMED or SENDING for longer belongs to a worker that died.
STALE_CLAIM = timedelta(minutes=10)
MAX_DELAY = timedelta(hours=1)
STALE_NOTE = "the worker stopped while sending it: it may have gone out"


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    unsure: int = 0
    withdrawn: int = 0

    def __str__(self) -> str:
        return (
            f"sent {self.sent}, retried {self.retried}, failed {self.failed}, "
            f"unsure {self.unsure}, withdrawn {self.withdrawn}"
        )


@dataclass
class _Pass:
    token: str
    now: datetime
    wordings: dict[str, Wording]
    dispatcher: Dispatcher
    report: SendReport = field(default_factory=SendReport)
    suppressed: set[str] = field(default_factory=set)  # the batch's numbers that said STOP


def notifications_send_due(*, limit: int = 500, now: datetime | None = None) -> SendReport:
    """Send what is due (at most `limit` rows); returns what happened."""
    now = now or timezone.now()
    _recover(now)
    work = _Pass(token=uuid.uuid4().hex, now=now, wordings=wordings(), dispatcher=Dispatcher(now))
    try:
        rows = _claim(work, limit)
        work.suppressed = _suppressed(rows)
        for row in rows:
            _one(work, row)
    finally:
        _release(work)
        work.dispatcher.close()
    return work.report


def _recover(now: datetime) -> None:
    """The rows of workers that died: those they never reached are due again, the one they
    held while sending may have gone out (UNSURE)."""
    stale = now - STALE_CLAIM
    Notification.objects.filter(status=Notification.Status.CLAIMED, claimed_at__lt=stale).update(
        status=Notification.Status.PENDING, updated_at=now
    )
    unsure = Notification.objects.filter(
        status=Notification.Status.SENDING, claimed_at__lt=stale
    ).update(status=Notification.Status.UNSURE, last_error=STALE_NOTE, updated_at=now)
    if unsure:
        logger.warning("[NOTIFY] %s message(s) left sending by a stopped worker: unsure", unsure)


def _claim(work: _Pass, limit: int) -> list[Notification]:
    due = Notification.objects.filter(
        status=Notification.Status.PENDING, next_attempt_at__lte=work.now
    ).order_by("next_attempt_at", "pk")
    ids = list(due.values_list("pk", flat=True)[:limit])
    Notification.objects.filter(pk__in=ids, status=Notification.Status.PENDING).update(
        status=Notification.Status.CLAIMED,
        claimed_at=work.now,
        claimed_by=work.token,
        updated_at=work.now,
    )
    return list(
        Notification.objects.filter(claimed_by=work.token, status=Notification.Status.CLAIMED)
        .select_related("appointment__business", "appointment__practitioner")
        .order_by("next_attempt_at", "pk")
    )


def _suppressed(rows: list[Notification]) -> set[str]:
    """The batch's numbers on the suppression list, in one query."""
    numbers = {
        phone_e164(row.appointment.phone) for row in rows if row.medium == Notification.Medium.SMS
    }
    numbers.discard(None)
    return set(SmsSuppression.objects.filter(phone__in=numbers).values_list("phone", flat=True))


def _one(work: _Pass, row: Notification) -> None:
    appointment = row.appointment
    if not _still_due(row, appointment, work.now):
        _set(row, status=Notification.Status.WITHDRAWN)
        work.report.withdrawn += 1
        return
    if row.medium == Notification.Medium.SMS:
        row.recipient = phone_e164(appointment.phone) or ""
        if row.recipient in work.suppressed:
            _set(row, status=Notification.Status.SUPPRESSED)
            work.report.withdrawn += 1
            return
    else:
        row.recipient = appointment.email
    if not row.recipient:
        _set(row, status=Notification.Status.WITHDRAWN)  # the contact was erased meanwhile
        work.report.withdrawn += 1
        return
    wording = work.wordings[key_of(row.kind, row.medium)]
    link = manage_url(appointment)
    filled = values(appointment, link=link)
    row.subject = render(wording.subject, filled)
    row.body = render(wording.body, filled)
    if not _hand_over(row):
        return  # no longer this worker's
    try:
        row.provider_id = work.dispatcher.send(row, link)
    except Retry as exc:
        _retry(work, row, str(exc))
        return
    except Refused as exc:
        _set(row, status=Notification.Status.FAILED, last_error=str(exc)[:300], bump=True)
        work.report.failed += 1
        logger.warning("[NOTIFY] notification_id=%s refused for good: %s", row.pk, exc)
        return
    except Unsure as exc:
        _set(row, status=Notification.Status.UNSURE, last_error=str(exc)[:300], bump=True)
        work.report.unsure += 1
        logger.warning("[NOTIFY] notification_id=%s unsure: %s", row.pk, exc)
        return
    _set(
        row,
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        provider_id=row.provider_id[:200],
        recipient=row.recipient,
        subject=row.subject[:200],
        body=row.body,
        last_error="",
        bump=True,
    )
    work.report.sent += 1


def _hand_over(row: Notification) -> bool:
    """CLAIMED → SENDING, written before the message leaves."""
    row.status = Notification.Status.SENDING
    return (
        Notification.objects.filter(
            pk=row.pk, status=Notification.Status.CLAIMED, claimed_by=row.claimed_by
        ).update(status=Notification.Status.SENDING, updated_at=timezone.now())
        == 1
    )


def _still_due(row: Notification, appointment: Appointment, now: datetime) -> bool:
    if row.kind == Notification.Kind.CANCELLED:
        return appointment.status == Appointment.Status.CANCELLED and appointment.end > now
    return appointment.status == Appointment.Status.CONFIRMED and appointment.start > now


def _retry(work: _Pass, row: Notification, reason: str) -> None:
    attempts = row.attempts + 1
    if attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        _set(row, status=Notification.Status.FAILED, last_error=reason[:300], bump=True)
        work.report.failed += 1
        logger.warning("[NOTIFY] notification_id=%s failed after %s attempts", row.pk, attempts)
        return
    delay = min(
        MAX_DELAY,
        timedelta(seconds=settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** min(attempts - 1, 12)),
    )
    _set(
        row,
        status=Notification.Status.PENDING,
        last_error=reason[:300],
        next_attempt_at=timezone.now() + delay,
        bump=True,
    )
    work.report.retried += 1
    logger.info(
        "[NOTIFY] notification_id=%s retried in %ss: %s", row.pk, int(delay.total_seconds()), reason
    )


def _set(row: Notification, *, status: str, bump: bool = False, **fields: Any) -> None:
    """Record one row's outcome, if it is still this worker's."""
    changes: dict[str, Any] = {"status": status, "updated_at": timezone.now(), **fields}
    if bump:
        changes["attempts"] = F("attempts") + 1
    if status in (Notification.Status.FAILED, Notification.Status.UNSURE):
        changes.update(recipient=row.recipient, subject=row.subject, body=row.body)
    Notification.objects.filter(
        pk=row.pk,
        status__in=[Notification.Status.CLAIMED, Notification.Status.SENDING],
        claimed_by=row.claimed_by,
    ).update(**changes)


def _release(work: _Pass) -> None:
    """Rows of this pass never reached (an error stopped it) are due again at once."""
    Notification.objects.filter(claimed_by=work.token, status=Notification.Status.CLAIMED).update(
        status=Notification.Status.PENDING
    )
