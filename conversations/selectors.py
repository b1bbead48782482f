"""Reads for the conversation service: staff prompt overrides (a per-process snapshot), and
the other live conversations of one client."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Max

from conversations.models import Conversation, Prompt
from receptionist.snapshots import Snapshot


def _fingerprint() -> tuple[Any, ...]:
    stats = Prompt.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return (stats["count"], stats["latest"])


def _load() -> dict[tuple[str, str], str]:
    return {(p.key, p.variant): p.text for p in Prompt.objects.all().only("key", "variant", "text")}


_overrides = Snapshot("prompts", _load, _fingerprint)


def prompt_overrides() -> dict[tuple[str, str], str]:
    """{(key, variant): text} for every staff override."""
    return _overrides.get()


def prompt_overrides_clear() -> None:
    """After a staff edit, the next turn of every process reads the new wording.

    Cleared now and again once the transaction commits (with the shared version bumped), so a
    turn running meanwhile cannot keep the old rows.
    """
    _overrides.changed()


def client_neighbours(conversation: Conversation, *, since: datetime) -> list[str]:
    """Keys of the client's other conversations active since `since` (none without a client)."""
    if not conversation.client:
        return []
    return list(
        Conversation.objects.filter(client=conversation.client, updated_at__gte=since)
        .exclude(pk=conversation.pk)
        .values_list("key", flat=True)[:200]
    )
