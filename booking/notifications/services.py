"""Actions on the outbox from outside the worker: staff resending, privacy erasing and purging."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from booking.notifications.models import Notification

RESENDABLE = (Notification.Status.SENT, Notification.Status.FAILED, Notification.Status.UNSURE)


@transaction.atomic
def notifications_resend(*, rows: QuerySet[Notification]) -> int:
    """A new row for each message sent, failed or unsure: due now, the same appointment and
    kind (rendered afresh, to the contact as it is now). Returns how many."""
    now = timezone.now()
    copies = [
        Notification(
            business_id=row.business_id,
            appointment_id=row.appointment_id,
            kind=row.kind,
            medium=row.medium,
            offset_minutes=row.offset_minutes,
            resend_of=row,
            due_at=now,
            next_attempt_at=now,
        )
        for row in rows.filter(status__in=RESENDABLE)
    ]
    Notification.objects.bulk_create(copies)
    return len(copies)


FINAL = (
    Notification.Status.SENT,
    Notification.Status.FAILED,
    Notification.Status.UNSURE,
    Notification.Status.WITHDRAWN,
    Notification.Status.SUPPRESSED,
)


def notifications_forget(*, appointment_ids: list[int]) -> int:
    """A person's data erased: what was still to be sent is withdrawn, and what was sent keeps
    only its date, channel and status. Returns how many rows."""
    rows = Notification.objects.filter(appointment_id__in=appointment_ids)
    rows.filter(status__in=[Notification.Status.PENDING, Notification.Status.CLAIMED]).update(
        status=Notification.Status.WITHDRAWN
    )
    return rows.update(recipient="", subject="", body="", provider_id="", last_error="")


def notifications_purge_content(*, before: datetime) -> int:
    """Past the retention period, a message keeps only the legal minimum (date, channel, status):
    its recipient and text are dropped. Returns how many rows were emptied."""
    return notifications_with_content(before=before).update(
        recipient="", subject="", body="", provider_id="", last_error=""
    )


def notifications_with_content(*, before: datetime) -> QuerySet[Notification]:
    """Messages due before `before`, settled, still holding a recipient or a text."""
    return Notification.objects.filter(due_at__lt=before, status__in=FINAL).exclude(
        recipient="", subject="", body=""
    )


def notifications_of(appointment_id: int) -> list[dict[str, Any]]:
    """An appointment's messages as plain data (the privacy export)."""
    return [
        {
            "kind": row.kind,
            "channel": row.medium,
            "status": row.status,
            "due_at": row.due_at.isoformat(),
            "sent_at": row.sent_at.isoformat() if row.sent_at else None,
            "recipient": row.recipient,
            "subject": row.subject,
            "body": row.body,
        }
        for row in Notification.objects.filter(appointment_id=appointment_id).order_by(
            "due_at", "pk"
        )
    ]
