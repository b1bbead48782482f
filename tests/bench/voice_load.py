"""Benchmark: concurrent phone calls, each a whole booking, through one daphne process.

    .venv/bin/python tests/bench/voice_load.py [--calls 50] [--think 0.3]

Every call streams its turns through /api/vapi/chat/completions as Vapi does (the whole
history each time). Prints time to first text chunk and full-turn time, p50 and p99, and how
many calls ended with a confirmed appointment. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.daphne_server import DaphneServer  # noqa: E402

PROFILE = ROOT / "booking" / "profiles_data" / "demo.json"
FIRST = ["Marie", "Paul", "Léa", "Jean", "Inès", "Hugo", "Chloé", "Karim", "Zoé", "Louis"]
LAST = [
    "Curie",
    "Martin",
    "Durand",
    "Lefèvre",
    "Moreau",
    "Garnier",
    "Benali",
    "Roux",
    "Faure",
    "Nguyen",
]
PREFS = [
    "lundi matin",
    "mardi après-midi",
    "jeudi matin",
    "vendredi",
    "la semaine prochaine",
    "lundi après 15h",
    "mardi avant 11h",
    "jeudi après-midi",
    "le plus tôt possible",
]
CHOICES = ["le premier", "le deuxième", "le dernier"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


async def turn(
    http: httpx.AsyncClient, call_id: str, caller: str, history: list[dict]
) -> tuple[str, list[str], float, float]:
    body = {
        "model": "receptionist",
        "messages": history,
        "stream": True,
        "call": {"id": call_id, "customer": {"number": caller}},
        "customer": {"number": caller},
    }
    started, first, text, tools = time.perf_counter(), None, [], []
    async with http.stream("POST", "/api/vapi/chat/completions", json=body) as response:
        async for line in response.aiter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            delta = json.loads(line[6:])["choices"][0]["delta"]
            if delta.get("content") or delta.get("tool_calls"):
                first = first or time.perf_counter()
            text.append(delta.get("content") or "")
            tools += [t["function"]["name"] for t in delta.get("tool_calls") or []]
    done = time.perf_counter()
    return "".join(text), tools, ((first or done) - started) * 1000, (done - started) * 1000


async def call(n: int, http: httpx.AsyncClient, think: float, stats: dict) -> None:
    rng = random.Random(n)
    caller = f"+3361{n:07d}"
    name = f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"
    lines = [
        f"bonjour c'est {name} je voudrais un rendez-vous {rng.choice(PREFS)}",
        "une consultation",
        "oui",
        rng.choice(CHOICES),
        "oui",
    ]
    history = [{"role": "system", "content": "Assistant du cabinet."}]
    retries = 0
    await asyncio.sleep(rng.uniform(0, think))  # calls do not all ring in the same millisecond
    while lines:
        history.append({"role": "user", "content": lines.pop(0)})
        text, tools, ttfc, total = await turn(http, f"bench-{n}", caller, history)
        stats["ttfc"].append(ttfc)
        stats["turn"].append(total)
        history.append({"role": "assistant", "content": text})
        if "endCall" in tools:
            stats["booked"] += 1
            return
        if "transferCall" in tools:
            stats["transferred"] += 1
            return
        if not lines and retries < 3:  # the slot went to another caller: choose again
            retries += 1
            lines = [rng.choice(CHOICES), "oui"]
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))


async def main(calls: int, think: float, database_url: str | None) -> None:
    stats: dict = {"ttfc": [], "turn": [], "booked": 0, "transferred": 0}
    environment = {"DATABASE_URL": database_url} if database_url else {}
    with DaphneServer(PROFILE, **environment) as server:
        limits = httpx.Limits(max_connections=calls, max_keepalive_connections=calls)
        async with httpx.AsyncClient(base_url=server.url, timeout=30, limits=limits) as http:
            started = time.perf_counter()
            await asyncio.gather(*(call(n, http, think, stats) for n in range(calls)))
            elapsed = time.perf_counter() - started
    print(
        f"{calls} concurrent calls, one daphne process, think time ~{think:.1f} s, {elapsed:.1f} s in all"
    )
    print(
        f"calls booked: {stats['booked']}/{calls}, transferred: {stats['transferred']}, turns: {len(stats['turn'])}"
    )
    for key, label in (("ttfc", "time to first chunk"), ("turn", "full turn")):
        values = stats[key]
        print(
            f"{label:20s} p50={percentile(values, 0.5):7.1f} ms  p99={percentile(values, 0.99):7.1f} ms  "
            f"max={max(values):7.1f} ms"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=50)
    # A caller hears the reply and answers: seconds between the turns of one call.
    parser.add_argument("--think", type=float, default=3.0)
    parser.add_argument("--database-url", help="an empty database to use instead of a SQLite file")
    options = parser.parse_args()
    asyncio.run(main(options.calls, options.think, options.database_url))
