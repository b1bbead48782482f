"""A real race: 20 conversations confirm the same slot at the same moment."""

from __future__ import annotations

from datetime import datetime

import pytest

from booking.models import Appointment
from conversations.models import Conversation
from conversations.services import conversation_handle_turn
from tests.conversations.racing import confirm_at_once

CALLERS = 20


def prepare(index: int) -> str:
    """A conversation waiting for « oui » on Tuesday 9:00."""
    first = conversation_handle_turn(channel="web", conversation_id=None, message="")
    for line in (
        "un rendez-vous",
        f"Client Numéro{chr(65 + index)}",
        "vidange",
        "mardi 9h",
        "0612345678",
    ):
        turn = conversation_handle_turn(
            channel="web", conversation_id=first.conversation_id, message=line
        )
    assert turn.state == "WAIT_CONFIRM"
    return first.conversation_id


@pytest.mark.django_db(transaction=True)
def test_twenty_conversations_confirming_one_slot_give_one_appointment(business, clock) -> None:
    keys = [prepare(i) for i in range(CALLERS)]
    # Every conversation chose the same slot (holds aside: as if each had been offered it).
    target = datetime.fromisoformat(Conversation.objects.get(key=keys[0]).data["slots"][0]["start"])
    for key in keys:
        conversation = Conversation.objects.get(key=key)
        slot = {
            "start": target.isoformat(),
            "end": target.replace(hour=target.hour + 1).isoformat(),
            "appointment_id": None,
        }
        conversation.state = "BOOKING_CONFIRM"
        conversation.data = {**conversation.data, "chosen": slot, "slots": [slot]}
        conversation.save(update_fields=["state", "data"])
    results = confirm_at_once(keys)
    states = sorted(turn.state for turn in results.values())
    assert states == ["CONFIRMED"] + ["WAIT_CONFIRM"] * (CALLERS - 1)
    assert Appointment.objects.filter(status="confirmed", start=target).count() == 1
    for turn in results.values():
        if turn.state == "WAIT_CONFIRM":
            assert target.isoformat() not in [s["start"] for s in turn.slots]
