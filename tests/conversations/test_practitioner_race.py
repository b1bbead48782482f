"""Real races through whole conversations: 20 callers confirm one time at once, on one
practitioner (one booking) or spread over three (three bookings)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from booking.models import Appointment
from booking.profiles import business_load_profile
from conversations.models import Conversation
from conversations.services import conversation_handle_turn
from receptionist.lib.snapshots import clear_all
from tests.conversations.racing import confirm_at_once

CALLERS = 20
PARIS = ZoneInfo("Europe/Paris")
CLINIC = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "clinic_profile.json").read_text()
)
TARGET = datetime(2026, 11, 24, 15, tzinfo=PARIS)


@pytest.fixture
def clinic(transactional_db, time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 7, tzinfo=PARIS))
    clear_all()
    business = business_load_profile(CLINIC)
    yield business
    clear_all()


def waiting_for_yes(index: int, practitioner: str) -> str:
    """A conversation at the recap of TARGET with `practitioner` (holds aside: as if each had
    been offered it)."""
    key = conversation_handle_turn(channel="web", conversation_id=None, message="").conversation_id
    for line in (
        "une consultation",
        f"Client Numéro{chr(65 + index)}",
        "peu importe",
        "mardi",
        "0612345678",
    ):
        turn = conversation_handle_turn(channel="web", conversation_id=key, message=line)
    assert turn.state == "WAIT_CONFIRM", turn.reply
    slot = {
        "start": TARGET.isoformat(),
        "end": (TARGET + timedelta(minutes=30)).isoformat(),
        "appointment_id": None,
        "practitioner": practitioner,
    }
    conversation = Conversation.objects.get(key=key)
    conversation.state = "BOOKING_CONFIRM"
    conversation.data = {**conversation.data, "chosen": slot, "slots": [slot]}
    conversation.save(update_fields=["state", "data"])
    return key


def race(keys: list[str]) -> list[str]:
    return sorted(turn.state for turn in confirm_at_once(keys).values())


def test_twenty_conversations_on_one_practitioner_give_one_booking(clinic) -> None:
    keys = [waiting_for_yes(i, "dr-carrere") for i in range(CALLERS)]
    assert race(keys) == ["CONFIRMED"] + ["WAIT_CONFIRM"] * (CALLERS - 1)
    booked = Appointment.objects.filter(status="confirmed", start=TARGET)
    assert list(booked.values_list("practitioner__key", flat=True)) == ["dr-carrere"]


def test_twenty_conversations_across_three_practitioners_give_three_bookings(clinic) -> None:
    keys_of = ["dr-carrere", "dr-nguyen", "dr-lambert"]
    keys = [waiting_for_yes(i, keys_of[i % 3]) for i in range(CALLERS)]
    assert race(keys) == ["CONFIRMED"] * 3 + ["WAIT_CONFIRM"] * (CALLERS - 3)
    booked = Appointment.objects.filter(status="confirmed", start=TARGET)
    assert sorted(booked.values_list("practitioner__key", flat=True)) == sorted(keys_of)
