"""Privacy: the export shows a person's messages, erasing empties them, the purge keeps only
the legal minimum (date, channel, status) past the retention period."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from booking.models import Appointment
from booking.notifications.models import Notification, NotificationPolicy
from booking.notifications.worker import notifications_send_due
from booking.services import appointment_book
from conversations.privacy import Subject, subject_erase, subject_export

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def sent(business, settings) -> Appointment:
    """An appointment whose confirmation went out by e-mail (Django's test outbox)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = ""
    NotificationPolicy.objects.create(business=business, reminder_hours="48")
    start = datetime(2027, 1, 14, 15, tzinfo=PARIS)
    appointment = appointment_book(
        business=business,
        start=start,
        end=start + timedelta(hours=1),
        name="Léa Martin",
        email="lea@example.org",
    )
    notifications_send_due()
    return appointment


def test_the_export_lists_the_messages_sent(sent):
    exported = subject_export(subject=Subject(email="lea@example.org"), now=timezone.now())
    [appointment] = exported["appointments"]
    kinds = {(m["kind"], m["status"]) for m in appointment["messages"]}
    assert kinds == {("booked", "sent"), ("reminder", "pending")}
    booked = next(m for m in appointment["messages"] if m["kind"] == "booked")
    assert booked["recipient"] == "lea@example.org"
    assert "Bonjour Léa" in booked["body"]


def test_erasing_the_person_empties_their_messages_and_stops_the_rest(sent):
    subject_erase(subject=Subject(email="lea@example.org"), now=timezone.now())
    rows = Notification.objects.filter(appointment=sent)
    assert set(rows.values_list("recipient", "subject", "body")) == {("", "", "")}
    assert not rows.filter(status="pending").exists()
    # The legal minimum stays: when, which channel, what became of it.
    assert rows.filter(kind="booked", status="sent", sent_at__isnull=False).exists()


def test_the_purge_drops_the_text_of_old_messages_and_keeps_the_minimum(sent, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=400))
    out = io.StringIO()
    call_command("purge_conversations", stdout=out)
    assert "the text of 1 message(s)" in out.getvalue()
    booked = Notification.objects.get(appointment=sent, kind="booked")
    assert (booked.recipient, booked.subject, booked.body) == ("", "", "")
    assert booked.status == "sent"
    assert booked.sent_at is not None
    assert booked.medium == "email"
    # The reminder was never settled (still pending): nothing dropped from it.
    assert Notification.objects.get(appointment=sent, kind="reminder").status == "pending"


def test_the_purge_leaves_recent_messages(sent):
    call_command("purge_conversations", stdout=io.StringIO())
    assert Notification.objects.get(appointment=sent, kind="booked").recipient == "lea@example.org"
