"""Conversion figures for managers: selectors over conversations and their turns."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q

from conversations.models import Conversation

Outcome = Conversation.Outcome
# A conversation without an outcome and silent for this long has been abandoned.
IDLE_ABANDON = timedelta(minutes=30)


def _rate(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def booking_stats(*, since: datetime, now: datetime) -> dict[str, Any]:
    """Sessions of the window, and what became of them (rates in percent)."""
    window = Conversation.objects.filter(created_at__gte=since, created_at__lte=now).exclude(
        outcome=Outcome.EXPIRED, turn_count__lte=1
    )
    counts = window.aggregate(
        total=Count("id"),
        confirmed=Count("id", filter=Q(outcome=Outcome.CONFIRMED)),
        moved=Count("id", filter=Q(outcome=Outcome.MOVED)),
        cancelled=Count("id", filter=Q(outcome=Outcome.CANCELLED)),
        transferred=Count("id", filter=Q(outcome=Outcome.TRANSFERRED)),
        router=Count("id", filter=Q(reached_router=True)),
        abandoned=Count(
            "id",
            filter=Q(outcome__in=[Outcome.ABANDONED, Outcome.EXPIRED])
            | Q(outcome=Outcome.NONE, updated_at__lt=now - IDLE_ABANDON),
        ),
    )
    by_channel = {}
    for row in window.values("channel").annotate(
        total=Count("id"), confirmed=Count("id", filter=Q(outcome=Outcome.CONFIRMED))
    ):
        by_channel[row["channel"]] = {
            "total_sessions": row["total"],
            "confirmed_bookings": row["confirmed"],
            "conversion_rate": _rate(row["confirmed"], row["total"]),
        }
    total = counts["total"]
    return {
        "window_hours": None,
        "total_sessions": total,
        "confirmed_bookings": counts["confirmed"],
        "moved": counts["moved"],
        "cancelled": counts["cancelled"],
        "transferred": counts["transferred"],
        "intent_router": counts["router"],
        "conversion_rate": _rate(counts["confirmed"], total),
        "abandon_rate": _rate(counts["abandoned"], total),
        "by_channel": by_channel,
    }
