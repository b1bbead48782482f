"""Issue 12, item 1: a `tool-calls` delivery acts only on the caller's own appointments (booked in
this call, or with the number the call comes from), named by their public id, never by the
sequential pk; nothing is said about other people's appointments."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.test import Client

from booking.models import Appointment
from booking.services import appointment_book
from tests.conftest import PARIS

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "fixtures" / "vapi"
CALL_ID = "6a0f1d2c-voice-ownership-call"
CALLER = "+33611223344"
SOMEONE_ELSE = "+33698765432"


@pytest.fixture(autouse=True)
def _voice_open(settings):
    settings.VAPI_ALLOW_UNAUTHENTICATED = True


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=PARIS)


def book(business, start: datetime, *, name: str, phone: str, **kwargs) -> Appointment:
    return appointment_book(
        business=business,
        start=start,
        end=start + timedelta(hours=1),
        name=name,
        phone=phone,
        **kwargs,
    )


def tool(
    client: Client,
    name: str,
    arguments: dict,
    *,
    number: str | None = CALLER,
    call_id: str = CALL_ID,
    tool_call_id: str = "tc-1",
) -> dict:
    body = copy.deepcopy(json.loads((FIXTURES / "tool-calls.json").read_text(encoding="utf-8")))
    message = body["message"]
    calls = [
        {"id": tool_call_id, "type": "function", "function": {"name": name, "arguments": arguments}}
    ]
    message["toolCallList"] = message["toolCalls"] = calls
    message["call"]["id"] = call_id
    customer = {"number": number} if number is not None else {}
    message["customer"] = message["call"]["customer"] = customer
    response = client.post("/api/vapi/webhook", data=body, content_type="application/json")
    assert response.status_code == 200
    [result] = response.json()["results"]
    return result


def status(appointment: Appointment) -> str:
    appointment.refresh_from_db()
    return appointment.status


def test_the_sequential_id_is_refused(client, business, clock) -> None:
    mine = book(business, at(26, 10), name="Jean Dupont", phone=CALLER)

    result = tool(client, "cancel_appointment", {"appointment_id": str(mine.pk)})

    assert "find_appointment" in result["error"]
    assert status(mine) == "confirmed"


def test_someone_elses_appointment_cannot_be_cancelled_by_its_public_id(
    client, business, clock
) -> None:
    theirs = book(business, at(26, 10), name="Marie Martin", phone=SOMEONE_ELSE)

    result = tool(client, "cancel_appointment", {"appointment_id": str(theirs.public_id)})
    unknown = tool(
        client, "cancel_appointment", {"appointment_id": "0b5f3c1e-9d4a-4f6e-8a2b-7c1d0e9f8a6b"}
    )

    assert result == {**unknown, "toolCallId": result["toolCallId"]}  # same answer as no such id
    assert result["error"] == "no such upcoming appointment"
    assert status(theirs) == "confirmed"


def test_someone_elses_appointment_cannot_be_moved(client, business, clock) -> None:
    theirs = book(business, at(26, 10), name="Marie Martin", phone=SOMEONE_ELSE)

    result = tool(
        client,
        "move_appointment",
        {"appointment_id": str(theirs.public_id), "start": at(27, 14).isoformat()},
    )

    assert result["error"] == "no such upcoming appointment"
    assert status(theirs) == "confirmed"
    assert Appointment.objects.count() == 1


def test_the_callers_own_appointment_is_cancelled_by_its_public_id(client, business, clock) -> None:
    mine = book(business, at(26, 10), name="Jean Dupont", phone=CALLER)

    result = json.loads(
        tool(client, "cancel_appointment", {"appointment_id": str(mine.public_id)})["result"]
    )

    assert (result["id"], result["status"]) == (str(mine.public_id), "cancelled")


def test_the_caller_number_is_compared_in_its_e164_form(client, business, clock) -> None:
    mine = book(business, at(26, 10), name="Jean Dupont", phone=CALLER)

    tool(
        client,
        "cancel_appointment",
        {"appointment_id": str(mine.public_id)},
        number="06 11 22 33 44",
    )

    assert status(mine) == "cancelled"


def test_find_appointment_lists_only_the_callers_appointments(client, business, clock) -> None:
    mine = book(business, at(26, 10), name="Jean Dupont", phone=CALLER)
    book(business, at(26, 11), name="Jean Dupont", phone=SOMEONE_ELSE)

    found = json.loads(tool(client, "find_appointment", {"name": "Jean Dupont"})["result"])

    assert [a["id"] for a in found["appointments"]] == [str(mine.public_id)]


def test_find_appointment_by_someone_elses_name_finds_nothing(client, business, clock) -> None:
    book(business, at(26, 10), name="Marie Martin", phone=SOMEONE_ELSE)

    found = json.loads(tool(client, "find_appointment", {"name": "Marie Martin"})["result"])

    assert found == {"appointments": []}


def test_cancel_by_someone_elses_name_says_nothing_matches(client, business, clock) -> None:
    theirs = book(business, at(26, 10), name="Marie Martin", phone=SOMEONE_ELSE)

    result = tool(client, "cancel_appointment", {"name": "Marie Martin"})

    assert result["error"] == "0 upcoming appointments match; pass 'appointment_id'"
    assert status(theirs) == "confirmed"


def test_a_call_without_a_number_acts_on_no_phone_booking(client, business, clock) -> None:
    mine = book(business, at(26, 10), name="Jean Dupont", phone=CALLER)

    result = tool(
        client, "cancel_appointment", {"appointment_id": str(mine.public_id)}, number=None
    )

    assert result["error"] == "no such upcoming appointment"
    assert status(mine) == "confirmed"


def test_an_appointment_booked_in_this_call_is_the_calls_own(client, business, clock) -> None:
    booked = json.loads(
        tool(
            client,
            "book_appointment",
            {"name": "Paul Durand", "phone": "0755667788", "start": at(26, 10).isoformat()},
            number=None,
            tool_call_id="tc-book",
        )["result"]
    )
    arguments = {"appointment_id": booked["id"]}

    other_call = tool(client, "cancel_appointment", arguments, number=None, call_id="other-call")
    found = json.loads(
        tool(client, "find_appointment", {"name": "Paul Durand"}, number=None)["result"]
    )
    same_call = json.loads(tool(client, "cancel_appointment", arguments, number=None)["result"])

    assert other_call["error"] == "no such upcoming appointment"
    assert [a["id"] for a in found["appointments"]] == [booked["id"]]
    assert same_call["status"] == "cancelled"


def test_a_web_booking_under_the_call_id_is_not_the_calls_own(client, business, clock) -> None:
    web = book(
        business,
        at(26, 10),
        name="Marie Martin",
        phone=SOMEONE_ELSE,
        channel=Appointment.Channel.WEB,
        conversation_key=CALL_ID,
    )

    result = tool(client, "cancel_appointment", {"appointment_id": str(web.public_id)})

    assert result["error"] == "no such upcoming appointment"
    assert status(web) == "confirmed"
