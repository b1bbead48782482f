"""python tests/bench/slots_practitioners.py [--runs 300]   (or: make bench)

Slot finding over several agendas, pure (no database): 5 practitioners, a 60-day horizon,
2,000 busy intervals each, for the preferences callers give (none, « le plus tôt possible »,
a weekday, a day and an hour, a part of the day). Prints the time per search; the floor is
20 ms at the 99th percentile.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from booking.preferences import Preference  # noqa: E402
from booking.slots import AgendaSearch, Interval, Schedule, find_slots_among  # noqa: E402

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 7, 30, tzinfo=PARIS)
FLOOR_MS = 20.0


def agendas(rng: random.Random, practitioners: int, days: int, busy: int) -> list[AgendaSearch]:
    """Open 8:00–19:00 on weekdays, 15-minute grid; `busy` random 15–60 minute intervals."""
    opening = {d: ((time(8), time(12)), (time(13), time(19))) for d in range(1, 6)}
    result = []
    for n in range(practitioners):
        intervals = []
        for _ in range(busy):
            day = NOW.date() + timedelta(days=rng.randrange(days))
            start = datetime.combine(day, time(8), tzinfo=PARIS) + timedelta(
                minutes=15 * rng.randrange(44)
            )
            end = start + timedelta(minutes=15 * rng.randint(1, 4))
            # In UTC, as the database hands them over.
            intervals.append(Interval(start.astimezone(UTC), end.astimezone(UTC)))
        result.append(
            AgendaSearch(
                key=f"p{n}",
                schedule=Schedule(
                    tz=PARIS,
                    slot_minutes=15,
                    min_notice_minutes=120,
                    horizon_days=days,
                    opening=opening,
                ),
                busy=intervals,
                duration=timedelta(minutes=30),
                load=rng.randrange(50),
            )
        )
    return result


PREFERENCES = {
    "none": Preference(),
    "asap": Preference(asap=True),
    "a weekday": Preference(weekdays=frozenset({4})),
    "a day at an hour": Preference(dates=frozenset({date(2026, 12, 10)}), at=time(15)),
    "mornings": Preference(before=time(12)),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--practitioners", type=int, default=5)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--busy", type=int, default=2000)
    options = parser.parse_args()
    rng = random.Random(20261206)
    searched = agendas(rng, options.practitioners, options.days, options.busy)
    timings: dict[str, list[float]] = {name: [] for name in PREFERENCES}
    for _ in range(options.runs):
        for name, preference in PREFERENCES.items():
            started = clock.perf_counter()
            slots = find_slots_among(agendas=searched, preference=preference, now=NOW, count=3)
            timings[name].append((clock.perf_counter() - started) * 1000)
            assert slots, name
    every = sorted(t for values in timings.values() for t in values)
    p99 = every[int(len(every) * 0.99)]
    print(
        f"{options.practitioners} practitioners × {options.days} days × {options.busy} busy "
        f"intervals each, {len(every)} searches: median {statistics.median(every):.2f} ms, "
        f"p99 {p99:.2f} ms (floor {FLOOR_MS:.0f} ms)"
    )
    for name, values in timings.items():
        values.sort()
        print(
            f"  {name:18s} p50 {statistics.median(values):6.2f} ms  p99 {values[int(len(values) * 0.99)]:6.2f} ms"
        )
    return 0 if p99 < FLOOR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
