"""Benchmark: slot finding on a full diary, and booking turns with Google Calendar configured.

    .venv/bin/python tests/bench/calendar_bench.py

1. find_slots over a 60-day horizon holding 2,000 busy intervals, for several preferences.
2. The confirming turn of 200 bookings through the conversation service, with the Google
   backend pointed at the fake Calendar API on loopback: the push happens after the reply, in
   the background, so the turn should not wait for Google.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "booking"))
WORK = tempfile.TemporaryDirectory(prefix="calendar-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK.name}/db.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "receptionist.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from fake_google import FakeGoogleCalendar  # noqa: E402

from booking.preferences import Preference  # noqa: E402
from booking.slots import Interval, Schedule, find_slots  # noqa: E402

PARIS = ZoneInfo("Europe/Paris")
FIRST = "Marie Paul Léa Jean Inès Hugo Chloé Karim Zoé Louis".split()
LAST = (
    "Curie Martin Durand Lefèvre Moreau Garnier Benali Roux Faure Nguyen Petit Girard Andre Mercier "
    "Dupuis Lambert Bonnet Francois Legrand Gauthier"
).split()


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    pick = lambda p: ordered[min(len(ordered) - 1, int(p * len(ordered)))]  # noqa: E731
    return f"p50={pick(0.5):6.2f} ms  p99={pick(0.99):6.2f} ms  max={ordered[-1]:6.2f} ms"


def slot_finding() -> None:
    opening = {
        d: (
            (datetime.min.time().replace(hour=8), datetime.min.time().replace(hour=12)),
            (datetime.min.time().replace(hour=13), datetime.min.time().replace(hour=19)),
        )
        for d in range(1, 7)
    }
    schedule = Schedule(
        tz=PARIS, slot_minutes=15, min_notice_minutes=60, horizon_days=60, opening=opening
    )
    now = datetime(2027, 3, 1, 7, tzinfo=PARIS)
    rng = random.Random(1)
    busy = []
    for _ in range(2000):
        day = now.date() + timedelta(days=rng.randint(0, 59))
        start = datetime(
            day.year,
            day.month,
            day.day,
            rng.randint(8, 18),
            rng.choice([0, 15, 30, 45]),
            tzinfo=PARIS,
        )
        start = start.astimezone(UTC)  # as the database and Google's free/busy give them
        busy.append(Interval(start, start + timedelta(minutes=rng.choice([15, 30, 45]))))
    preferences = {
        "whenever": Preference(),
        "asap": Preference(asap=True),
        "tuesday morning": Preference(
            weekdays=frozenset({2}), before=datetime.min.time().replace(hour=12)
        ),
        "next week": Preference(earliest=date(2027, 3, 8), latest=date(2027, 3, 14)),
        "after 18h (rare)": Preference(after=datetime.min.time().replace(hour=18, minute=30)),
        "in 50 days": Preference(dates=frozenset({date(2027, 4, 20)})),
    }
    print("find_slots, 60-day horizon, 2,000 busy intervals, 15-minute grid:")
    for label, preference in preferences.items():
        timings = []
        for _ in range(200):
            started = time.perf_counter()
            find_slots(schedule=schedule, busy=busy, preference=preference, now=now)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"  {label:18s} {percentiles(timings)}")


def booking_turns(quick_push: bool) -> None:
    from booking.models import Appointment, BookedCell
    from conversations.services import conversation_handle_turn

    Appointment.objects.all().delete()
    BookedCell.objects.all().delete()
    fake = FakeGoogleCalendar()
    settings = dict(
        GOOGLE_SERVICE_ACCOUNT_BASE64=fake.key_base64(),
        GOOGLE_CALENDAR_ID="bench@group.calendar.google.com",
        GOOGLE_API_ENDPOINT=f"{fake.url}/calendar/v3/",
        CALENDAR_PUSH_AFTER_COMMIT=quick_push,
        CHAT_RATE_LIMIT_PER_MINUTE=10**9,
    )
    prefs = ["lundi", "mardi", "jeudi", "vendredi", "la semaine prochaine", "le plus tôt possible"]
    confirm_ms, other_ms, outcomes = [], [], {}
    with override_settings(**settings):
        for n in range(200):
            key = conversation_handle_turn(
                channel="web", conversation_id=None, message=""
            ).conversation_id
            lines = [
                "un rendez-vous",
                f"{FIRST[n % 10]} {LAST[n // 10 % 20]}",
                "une consultation",
                prefs[n % len(prefs)],
                "0612345678",
            ]
            for line in lines:
                started = time.perf_counter()
                conversation_handle_turn(channel="web", conversation_id=key, message=line)
                other_ms.append((time.perf_counter() - started) * 1000)
            # the turn that books: the choice on the web, or « oui » after a read-back
            for line in (["le premier", "le deuxième", "le dernier"][n % 3], "oui"):
                started = time.perf_counter()
                turn = conversation_handle_turn(channel="web", conversation_id=key, message=line)
                if turn.state != "BOOKING_CONFIRM":
                    confirm_ms.append((time.perf_counter() - started) * 1000)
                    break
                other_ms.append((time.perf_counter() - started) * 1000)
            outcomes[turn.state] = outcomes.get(turn.state, 0) + 1
            if turn.state == "TRANSFERRED" and os.environ.get("BENCH_DEBUG"):
                from conversations.models import Turn

                print(
                    [
                        (t.user_text, t.prompt_keys)
                        for t in Turn.objects.filter(conversation__key=key)
                    ]
                )
        time.sleep(2)  # let the background pushes finish
        if not quick_push:
            from booking.sync import sync_pending

            sync_pending(limit=1000)
        synced = Appointment.objects.filter(status="confirmed", sync_status="synced").count()
        confirmed = Appointment.objects.filter(status="confirmed").count()
    fake.close()
    mode = "quick push after each commit" if quick_push else "pushes left to sync_calendar"
    print(
        f"conversation turns with the Google backend (fake on loopback), SQLite, in-process, {mode}:"
    )
    print(f"  booking (confirming) turn {percentiles(confirm_ms)}   outcomes {outcomes}")
    print(f"  other turns               {percentiles(other_ms)}")
    print(
        f"  appointments confirmed {confirmed}, pushed to the calendar by the quick push {synced}, "
        f"events in the calendar {len(fake.confirmed())}"
    )


if __name__ == "__main__":
    slot_finding()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    booking_turns(quick_push=True)
    booking_turns(quick_push=False)
    WORK.cleanup()
