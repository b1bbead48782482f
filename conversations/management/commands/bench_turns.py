"""python manage.py bench_turns: the turn and FAQ latency bench of tests/bench/turns.py.

It replays generated dialogues on a throwaway test database (never the business's own) and
times an FAQ of `--faq-entries` entries. The bench ships with a source checkout, not with
the container image.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Per-turn latency (service and pure path) and FAQ match time on a large FAQ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dialogues", type=int, default=1000)
        parser.add_argument("--faq-entries", type=int, default=500)
        parser.add_argument("--seed", type=int, default=20261122)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            bench = import_module("tests.bench.turns")
        except ModuleNotFoundError as missing:
            raise CommandError(
                "The bench is part of a source checkout (tests/bench/turns.py); run it from one."
            ) from missing
        logging.disable(logging.WARNING)  # a log line per turn would be timed too
        try:
            bench.run(
                dialogues=options["dialogues"],
                faq_entries=options["faq_entries"],
                seed=options["seed"],
            )
        finally:
            logging.disable(logging.NOTSET)
