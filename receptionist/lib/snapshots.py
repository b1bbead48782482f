"""Per-process copies of slowly changing database content (business, FAQ index, prompts).

A turn must not pay for rebuilding them, yet staff edits made in the admin, or by
``load_business`` in another process, must show up at once in every process. Two ways in:

- a shared version per snapshot, kept in the cache (Redis when ``REDIS_URL`` is set, so all
  processes see it): whoever changes the content calls ``changed()``, which bumps the version
  once the transaction commits; every process compares it on each read and rebuilds at once;
- a fingerprint, checked at most every ``SNAPSHOT_CHECK_SECONDS``, for changes made behind the
  application's back (SQL, another tool) or while the cache was unreachable; a snapshot without
  one is rebuilt at every check.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

T = TypeVar("T")

_registry: list[Snapshot] = []


class Snapshot(Generic[T]):
    def __init__(
        self,
        name: str,
        build: Callable[[], T],
        fingerprint: Callable[[], Hashable] | None = None,
    ) -> None:
        self.key = f"snapshot:{name}"
        self._build = build
        self._fingerprint = fingerprint
        self._lock = threading.Lock()
        self._value: T | None = None
        self._print: Hashable = None
        self._version: int | None = None
        self._checked = 0.0
        _registry.append(self)

    def shared_version(self) -> int | None:
        try:
            return cache.get(self.key)
        except Exception:  # the cache down must not stop turns: the fingerprint takes over
            logger.warning("[SNAPSHOT] %s: shared version unreadable", self.key)
            return self._version

    def get(self) -> T:
        version = self.shared_version()
        now = time.monotonic()
        with self._lock:
            stale = self._value is None or version != self._version
            if stale or now - self._checked >= settings.SNAPSHOT_CHECK_SECONDS:
                stamp = self._fingerprint() if self._fingerprint else object()
                if stale or stamp != self._print:
                    self._value = self._build()
                    self._print = stamp
                    self._version = version
                self._checked = now
            # Built above when missing: a T (None only if the build itself returns None).
            return cast(T, self._value)

    def clear(self) -> None:
        with self._lock:
            self._value, self._print, self._checked = None, None, 0.0

    def changed(self) -> None:
        """The content changed: this process forgets its copy now, every process on commit."""
        self.clear()
        transaction.on_commit(self._bump)

    def _bump(self) -> None:
        self.clear()
        try:
            if not cache.add(self.key, 1, timeout=None):
                cache.incr(self.key)
        except Exception:  # other processes follow within SNAPSHOT_CHECK_SECONDS
            logger.warning("[SNAPSHOT] %s: shared version not bumped", self.key)


def clear_all() -> None:
    """Forget every snapshot of this process (tests, benchmarks)."""
    for snapshot in _registry:
        snapshot.clear()


def changed_all() -> None:
    """Every snapshot's content may have changed (a profile loaded, the business edited)."""
    for snapshot in _registry:
        snapshot.changed()
