"""Slots proposed to one conversation are kept from the others for a few minutes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.availability import holds_release, slots_propose
from booking.models import SlotHold
from booking.preferences import Preference
from booking.selectors import business_profile
from booking.services import appointment_book

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, tzinfo=PARIS)
TUESDAY = Preference(dates=frozenset({datetime(2026, 11, 24).date()}), asap=True)


def propose(holder: str, now: datetime = NOW) -> list[datetime]:
    proposal = slots_propose(
        profile=business_profile(), preference=TUESDAY, now=now, minutes=60, holder=holder
    )
    return [s.start for s in proposal.slots]


def test_two_conversations_are_not_offered_the_same_slots(business) -> None:
    first, second = propose("conv-a"), propose("conv-b")
    assert len(first) == len(second) == 3
    assert not set(first) & set(second)


def test_a_new_proposal_replaces_the_holders_own_holds(business) -> None:
    first = propose("conv-a")
    assert propose("conv-a") == first
    assert SlotHold.objects.filter(holder="conv-a").count() == 3


def test_holds_expire(business, settings) -> None:
    first = propose("conv-a")
    later = NOW + timedelta(minutes=settings.SLOT_HOLD_MINUTES + 1)
    assert propose("conv-b", now=later)[:1] == first[:1]


def test_booking_or_releasing_ends_the_holds(business) -> None:
    first = propose("conv-a")
    appointment_book(
        business=business,
        start=first[0],
        end=first[0] + timedelta(hours=1),
        name="A",
        conversation_key="conv-a",
    )
    assert not SlotHold.objects.filter(holder="conv-a").exists()
    propose("conv-b")
    holds_release(holder="conv-b")
    assert propose("conv-c")[:2] == first[1:]


def test_without_a_holder_nothing_is_held(business) -> None:
    slots_propose(profile=business_profile(), preference=TUESDAY, now=NOW, minutes=60)
    assert not SlotHold.objects.exists()
