"""python manage.py sync_calendar [--loop]: push pending appointment changes to the calendar.

Once: every change not in the calendar yet. With --loop: the due ones, every few seconds, until
SIGTERM; without a remote calendar the loop idles instead of exiting.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from booking.calendar_health import calendars_in_use
from booking.sync import SyncReport, sync_outstanding, sync_pending

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Push pending appointment changes to the remote calendar, once or in a loop."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running until SIGTERM/SIGINT")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between passes")
        parser.add_argument("--batch", type=int, default=100)

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = threading.Event()

        def stop(signum: int, frame: FrameType | None) -> None:
            stopping.set()  # finish the change in hand, then leave

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if not calendars_in_use():
            self.stdout.write("No remote calendar configured: nothing to push.")
            if options["loop"]:
                # A worker started beside the server idles: exiting would make its supervisor
                # restart it forever.
                logger.info("[CALENDAR] no remote calendar configured: the worker idles")
                idle(stopping)
                self.stdout.write("sync_calendar stopped.")
            return
        if not options["loop"]:
            # Run by hand: everything not in the calendar yet, backoff or not, failed included.
            self._show(sync_outstanding(batch=options["batch"]), options["verbosity"])
            return
        while True:
            report = sync_pending(limit=options["batch"])
            self._show(report, options["verbosity"])
            if stopping.is_set():
                break
            close_old_connections()
            if report.pushed < options["batch"]:
                stopping.wait(options["interval"])
            if stopping.is_set():
                break
        self.stdout.write("sync_calendar stopped.")

    def _show(self, report: SyncReport, verbosity: int) -> None:
        if report.pushed or report.failed or verbosity > 1:
            self.stdout.write(
                f"pushed {report.pushed}, failed {report.failed}, skipped {report.skipped}"
            )


def idle(stopping: threading.Event, *, tick: float = 60.0) -> None:
    """Sleep until told to stop (SIGTERM/SIGINT), quietly."""
    while not stopping.wait(tick):
        close_old_connections()
