"""A web turn sent twice with the same message id is answered once.

Before the fix, a re-sent « oui » (a retry after a dropped connection) was taken as a second
answer: it hid the confirmation and could turn a booked conversation into a hand-off.
"""

from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator
from django.db import IntegrityError, transaction

from booking.models import Appointment
from conversations.models import Conversation, Turn
from receptionist.asgi import application
from tests.conversations.test_apis import events_of

CHAT = "/api/chat"
BOOKING = ["un rendez-vous svp", "Paul Ménard", "une vidange", "mardi matin", "0612345678"]


def post(client, conversation_id: str | None, message: str, message_id: str | None = None):
    body = {"message": message}
    if conversation_id:
        body["conversation_id"] = conversation_id
    if message_id is not None:
        body["message_id"] = message_id
    return client.post(CHAT, body, content_type="application/json")


def until_recap(client) -> str:
    conversation_id = post(client, None, "").json()["conversation_id"]
    for i, message in enumerate([*BOOKING, "le premier"]):
        post(client, conversation_id, message, f"m{i}")
    return conversation_id


@pytest.mark.django_db
def test_a_repeated_choice_books_once(client, business, clock) -> None:
    conversation_id = post(client, None, "").json()["conversation_id"]
    for i, message in enumerate(BOOKING):
        post(client, conversation_id, message, f"m{i}")
    first = post(client, conversation_id, "le premier", "choice-1").json()
    again = post(client, conversation_id, "le premier", "choice-1").json()
    assert first["state"] == "CONFIRMED"
    assert again == first
    assert Appointment.objects.filter(status="confirmed").count() == 1


@pytest.mark.django_db
def test_a_repeated_yes_keeps_the_confirmation(client, business, clock, settings) -> None:
    settings.BOOKING_READ_BACK_CHANNELS = ("voice", "web")
    conversation_id = until_recap(client)
    first = post(client, conversation_id, "oui", "yes-1").json()
    again = post(client, conversation_id, "oui", "yes-1").json()
    assert first["state"] == "CONFIRMED"
    assert again == first
    conversation = Conversation.objects.get(key=conversation_id)
    assert conversation.outcome == "confirmed"
    assert conversation.turns.filter(user_text="oui").count() == 1
    assert Appointment.objects.filter(status="confirmed").count() == 1


@pytest.mark.django_db
def test_a_new_message_id_is_a_new_turn(client, business, clock) -> None:
    conversation_id = post(client, None, "").json()["conversation_id"]
    post(client, conversation_id, "un rendez-vous svp", "a")
    post(client, conversation_id, "je sais pas", "b")
    turn = post(client, conversation_id, "je sais pas", "c").json()
    assert turn["state"] == "TRANSFERRED"


@pytest.mark.django_db
def test_the_same_id_in_another_conversation_is_another_message(client, business, clock) -> None:
    one = post(client, None, "").json()["conversation_id"]
    two = post(client, None, "").json()["conversation_id"]
    assert post(client, one, "un rendez-vous svp", "same").json()["state"] == "QUALIF_NAME"
    assert post(client, two, "quels sont vos horaires ?", "same").json()["faq_id"] == "FAQ_HOURS"


@pytest.mark.django_db
def test_the_stream_answers_a_repeat_with_the_stored_payload(client, business, clock) -> None:
    conversation_id = post(client, None, "").json()["conversation_id"]
    bodies = []
    for _ in range(2):
        response = client.post(
            "/api/chat/stream",
            {"conversation_id": conversation_id, "message": "un rendez-vous", "message_id": "s1"},
            content_type="application/json",
        )
        bodies.append(events_of(response))
    assert bodies[0] == bodies[1]
    assert Turn.objects.filter(conversation__key=conversation_id).count() == 2


@pytest.mark.parametrize("message_id", ["a b", "x" * 61, "<script>", 12, ["a"]])
@pytest.mark.django_db
def test_a_malformed_message_id_is_refused(client, business, clock, message_id) -> None:
    conversation_id = post(client, None, "").json()["conversation_id"]
    response = post(client, conversation_id, "bonjour", message_id)
    assert response.status_code == 400
    assert response.json()["error"]["code"]


@pytest.mark.django_db
def test_the_database_refuses_a_message_id_twice_in_one_conversation(business, clock) -> None:
    conversation = Conversation.objects.create(key="k", channel="web", state="START")
    Turn.objects.create(conversation=conversation, index=0, request_key="msg:x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.create(conversation=conversation, index=1, request_key="msg:x")


async def frame_reply(communicator: WebsocketCommunicator) -> dict:
    while True:
        frame = await communicator.receive_json_from(timeout=5)
        if frame["type"] != "token":
            return frame


@pytest.mark.django_db(transaction=True)
async def test_the_socket_answers_a_repeat_with_the_stored_payload(business, clock) -> None:
    socket = WebsocketCommunicator(
        application, "/ws/chat/", headers=[(b"origin", b"http://localhost:8000")]
    )
    await socket.connect()
    await frame_reply(socket)
    replies = []
    for _ in range(2):
        await socket.send_json_to({"type": "message", "text": "rendez-vous", "message_id": "w1"})
        replies.append(await frame_reply(socket))
    await socket.send_json_to({"type": "message", "text": "rdv", "message_id": "bad id"})
    error = await socket.receive_json_from(timeout=5)
    await socket.disconnect()
    assert replies[0] == replies[1]
    assert replies[0]["state"] == "QUALIF_NAME"
    assert error["error"]["code"] == "invalid"
