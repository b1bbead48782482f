"""One visitor cannot keep the agenda from everyone else.

Before the fix, twelve throwaway conversations from one address held 36 slots, and real
visitors were offered slots a week later; one address could also open hundreds of
conversations a minute.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from channels.testing import WebsocketCommunicator

from booking.models import SlotHold
from receptionist.asgi import application
from receptionist.lib.rate_limits import anew_conversation_wait

pytestmark = pytest.mark.django_db

CHAT = "/api/chat"
TO_SLOTS = ["un rendez-vous svp", "Paul Ménard", "une vidange", "mardi", "0612345678"]


def open_and_propose(client, address: str) -> dict:
    def post(body):
        return client.post(CHAT, body, content_type="application/json", REMOTE_ADDR=address)

    conversation_id = post({"message": ""}).json()["conversation_id"]
    for message in TO_SLOTS:
        turn = post({"conversation_id": conversation_id, "message": message}).json()
    return turn


def test_one_address_holds_a_bounded_number_of_slots(client, business, clock, settings) -> None:
    settings.SLOT_HOLDS_PER_CLIENT = 6
    turns = [open_and_propose(client, "203.0.113.7") for _ in range(5)]
    assert all(t["state"] == "WAIT_CONFIRM" for t in turns)
    assert SlotHold.objects.count() == 6
    # The newest conversation keeps its whole offer (what is left free on the wished
    # Tuesday once the others' holds are skipped); the oldest gave way.
    newest = SlotHold.objects.filter(holder=turns[-1]["conversation_id"]).count()
    assert newest == len(turns[-1]["slots"]) >= 2
    assert not SlotHold.objects.filter(holder=turns[0]["conversation_id"]).exists()


def test_another_visitor_still_gets_the_first_slots(client, business, clock, settings) -> None:
    settings.SLOT_HOLDS_PER_CLIENT = 6
    for _ in range(6):
        open_and_propose(client, "203.0.113.7")
    honest = open_and_propose(client, "198.51.100.20")
    # Tuesday 8:00 was offered to the flooding address long ago: at most six slots are held,
    # so the honest visitor is offered Tuesday, not some later day.
    assert honest["slots"][0]["start"].startswith("2026-11-24")


def test_each_conversation_holds_only_its_last_offer(client, business, clock) -> None:
    turn = open_and_propose(client, "203.0.113.7")
    conversation_id = turn["conversation_id"]
    client.post(
        CHAT,
        {"conversation_id": conversation_id, "message": "plutôt jeudi"},
        content_type="application/json",
        REMOTE_ADDR="203.0.113.7",
    )
    assert SlotHold.objects.filter(holder=conversation_id).count() <= 3
    assert SlotHold.objects.count() <= 3


def test_new_conversations_are_limited_per_address(client, business, clock, settings) -> None:
    settings.CHAT_NEW_CONVERSATIONS_PER_MINUTE = 3
    settings.CHAT_RATE_LIMIT_PER_MINUTE = 1000

    def start(address):
        return client.post(
            CHAT, {"message": ""}, content_type="application/json", REMOTE_ADDR=address
        )

    statuses = [start("203.0.113.7").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = start("203.0.113.7")
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["error"]["code"]
    # Turns of an open conversation and other addresses go on.
    assert start("198.51.100.20").status_code == 200


def test_an_expired_conversation_starting_afresh_counts_as_a_new_one(
    client, business, clock, settings
) -> None:
    """Before the fix, ids kept from earlier minutes restarted as fresh conversations
    without counting: a script could hoard ids, wait for them to expire, and open them all."""
    settings.CHAT_NEW_CONVERSATIONS_PER_MINUTE = 2
    settings.CHAT_RATE_LIMIT_PER_MINUTE = 1000

    def post(body):
        return client.post(CHAT, body, content_type="application/json", REMOTE_ADDR="203.0.113.7")

    kept = [post({"message": ""}).json()["conversation_id"] for _ in range(2)]
    clock.shift(timedelta(minutes=settings.SESSION_TTL_MINUTES + 5))
    again = [post({"conversation_id": key, "message": "bonjour"}) for key in kept]
    assert [r.status_code for r in again] == [200, 200]  # both started afresh
    assert all(r.json()["conversation_id"] not in kept for r in again)
    refused = post({"message": ""})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1


@pytest.mark.django_db(transaction=True)
async def test_on_a_socket_an_expired_conversation_counts_as_a_new_one(
    business, clock, settings
) -> None:
    settings.CHAT_NEW_CONVERSATIONS_PER_MINUTE = 1
    socket = WebsocketCommunicator(
        application, "/ws/chat/", headers=[(b"origin", b"http://localhost:8000")]
    )
    socket.scope["client"] = ("203.0.113.7", 50000)
    await socket.connect()
    assert (await socket.receive_json_from(timeout=5))["type"] == "reply"  # the one allowed
    clock.shift(timedelta(minutes=settings.SESSION_TTL_MINUTES + 5))
    # The minute's budget is spent by another tab of the same address.
    assert await anew_conversation_wait("203.0.113.7") == 0
    await socket.send_json_to({"type": "message", "text": "bonjour"})
    frame = await socket.receive_json_from(timeout=5)
    assert frame["error"]["code"] == "rate_limited"
    await socket.disconnect()


def test_padding_the_conversation_id_does_not_reset_its_limit(client, business, clock, settings):
    settings.CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE = 3
    conversation_id = client.post(CHAT, {"message": ""}, content_type="application/json").json()[
        "conversation_id"
    ]
    statuses = [
        client.post(
            CHAT,
            {"conversation_id": conversation_id + " " * n, "message": "bonjour"},
            content_type="application/json",
        ).status_code
        for n in range(5)
    ]
    assert statuses[3:] == [429, 429]


@pytest.mark.django_db(transaction=True)
async def test_sockets_count_as_new_conversations(business, clock, settings) -> None:
    settings.CHAT_NEW_CONVERSATIONS_PER_MINUTE = 1
    frames = []
    for _ in range(2):
        socket = WebsocketCommunicator(
            application,
            "/ws/chat/",
            headers=[(b"origin", b"http://localhost:8000")],
        )
        socket.scope["client"] = ("203.0.113.7", 50000)
        await socket.connect()
        frames.append(await socket.receive_json_from(timeout=5))
        await socket.disconnect()
    assert frames[0]["type"] == "reply"
    assert frames[1]["error"]["code"] == "rate_limited"


@pytest.mark.parametrize(
    ("exempt", "address", "limited"),
    [
        (("127.0.0.0/8", "::1/128"), "127.0.0.1", False),
        (("127.0.0.0/8", "::1/128"), "::1", False),
        (("127.0.0.0/8", "::1/128"), "203.0.113.7", True),
        ((), "127.0.0.1", True),
        (("10.0.0.0/8",), "10.1.2.3", False),
    ],
)
def test_the_servers_own_host_may_be_exempted(
    client, business, clock, settings, exempt, address, limited
) -> None:
    settings.CHAT_NEW_CONVERSATIONS_PER_MINUTE = 1
    settings.RATE_LIMIT_EXEMPT_NETWORKS = exempt
    statuses = [
        client.post(
            CHAT, {"message": ""}, content_type="application/json", REMOTE_ADDR=address
        ).status_code
        for _ in range(3)
    ]
    assert statuses == ([200, 429, 429] if limited else [200, 200, 200])


def test_behind_a_local_proxy_visitors_are_not_exempt(client, business, clock, settings) -> None:
    settings.CHAT_NEW_CONVERSATIONS_PER_MINUTE = 1
    settings.NUM_PROXIES = 1
    statuses = [
        client.post(
            CHAT,
            {"message": ""},
            content_type="application/json",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        ).status_code
        for _ in range(2)
    ]
    assert statuses == [200, 429]
