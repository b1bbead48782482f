"""Rate limits: per address for the web, per call for voice, per token for staff; 429 + Retry-After."""

from __future__ import annotations

import uuid

import httpx
import pytest
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from receptionist.asgi import application
from receptionist.lib.rate_limits import client_address, hit

MINUTE = 60 * 29_000_000  # a whole minute, far from the epoch


# --- The counter --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "at", "expected"),
    [
        (3, [0, 1, 2], [0, 0, 0]),
        (3, [0, 1, 2, 3], [0, 0, 0, 57]),
        (3, [0, 1, 2, 59.5], [0, 0, 0, 1]),  # never less than one second
        (3, [0, 1, 2, 3, 60], [0, 0, 0, 57, 0]),  # a new minute, a new count
        (1, [10, 10, 10], [0, 50, 50]),
        (0, [0, 0, 0, 0], [0, 0, 0, 0]),  # 0 switches the limit off
    ],
)
def test_hit_counts_per_minute_and_says_how_long_to_wait(limit, at, expected) -> None:
    waits = [hit("test", "client", limit, now=MINUTE + offset) for offset in at]
    assert waits == expected


def test_clients_and_scopes_are_counted_apart() -> None:
    assert hit("test", "one", 1, now=MINUTE) == 0
    assert hit("test", "two", 1, now=MINUTE) == 0
    assert hit("other", "one", 1, now=MINUTE) == 0
    assert hit("test", "one", 1, now=MINUTE) > 0


def test_keys_hold_a_digest_not_the_address_or_token() -> None:
    hit("test", "203.0.113.9", 5)
    hit("test", "token:0123456789abcdef", 5)
    keys = " ".join(str(key) for key in cache._cache)  # LocMemCache's store
    assert "rate:test:" in keys
    assert "203.0.113.9" not in keys
    assert "0123456789abcdef" not in keys


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "203.0.113.1", "198.51.100.7"),  # no trusted proxy: header ignored
        (1, "10.0.0.2", "203.0.113.1", "203.0.113.1"),
        (1, "10.0.0.2", "6.6.6.6, 203.0.113.1", "203.0.113.1"),  # client-written entry ignored
        (2, "10.0.0.2", "6.6.6.6, 203.0.113.1, 10.0.0.3", "203.0.113.1"),
        (2, "10.0.0.2", "203.0.113.1", "203.0.113.1"),
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "", "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
        (0, None, None, "unknown"),
    ],
)
def test_client_address_trusts_only_its_own_proxies(
    settings, proxies, remote, forwarded, expected
) -> None:
    settings.NUM_PROXIES = proxies
    assert client_address(remote, forwarded) == expected


# --- Web chat over HTTP -------------------------------------------------------------------


def test_one_address_cannot_open_conversations_without_end(business, clock, settings) -> None:
    settings.CHAT_RATE_LIMIT_PER_MINUTE = 3
    flood = APIClient(REMOTE_ADDR="198.51.100.7")
    statuses = [
        flood.post("/api/chat", {"message": ""}, format="json").status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    refused = flood.post("/api/chat/stream", {"message": ""}, format="json")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["error"]["code"] == "throttled"
    # Another visitor is not affected, and the flooder may come back the next minute.
    other = APIClient(REMOTE_ADDR="198.51.100.8")
    assert other.post("/api/chat", {"message": ""}, format="json").status_code == 200
    clock.shift(60)
    assert flood.post("/api/chat", {"message": ""}, format="json").status_code == 200


def test_behind_a_load_balancer_visitors_are_told_apart(business, clock, settings) -> None:
    settings.CHAT_RATE_LIMIT_PER_MINUTE = 1
    settings.NUM_PROXIES = 1
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    one = APIClient(HTTP_X_FORWARDED_FOR="203.0.113.1", **balancer)
    two = APIClient(HTTP_X_FORWARDED_FOR="203.0.113.2", **balancer)
    assert one.post("/api/chat", {"message": ""}, format="json").status_code == 200
    assert two.post("/api/chat", {"message": ""}, format="json").status_code == 200
    assert one.post("/api/chat", {"message": ""}, format="json").status_code == 429


# --- Staff APIs ---------------------------------------------------------------------------


def staff_token(django_user_model, username: str) -> APIClient:
    user = django_user_model.objects.create_user(username, password="x-pass-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Direction"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def test_staff_apis_are_limited_per_token(business, clock, settings, django_user_model) -> None:
    settings.STAFF_API_RATE_LIMIT_PER_MINUTE = 2
    first = staff_token(django_user_model, "first")
    second = staff_token(django_user_model, "second")
    statuses = [first.get("/api/stats/bookings").status_code for _ in range(2)]
    statuses.append(first.get("/api/appointments").status_code)
    assert statuses == [200, 200, 429]
    refused = first.get("/api/stats/bookings")
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["error"]["code"] == "throttled"
    assert second.get("/api/stats/bookings").status_code == 200


def test_anonymous_staff_calls_are_refused_before_counting(db, settings) -> None:
    settings.STAFF_API_RATE_LIMIT_PER_MINUTE = 1
    anonymous = APIClient()
    assert {anonymous.get("/api/stats/bookings").status_code for _ in range(3)} <= {401, 403}


# --- Voice --------------------------------------------------------------------------------


async def completion(http: httpx.AsyncClient, call_id: str) -> httpx.Response:
    body = {
        "model": "receptionist",
        "messages": [{"role": "user", "content": "bonjour"}],
        "call": {"id": call_id},
        "stream": False,
    }
    return await http.post("/api/vapi/chat/completions", json=body)


@pytest.mark.django_db(transaction=True)
async def test_voice_is_limited_per_call(business, clock, settings) -> None:
    settings.VAPI_ALLOW_UNAUTHENTICATED = True
    settings.VOICE_RATE_LIMIT_PER_MINUTE = 2
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        statuses = [(await completion(http, "call-flood")).status_code for _ in range(3)]
        refused = await completion(http, "call-flood")
        other = await completion(http, "call-other")
    assert statuses == [200, 200, 429]
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["error"]["code"] == "throttled"
    assert other.status_code == 200


# --- Web chat over the WebSocket ----------------------------------------------------------


def socket_from(address: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(
        application, "/ws/chat/", headers=[(b"origin", b"http://127.0.0.1")]
    )
    communicator.scope["client"] = (address, 50000)
    return communicator


async def send(communicator: WebsocketCommunicator, text: str) -> dict:
    await communicator.send_json_to({"type": "message", "text": text})
    while (frame := await communicator.receive_json_from(timeout=5))["type"] == "token":
        pass
    return frame


@pytest.mark.django_db(transaction=True)
async def test_a_flooding_socket_is_told_to_wait_and_stays_usable(
    business, clock, settings
) -> None:
    settings.CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE = 2
    communicator = socket_from("198.51.100.7")
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)
    assert (await send(communicator, "un rendez-vous"))["type"] == "reply"
    assert (await send(communicator, "Paul Ménard"))["type"] == "reply"
    refused = await send(communicator, "encore")
    assert refused["type"] == "error"
    assert refused["error"]["code"] == "rate_limited"
    assert 1 <= refused["error"]["retry_after"] <= 60
    clock.shift(60)
    reply = await send(communicator, "une vidange")
    assert (reply["type"], reply["state"]) == ("reply", "QUALIF_PREF")
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_sockets_and_posts_share_the_address_limit(business, clock, settings) -> None:
    settings.CHAT_RATE_LIMIT_PER_MINUTE = 2
    first = socket_from("198.51.100.9")
    await first.connect()
    assert (await first.receive_json_from(timeout=5))["type"] == "reply"
    second = socket_from("198.51.100.9")
    await second.connect()
    assert (await second.receive_json_from(timeout=5))["type"] == "reply"
    third = socket_from("198.51.100.9")
    await third.connect()
    refused = await third.receive_json_from(timeout=5)
    assert refused["error"]["code"] == "rate_limited"
    assert (await third.receive_output(timeout=5))["code"] == 4429
    # The same address over HTTP is over the limit too; another address is not.
    transport = httpx.ASGITransport(app=application, client=("198.51.100.9", 50001))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        assert (await http.post("/api/chat", json={"message": ""})).status_code == 429
    elsewhere = socket_from("198.51.100.10")
    await elsewhere.connect()
    assert (await elsewhere.receive_json_from(timeout=5))["type"] == "reply"
    for communicator in (first, second, elsewhere):
        await communicator.disconnect()


# --- Several processes share the counts through Redis ---------------------------------------


def test_counts_are_shared_through_redis(redis_url) -> None:
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={"default": redis_cache}):
        # Each hit on a new connection stands for another server process.
        # (The keys expire on their own after a minute: no flush of a shared Redis.)
        waits = []
        for _ in range(3):
            waits.append(hit("test", "client", 2, now=MINUTE))
            caches["default"].close()
        assert waits == [0, 0, 60]
