"""Benchmark: the booking conversations per second one daphne process sustains, p99 < 100 ms.

    .venv/bin/python tests/bench/throughput.py [--database-url postgres://…/empty_db]
        [--seconds 20] [--think 0.5] [--rates 1,2,4,6,8,10]

Open loop, as real traffic: conversations start at a fixed rate whatever the server's pace,
each a full web booking through POST /api/chat (8 turns, a visitor's pause between turns).
For each rate it prints p50/p99 turn latency; the answer is the highest rate whose p99 stays
under 100 ms. Then the same for a bare GET /health on the same server, in requests per
second: the ratio of the two says what a turn costs beyond the HTTP stack.

The load generator shares the machine's cores with the server: it is kept lean (raw HTTP/1.1
on keep-alive sockets, one process). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.callers import CHOICES, FIRST, LAST, PREFS, percentile  # noqa: E402
from tests.bench.scale_check import scale_profile  # noqa: E402
from tests.daphne_server import DaphneServer  # noqa: E402

TARGET_P99_MS = 100.0


class Connection:
    """One keep-alive HTTP/1.1 connection, bytes only (a client library would cost the CPU
    the server needs)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        data = await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            self.writer = None
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors = 0
        self.booked = 0


async def booking(port: int, n: int, think: float, tally: Tally) -> None:
    rng = random.Random(n)
    http = Connection(port)
    lines = [
        "",
        "je voudrais un rendez-vous",
        f"{FIRST[n % 10]} {LAST[n // 10 % 10]}",
        "une consultation",
        rng.choice(PREFS),
        f"06 12 {n // 100 % 100:02d} {n % 100:02d} 00",
        rng.choice(CHOICES),
        "oui",
    ]
    key = None
    try:
        for index, line in enumerate(lines):
            if index:
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            body = {"message": line, **({"conversation_id": key} if key else {})}
            started = time.perf_counter()
            status, data = await http.request("POST", "/api/chat", json.dumps(body).encode())
            tally.latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                tally.errors += 1
                return
            payload = json.loads(data)
            key = payload["conversation_id"]
            if payload["state"] == "CONFIRMED":
                break  # the choice booked (the web's default): no « oui » to send
        tally.booked += payload["state"] == "CONFIRMED"
    except (OSError, asyncio.IncompleteReadError, ValueError):
        tally.errors += 1
    finally:
        http.close()


async def conversations_at(port: int, rate: float, seconds: float, think: float, first: int):
    tally, tasks = Tally(), []
    started = time.perf_counter()
    for n in range(int(rate * seconds)):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(booking(port, first + n, think, tally)))
    await asyncio.gather(*tasks)
    return tally


async def health_at(port: int, rate: float, seconds: float) -> Tally:
    tally, tasks = Tally(), []
    pool = [Connection(port) for _ in range(64)]
    free = asyncio.Queue()
    for connection in pool:
        free.put_nowait(connection)

    async def one() -> None:
        connection = await free.get()
        started = time.perf_counter()
        try:
            status, _ = await connection.request("GET", "/health")
            tally.latencies.append((time.perf_counter() - started) * 1000)
            tally.errors += status != 200
        except (OSError, asyncio.IncompleteReadError):
            tally.errors += 1
            connection.close()
            connection = Connection(port)
        free.put_nowait(connection)

    started = time.perf_counter()
    for n in range(int(rate * seconds)):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one()))
    await asyncio.gather(*tasks)
    for connection in pool:
        connection.close()
    return tally


def report(label: str, tally: Tally) -> bool:
    p99 = percentile(tally.latencies, 0.99)
    ok = p99 < TARGET_P99_MS and not tally.errors
    print(
        f"{label:28s} {len(tally.latencies):6d} requests  p50={percentile(tally.latencies, 0.5):6.1f} ms"
        f"  p99={p99:7.1f} ms  errors={tally.errors}  {'ok' if ok else 'over'}",
        flush=True,
    )
    return ok


async def main(options: argparse.Namespace) -> None:
    environment = {"CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE": "1000"}
    if options.database_url:
        environment["DATABASE_URL"] = options.database_url
    profile = scale_profile(Path(options.workdir))
    with DaphneServer(profile, **environment) as server:
        # Warm up: imports, caches, connections.
        await conversations_at(server.port, 2, 3, 0.1, 900_000)
        best, first = 0.0, 0
        for rate in options.rates:
            tally = await conversations_at(server.port, rate, options.seconds, options.think, first)
            first += 10_000
            label = f"{rate:g} conversations/s"
            ok = report(label, tally)
            print(f"{'':28s} booked {tally.booked}/{int(rate * options.seconds)}")
            if not ok:
                break
            best = rate
        best_health = 0.0
        for rate in options.health_rates:
            if not report(f"{rate:g} GET /health/s", await health_at(server.port, rate, 10)):
                break
            best_health = rate
    turns = best * 8
    print(
        f"\nsustained with p99 < {TARGET_P99_MS:.0f} ms: {best:g} booking conversations/s "
        f"({turns:g} turns/s); bare /health: {best_health:g} requests/s"
    )
    if turns:
        print(f"a turn costs about {best_health / turns:.1f}× a bare /health request")


if __name__ == "__main__":
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", help="an empty database instead of a SQLite file")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--think", type=float, default=0.5, help="seconds between turns")
    parser.add_argument("--rates", default="1,2,4,6,8,10,12,15,20,25,30")
    parser.add_argument("--health-rates", default="100,200,400,600,800,1000,1500,2000")
    options = parser.parse_args()
    options.rates = [float(r) for r in options.rates.split(",")]
    options.health_rates = [float(r) for r in options.health_rates.split(",")]
    with tempfile.TemporaryDirectory(prefix="throughput-") as workdir:
        options.workdir = workdir
        asyncio.run(main(options))
