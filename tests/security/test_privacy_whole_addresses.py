"""Issue 12, item 5: an export or an erasure by e-mail finds whole addresses only.

`lefebvre@…` found `marie.lefebvre@…` (a substring of her address) and erased her.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from booking.models import Appointment
from booking.services import appointment_book
from conversations.models import Conversation, Turn
from conversations.privacy import Subject, whole_match

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
PAGE = reverse("admin-privacy")
MARIE = "marie.lefebvre@example.fr"
OTHER = "lefebvre@example.fr"


@pytest.fixture
def marie(business, clock) -> Appointment:
    start = datetime(2026, 11, 24, 10, tzinfo=PARIS)
    appointment = appointment_book(
        business=business,
        start=start,
        end=start + timedelta(hours=1),
        name="Marie Lefebvre",
        email=MARIE,
        conversation_key="ml",
    )
    conversation = Conversation.objects.create(key="ml", data={"email": MARIE}, turn_count=1)
    Turn.objects.create(
        conversation=conversation,
        index=0,
        user_text=f"mon adresse : {MARIE.upper()}",
        reply="Bien noté.",
        state_before="QUALIF_CONTACT",
        state_after="WAIT_CONFIRM",
    )
    Conversation.objects.create(key="call", summary=f"Rappeler {MARIE}.", turn_count=0)
    return appointment


def test_an_export_by_a_shorter_address_finds_nobody(manager, marie) -> None:
    response = manager.post(PAGE, {"contact": OTHER, "action": "export"})

    data = json.loads(response.content)
    assert (data["appointments"], data["conversations"]) == ([], [])


def test_an_erasure_by_a_shorter_address_leaves_her_untouched(manager, marie) -> None:
    manager.post(PAGE, {"contact": OTHER, "action": "erase-confirmed"})

    marie.refresh_from_db()
    assert (marie.name, marie.email, marie.status) == ("Marie Lefebvre", MARIE, "confirmed")
    assert set(Conversation.objects.values_list("key", flat=True)) == {"ml", "call"}


def test_her_own_address_still_finds_everything_in_any_case(manager, marie) -> None:
    response = manager.post(PAGE, {"contact": MARIE.upper(), "action": "export"})

    data = json.loads(response.content)
    assert [a["id"] for a in data["appointments"]] == [str(marie.public_id)]
    assert {c["id"] for c in data["conversations"]} == {"ml", "call"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("écrire à lefebvre@example.fr.", True),
        ("<LEFEBVRE@EXAMPLE.FR>", True),
        ("écrire à marie.lefebvre@example.fr", False),
        ("écrire à marie-lefebvre@example.fr", False),
        ("écrire à lefebvre@example.fr.com", False),
        ("écrire à lefebvre@example.fredo", False),
    ],
)
def test_an_address_matches_only_whole(text: str, found: bool) -> None:
    assert bool(whole_match(Subject(email=OTHER)).search(text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("au 06 12 34 56 78 merci", True),
        ("+33612345678", True),
        ("dossier 106123456789", False),
        ("au 06 12 34 56 789", False),
    ],
)
def test_a_number_matches_only_whole(text: str, found: bool) -> None:
    assert bool(whole_match(Subject(phone="+33612345678")).search(text)) is found
