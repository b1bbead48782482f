"""Per-process copies of slowly changing database content (business, FAQ index, prompts).

A turn must not pay for rebuilding them, yet staff edits made in the admin, or by
``load_business`` in another process, must show up quickly. A snapshot is checked at most
every ``SNAPSHOT_CHECK_SECONDS``; it is rebuilt when its fingerprint changed (or at every check
when it has none).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from django.conf import settings

T = TypeVar("T")

_registry: list[Snapshot] = []


class Snapshot(Generic[T]):
    def __init__(
        self, build: Callable[[], T], fingerprint: Callable[[], Hashable] | None = None
    ) -> None:
        self._build = build
        self._fingerprint = fingerprint
        self._lock = threading.Lock()
        self._value: T | None = None
        self._print: Hashable = None
        self._checked = 0.0
        _registry.append(self)

    def get(self) -> T:
        now = time.monotonic()
        with self._lock:
            due = now - self._checked >= settings.SNAPSHOT_CHECK_SECONDS
            if self._value is None or due:
                stamp = self._fingerprint() if self._fingerprint else object()
                if self._value is None or stamp != self._print:
                    self._value = self._build()
                    self._print = stamp
                self._checked = now
            return self._value

    def clear(self) -> None:
        with self._lock:
            self._value, self._print, self._checked = None, None, 0.0


def clear_all() -> None:
    """Forget every snapshot (tests, and after loading a new profile in this process)."""
    for snapshot in _registry:
        snapshot.clear()
