"""Tool calls come in through the front door: a turn of the call's conversation each.

Before, `tool-calls` booked without a conversation or a turn row, so these bookings were missing
from the managers' report, and each tool owned its own retry guard.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from booking.models import Appointment
from conversations.models import Channel, Conversation, Turn
from conversations.reports import booking_stats
from tests.conversations.vapi.test_tools import (
    CALL_ID,
    CALLER,
    at,
    book,
    call_item,
    call_tool,
    error,
    send,
    value,
)

pytestmark = pytest.mark.django_db


def stats() -> dict:
    now = timezone.now()
    return booking_stats(since=now - timedelta(hours=24), now=now)


def test_a_booking_through_tool_calls_counts_in_the_report(client, business, clock) -> None:
    value(call_tool(client, "check_availability", {"preference": "mardi matin"}, tool_call_id="a"))
    value(
        call_tool(
            client, "book_appointment", {**CALLER, "start": at(24, 9).isoformat()}, tool_call_id="b"
        )
    )
    figures = stats()
    assert (figures["total_sessions"], figures["confirmed_bookings"]) == (1, 1)
    assert figures["by_channel"]["voice"]["confirmed_bookings"] == 1
    conversation = Conversation.objects.get(key=CALL_ID)
    assert (conversation.channel, conversation.state) == (Channel.VOICE, "CONFIRMED")
    assert conversation.outcome == Conversation.Outcome.CONFIRMED
    assert list(conversation.turns.values_list("user_text", "state_after", "intent")) == [
        ("check_availability", "START", "BOOKING"),
        ("book_appointment", "CONFIRMED", "BOOKING"),
    ]


def test_a_move_counts_as_moved_and_a_cancel_as_cancelled(client, business, clock) -> None:
    first = book(business, at(26, 10))
    moved = value(
        call_tool(
            client,
            "move_appointment",
            {"appointment_id": str(first.public_id), "start": at(27, 14).isoformat()},
            tool_call_id="m",
        )
    )
    assert stats()["moved"] == 1
    # A question after the move leaves it a move (it became a new booking before the fix).
    value(
        call_tool(client, "answer_question", {"question": "vous ouvrez quand ?"}, tool_call_id="q")
    )
    assert Conversation.objects.get(key=CALL_ID).outcome == Conversation.Outcome.MOVED
    value(
        call_tool(client, "cancel_appointment", {"appointment_id": moved["id"]}, tool_call_id="c")
    )
    figures = stats()
    assert (figures["cancelled"], figures["confirmed_bookings"]) == (1, 0)
    assert Conversation.objects.get(key=CALL_ID).outcome == Conversation.Outcome.CANCELLED


def test_a_retried_delivery_gets_the_recorded_result_and_changes_nothing(
    client, business, clock
) -> None:
    arguments = {**CALLER, "start": at(24, 9).isoformat()}
    once = call_tool(client, "book_appointment", arguments, tool_call_id="r")
    again = call_tool(client, "book_appointment", arguments, tool_call_id="r")
    assert again == once
    assert Appointment.objects.count() == 1
    assert Turn.objects.filter(conversation__key=CALL_ID).count() == 1


def test_a_failed_tool_is_a_turn_that_changes_no_outcome(client, business, clock) -> None:
    error(
        call_tool(
            client,
            "book_appointment",
            {**CALLER, "start": at(29, 10).isoformat()},
            tool_call_id="x",
        )
    )
    conversation = Conversation.objects.get(key=CALL_ID)
    assert (conversation.outcome, conversation.state) == ("", "START")
    assert conversation.turns.get().reply == "this time is not an available slot"
    assert stats()["confirmed_bookings"] == 0


def test_markup_in_an_argument_is_refused_by_the_guards(client, business, clock) -> None:
    refused = error(
        call_tool(
            client,
            "book_appointment",
            {**CALLER, "name": "<script>alert(1)</script>", "start": at(24, 9).isoformat()},
        )
    )
    assert refused == "'name' refused (markup)"
    assert not Appointment.objects.exists()
    assert Turn.objects.get(conversation__key=CALL_ID).guard == "markup"


def test_control_characters_are_cleaned_before_the_tool_sees_them(client, business, clock) -> None:
    value(
        call_tool(
            client,
            "book_appointment",
            {**CALLER, "name": "Jean\x00 Dupont\u200b", "start": at(24, 9).isoformat()},
        )
    )
    assert Appointment.objects.get().name == "Jean Dupont"


def test_the_staff_api_shows_the_call_driven_by_tools(client, business, clock) -> None:
    value(
        call_tool(
            client, "book_appointment", {**CALLER, "start": at(24, 9).isoformat()}, tool_call_id="b"
        )
    )
    staff = User.objects.create_user("desk", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_conversation"))
    client.force_login(staff)
    detail = client.get(f"/api/conversations/{CALL_ID}").json()
    assert (detail["channel"], detail["state"], detail["intent"]) == (
        "voice",
        "CONFIRMED",
        "BOOKING",
    )
    assert detail["appointment"]["phone"] == "+33612345678"  # staff see whole contacts
    assert [line["role"] for line in detail["turns"]] == ["user", "agent"]


def test_several_calls_of_one_message_are_turns_in_order(client, business, clock) -> None:
    results = send(
        client,
        [
            call_item("check_availability", {}, "1"),
            call_item("answer_question", {"question": "vous êtes ouverts quand ?"}, "2"),
        ],
    )
    assert [r["toolCallId"] for r in results] == ["1", "2"]
    turns = Turn.objects.filter(conversation__key=CALL_ID).order_by("index")
    assert [t.user_text for t in turns] == ["check_availability", "answer_question"]
