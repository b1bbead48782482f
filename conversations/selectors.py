"""Reads for the conversation service: staff prompt overrides, cached per process."""

from __future__ import annotations

import threading
from typing import Any

from django.db.models import Count, Max

from conversations.models import Prompt

_lock = threading.Lock()
_cache: dict[str, Any] = {"version": None, "overrides": {}}


def prompt_overrides() -> dict[tuple[str, str], str]:
    """{(key, variant): text} for every staff override; rebuilt when the table changes."""
    stats = Prompt.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    version = (stats["count"], stats["latest"])
    with _lock:
        if _cache["version"] != version:
            _cache["overrides"] = {
                (p.key, p.variant): p.text for p in Prompt.objects.all().only("key", "variant", "text")
            }
            _cache["version"] = version
        return _cache["overrides"]
