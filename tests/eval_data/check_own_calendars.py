#!/usr/bin/env python3
"""../shared/eval/check_calendars.py, with practitioners on calendars of their own.

    python tests/eval_data/check_own_calendars.py --eval ../shared/eval --project . \\
        --data tests/eval_data/cabinet-own-calendars [--out report.json]

The shared check knows one calendar, the business's. This runs it unchanged, except that its
fake Google API also holds every calendar the profile's practitioners name, and:

- the busy mornings the check puts in « the calendar » go into every calendar, so each
  agenda must respect its own (a slot of Dr A is busy only through Dr A's calendar);
- what the check reads as « the calendar » is every calendar together, so its counts (written,
  missing, extra, duplicated, cancelled with a live event) cover them all;
- every event written must sit in the calendar of the practitioner it names (« avec … » in
  its description): the last line printed is ``OWN placement=ok`` or ``OWN placement=FAIL``
  with the misplaced events, after the check's own summary line.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, required=True, help="the shared eval folder")
    known, rest = parser.parse_known_args()
    sys.path.insert(0, str(known.eval.resolve()))
    check = importlib.import_module("check_calendars")
    data = Path(rest[rest.index("--data") + 1])
    profile = json.loads((data / "profile.json").read_text(encoding="utf-8"))
    own = {p["name"]: p["calendar_id"] for p in profile["practitioners"] if p.get("calendar_id")}
    misplaced: list[str] = []
    written: dict[str, int] = {}  # calendar → the most live events of ours seen in it
    base = check.FakeCalendar

    class OwnCalendars(base):  # type: ignore[misc, valid-type]
        def __init__(self, calendars: tuple[str, ...], *args, **kwargs) -> None:
            super().__init__((*calendars, *sorted(set(own.values()))), *args, **kwargs)

        def add_busy(self, spans: list[dict], calendar: str | None = None) -> list[str]:
            if calendar is not None:
                return super().add_busy(spans, calendar)
            ids: list[str] = []
            for cal in self.calendars:
                ids += super().add_busy(spans, cal)
            return ids

        def dump(self) -> dict:
            calendars = super().dump()["calendars"]
            for cal, events in calendars.items():
                live = [
                    e for e in events if e["origin"] == "api" and e.get("status") != "cancelled"
                ]
                written[cal] = max(written.get(cal, 0), len(live))
                for event in events:
                    if event["origin"] != "api" or event.get("status") == "cancelled":
                        continue
                    named = [n for n in own if f"avec {n}" in event.get("description", "")]
                    wanted = own[named[0]] if named else check.CALENDAR_ID
                    if cal != wanted:
                        misplaced.append(f"{event['id']} in {cal[:8]}…, wanted {wanted[:8]}…")
            merged = [event for events in calendars.values() for event in events]
            return {"calendars": {check.CALENDAR_ID: merged}}

    check.FakeCalendar = OwnCalendars
    status = check.main(rest)
    verdict = "ok" if not misplaced else f"FAIL ({len(set(misplaced))} misplaced)"
    for line in sorted(set(misplaced))[:10]:
        print(f"  misplaced: {line}")
    seen = " ".join(f"{cal[:8]}…={n}" for cal, n in sorted(written.items()))
    print(f"OWN placement={verdict} calendars={1 + len(set(own.values()))} most events: {seen}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
