"""Retention: `purge_conversations` deletes silent conversations, in batches; appointments stay."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from booking.models import Appointment, SlotHold
from booking.services import appointment_book
from conversations import retention
from conversations.models import Conversation, Turn, VapiEvent
from conversations.retention import conversations_purge

pytestmark = pytest.mark.django_db

PHONE = "+33612345678"


def conversation(key: str, *, days_ago: float, turns: int = 2) -> Conversation:
    """A conversation last active `days_ago` days ago, with `turns` turns."""
    row = Conversation.objects.create(key=key, data={"name": "Marie Martin", "phone": PHONE})
    for index in range(turns):
        Turn.objects.create(
            conversation=row,
            index=index,
            user_text=f"mon numéro est le 06 12 34 56 78 ({index})",
            reply="Merci.",
            state_before="START",
            state_after="QUALIF_NAME",
        )
    Conversation.objects.filter(pk=row.pk).update(
        updated_at=timezone.now() - timedelta(days=days_ago)
    )
    return row


def hold(business, holder: str) -> SlotHold:
    start = timezone.now() + timedelta(days=1)
    return SlotHold.objects.create(
        business=business,
        holder=holder,
        start=start,
        end=start + timedelta(hours=1),
        expires_at=start,
    )


def keys() -> set[str]:
    return set(Conversation.objects.values_list("key", flat=True))


@pytest.mark.parametrize(
    ("ages", "days", "kept"),
    [
        ({"old": 120, "new": 3}, 90, {"new"}),
        ({"a": 91, "b": 89.9, "c": 0}, 90, {"b", "c"}),
        ({"a": 40, "b": 20}, 30, {"b"}),
        ({"a": 400}, 365, set()),
        ({"a": 1.5, "b": 0.5}, 1, {"b"}),
        ({}, 90, set()),
    ],
)
def test_conversations_older_than_the_window_go_with_their_turns(ages, days, kept) -> None:
    for key, age in ages.items():
        conversation(key, days_ago=age)
    before = retention.retention_cutoff(now=timezone.now(), days=days)
    report = conversations_purge(before=before)
    assert keys() == kept
    assert report.conversations == len(ages) - len(kept)
    assert report.turns == 2 * report.conversations
    assert set(Turn.objects.values_list("conversation__key", flat=True)) == kept


def test_appointments_booked_in_a_purged_conversation_survive(business) -> None:
    old = conversation("old-call", days_ago=200)
    start = datetime(2026, 5, 4, 9, 0, tzinfo=timezone.get_current_timezone())
    appointment = appointment_book(
        business=business,
        start=start,
        end=start + timedelta(hours=1),
        name="Marie Martin",
        phone=PHONE,
        conversation_key=old.key,
    )
    conversations_purge(before=timezone.now() - timedelta(days=90))
    assert not Conversation.objects.exists()
    appointment.refresh_from_db()
    assert (appointment.name, appointment.phone, appointment.status) == (
        "Marie Martin",
        PHONE,
        Appointment.Status.CONFIRMED,
    )


def test_slot_holds_and_old_vapi_deliveries_go_too(business) -> None:
    conversation("old", days_ago=100)
    conversation("new", days_ago=1)
    hold(business, "old")
    hold(business, "new")
    old_event = VapiEvent.objects.create(call_id="old", type="status-update", timestamp="1")
    VapiEvent.objects.filter(pk=old_event.pk).update(
        received_at=timezone.now() - timedelta(days=100)
    )
    VapiEvent.objects.create(call_id="new", type="status-update", timestamp="2")
    report = conversations_purge(before=timezone.now() - timedelta(days=90))
    assert (report.holds, report.vapi_events) == (1, 1)
    assert list(SlotHold.objects.values_list("holder", flat=True)) == ["new"]
    assert list(VapiEvent.objects.values_list("call_id", flat=True)) == ["new"]


def test_a_dry_run_counts_and_deletes_nothing(business) -> None:
    conversation("old", days_ago=100, turns=3)
    conversation("new", days_ago=1)
    hold(business, "old")
    report = conversations_purge(before=timezone.now() - timedelta(days=90), dry_run=True)
    assert (report.conversations, report.turns, report.holds) == (1, 3, 1)
    assert keys() == {"old", "new"}
    assert Turn.objects.count() == 5
    assert SlotHold.objects.count() == 1


def test_deletion_runs_in_batches(monkeypatch) -> None:
    for i in range(5):
        conversation(f"old-{i}", days_ago=100, turns=1)
    conversation("new", days_ago=1)
    sizes: list[int] = []
    delete_batch = retention._delete_batch

    def spy(batch, before, report) -> None:
        sizes.append(len(batch))
        delete_batch(batch, before, report)

    monkeypatch.setattr(retention, "_delete_batch", spy)
    report = conversations_purge(before=timezone.now() - timedelta(days=90), batch_size=2)
    assert sizes == [2, 2, 1]
    assert (report.conversations, report.turns) == (5, 5)
    assert keys() == {"new"}


def test_a_conversation_that_spoke_again_meanwhile_is_kept(monkeypatch) -> None:
    conversation("revived", days_ago=100)
    conversation("old", days_ago=100)
    delete_batch = retention._delete_batch

    def revive_then_delete(batch, before, report) -> None:
        Conversation.objects.filter(key="revived").update(updated_at=timezone.now())
        delete_batch(batch, before, report)

    monkeypatch.setattr(retention, "_delete_batch", revive_then_delete)
    report = conversations_purge(before=timezone.now() - timedelta(days=90))
    assert keys() == {"revived"}
    assert (report.conversations, report.turns) == (1, 2)


def test_the_command_uses_retention_days_and_logs_counts_only(settings, caplog) -> None:
    settings.RETENTION_DAYS = 30
    conversation("old", days_ago=31)
    conversation("new", days_ago=29)
    out = StringIO()
    with caplog.at_level(logging.INFO, logger="conversations.privacy"):
        call_command("purge_conversations", stdout=out)
    assert keys() == {"new"}
    assert "Deleted 1 conversation(s), 2 turn(s)" in out.getvalue()
    assert "30 day(s)" in out.getvalue()
    lines = [r.getMessage() for r in caplog.records if r.name == "conversations.privacy"]
    assert lines == [
        "[PRIVACY] purge conversations=1 turns=2 holds=0 vapi_events=0 messages=0 dry_run=False"
    ]
    assert not any("06 12" in line or PHONE in line or "Marie" in line for line in lines)


def test_the_command_days_option_overrides_the_setting(settings) -> None:
    settings.RETENTION_DAYS = 90
    conversation("old", days_ago=10)
    conversation("new", days_ago=1)
    call_command("purge_conversations", "--days", "5", stdout=StringIO())
    assert keys() == {"new"}


def test_the_command_dry_run_deletes_nothing() -> None:
    conversation("old", days_ago=100)
    out = StringIO()
    call_command("purge_conversations", "--dry-run", stdout=out)
    assert keys() == {"old"}
    assert "Would delete 1 conversation(s), 2 turn(s)" in out.getvalue()


def test_the_default_window_is_90_days() -> None:
    from django.conf import settings

    assert settings.RETENTION_DAYS == 90


@pytest.mark.parametrize("days", ["0", "-3"])
def test_the_command_refuses_an_empty_window(days) -> None:
    conversation("recent", days_ago=0)
    with pytest.raises(CommandError):
        call_command("purge_conversations", "--days", days, stdout=StringIO())
    assert keys() == {"recent"}
