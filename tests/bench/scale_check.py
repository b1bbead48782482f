"""Scale check: two daphne processes and two calendar workers on PostgreSQL and Redis.

    .venv/bin/python tests/bench/scale_check.py [--conversations 200] [--no-kill]

200 concurrent booking conversations, each turn sent to one of the two server processes at
random, through POST /api/chat, the WebSocket (a new socket per turn, so the conversation
resumes on whichever process it lands on) and the Vapi endpoint. In the middle, one process is
killed (SIGKILL): a load balancer would send its traffic to the other, and so do the clients
here. Calendar pushes go through the outbox only, to a fake Google Calendar API on loopback,
claimed by two `sync_calendar --loop` workers.

Afterwards it checks: no error, no double booking, every confirmed appointment pushed once,
every conversation finished, the stats API equal to the database. Exits 1 if a check fails.
Run by .ci/run on PostgreSQL and Redis; needs both on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "booking"))

import httpx  # noqa: E402
import websockets  # noqa: E402
from fake_google import FakeGoogleCalendar  # noqa: E402

from tests.bench.callers import CHOICES, FIRST, LAST, PREFS, percentile  # noqa: E402
from tests.daphne_server import DaphneServer  # noqa: E402

POSTGRES = os.environ.get("SCALE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("SCALE_REDIS", "redis://127.0.0.1:6379/0")
VAPI_SECRET = "scale-check-secret"
CHANNELS = ("http", "websocket", "voice")
# A socket reply not come by then is asked again (same message id); the whole run is bounded.
SOCKET_REPLY_SECONDS = 30
RUN_SECONDS = 600


class LateReply(Exception):
    """No reply on the socket within SOCKET_REPLY_SECONDS."""


class SocketRefused(Exception):
    """A live process dropped the socket before opening it.

    Daphne drops a handshake its application has not accepted within 5 s (a burst of new
    sockets on a busy process); the widget then goes on over HTTP, and so does this client.
    """


@dataclass
class Run:
    servers: list[DaphneServer]
    alive: list[bool]
    expected_turns: int
    kill_at: float | None
    rng: random.Random
    think: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: {c: [] for c in CHANNELS})
    errors: list[str] = field(default_factory=list)
    failovers: int = 0
    # Socket replies that did not come within SOCKET_REPLY_SECONDS (the message was re-sent).
    late_replies: int = 0
    # Sockets a live process refused to open: the conversation went on over HTTP.
    socket_fallbacks: int = 0
    turns: int = 0
    killed_at_turn: int | None = None
    outcomes: Counter = field(default_factory=Counter)
    served_by: dict[str, set[int]] = field(default_factory=dict)

    def pick(self) -> int:
        live = [index for index, up in enumerate(self.alive) if up]
        return self.rng.choice(live)

    def turn_done(self, channel: str, started: float) -> None:
        self.latencies[channel].append((time.perf_counter() - started) * 1000)
        self.turns += 1
        due = self.kill_at is not None and self.turns >= self.kill_at * self.expected_turns
        if due and self.killed_at_turn is None:
            self.killed_at_turn = self.turns
            self.servers[0].process.kill()  # no goodbye: as a crashed machine
            self.alive[0] = False


async def on_some_server(run: Run, send, key: str):
    """Send with `send(index)` to a live process; if it died meanwhile, to another one."""
    while True:
        index = run.pick()
        try:
            result = await send(index)
        except LateReply:
            continue  # the client gives up waiting and sends the same message again
        except (httpx.TransportError, OSError, websockets.exceptions.WebSocketException) as exc:
            if run.alive[index] and isinstance(exc, websockets.exceptions.InvalidHandshake):
                raise SocketRefused from exc
            if run.alive[index]:
                raise
            run.failovers += 1  # the load balancer's job: the same request, to another process
            continue
        run.served_by.setdefault(key, set()).add(index)
        return result


async def web_turn(
    run: Run, http: httpx.AsyncClient, key: str | None, text: str, message_id: str = ""
) -> dict:
    body = {
        "message": text,
        **({"conversation_id": key} if key else {}),
        **({"message_id": message_id} if message_id else {}),
    }

    async def send(index: int) -> dict:
        response = await http.post(f"{run.servers[index].url}/api/chat", json=body)
        if response.status_code != 200:
            raise AssertionError(f"POST /api/chat → {response.status_code}")
        return response.json()

    started = time.perf_counter()
    payload = await on_some_server(run, send, key or "new")
    run.turn_done("http", started)
    return payload


async def socket_turn(run: Run, key: str | None, text: str, message_id: str) -> dict:
    # As the widget: each message has an id, and one whose reply does not come is sent again
    # with the same id (the server answers it with the stored reply, the turn is not re-run).

    async def send(index: int) -> dict:
        url = run.servers[index].url.replace("http", "ws") + "/ws/chat/"
        if key:
            url += f"?conversation_id={key}"
        async with websockets.connect(url, origin="http://127.0.0.1") as ws:
            frame = json.loads(await receive(ws))  # the greeting, or the pending question
            if not text and not key:
                return frame
            await ws.send(json.dumps({"type": "message", "text": text, "message_id": message_id}))
            while (frame := json.loads(await receive(ws)))["type"] == "token":
                pass
        if frame["type"] != "reply":
            raise AssertionError(f"WebSocket frame {frame['type']}: {frame.get('error')}")
        return frame

    async def receive(ws) -> str:
        try:
            return await asyncio.wait_for(ws.recv(), SOCKET_REPLY_SECONDS)
        except TimeoutError:
            run.late_replies += 1
            raise LateReply from None

    started = time.perf_counter()
    payload = await on_some_server(run, send, key or "new")
    run.turn_done("websocket", started)
    return payload


async def voice_turn(run: Run, http: httpx.AsyncClient, call_id: str, history: list) -> dict:
    body = {
        "model": "receptionist",
        "messages": history,
        "stream": False,
        "call": {"id": call_id, "customer": {"number": "+33612345678"}},
    }

    async def send(index: int) -> dict:
        response = await http.post(
            f"{run.servers[index].url}/api/vapi/chat/completions",
            json=body,
            headers={"x-vapi-secret": VAPI_SECRET},
        )
        if response.status_code != 200:
            raise AssertionError(f"POST /api/vapi/chat/completions → {response.status_code}")
        return response.json()["choices"][0]["message"]

    started = time.perf_counter()
    message = await on_some_server(run, send, call_id)
    run.turn_done("voice", started)
    return message


async def text_conversation(run: Run, http: httpx.AsyncClient, n: int, channel: str) -> None:
    rng = random.Random(n)
    transport = channel

    async def say(key: str | None, text: str) -> dict:
        nonlocal transport
        message_id = uuid.uuid4().hex
        if transport == "websocket":
            try:
                return await socket_turn(run, key, text, message_id)
            except SocketRefused:
                run.socket_fallbacks += 1
                transport = "http"  # as the widget: the conversation goes on over HTTP
        return await web_turn(run, http, key, text, message_id)

    payload = await say(None, "")
    key = payload["conversation_id"]
    lines = [
        "je voudrais un rendez-vous",
        f"{FIRST[n % 10]} {LAST[n // 10 % 10]}",
        "une consultation",
        rng.choice(PREFS),
        f"06 12 {n // 100:02d} {n % 100:02d} 00",
        rng.choice(CHOICES),
    ]
    retries = 0
    while lines:
        await asyncio.sleep(run.think * rng.uniform(0.5, 1.5))  # the visitor reads and types
        payload = await say(key, lines.pop(0))
        if payload["state"] in ("CONFIRMED", "TRANSFERRED"):
            break  # the choice booked (the web's default), or a read-back « oui » did
        if not lines and retries < 3:
            # Answer what is on the screen: the slot went to someone else (choose again), a
            # read-back waits for « oui », or a message re-sent after a crash moved the
            # conversation on.
            retries += 1
            if payload["state"] == "WAIT_CONFIRM":
                lines = [rng.choice(CHOICES)]
            elif payload["state"] == "BOOKING_CONFIRM":
                lines = ["oui"]
    run.outcomes[payload["state"]] += 1


async def voice_conversation(run: Run, http: httpx.AsyncClient, n: int) -> None:
    rng = random.Random(n)
    call_id = f"scale-{uuid.uuid4().hex[:12]}"
    name = f"{FIRST[n % 10]} {LAST[n // 10 % 10]}"
    lines = [
        f"bonjour c'est {name} je voudrais un rendez-vous {rng.choice(PREFS)}",
        "une consultation",
        "oui",
        rng.choice(CHOICES),
        "oui",
    ]
    history: list[dict] = [{"role": "system", "content": "Assistant du cabinet."}]
    retries, outcome = 0, "UNFINISHED"
    while lines:
        await asyncio.sleep(run.think * rng.uniform(0.5, 1.5))  # the caller listens, answers
        history.append({"role": "user", "content": lines.pop(0)})
        message = await voice_turn(run, http, call_id, history)
        history.append({"role": "assistant", "content": message.get("content") or ""})
        tools = [call["function"]["name"] for call in message.get("tool_calls") or []]
        if "endCall" in tools:
            outcome = "CONFIRMED"
            break
        if "transferCall" in tools:
            outcome = "TRANSFERRED"
            break
        if not lines and retries < 3:
            retries += 1
            lines = [rng.choice(CHOICES), "oui"]
    run.outcomes[outcome] += 1


async def conversation(run: Run, http: httpx.AsyncClient, n: int) -> None:
    channel = CHANNELS[n % 3]
    await asyncio.sleep(run.rng.uniform(0, 2))  # visitors do not all arrive in the same ms
    try:
        if channel == "voice":
            await voice_conversation(run, http, n)
        else:
            await text_conversation(run, http, n, channel)
    except Exception as exc:  # every failure is counted and shown, none stops the others
        run.errors.append(f"{channel} #{n}: {type(exc).__name__}: {exc}"[:300])


def database_checks() -> dict:
    """What the database holds afterwards (run in this process through the ORM)."""
    from django.db.models import Count, Q

    from booking.models import Appointment, CalendarChange
    from conversations.models import Conversation

    confirmed = Appointment.objects.filter(status=Appointment.Status.CONFIRMED)
    overlapping = sum(
        confirmed.filter(start__lt=appointment.end, end__gt=appointment.start)
        .exclude(pk=appointment.pk)
        .count()
        for appointment in confirmed
    )
    by_outcome = dict(
        Conversation.objects.values_list("outcome").annotate(n=Count("id")).order_by()
    )
    return {
        "confirmed": confirmed.count(),
        "overlapping_pairs": overlapping // 2,
        "pending_pushes": CalendarChange.objects.filter(
            Q(status=CalendarChange.Status.PENDING) | Q(status=CalendarChange.Status.CLAIMED)
        ).count(),
        "failed_pushes": CalendarChange.objects.filter(status=CalendarChange.Status.FAILED).count(),
        "conversations": Conversation.objects.count(),
        "by_outcome": by_outcome,
    }


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "receptionist.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def create_database(name: str) -> str:
    subprocess.run(
        ["psql", f"{POSTGRES}/postgres", "-qc", f"CREATE DATABASE {name}"],
        check=True,
        capture_output=True,
    )
    return f"{POSTGRES}/{name}"


def drop_database(name: str) -> None:
    subprocess.run(
        ["psql", f"{POSTGRES}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
        capture_output=True,
    )


def scale_profile(directory: Path) -> Path:
    """The demo practice with a longer horizon, so 200 bookings find room."""
    profile = json.loads(
        (ROOT / "conversations" / "profiles_data" / "demo.json").read_text("utf-8")
    )
    profile["horizon_days"] = 60
    path = directory / "profile.json"
    path.write_text(json.dumps(profile, ensure_ascii=False), "utf-8")
    return path


async def converse(run: Run, count: int) -> float:
    limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
    async with httpx.AsyncClient(timeout=20, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(conversation(run, http, n) for n in range(count)))
        return time.perf_counter() - started


def main(count: int, kill: bool, think: float) -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]  # progress under make
    name = f"receptionist_scale_{os.getpid()}"
    database_url = create_database(name)
    prefix = f"scale-{uuid.uuid4().hex[:8]}"
    fake = FakeGoogleCalendar()
    work = tempfile.TemporaryDirectory(prefix="scale-")
    environment = {
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS,
        "REDIS_PREFIX": prefix,
        "VAPI_SECRET": VAPI_SECRET,
        "GOOGLE_SERVICE_ACCOUNT_BASE64": fake.key_base64(),
        "GOOGLE_CALENDAR_ID": "scale@group.calendar.google.com",
        "GOOGLE_API_ENDPOINT": f"{fake.url}/calendar/v3/",
        # Every push through the outbox, so the two workers share (and race for) the work.
        "CALENDAR_PUSH_AFTER_COMMIT": "false",
        "CHAT_RATE_LIMIT_PER_MINUTE": "1000000",
        "CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE": "1000",
        "VOICE_RATE_LIMIT_PER_MINUTE": "1000",
        "VOICE_ADDRESS_RATE_LIMIT_PER_MINUTE": "1000000",
    }
    workers: list[subprocess.Popen] = []
    failures: list[str] = []
    try:
        profile = scale_profile(Path(work.name))
        with (
            DaphneServer(profile, **environment) as first,
            DaphneServer(profile, **environment) as second,
        ):
            logs = [(Path(work.name) / f"worker-{i}.log").open("wb") for i in range(2)]
            for log in logs:
                workers.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "manage.py",
                            "sync_calendar",
                            "--loop",
                            "--interval",
                            "0.5",
                        ],
                        cwd=ROOT,
                        env=first.env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
            run = Run(
                servers=[first, second],
                alive=[True, True],
                expected_turns=count * 8,
                kill_at=0.4 if kill else None,
                rng=random.Random(7),
                think=think,
            )
            elapsed = asyncio.run(asyncio.wait_for(converse(run, count), RUN_SECONDS))
            if run.errors:
                server_tracebacks = [
                    excerpt for server in (first, second) for excerpt in tracebacks(server.log)
                ]
            # The workers drain the outbox.
            setup_django(database_url)
            deadline = time.monotonic() + 60
            while (facts := database_checks())["pending_pushes"] and time.monotonic() < deadline:
                time.sleep(0.5)
            stats = httpx.get(
                f"{second.url}/api/stats/bookings?hours=1", headers=staff_auth(second)
            ).json()
        pushes = fake.confirmed()
        inserts = sum(
            1 for method, path in fake.requests if method == "POST" and path.endswith("/events")
        )
        moved_over = (
            sum(1 for served in run.served_by.values() if 0 in served and 1 in served)
            if kill
            else 0
        )

        turns = [ms for values in run.latencies.values() for ms in values]
        print(
            f"{count} conversations ({', '.join(CHANNELS)}), 2 daphne processes + 2 workers, "
            f"PostgreSQL + Redis, {elapsed:.1f} s"
        )
        if kill:
            print(
                f"killed process 1 after turn {run.killed_at_turn} of {run.turns}; "
                f"requests re-sent to the other process: {run.failovers}; "
                f"conversations served by both: {moved_over}"
            )
        if run.late_replies:
            print(
                f"socket replies not come within {SOCKET_REPLY_SECONDS} s, message sent again "
                f"with its id: {run.late_replies}"
            )
        if run.socket_fallbacks:
            print(
                "sockets refused by a live process (handshake not accepted within 5 s), "
                f"conversation gone on over HTTP as the widget does: {run.socket_fallbacks}"
            )
        print(
            f"turns: {len(turns)}  p50={percentile(turns, 0.5):.1f} ms  "
            f"p99={percentile(turns, 0.99):.1f} ms"
        )
        for channel, values in run.latencies.items():
            print(
                f"  {channel:9s} {len(values):5d} turns  p50={percentile(values, 0.5):6.1f} ms  "
                f"p99={percentile(values, 0.99):6.1f} ms"
            )
        print(f"outcomes seen by the clients: {dict(run.outcomes)}")
        print(
            f"database: {facts['confirmed']} confirmed appointments, "
            f"{facts['overlapping_pairs']} overlapping pairs, {facts['conversations']} "
            f"conversations {facts['by_outcome']}"
        )
        print(
            f"calendar: {len(pushes)} events, {inserts} insert requests, "
            f"{facts['pending_pushes']} pending, {facts['failed_pushes']} failed"
        )
        print(f"stats API: {stats}")
        print(f"errors: {len(run.errors)}")
        for error in run.errors[:20]:
            print(f"  {error}")
        if run.errors:
            print("what the servers logged (last tracebacks):")
            for excerpt in server_tracebacks[-3:]:
                print(excerpt)

        checks = {
            "no errors": not run.errors,
            "every conversation finished": sum(run.outcomes.values()) == count,
            "no double booking": facts["overlapping_pairs"] == 0,
            "every confirmed appointment pushed once": len(pushes) == facts["confirmed"]
            and facts["pending_pushes"] == 0
            and facts["failed_pushes"] == 0,
            "stats API agrees with the database": stats.get("confirmed_bookings")
            == facts["by_outcome"].get("confirmed", 0)
            and stats.get("total_sessions") == facts["conversations"],
            "clients saw every booking the database holds": run.outcomes["CONFIRMED"]
            == facts["confirmed"],
        }
        if kill:
            checks["the killed process's conversations went on elsewhere"] = moved_over > 0
        for label, passed in checks.items():
            print(f"{'ok ' if passed else 'FAIL'} {label}")
        failures = [label for label, passed in checks.items() if not passed]
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                worker.kill()
        fake.close()
        clear_redis(prefix)
        from django.db import connections

        connections.close_all()
        drop_database(name)
        work.cleanup()
    return 1 if failures else 0


def tracebacks(log: Path) -> list[str]:
    """The tracebacks a server wrote to its log, each with the line before it (the request)."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback")]
    excerpts = []
    for start in starts:
        end = start + 1
        while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
            end += 1
        excerpts.append("\n".join(lines[max(start - 1, 0) : end + 1])[-3000:])
    return excerpts


def staff_auth(server: DaphneServer) -> dict[str, str]:
    """A staff user and DRF token created in the shared database."""
    username = f"scale{uuid.uuid4().hex[:6]}"
    server.env["DJANGO_SUPERUSER_PASSWORD"] = uuid.uuid4().hex
    server.manage("createsuperuser", "--noinput", "--username", username, "--email", "")
    output = subprocess.run(
        [sys.executable, "manage.py", "drf_create_token", username],
        cwd=ROOT,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    token = output.split()[2]
    return {"Authorization": f"Token {token}"}


def clear_redis(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(match=f"*{prefix}*", count=1000):
        client.delete(key)
    client.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--no-kill", action="store_true", help="keep both processes up")
    parser.add_argument("--think", type=float, default=3.0, help="seconds between turns")
    options = parser.parse_args()
    sys.exit(main(options.conversations, not options.no_kill, options.think))
