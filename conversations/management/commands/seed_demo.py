"""python manage.py seed_demo: load_business on the bundled demo profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from conversations.management.commands.load_business import load_profile_file

DEMO_PROFILE = Path(__file__).resolve().parents[2] / "profiles_data" / "demo.json"


class Command(BaseCommand):
    help = "Load the bundled demo business (a dental practice); idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        name, changed = load_profile_file(DEMO_PROFILE, replace_faq=False)
        self.stdout.write(
            self.style.SUCCESS(f"Demo business « {name} » ready ({changed} FAQ entries changed).")
        )
