"""One writer at a time on SQLite, queued in the process instead of on the database file.

SQLite allows a single writer; concurrent turns in one server process would otherwise wait on
the file lock, whose back-off sleeps stretch a 10 ms turn into hundreds. PostgreSQL needs no
such queue: row locks already serialize the turns of one conversation.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_sqlite_writer = threading.Lock()


@contextmanager
def serialized_writes() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with _sqlite_writer:
        yield
