"""Many conversations answer « oui » at the same instant, each on its own thread and
database connection: the race the booking's constraints must win."""

from __future__ import annotations

import threading

from django.db import connection

from conversations.rendering import TurnResult
from conversations.services import conversation_handle_turn


def confirm_at_once(keys: list[str]) -> dict[str, TurnResult]:
    """Each conversation's turn after « oui », all sent together behind a barrier."""
    barrier, results, lock = threading.Barrier(len(keys)), {}, threading.Lock()

    def confirm(key: str) -> None:
        try:
            barrier.wait(timeout=10)
            turn = conversation_handle_turn(channel="web", conversation_id=key, message="oui")
            with lock:
                results[key] = turn
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
