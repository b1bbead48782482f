"""python tests/bench/notifications.py [--reminders 10000] [--batch 500]   (or: make bench)

Sends that many due SMS reminders through the console backend (its output thrown away) with
the worker's own passes (`notifications_send_due`), on a throwaway SQLite file database, and
prints the time taken and the rate. The floor: 10,000 in under 60 s.

The appointments and their reminder rows are written directly (bulk), as many bookings would
have left them; what is timed is only the sending: claim, read, render, send, record.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DIRECTORY = tempfile.TemporaryDirectory(prefix="bench-notifications-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "receptionist.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DIRECTORY.name}/bench.sqlite3")
os.environ["SMS_BACKEND"] = "console"

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from booking.models import Appointment, Business  # noqa: E402
from booking.notifications.models import Notification  # noqa: E402
from booking.notifications.worker import notifications_send_due  # noqa: E402
from booking.services import practitioner_implicit  # noqa: E402

PARIS = ZoneInfo("Europe/Paris")
FLOOR_SECONDS = 60.0


def fill(count: int) -> None:
    business = Business.objects.create(name="Cabinet chargé", timezone="Europe/Paris")
    agenda = practitioner_implicit(business)
    first = timezone.now().astimezone(PARIS).replace(microsecond=0) + timedelta(days=3)
    appointments = [
        Appointment(
            business=business,
            practitioner=agenda,
            start=first + timedelta(minutes=10 * i),
            end=first + timedelta(minutes=10 * i + 10),
            name=f"Patient{i:05d} Exemple",
            phone=f"+33612{i:06d}",
            motif="consultation",
        )
        for i in range(count)
    ]
    Appointment.objects.bulk_create(appointments, batch_size=1000)
    due = timezone.now() - timedelta(seconds=1)
    Notification.objects.bulk_create(
        (
            Notification(
                business=business,
                appointment=appointment,
                kind=Notification.Kind.REMINDER,
                medium=Notification.Medium.SMS,
                offset_minutes=120,
                due_at=due,
                next_attempt_at=due,
            )
            for appointment in Appointment.objects.filter(business=business).only(
                "pk", "business_id"
            )
        ),
        batch_size=1000,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    fill(options.reminders)
    sent = 0
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        while True:
            report = notifications_send_due(limit=options.batch)
            sent += report.sent
            if report.sent == 0:
                break
    elapsed = time.perf_counter() - started
    left = Notification.objects.exclude(status=Notification.Status.SENT).count()
    lines = printed.getvalue().count("\n")
    print(
        f"notifications: {sent} reminders sent through the console backend in {elapsed:.1f} s "
        f"({sent / elapsed:.0f}/s, batches of {options.batch}); {left} not sent; "
        f"{lines} lines printed by the backend"
    )
    ok = sent == options.reminders and left == 0 and elapsed < FLOOR_SECONDS
    print(f"floor: {FLOOR_SECONDS:.0f} s for {options.reminders} -> {'ok' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
