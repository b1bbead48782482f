"""The receptionist's own tools, called by Vapi's LLM through `tool-calls` webhook messages."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from booking.models import Appointment
from booking.services import appointment_book, appointment_cancel
from tests.conftest import PARIS

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[2] / "fixtures" / "vapi"
URL = "/api/vapi/webhook"
CALL_ID = "b1223960-1b4d-4585-91b8-a69b0f57ec2f"  # the call of the real tool-calls capture
CALLER = {"name": "Jean Dupont", "phone": "06 12 34 56 78"}
# The number the call comes from: the phone `book` books with, so the call owns those bookings.
CALLER_NUMBER = "+33698765432"


def at(day: int, hour: int) -> datetime:
    """A time of November 2026, Paris (the clock is pinned to Monday 23 at 9:00)."""
    return datetime(2026, 11, day, hour, tzinfo=PARIS)


def envelope(calls: list[dict]) -> dict:
    """The real `tool-calls` capture, carrying our calls instead of its weather tool."""
    body = copy.deepcopy(json.loads((FIXTURES / "tool-calls.json").read_text(encoding="utf-8")))
    body["message"]["toolCallList"] = calls
    body["message"]["toolCalls"] = calls
    body["message"]["customer"] = body["message"]["call"]["customer"] = {"number": CALLER_NUMBER}
    return body


def call_item(name: str, arguments, tool_call_id: str) -> dict:
    return {
        "id": tool_call_id,
        "type": "function",
        "function": {"name": name, "arguments": arguments},
    }


def send(client: Client, calls: list[dict]) -> list[dict]:
    response = client.post(URL, data=envelope(calls), content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"results"}
    return body["results"]


def call_tool(client: Client, name: str, arguments, *, tool_call_id: str = "tc-1") -> dict:
    """The single result of one tool call, as Vapi would receive it."""
    [result] = send(client, [call_item(name, arguments, tool_call_id)])
    assert (result["toolCallId"], result["name"]) == (tool_call_id, name)
    return result


def value(result: dict):
    """The decoded `result` of a successful call (a JSON string, as Vapi requires)."""
    assert set(result) == {"toolCallId", "name", "result"}, result
    assert isinstance(result["result"], str)
    return json.loads(result["result"])


def error(result: dict) -> str:
    assert set(result) == {"toolCallId", "name", "error"}, result
    assert isinstance(result["error"], str)
    assert result["error"]
    return result["error"]


def book(business, start: datetime, name: str = "Marie Martin", **kwargs) -> Appointment:
    return appointment_book(
        business=business,
        start=start,
        end=start + timedelta(hours=1),
        name=name,
        phone=kwargs.pop("phone", "+33698765432"),
        **kwargs,
    )


# ---------------------------------------------------------------------------
# check_availability


def test_availability_honours_a_french_preference(client, business, clock) -> None:
    found = value(call_tool(client, "check_availability", {"preference": "mardi matin"}))
    assert found["relaxed"] is False
    assert len(found["slots"]) >= 1
    for slot in found["slots"]:
        start = datetime.fromisoformat(slot["start"])
        assert start.date().isoformat() == "2026-11-24"
        assert 8 <= start.hour < 12
        assert slot["start"].endswith("+01:00")
        assert datetime.fromisoformat(slot["end"]) - start == timedelta(hours=1)
        assert slot["label"].startswith("mardi 24 novembre à ")


def test_availability_lists_the_earliest_free_slots_first(client, business, clock) -> None:
    found = value(call_tool(client, "check_availability", {}))
    starts = [datetime.fromisoformat(s["start"]) for s in found["slots"]]
    assert starts == sorted(starts)
    # 120 minutes' notice from Monday 9:00 (ticking): 11:00 is just too soon, then lunch.
    assert starts[0] == at(23, 14)


def test_availability_skips_a_booked_slot(client, business, clock) -> None:
    book(business, at(24, 8))
    found = value(call_tool(client, "check_availability", {"preference": "mardi matin"}))
    starts = [datetime.fromisoformat(s["start"]) for s in found["slots"]]
    assert at(24, 8) not in starts
    assert starts[0] == at(24, 9)


def test_availability_for_a_long_motif_offers_two_hour_slots(client, business, clock) -> None:
    found = value(
        call_tool(
            client, "check_availability", {"preference": "mardi matin", "motif": "distribution"}
        )
    )
    for slot in found["slots"]:
        start, end = datetime.fromisoformat(slot["start"]), datetime.fromisoformat(slot["end"])
        assert end - start == timedelta(hours=2)
        assert end <= at(24, 12)


# ---------------------------------------------------------------------------
# book_appointment


def test_booking_a_slot_from_availability_books_it_once(client, business, clock) -> None:
    slot = value(call_tool(client, "check_availability", {"preference": "mardi matin"}))["slots"][0]
    booked = value(
        call_tool(
            client,
            "book_appointment",
            {**CALLER, "start": slot["start"], "motif": "vidange"},
            tool_call_id="tc-book",
        )
    )
    assert booked["status"] == "confirmed"
    assert (booked["start"], booked["end"], booked["label"]) == (
        slot["start"],
        slot["end"],
        slot["label"],
    )
    appointment = Appointment.objects.get()
    assert str(appointment.public_id) == booked["id"]
    assert (appointment.name, appointment.phone, appointment.motif) == (
        "Jean Dupont",
        "+33612345678",
        "vidange",
    )
    assert (appointment.channel, appointment.conversation_key) == ("voice", CALL_ID)
    assert appointment.start == datetime.fromisoformat(slot["start"])


def test_a_retried_booking_call_returns_the_same_appointment(client, business, clock) -> None:
    arguments = {**CALLER, "start": at(24, 9).isoformat()}
    first = value(call_tool(client, "book_appointment", arguments, tool_call_id="tc-book"))
    again = value(call_tool(client, "book_appointment", arguments, tool_call_id="tc-book"))
    assert again["id"] == first["id"]
    assert Appointment.objects.count() == 1


def test_another_call_for_a_booked_slot_is_refused(client, business, clock) -> None:
    arguments = {**CALLER, "start": at(24, 9).isoformat()}
    value(call_tool(client, "book_appointment", arguments, tool_call_id="tc-1"))
    refused = call_tool(
        client, "book_appointment", {**arguments, "name": "Luc Besson"}, tool_call_id="tc-2"
    )
    assert error(refused) == "this time is not an available slot"
    assert Appointment.objects.count() == 1


def test_a_start_in_utc_is_the_same_slot(client, business, clock) -> None:
    booked = value(
        call_tool(client, "book_appointment", {**CALLER, "start": "2026-11-24T08:00:00Z"})
    )
    assert booked["start"] == "2026-11-24T09:00:00+01:00"


def test_a_naive_start_is_read_in_the_business_time_zone(client, business, clock) -> None:
    booked = value(
        call_tool(client, "book_appointment", {**CALLER, "start": "2026-11-24T09:00:00"})
    )
    assert booked["start"] == "2026-11-24T09:00:00+01:00"


def test_booking_by_email_alone_is_accepted(client, business, clock) -> None:
    booked = value(
        call_tool(
            client,
            "book_appointment",
            {
                "name": "Jean Dupont",
                "email": "jean.dupont@example.org",
                "start": at(24, 9).isoformat(),
            },
        )
    )
    assert Appointment.objects.get(public_id=booked["id"]).email == "jean.dupont@example.org"


def test_two_bookings_without_tool_call_ids_are_not_merged(client, business, clock) -> None:
    value(
        call_tool(
            client, "book_appointment", {**CALLER, "start": at(24, 9).isoformat()}, tool_call_id=""
        )
    )
    second = call_tool(
        client,
        "book_appointment",
        {"name": "Luc Besson", "phone": "0611223344", "start": at(26, 10).isoformat()},
        tool_call_id="",
    )
    if "error" not in second:
        assert value(second)["start"] == "2026-11-26T10:00:00+01:00"


BAD_BOOKINGS = [
    ("busy", {"start": at(24, 10).isoformat()}, "this time is not an available slot"),
    ("off-grid", {"start": "2026-11-24T09:30:00+01:00"}, "this time is not an available slot"),
    ("lunch-break", {"start": at(24, 12).isoformat()}, "this time is not an available slot"),
    ("evening", {"start": at(24, 18).isoformat()}, "this time is not an available slot"),
    ("sunday", {"start": at(29, 10).isoformat()}, "this time is not an available slot"),
    ("closed-date", {"start": "2026-12-25T10:00:00+01:00"}, "this time is not an available slot"),
    ("too-soon", {"start": at(23, 10).isoformat()}, "this time is not an available slot"),
    ("past", {"start": at(20, 10).isoformat()}, "this time is not an available slot"),
    (
        "beyond-horizon",
        {"start": "2027-03-02T10:00:00+01:00"},
        "this time is not an available slot",
    ),
    ("spoken-start", {"start": "demain 10h"}, "'start' must be an ISO 8601 date-time"),
    ("no-start", {"start": None}, "'start' is required"),
    ("no-phone-nor-email", {"phone": None}, "a valid 'phone' or 'email' is required"),
    ("bad-phone", {"phone": "12"}, "a valid 'phone' or 'email' is required"),
    ("bad-email", {"phone": None, "email": "jean@"}, "a valid 'phone' or 'email' is required"),
    ("no-name", {"name": None}, "'name' is required"),
    ("blank-name", {"name": "   "}, "'name' is required"),
    ("name-object", {"name": {"first": "Jean"}}, "'name' is required"),
]


@pytest.mark.parametrize(
    ("changes", "message"),
    [(c, m) for _, c, m in BAD_BOOKINGS],
    ids=[i for i, _, _ in BAD_BOOKINGS],
)
def test_a_booking_that_cannot_be_made_is_an_error_result(
    client, business, clock, changes, message
) -> None:
    taken = book(business, at(24, 10))
    arguments = {**CALLER, "start": at(24, 9).isoformat(), **changes}
    arguments = {key: v for key, v in arguments.items() if v is not None}
    assert error(call_tool(client, "book_appointment", arguments)) == message
    assert list(Appointment.objects.values_list("pk", flat=True)) == [taken.pk]


@pytest.mark.parametrize(
    "start",
    [
        pytest.param("0001-01-01T00:00:00+01:00", id="year-1"),
        pytest.param("9999-12-31T23:30:00-05:00", id="year-9999"),
    ],
)
def test_an_out_of_range_start_is_an_error_result(client, business, clock, start) -> None:
    lenient = Client(raise_request_exception=False)
    response = lenient.post(
        URL,
        data=envelope([call_item("book_appointment", {**CALLER, "start": start}, "tc-1")]),
        content_type="application/json",
    )
    assert response.status_code == 200
    [result] = response.json()["results"]
    assert error(result) == "'start' is out of range"


# ---------------------------------------------------------------------------
# find_appointment


@pytest.mark.parametrize("heard", ["dupont", "Jean Dupond", "DUPONT Jean", "jean dupon"])
def test_find_appointment_matches_a_fuzzy_name(client, business, clock, heard) -> None:
    mine = book(business, at(25, 14), name="Jean Dupont", motif="vidange")
    book(business, at(25, 15), name="Marie Martin")
    found = value(call_tool(client, "find_appointment", {"name": heard}))
    assert found == {
        "appointments": [
            {
                "id": str(mine.public_id),
                "status": "confirmed",
                "motif": "vidange",
                "start": "2026-11-25T14:00:00+01:00",
                "end": "2026-11-25T15:00:00+01:00",
                "label": "mercredi 25 novembre à 14 heures",
            }
        ]
    }


def test_find_appointment_ignores_cancelled_and_unknown_names(client, business, clock) -> None:
    cancelled = book(business, at(25, 14), name="Jean Dupont")
    appointment_cancel(business=business, appointment_id=cancelled.pk, now=timezone.now())
    assert value(call_tool(client, "find_appointment", {"name": "Jean Dupont"})) == {
        "appointments": []
    }
    assert value(call_tool(client, "find_appointment", {"name": "Zébulon Quintal"})) == {
        "appointments": []
    }


def test_find_appointment_needs_a_name(client, business, clock) -> None:
    assert error(call_tool(client, "find_appointment", {})) == "'name' is required"


# ---------------------------------------------------------------------------
# cancel_appointment


def test_cancel_by_id(client, business, clock) -> None:
    appointment = book(business, at(26, 10), name="Jean Dupont")
    cancelled = value(
        call_tool(client, "cancel_appointment", {"appointment_id": str(appointment.public_id)})
    )
    assert (cancelled["id"], cancelled["status"]) == (str(appointment.public_id), "cancelled")
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    assert appointment.cancelled_at is not None


def test_a_sequential_id_is_refused(client, business, clock) -> None:
    appointment = book(business, at(26, 10), name="Jean Dupont")
    for guessed in (appointment.pk, str(appointment.pk)):
        refused = error(call_tool(client, "cancel_appointment", {"appointment_id": guessed}))
        assert refused == "'appointment_id' must be an id that find_appointment returned"
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED


def test_cancel_by_fuzzy_name(client, business, clock) -> None:
    appointment = book(business, at(26, 10), name="Jean Dupont")
    other = book(business, at(26, 11), name="Marie Martin")
    cancelled = value(call_tool(client, "cancel_appointment", {"name": "jean dupond"}))
    assert cancelled["id"] == str(appointment.public_id)
    appointment.refresh_from_db()
    other.refresh_from_db()
    assert (appointment.status, other.status) == ("cancelled", "confirmed")


def test_cancel_frees_the_slot_for_a_new_booking(client, business, clock) -> None:
    appointment = book(business, at(26, 10), name="Jean Dupont")
    value(call_tool(client, "cancel_appointment", {"appointment_id": str(appointment.public_id)}))
    rebooked = value(
        call_tool(
            client,
            "book_appointment",
            {"name": "Luc Besson", "phone": "0611223344", "start": at(26, 10).isoformat()},
            tool_call_id="tc-rebook",
        )
    )
    assert rebooked["status"] == "confirmed"


def test_cancel_within_the_notice_is_refused_and_sends_to_the_team(client, business, clock) -> None:
    tomorrow_morning = book(business, at(24, 8), name="Jean Dupont")  # 23 hours away
    refused = error(
        call_tool(client, "cancel_appointment", {"appointment_id": str(tomorrow_morning.public_id)})
    )
    assert "transfer" in refused
    tomorrow_morning.refresh_from_db()
    assert tomorrow_morning.status == Appointment.Status.CONFIRMED


def test_cancel_within_the_notice_by_name_is_refused_too(client, business, clock) -> None:
    tomorrow_morning = book(business, at(24, 8), name="Jean Dupont")
    assert "transfer" in error(call_tool(client, "cancel_appointment", {"name": "Dupont"}))
    tomorrow_morning.refresh_from_db()
    assert tomorrow_morning.status == Appointment.Status.CONFIRMED


def test_cancel_just_beyond_the_notice_is_accepted(client, business, clock) -> None:
    appointment = book(business, at(24, 10), name="Jean Dupont")  # 25 hours away
    assert (
        value(
            call_tool(client, "cancel_appointment", {"appointment_id": str(appointment.public_id)})
        )["status"]
        == "cancelled"
    )


def test_cancel_with_two_matching_names_asks_for_the_id(client, business, clock) -> None:
    first = book(business, at(26, 10), name="Jean Dupont")
    second = book(business, at(27, 10), name="Jean Dupont")
    assert error(call_tool(client, "cancel_appointment", {"name": "Jean Dupont"})) == (
        "2 upcoming appointments match; pass 'appointment_id'"
    )
    assert set(Appointment.objects.values_list("status", flat=True)) == {"confirmed"}
    assert {first.pk, second.pk} == set(Appointment.objects.values_list("pk", flat=True))


BAD_CANCELS = [
    (
        "unknown-id",
        {"appointment_id": "0b5f3c1e-9d4a-4f6e-8a2b-7c1d0e9f8a6b"},
        "no such upcoming appointment",
    ),
    (
        "sequential-id",
        {"appointment_id": "999999"},
        "'appointment_id' must be an id that find_appointment returned",
    ),
    (
        "huge-id",
        {"appointment_id": "9" * 30},
        "'appointment_id' must be an id that find_appointment returned",
    ),
    (
        "unknown-name",
        {"name": "Zébulon Quintal"},
        "0 upcoming appointments match; pass 'appointment_id'",
    ),
    ("nothing", {}, "'name' is required"),
]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(a, m) for _, a, m in BAD_CANCELS],
    ids=[i for i, _, _ in BAD_CANCELS],
)
def test_cancel_of_no_appointment_is_an_error_result(
    client, business, clock, arguments, message
) -> None:
    book(business, at(26, 10), name="Jean Dupont")
    assert error(call_tool(client, "cancel_appointment", arguments)) == message
    assert Appointment.objects.get().status == Appointment.Status.CONFIRMED


def test_cancelling_twice_is_an_error_the_second_time(client, business, clock) -> None:
    appointment = book(business, at(26, 10), name="Jean Dupont")
    arguments = {"appointment_id": str(appointment.public_id)}
    value(call_tool(client, "cancel_appointment", arguments))
    assert error(call_tool(client, "cancel_appointment", arguments, tool_call_id="tc-2")) == (
        "no such upcoming appointment"
    )


def test_a_non_ascii_digit_id_is_an_error_result(client, business, clock) -> None:
    book(business, at(26, 10), name="Jean Dupont")
    lenient = Client(raise_request_exception=False)
    response = lenient.post(
        URL,
        data=envelope([call_item("cancel_appointment", {"appointment_id": "²"}, "tc-1")]),
        content_type="application/json",
    )
    assert response.status_code == 200
    [result] = response.json()["results"]
    error(result)
    assert Appointment.objects.get().status == Appointment.Status.CONFIRMED


# ---------------------------------------------------------------------------
# move_appointment


def test_move_to_a_free_slot_moves_the_appointment(client, business, clock) -> None:
    old = book(business, at(26, 10), name="Jean Dupont", motif="vidange")
    moved = value(
        call_tool(
            client,
            "move_appointment",
            {"appointment_id": str(old.public_id), "start": at(27, 14).isoformat()},
            tool_call_id="tc-move",
        )
    )
    assert moved["status"] == "confirmed"
    assert (moved["start"], moved["motif"]) == ("2026-11-27T14:00:00+01:00", "vidange")
    new = Appointment.objects.get(public_id=moved["id"])
    old.refresh_from_db()
    assert old.status == Appointment.Status.MOVED
    assert old.moved_to == new
    assert (new.name, new.phone, new.channel) == ("Jean Dupont", "+33698765432", "voice")


def test_move_by_name(client, business, clock) -> None:
    old = book(business, at(26, 10), name="Jean Dupont")
    moved = value(
        call_tool(client, "move_appointment", {"name": "dupont", "start": at(27, 14).isoformat()})
    )
    assert moved["start"] == "2026-11-27T14:00:00+01:00"
    old.refresh_from_db()
    assert old.status == Appointment.Status.MOVED


def test_a_moved_slot_is_free_again(client, business, clock) -> None:
    old = book(business, at(26, 10), name="Jean Dupont")
    value(
        call_tool(
            client,
            "move_appointment",
            {"appointment_id": str(old.public_id), "start": at(27, 14).isoformat()},
        )
    )
    found = value(call_tool(client, "check_availability", {"preference": "jeudi 26 à 10h"}))
    assert "2026-11-26T10:00:00+01:00" in [s["start"] for s in found["slots"]]


BAD_MOVES = [
    ("busy", lambda: at(27, 14).isoformat(), "this time is not an available slot"),
    ("off-grid", lambda: "2026-11-27T14:15:00+01:00", "this time is not an available slot"),
    ("closed", lambda: at(29, 10).isoformat(), "this time is not an available slot"),
    ("same-time", lambda: at(26, 10).isoformat(), "the appointment is already at this time"),
    ("not-a-date", lambda: "vendredi", "'start' must be an ISO 8601 date-time"),
]


@pytest.mark.parametrize(
    ("make_start", "message"),
    [(s, m) for _, s, m in BAD_MOVES],
    ids=[i for i, _, _ in BAD_MOVES],
)
def test_a_move_that_cannot_be_made_keeps_the_appointment(
    client, business, clock, make_start, message
) -> None:
    old = book(business, at(26, 10), name="Jean Dupont")
    book(business, at(27, 14), name="Marie Martin")
    result = call_tool(
        client, "move_appointment", {"appointment_id": str(old.public_id), "start": make_start()}
    )
    assert error(result) == message
    old.refresh_from_db()
    assert (old.status, old.moved_to) == (Appointment.Status.CONFIRMED, None)
    assert Appointment.objects.count() == 2


def test_moving_an_unknown_appointment_is_an_error_result(client, business, clock) -> None:
    result = call_tool(
        client,
        "move_appointment",
        {"appointment_id": "0b5f3c1e-9d4a-4f6e-8a2b-7c1d0e9f8a6b", "start": at(27, 14).isoformat()},
    )
    assert error(result) == "no such upcoming appointment"
    assert Appointment.objects.exists() is False


def test_a_retried_move_call_returns_the_same_appointment(client, business, clock) -> None:
    old = book(business, at(26, 10), name="Jean Dupont")
    arguments = {"appointment_id": str(old.public_id), "start": at(27, 14).isoformat()}
    first = value(call_tool(client, "move_appointment", arguments, tool_call_id="tc-move"))
    again = value(call_tool(client, "move_appointment", arguments, tool_call_id="tc-move"))
    assert again["id"] == first["id"]
    assert Appointment.objects.count() == 2


# ---------------------------------------------------------------------------
# answer_question

QUESTIONS = [
    (
        "vous prenez la carte ?",
        {"faq_id": "FAQ_PAYMENT", "answer": "Carte bancaire, espèces et virement."},
    ),
    (
        "c'est combien une vidange",
        {"faq_id": "FAQ_OIL_PRICE", "answer": "À partir de 79 € TTC, huile et filtre compris."},
    ),
    ("il va neiger ?", {"faq_id": None, "answer": None}),
]


@pytest.mark.parametrize(("question", "expected"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_answer_question_answers_from_the_faq_or_not_at_all(
    client, business, clock, question, expected
) -> None:
    assert value(call_tool(client, "answer_question", {"question": question})) == expected


def test_answer_question_result_keeps_accents_readable(client, business, clock) -> None:
    result = call_tool(client, "answer_question", {"question": "c'est combien une vidange"})
    assert "À partir de 79 €" in result["result"]


# ---------------------------------------------------------------------------
# Calls we cannot run, and the shapes Vapi sends arguments in


def test_an_unknown_tool_is_an_error_result(client, business, clock) -> None:
    assert error(call_tool(client, "order_pizza", {"size": "L"})) == "unknown tool 'order_pizza'"


NON_OBJECT_ARGUMENTS = [
    ("list", ["vous prenez la carte ?"]),
    ("number", 42),
    ("true", True),
    ("null", None),
    ("string-not-json", "vous prenez la carte ?"),
    ("json-string-of-a-list", '["vous prenez la carte ?"]'),
    ("json-string-of-a-number", "42"),
]


@pytest.mark.parametrize(
    "arguments", [a for _, a in NON_OBJECT_ARGUMENTS], ids=[i for i, _ in NON_OBJECT_ARGUMENTS]
)
def test_non_object_arguments_are_an_error_result(client, business, clock, arguments) -> None:
    result = call_tool(client, "answer_question", arguments)
    assert error(result) == "arguments must be a JSON object"


def test_arguments_as_a_json_string_are_accepted(client, business, clock) -> None:
    arguments = json.dumps({"question": "vous prenez la carte ?"})
    assert value(call_tool(client, "answer_question", arguments))["faq_id"] == "FAQ_PAYMENT"


def test_a_booking_with_json_string_arguments_is_made(client, business, clock) -> None:
    arguments = json.dumps({**CALLER, "start": at(24, 9).isoformat()}, ensure_ascii=False)
    booked = value(call_tool(client, "book_appointment", arguments))
    assert booked["start"] == "2026-11-24T09:00:00+01:00"
    assert Appointment.objects.count() == 1


def test_the_docs_shape_with_parameters_is_accepted(client, business, clock) -> None:
    calls = [
        {
            "id": "abc123",
            "name": "answer_question",
            "parameters": {"question": "vous prenez la carte ?"},
        }
    ]
    [result] = send(client, calls)
    assert (result["toolCallId"], result["name"]) == ("abc123", "answer_question")
    assert value(result)["faq_id"] == "FAQ_PAYMENT"


def test_several_calls_get_one_result_each_in_order(client, business, clock) -> None:
    results = send(
        client,
        [
            call_item("answer_question", {"question": "vous prenez la carte ?"}, "tc-a"),
            call_item("order_pizza", {}, "tc-b"),
            call_item("check_availability", {"preference": "mardi matin"}, "tc-c"),
        ],
    )
    assert [(r["toolCallId"], r["name"]) for r in results] == [
        ("tc-a", "answer_question"),
        ("tc-b", "order_pizza"),
        ("tc-c", "check_availability"),
    ]
    assert value(results[0])["faq_id"] == "FAQ_PAYMENT"
    error(results[1])
    assert value(results[2])["relaxed"] is False


def test_a_tool_call_is_answered_each_time_it_is_delivered(client, business, clock) -> None:
    """Deduplication is for state changes: a request that expects an answer always gets one."""
    first = call_tool(client, "answer_question", {"question": "vous prenez la carte ?"})
    again = call_tool(client, "answer_question", {"question": "vous prenez la carte ?"})
    assert again == first


def test_a_slot_held_for_a_conversation_cannot_be_booked_by_a_tool(client, business, clock) -> None:
    from booking.models import SlotHold

    SlotHold.objects.create(
        business=business, holder="conv-x", start=at(24, 9), end=at(24, 10), expires_at=at(24, 9)
    )
    refused = call_tool(client, "book_appointment", {**CALLER, "start": at(24, 9).isoformat()})
    assert error(refused) == "this time is not an available slot"
    assert not Appointment.objects.exists()


# ---------------------------------------------------------------------------
# With practitioners (the clinic): an optional `practitioner`, by id or by name.


def test_availability_with_a_practitioner_names_it_in_each_slot(client, clinic) -> None:
    found = value(
        call_tool(
            client,
            "check_availability",
            {"preference": "jeudi", "motif": "renouvellement", "practitioner": "Carrère"},
        )
    )
    assert found["slots"]
    for slot in found["slots"]:
        assert slot["practitioner"] == {"id": "dr-carrere", "name": "Dr Hélène Carrère"}
        assert "avec le docteur Carrère" in slot["label"]
        assert datetime.fromisoformat(slot["start"]).hour >= 14  # her Thursday afternoons


def test_an_unknown_practitioner_is_an_error_listing_the_choices(client, clinic) -> None:
    message = error(call_tool(client, "check_availability", {"practitioner": "Dupont"}))
    assert "dr-carrere" in message
    assert "dr-lambert" in message


def test_booking_and_moving_keep_the_practitioner(client, clinic) -> None:
    slot = value(
        call_tool(
            client, "check_availability", {"motif": "détartrage", "practitioner": "dr-lambert"}
        )
    )["slots"][0]
    booked = value(
        call_tool(
            client,
            "book_appointment",
            {**CALLER, "start": slot["start"], "motif": "détartrage", "practitioner": "dr-lambert"},
            tool_call_id="tc-book",
        )
    )
    assert booked["practitioner"]["id"] == "dr-lambert"
    # Friday 27 at 9:00: Lambert works; the move stays with her without being told.
    moved = value(
        call_tool(
            client,
            "move_appointment",
            {"appointment_id": booked["id"], "start": "2026-11-27T09:00:00+01:00"},
            tool_call_id="tc-move",
        )
    )
    assert moved["practitioner"]["id"] == "dr-lambert"
    assert Appointment.objects.get(public_id=moved["id"]).practitioner.key == "dr-lambert"
