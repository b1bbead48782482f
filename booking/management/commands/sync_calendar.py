"""python manage.py sync_calendar [--loop]: push pending appointment changes to the calendar."""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from booking.sync import remote_calendar, sync_pending


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
        backend = remote_calendar()
        if backend is None:
            self.stdout.write("No remote calendar configured: nothing to push.")
            return
        while True:
            report = sync_pending(limit=options["batch"])
            if report.pushed or report.failed or options["verbosity"] > 1:
                self.stdout.write(
                    f"pushed {report.pushed}, failed {report.failed}, skipped {report.skipped}"
                )
            if not options["loop"] or stopping.is_set():
                break
            close_old_connections()
            if report.pushed < options["batch"]:
                stopping.wait(options["interval"])
            if stopping.is_set():
                break
        self.stdout.write("sync_calendar stopped.")
