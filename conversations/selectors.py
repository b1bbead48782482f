"""Reads for the conversation service: staff prompt overrides, kept as a per-process snapshot."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max

from conversations.models import Prompt
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
