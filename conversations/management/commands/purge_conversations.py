"""python manage.py purge_conversations [--days N] [--dry-run]: apply the retention window."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from conversations.retention import BATCH_SIZE, conversations_purge, retention_cutoff


class Command(BaseCommand):
    help = (
        "Delete conversations (and their turns) silent for longer than the retention window "
        "(RETENTION_DAYS). Appointments are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, help="retention window in days (RETENTION_DAYS)")
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
        parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="rows per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.RETENTION_DAYS
        if days < 1:
            raise CommandError("The retention window must be at least 1 day.")
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1.")
        before = retention_cutoff(now=timezone.now(), days=days)
        report = conversations_purge(
            before=before, batch_size=options["batch"], dry_run=options["dry_run"]
        )
        verb = "Would delete" if options["dry_run"] else "Deleted"
        self.stdout.write(
            f"{verb} {report.conversations} conversation(s), {report.turns} turn(s), "
            f"{report.holds} slot hold(s), {report.vapi_events} Vapi event(s) "
            f"last active more than {days} day(s) ago (before {before:%Y-%m-%d %H:%M %Z}); "
            f"{verb.lower()} the text of {report.message_contents} message(s) sent before then."
        )
