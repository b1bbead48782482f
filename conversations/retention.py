"""Retention: conversations silent for longer than the window are deleted; appointments stay;
the messages sent about them keep their date, channel and status, not their text.

A conversation's text lives in its row (memory, call summary and transcript), in its turns, in
the slots held for it and in the Vapi deliveries of its call. Appointments only keep the
conversation's key as text (no foreign key), so they survive untouched. Deletion runs in
batches, each its own short transaction, so a large table never holds one huge lock.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from booking import availability
from booking.models import SlotHold
from booking.notifications.services import (
    notifications_purge_content,
    notifications_with_content,
)
from conversations.models import Conversation, Turn, VapiEvent
from receptionist.lib.writes import serialized_writes

logger = logging.getLogger("conversations.privacy")

BATCH_SIZE = 500


@dataclass
class PurgeReport:
    conversations: int = 0
    turns: int = 0
    holds: int = 0
    vapi_events: int = 0
    # Messages past the window: their recipient and text dropped, date, channel, status kept.
    message_contents: int = 0


def retention_cutoff(*, now: datetime, days: int) -> datetime:
    """Conversations last active before this moment are past the retention window."""
    return now - timedelta(days=days)


def conversations_purge(
    *, before: datetime, batch_size: int = BATCH_SIZE, dry_run: bool = False
) -> PurgeReport:
    """Delete the conversations last active before `before`, with everything holding their text.

    With `dry_run`, only count what would go.
    """
    report = _count(before) if dry_run else _delete(before, batch_size)
    logger.info(
        "[PRIVACY] purge conversations=%s turns=%s holds=%s vapi_events=%s messages=%s dry_run=%s",
        report.conversations,
        report.turns,
        report.holds,
        report.vapi_events,
        report.message_contents,
        dry_run,
    )
    return report


def _stale(before: datetime):
    return Conversation.objects.filter(updated_at__lt=before)


def _count(before: datetime) -> PurgeReport:
    keys = _stale(before).values("key")
    return PurgeReport(
        conversations=_stale(before).count(),
        turns=Turn.objects.filter(conversation__updated_at__lt=before).count(),
        holds=SlotHold.objects.filter(holder__in=keys).count(),
        vapi_events=VapiEvent.objects.filter(received_at__lt=before).count(),
        message_contents=notifications_with_content(before=before).count(),
    )


def _delete(before: datetime, batch_size: int) -> PurgeReport:
    report = PurgeReport()
    while True:
        with serialized_writes(), transaction.atomic():
            batch = list(_stale(before).order_by("pk").values_list("pk", "key")[:batch_size])
            if batch:
                _delete_batch(batch, before, report)
        if len(batch) < batch_size:
            break
    while True:
        with serialized_writes(), transaction.atomic():
            ids = list(
                VapiEvent.objects.filter(received_at__lt=before)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            report.vapi_events += VapiEvent.objects.filter(pk__in=ids).delete()[0]
        if len(ids) < batch_size:
            break
    report.message_contents = notifications_purge_content(before=before)
    return report


def _delete_batch(batch: list[tuple[int, str]], before: datetime, report: PurgeReport) -> None:
    # Checked again under the transaction: a conversation that just spoke again is kept.
    ids = set(_stale(before).filter(pk__in=[pk for pk, _ in batch]).values_list("pk", flat=True))
    keys = [key for pk, key in batch if pk in ids]
    report.turns += Turn.objects.filter(conversation_id__in=ids).delete()[0]
    report.holds += availability.holds_release_all(holders=keys)
    _, deleted = Conversation.objects.filter(pk__in=ids).delete()
    report.conversations += deleted.get(Conversation._meta.label, 0)
