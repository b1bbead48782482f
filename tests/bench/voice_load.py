"""Benchmark: concurrent phone calls, each a whole booking, through one daphne process.

    .venv/bin/python tests/bench/voice_load.py [--calls 50] [--think 3] [--database-url URL]

Every call streams its turns through /api/vapi/chat/completions as Vapi does (the whole
history each time), with a caller's pause between turns. Prints time to the first chunk
carrying text and full-turn time, p50 and p99, and how many calls ended with an appointment.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.callers import CHOICES, FIRST, LAST, PREFS, percentile  # noqa: E402
from tests.daphne_server import DaphneServer  # noqa: E402

PROFILE = ROOT / "conversations" / "profiles_data" / "demo.json"


class Connection:
    """A bare HTTP/1.1 keep-alive connection.

    The load generator shares the two cores with the server it measures, so it must cost
    little: no HTTP library, just the bytes.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> AsyncIterator[bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        self.writer.write(head + body)
        await self.writer.drain()
        status = await self.reader.readline()
        headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if not status.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(status.decode(errors="replace"))
        if headers.get("transfer-encoding") == "chunked":
            while size := int((await self.reader.readline()).strip() or b"0", 16):
                yield await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
        else:
            yield await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            self.writer = None


async def turn(
    http: Connection, call_id: str, caller: str, history: list[dict]
) -> tuple[str, list[str], float, float]:
    body = {
        "model": "receptionist",
        "messages": history,
        "stream": True,
        "call": {"id": call_id, "customer": {"number": caller}},
        "customer": {"number": caller},
    }
    started, first, text, tools = time.perf_counter(), None, [], []
    buffer = b""
    async for data in http.post("/api/vapi/chat/completions", json.dumps(body).encode()):
        buffer += data
        while b"\n\n" in buffer:
            event, buffer = buffer.split(b"\n\n", 1)
            if not event.startswith(b"data: ") or event == b"data: [DONE]":
                continue
            delta = json.loads(event[6:])["choices"][0]["delta"]
            if delta.get("content") or delta.get("tool_calls"):
                first = first or time.perf_counter()
            text.append(delta.get("content") or "")
            tools += [t["function"]["name"] for t in delta.get("tool_calls") or []]
    done = time.perf_counter()
    return "".join(text), tools, ((first or done) - started) * 1000, (done - started) * 1000


async def call(n: int, port: int, think: float, stats: dict) -> None:
    http, rng = Connection(port), random.Random(n)
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
    # A local server without a secret, as `make run` serves it; thousands of requests, one address.
    environment |= {
        "VAPI_ALLOW_UNAUTHENTICATED": "true",
        "VOICE_ADDRESS_RATE_LIMIT_PER_MINUTE": "0",
    }
    with DaphneServer(PROFILE, **environment) as server:
        started = time.perf_counter()
        await asyncio.gather(*(call(n, server.port, think, stats) for n in range(calls)))
        elapsed = time.perf_counter() - started
    print(
        f"{calls} concurrent calls, one daphne process, pause ~{think:.1f} s, {elapsed:.1f} s in all"
    )
    print(
        f"calls booked: {stats['booked']}/{calls}, transferred: {stats['transferred']}, "
        f"turns: {len(stats['turn'])}"
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
