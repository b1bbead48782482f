"""python manage.py load_business FILE.json [--replace-faq]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from booking.profiles import ProfileError, business_load_profile
from faq.services import FaqProfileError, faq_upsert_from_profile
from receptionist.lib.snapshots import changed_all


def load_profile_file(path: Path, *, replace_faq: bool) -> tuple[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: invalid JSON ({exc})") from None
    try:
        with transaction.atomic():
            business = business_load_profile(data)
            changed = faq_upsert_from_profile(data.get("faq", []), replace=replace_faq)
            changed_all()  # every running server process reads the new profile at once
    except (ProfileError, FaqProfileError) as exc:
        raise CommandError(f"{path}: {exc}") from None
    return business.name, changed


class Command(BaseCommand):
    help = "Load a business profile (opening hours, closures, motifs, FAQ); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace-faq",
            action="store_true",
            help="also delete FAQ entries the file does not name",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name, changed = load_profile_file(options["file"], replace_faq=options["replace_faq"])
        self.stdout.write(self.style.SUCCESS(f"Loaded « {name} » ({changed} FAQ entries changed)."))
