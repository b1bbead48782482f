"""python tests/bench/agenda_week.py [--appointments 600] [--runs 30]   (or: make bench-agenda)

Renders the admin's week agenda (the whole request: session, queries, grid, template) with
that many appointments in one week, on a throwaway SQLite database, and prints the render
time percentiles. The floor: under 200 ms with 600 appointments.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "receptionist.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from booking.models import Business, OpeningHours  # noqa: E402
from booking.services import appointment_book  # noqa: E402
from receptionist.lib.snapshots import clear_all  # noqa: E402

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2030, 6, 3)
FLOOR_MS = 200


def fill_week(count: int) -> Business:
    """A business open 7:00–22:00 every day, ten-minute slots, `count` appointments that week."""
    business = Business.objects.create(
        name="Cabinet chargé", slot_minutes=10, timezone="Europe/Paris"
    )
    for weekday in range(1, 8):
        OpeningHours.objects.create(
            business=business, weekday=weekday, start=clock_time(7), end=clock_time(22)
        )
    per_day = -(-count // 7)
    channels = ["web", "voice", "staff"]
    booked = 0
    for offset in range(7):
        start = datetime.combine(MONDAY + timedelta(days=offset), clock_time(7), tzinfo=PARIS)
        for index in range(per_day):
            if booked == count:
                break
            appointment_book(
                business=business,
                start=start + timedelta(minutes=10 * index),
                end=start + timedelta(minutes=10 * index + 10),
                name=f"Patient {booked:03d} Exemple",
                phone="+33612345678",
                motif="consultation",
                channel=channels[booked % 3],
            )
            booked += 1
    return business


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appointments", type=int, default=600)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        clear_all()
        fill_week(options.appointments)
        user = get_user_model().objects.create_superuser("bench", password="bench-pass-1")
        client = Client()
        client.force_login(user)
        url = reverse("admin:booking_appointment_week")
        first = client.get(url, {"date": MONDAY.isoformat()})
        assert first.status_code == 200, first.status_code
        shown = first.content.decode().count('class="appt ')
        timings = []
        for _ in range(options.runs):
            started = time.perf_counter()
            response = client.get(url, {"date": MONDAY.isoformat()})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        clear_all()
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    median = statistics.median(timings)
    print(
        f"week agenda, {shown} appointments, {options.runs} renders on SQLite: "
        f"median {median:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms "
        f"(floor {FLOOR_MS} ms)"
    )
    return 0 if p95 < FLOOR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
