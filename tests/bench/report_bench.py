"""Benchmark: the managers' conversion report and the stats API on a busy database.

    .venv/bin/python tests/bench/report_bench.py [--conversations 100000] [--requests 20]

Builds a throwaway SQLite database with 100,000 conversations over 90 days (both channels,
a realistic mix of outcomes and last states, ~3.5 turns each, FAQ answers and misses) and
30,000 appointments, then times GET /admin/reports/ (30 and 90 days, HTML and CSV) and
GET /api/stats/bookings (720 and 2160 hours) as a logged-in superuser. Target: p99 < 300 ms.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = tempfile.TemporaryDirectory(prefix="report-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK.name}/db.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "receptionist.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from booking.models import Appointment, Business  # noqa: E402
from booking.profiles import business_load_profile  # noqa: E402
from booking.services import practitioner_implicit  # noqa: E402
from conversations.models import Conversation, Turn  # noqa: E402
from faq.services import faq_upsert_from_profile  # noqa: E402

BATCH = 5_000
DAYS = 90
# (outcome, last state, weight): the mix of a garage's web chat and phone line.
OUTCOMES = [
    ("confirmed", "CONFIRMED", 30),
    ("moved", "CONFIRMED", 4),
    ("cancelled", "CANCELLED", 6),
    ("transferred", "TRANSFERRED", 10),
    ("abandoned", "QUALIF_PREF", 5),
    ("expired", "START", 10),
    ("", "START", 8),
    ("", "QUALIF_NAME", 6),
    ("", "QUALIF_MOTIF", 5),
    ("", "QUALIF_CONTACT", 6),
    ("", "WAIT_CONFIRM", 5),
    ("", "BOOKING_CONFIRM", 2),
    ("", "INTENT_ROUTER", 2),
    ("", "CANCEL_NAME", 1),
]
FAQ_IDS = ["FAQ_HOURS", "FAQ_ADDRESS", "FAQ_PAYMENT", "FAQ_LOAN_CAR", "FAQ_OIL_PRICE"]
MISSES = [f"est-ce que vous faites {thing} ?" for thing in range(60)]


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    pick = lambda p: ordered[min(len(ordered) - 1, int(p * len(ordered)))]  # noqa: E731
    return f"p50={pick(0.5):7.1f} ms  p99={pick(0.99):7.1f} ms  max={ordered[-1]:7.1f} ms"


def conversation_rows(
    rng: random.Random, start: int, count: int, total: int, now
) -> list[Conversation]:
    population = [(o, s) for o, s, _ in OUTCOMES]
    weights = [w for *_, w in OUTCOMES]
    # Rows arrive in time order, as in production: ids and turn ids grow with created_at.
    span = DAYS * 86_400
    oldest, youngest = span * (total - start) / total, span * (total - start - count) / total
    ages = sorted((rng.uniform(youngest, oldest) for _ in range(count)), reverse=True)
    rows = []
    for n, age, (outcome, state) in zip(
        range(start, start + count), ages, rng.choices(population, weights, k=count), strict=True
    ):
        created = now - timedelta(seconds=age)
        turns = 1 if outcome == "expired" and rng.random() < 0.5 else rng.randint(2, 6)
        rows.append(
            Conversation(
                key=f"bench-{n}",
                channel="voice" if rng.random() < 0.4 else "web",
                state=state,
                outcome=outcome,
                turn_count=turns,
                reached_router=state == "INTENT_ROUTER" or rng.random() < 0.03,
                created_at=created,
                updated_at=created + timedelta(seconds=25 * turns),
            )
        )
    return rows


def turn_rows(rng: random.Random, conversations: list[Conversation]) -> list[Turn]:
    rows = []
    for conversation in conversations:
        for index in range(conversation.turn_count):
            roll = rng.random()
            faq_id = rng.choice(FAQ_IDS) if roll < 0.08 else ""
            missed = 0.08 <= roll < 0.11
            rows.append(
                Turn(
                    conversation_id=conversation.pk,
                    index=index,
                    user_text=rng.choice(MISSES) if missed else "je voudrais un rendez-vous",
                    reply="…",
                    state_before="START",
                    state_after=conversation.state,
                    intent="FAQ" if faq_id else "BOOKING",
                    prompt_keys="MSG_FAQ_NO_MATCH,MSG_ASK_INTENT" if missed else "MSG_ASK_NAME",
                    faq_id=faq_id,
                    created_at=conversation.created_at + timedelta(seconds=20 * index),
                )
            )
    return rows


def populate(conversations: int, appointments: int) -> None:
    profile = json.loads((ROOT / "tests/fixtures/garage_profile.json").read_text("utf-8"))
    business = business_load_profile(profile)
    faq_upsert_from_profile(profile["faq"])
    # Rows carry their own dates: switch off auto_now / auto_now_add while loading.
    for model, names in ((Conversation, ("created_at", "updated_at")), (Turn, ("created_at",))):
        for name in names:
            field = model._meta.get_field(name)
            field.auto_now = field.auto_now_add = False
    rng = random.Random(7)
    now = timezone.now()
    turns = 0
    for start in range(0, conversations, BATCH):
        with transaction.atomic():
            batch = Conversation.objects.bulk_create(
                conversation_rows(rng, start, min(BATCH, conversations - start), conversations, now)
            )
            turns += len(Turn.objects.bulk_create(turn_rows(rng, batch), batch_size=BATCH))
    appointment_rows(business, appointments, rng, now)
    print(f"{conversations:,} conversations, {turns:,} turns, {appointments:,} appointments")


def appointment_rows(business: Business, count: int, rng: random.Random, now) -> None:
    """Back-to-back 30-minute appointments: distinct starts, so the one-per-slot rule holds."""
    first = now.replace(minute=0, second=0, microsecond=0) - timedelta(days=DAYS)
    statuses = ["confirmed"] * 8 + ["cancelled", "moved"]
    agenda = practitioner_implicit(business)
    rows = [
        Appointment(
            business=business,
            practitioner=agenda,
            start=first + timedelta(minutes=30 * n),
            end=first + timedelta(minutes=30 * (n + 1)),
            name=f"Client {n}",
            phone="+33612345678",
            motif="vidange",
            status=rng.choice(statuses),
            channel=rng.choice(["web", "voice", "staff"]),
        )
        for n in range(count)
    ]
    Appointment.objects.bulk_create(rows, batch_size=BATCH)


def timed(client: Client, url: str, requests: int) -> list[float]:
    assert client.get(url).status_code == 200, url  # warm-up
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--appointments", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    populate(args.conversations, args.appointments)
    print(f"database built in {time.perf_counter() - started:.1f} s")

    user = get_user_model().objects.create_superuser("bench", password="x-bench-pass")
    client = Client()
    client.force_login(user)
    today = timezone.localdate()
    urls = {}
    for days in (30, 90):
        first = today - timedelta(days=days - 1)
        query = f"from={first:%Y-%m-%d}&to={today:%Y-%m-%d}"
        urls[f"report {days} days"] = f"/admin/reports/?{query}"
        urls[f"report {days} days, voice"] = f"/admin/reports/?{query}&channel=voice"
        urls[f"report {days} days, CSV"] = f"/admin/reports/?{query}&format=csv"
    urls["stats ?hours=720"] = "/api/stats/bookings?hours=720"
    urls["stats ?hours=2160"] = "/api/stats/bookings?hours=2160"
    print(f"{args.requests} requests each (after one warm-up):")
    for label, url in urls.items():
        print(f"  {label:26s} {percentiles(timed(client, url, args.requests))}")
    print(f"total {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
