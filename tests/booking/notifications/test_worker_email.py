"""The worker against a real SMTP server (aiosmtpd): content, .ics, faults, a killed worker."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone
from icalendar import Calendar

from booking.models import Appointment, Business
from booking.notifications.links import manage_url
from booking.notifications.models import MessageTemplate, Notification, NotificationPolicy
from booking.notifications.worker import STALE_CLAIM, notifications_send_due
from booking.services import appointment_book, appointment_cancel, appointment_move

PARIS = ZoneInfo("Europe/Paris")


def paris(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def business(business, settings):
    """The garage, confirmations only (reminders are tested apart), e-mail only."""
    settings.SMS_BACKEND = ""
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 0
    business.address = "12 rue des Tilleuls, 44000 Nantes"
    business.save()
    NotificationPolicy.objects.create(business=business, reminder_hours="")
    return business


def book(business: Business, start: datetime, **kw) -> Appointment:
    kw.setdefault("name", "Léa Martin")
    kw.setdefault("email", "lea@example.org")
    return appointment_book(business=business, start=start, end=start + timedelta(hours=1), **kw)


def parts(message):
    """(text, html, ics) of an accepted message."""
    text = html = ics = None
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "text/plain" and text is None:
            text = part.get_payload(decode=True).decode()
        elif kind == "text/html":
            html = part.get_payload(decode=True).decode()
        elif kind == "text/calendar":
            ics = Calendar.from_ical(part.get_payload(decode=True))
    return text, html, ics


def event_of(ics: Calendar):
    return next(c for c in ics.walk() if c.name == "VEVENT")


@pytest.mark.django_db
def test_a_booking_confirmation_arrives_with_its_text_html_ics_and_link(business, smtp):
    appointment = book(business, paris(1, 14, 15))
    report = notifications_send_due()
    assert report.sent == 1
    [message] = smtp.accepted
    assert message["To"] == "lea@example.org"
    assert "Garage" in message["From"]
    assert "rdv@garage.example" in message["From"]
    assert message["Subject"] == "Votre rendez-vous du jeudi 14 janvier à 15h"
    text, html, ics = parts(message)
    link = manage_url(appointment)
    assert link.startswith("https://rdv.garage.example/rdv/")
    assert "Bonjour Léa," in text
    assert "jeudi 14 janvier à 15h" in text
    assert "1 heure" in text
    assert link in text
    assert "12 rue des Tilleuls" in text
    assert f'href="{link}"' in html
    assert '<html lang="fr">' in html
    event = event_of(ics)
    assert event.decoded("dtstart") == paris(1, 14, 15).astimezone(UTC)
    assert event.decoded("dtend") == paris(1, 14, 16).astimezone(UTC)
    assert event.decoded("dtstart").tzinfo is not None
    assert str(event["location"]) == "12 rue des Tilleuls, 44000 Nantes"
    row = Notification.objects.get(appointment=appointment)
    assert row.status == "sent"
    assert row.sent_at
    assert row.provider_id == message["Message-ID"]
    assert row.recipient == "lea@example.org"
    assert row.subject == message["Subject"]


@pytest.mark.django_db
def test_a_move_keeps_the_event_uid_so_calendars_update_it(business, smtp):
    old = book(business, paris(1, 14, 15))
    notifications_send_due()
    new = appointment_move(
        business=business, appointment_id=old.pk, start=paris(1, 15, 9), end=paris(1, 15, 10)
    )
    notifications_send_due()
    first, second = (event_of(parts(m)[2]) for m in smtp.accepted)
    assert str(first["uid"]) == str(second["uid"])
    assert int(second["sequence"]) > int(first["sequence"])
    assert second.decoded("dtstart") == paris(1, 15, 9).astimezone(UTC)
    assert "déplacé au vendredi 15 janvier à 9h" in smtp.accepted[1]["Subject"]
    # The old link follows the appointment to its new time.
    assert manage_url(old) != manage_url(new)


@pytest.mark.django_db
def test_a_cancellation_sends_a_cancel_for_the_same_event(business, smtp):
    appointment = book(business, paris(1, 14, 15))
    notifications_send_due()
    appointment_cancel(business=business, appointment_id=appointment.pk, now=timezone.now())
    notifications_send_due()
    booked, cancelled = smtp.accepted
    calendar = parts(cancelled)[2]
    assert str(calendar["method"]) == "CANCEL"
    assert str(event_of(calendar)["status"]) == "CANCELLED"
    assert str(event_of(calendar)["uid"]) == str(event_of(parts(booked)[2])["uid"])


@pytest.mark.django_db
def test_a_reminder_of_an_appointment_cancelled_after_it_was_planned_is_never_sent(
    business, smtp, settings
):
    NotificationPolicy.objects.filter(business=business).update(reminder_hours="48")
    appointment = book(business, paris(1, 14, 15))
    Notification.objects.filter(kind="reminder").update(next_attempt_at=timezone.now())
    # Cancelled by staff directly in the database (no service): the worker still reads it.
    Appointment.objects.filter(pk=appointment.pk).update(status="cancelled")
    report = notifications_send_due()
    assert Notification.objects.get(kind="reminder").status == "withdrawn"
    assert report.withdrawn == 2  # the reminder and the booking's confirmation
    assert smtp.accepted == []


@pytest.mark.django_db
def test_staff_wordings_are_used_and_bad_ones_ignored(business, smtp):
    MessageTemplate.objects.create(
        key="booked.email", subject="RDV le {date}", body="Salut {prenom} ! {lien}"
    )
    book(business, paris(1, 14, 15))
    notifications_send_due()
    assert smtp.accepted[0]["Subject"] == "RDV le jeudi 14 janvier"
    MessageTemplate.objects.filter(key="booked.email").update(body="Salut {inconnu}")
    book(business, paris(1, 14, 16), email="paul@example.org", name="Paul Roy")
    notifications_send_due()
    assert smtp.accepted[1]["Subject"] == "Votre rendez-vous du jeudi 14 janvier à 16h"


@pytest.mark.django_db
def test_a_recipient_refused_for_good_fails_without_retrying(business, smtp):
    async def refuse(server, session, envelope, address, options):
        return "550 5.1.1 No such user"

    smtp.handle_RCPT = refuse
    book(business, paris(1, 14, 15))
    report = notifications_send_due()
    assert report.failed == 1
    row = Notification.objects.get()
    assert row.status == "failed"
    assert "550" in row.last_error
    assert row.attempts == 1


@pytest.mark.django_db
def test_under_faults_every_due_message_is_sent_exactly_once(business, smtp):
    """30 % of messages refused (451), 10 % unanswered past the client's timeout; then healed."""
    smtp.fail, smtp.hang, smtp.hang_seconds = 0.3, 0.1, 2.5
    for i in range(30):
        book(business, paris(1, 11 + i // 8, 8 + i % 8), email=f"client{i}@example.org")
    rows = Notification.objects.filter(kind="booked")
    for _ in range(6):
        notifications_send_due()
    assert smtp.refused > 0
    assert smtp.hung > 0
    smtp.heal()
    for _ in range(10):
        if not rows.exclude(status="sent").exists():
            break
        notifications_send_due()
    assert set(rows.values_list("status", flat=True)) == {"sent"}
    ids = smtp.message_ids()
    assert len(ids) == len(set(ids)) == 30
    assert set(ids) == set(rows.values_list("provider_id", flat=True))


def _worker_until_killed() -> None:
    """In a forked child: one pass, which the test kills while it waits on the server."""
    notifications_send_due(limit=100)
    os._exit(0)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_sends_nothing_twice(business, smtp, settings):
    settings.EMAIL_TIMEOUT = 60  # the child waits on the stuck message until killed
    for i in range(20):
        book(business, paris(1, 11 + i // 8, 8 + i % 8), email=f"client{i}@example.org")
    rows = Notification.objects.filter(kind="booked")
    stuck = {"after": 8}
    original = smtp.handle_DATA

    async def stick_after_eight(server, session, envelope):
        if len(smtp.accepted) >= stuck["after"]:
            smtp.hung += 1
            await __import__("asyncio").sleep(120)
            return "451 4.4.2 Timeout"
        return await original(server, session, envelope)

    smtp.handle_DATA = stick_after_eight
    connections.close_all()
    child = multiprocessing.get_context("fork").Process(target=_worker_until_killed)
    child.start()
    deadline = time.monotonic() + 30
    while not smtp.hung and time.monotonic() < deadline:
        time.sleep(0.05)
    assert smtp.hung == 1
    assert len(smtp.accepted) == 8
    os.kill(child.pid, signal.SIGKILL)
    child.join(5)
    assert rows.filter(status="sent").count() == 8
    assert rows.filter(status="sending").count() == 1  # handed to the server, never answered
    assert rows.filter(status="claimed").count() == 11  # never reached
    # Another worker, once the dead one's claims are stale, sends the rest and not the one
    # that may have gone.
    smtp.handle_DATA = original
    settings.EMAIL_TIMEOUT = 1.0
    call_command("send_notifications", stdout=io.StringIO())  # the claims are not stale yet
    assert len(smtp.accepted) == 8
    notifications_send_due(now=timezone.now() + STALE_CLAIM + timedelta(seconds=1))
    assert rows.filter(status="sent").count() == 19
    assert rows.filter(status="unsure").count() == 1
    ids = smtp.message_ids()
    assert len(ids) == len(set(ids)) == 19


@pytest.mark.django_db
def test_any_provider_through_django_anymail_records_its_message_id(business, settings):
    """An ESP through django-anymail (its test backend here): the provider's id is kept."""
    from django.core import mail

    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    book(business, paris(1, 14, 15))
    assert notifications_send_due().sent == 1
    [message] = mail.outbox
    assert message.to == ["lea@example.org"]
    row = Notification.objects.get()
    assert row.provider_id == str(message.anymail_status.message_id)
