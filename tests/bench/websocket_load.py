"""Load check: concurrent WebSocket conversations, each a whole booking, against one daphne.

    .venv/bin/python tests/bench/websocket_load.py [--conversations 200] [--think 2]

Prints the time from a sent message to its `reply` frame (p50, p99), bookings made, errors.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.callers import FIRST, LAST, PREFS, percentile  # noqa: E402
from tests.daphne_server import DaphneServer  # noqa: E402

# A busy practice: 15-minute slots, 8h–19h, six days a week, four weeks ahead.
PROFILE_DATA = {
    "name": "Centre de santé (charge)",
    "timezone": "Europe/Paris",
    "slot_minutes": 15,
    "min_notice_minutes": 60,
    "horizon_days": 28,
    "transfer_number": "+33100000000",
    "opening_hours": {
        day: [["08:00", "19:00"]]
        for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
    },
    "faq": [],
}


async def reply(socket) -> dict:
    while True:
        frame = json.loads(await socket.recv())
        if frame["type"] in ("reply", "error"):
            return frame


async def conversation(n: int, url: str, think: float, stats: dict) -> None:
    rng = random.Random(n)
    await asyncio.sleep(rng.uniform(0, think))
    name = f"{FIRST[n % len(FIRST)]} {LAST[n // len(FIRST) % len(LAST)]}"
    lines = [
        "je voudrais un rendez-vous",
        name,
        "une consultation",
        rng.choice(PREFS),
        "06 12 34 56 78",
        "le premier",  # on the web, the choice books
    ]
    try:
        async with websockets.connect(url, origin="http://127.0.0.1", open_timeout=30) as socket:
            await reply(socket)  # the greeting
            for _attempt in range(3):
                for line in lines:
                    started = time.perf_counter()
                    await socket.send(json.dumps({"type": "message", "text": line}))
                    frame = await reply(socket)
                    stats["ms"].append((time.perf_counter() - started) * 1000)
                    if frame["type"] == "error":
                        stats["errors"] += 1
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                    if frame.get("state") == "CONFIRMED":
                        break  # the choice booked (the web's default): no « oui » to send
                if frame.get("state") == "CONFIRMED":
                    stats["booked"] += 1
                    return
                # the slot went to someone else: choose again; a read-back waits for « oui »
                lines = ["oui"] if frame.get("state") == "BOOKING_CONFIRM" else ["le premier"]
    except (TimeoutError, OSError, websockets.exceptions.WebSocketException) as exc:
        stats["errors"] += 1
        stats["why"].append(type(exc).__name__)


async def main(count: int, think: float) -> None:
    stats: dict = {"ms": [], "booked": 0, "errors": 0, "why": []}
    profile = Path(tempfile.mkdtemp()) / "profile.json"
    profile.write_text(json.dumps(PROFILE_DATA), encoding="utf-8")
    with DaphneServer(profile) as server:
        url = server.url.replace("http", "ws") + "/ws/chat/"
        started = time.perf_counter()
        await asyncio.gather(*(conversation(n, url, think, stats) for n in range(count)))
        elapsed = time.perf_counter() - started
    print(
        f"{count} concurrent WebSocket conversations, one daphne process, pause ~{think:.1f} s, {elapsed:.1f} s"
    )
    print(
        f"bookings: {stats['booked']}/{count}, errors: {stats['errors']} {sorted(set(stats['why']))}"
    )
    print(
        f"message → reply frame: p50={percentile(stats['ms'], 0.5):.1f} ms  "
        f"p99={percentile(stats['ms'], 0.99):.1f} ms  max={max(stats['ms']):.1f} ms  (n={len(stats['ms'])})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=200)
    # A visitor reads the reply and types the next message: seconds between messages.
    parser.add_argument("--think", type=float, default=2.0)
    options = parser.parse_args()
    asyncio.run(main(options.conversations, options.think))
