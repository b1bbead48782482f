"""Staff actions on the outbox."""

from __future__ import annotations

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
