"""Score the time reader on ``time_expressions.jsonl`` (see ``time_expressions.md``).

A reading is right when it accepts exactly the same slots as the expected preference over the
next 120 days (every quarter hour from 06:00 to 22:45), with the same wished time (``at``) and
the same « as soon as possible ». « n'importe quand » (an empty preference) and « nothing about
time » (None) accept the same slots and count as equal.

``python -m tests.conversations.nlu.time_table`` prints the share right per kind, and with
``-v`` every miss.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path

from booking.preferences import Preference
from conversations.dialogue.nlu.when.dates import parse_preference
from receptionist.lib.text import fold

TABLE = Path(__file__).with_name("time_expressions.jsonl")
HORIZON_DAYS = 120
CLOCK = [time(h, m) for h in range(6, 23) for m in (0, 15, 30, 45)]


def load() -> list[dict]:
    return [json.loads(line) for line in TABLE.read_text(encoding="utf-8").splitlines() if line]


def expected_preference(expect: dict | None) -> Preference | None:
    if expect is None:
        return None
    day = date.fromisoformat
    clock = time.fromisoformat
    return Preference(
        dates=frozenset(day(d) for d in expect.get("dates", ())),
        weekdays=frozenset(expect.get("weekdays", ())),
        earliest=day(expect["earliest"]) if "earliest" in expect else None,
        latest=day(expect["latest"]) if "latest" in expect else None,
        after=clock(expect["after"]) if "after" in expect else None,
        before=clock(expect["before"]) if "before" in expect else None,
        at=clock(expect["at"]) if "at" in expect else None,
        asap=bool(expect.get("asap")),
    )


def _accepted(
    preference: Preference | None, today: date
) -> tuple[frozenset[date], frozenset[time]]:
    """The slots accepted, as the days accepted times the times of day accepted.

    ``Preference.accepts`` is ``accepts_day`` and a test of the time of day alone, so the
    accepted slots are that product (empty when no day is accepted): the same sets as trying
    every quarter hour of every day, in a fraction of the time.
    """
    preference = preference or Preference()
    days = frozenset(
        today + timedelta(days=offset)
        for offset in range(HORIZON_DAYS)
        if preference.accepts_day(today + timedelta(days=offset))
    )
    if not days:
        return days, frozenset()
    day = min(days)
    return days, frozenset(m for m in CLOCK if preference.accepts(datetime.combine(day, m)))


def same(actual: Preference | None, expected: Preference | None, today: date) -> bool:
    a, e = actual or Preference(), expected or Preference()
    if (a.at, a.asap) != (e.at, e.asap):
        return False
    return _accepted(actual, today) == _accepted(expected, today)


def score(rows: list[dict]) -> tuple[Counter, Counter, list[tuple[dict, Preference | None]]]:
    right, total, misses = Counter(), Counter(), []
    for row in rows:
        today = date.fromisoformat(row["today"])
        actual = parse_preference(fold(row["text"]), today=today)
        total[row["kind"]] += 1
        if same(actual, expected_preference(row["expect"]), today):
            right[row["kind"]] += 1
        else:
            misses.append((row, actual))
    return right, total, misses


def main(argv: list[str]) -> int:
    right, total, misses = score(load())
    for kind in sorted(total):
        print(
            f"{kind:10} {right[kind]:4}/{total[kind]:<4} {100 * right[kind] / total[kind]:5.1f} %"
        )
    all_right, all_total = sum(right.values()), sum(total.values())
    print(f"{'all':10} {all_right:4}/{all_total:<4} {100 * all_right / all_total:5.1f} %")
    if "-v" in argv:
        for row, actual in misses:
            print(f"- [{row['id']}] {row['text']!r} (today {row['today']})")
            print(f"    expected {row['expect']}")
            print(f"    got      {actual}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
