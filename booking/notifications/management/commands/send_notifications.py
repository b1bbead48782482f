"""python manage.py send_notifications [--loop]: send the due confirmations and reminders.

Once: what is due now, then exit (for cron). With --loop: every few seconds until SIGTERM.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from booking.notifications.worker import notifications_send_due


class Command(BaseCommand):
    help = "Send the due confirmations and reminders (e-mail, SMS), once or in a loop."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running until SIGTERM/SIGINT")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between passes")
        parser.add_argument("--batch", type=int, default=500, help="messages per pass at most")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = threading.Event()

        def stop(signum: int, frame: FrameType | None) -> None:
            stopping.set()  # finish the batch in hand, then leave

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            report = notifications_send_due(limit=options["batch"])
            if report.sent or report.retried or report.failed or options["verbosity"] > 1:
                self.stdout.write(str(report))
            if not options["loop"]:
                # Once: everything due, batch after batch.
                if report.sent + report.retried + report.failed + report.withdrawn == 0:
                    return
                continue
            if stopping.is_set():
                break
            close_old_connections()
            if report.sent < options["batch"]:
                stopping.wait(options["interval"])
            if stopping.is_set():
                break
        self.stdout.write("send_notifications stopped.")
