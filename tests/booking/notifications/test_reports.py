"""The report's message figures: confirmed through the link, cancellations, no-shows with a
reminder against without."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from booking.models import Appointment
from booking.notifications.models import Notification, SelfServiceAction
from booking.notifications.reports import message_figures
from booking.services import appointment_book

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def test_the_figures(business):
    start = datetime(2026, 11, 2, 9, tzinfo=PARIS)
    made = []
    for i in range(6):
        when = start + timedelta(days=i)
        made.append(
            appointment_book(
                business=business, start=when, end=when + timedelta(hours=1), name=f"Client {i}"
            )
        )
    sent_at = start - timedelta(days=1)
    # Reminders went to the first four; the first two confirmed through the link.
    for appointment in made[:4]:
        Notification.objects.create(
            business=business,
            appointment=appointment,
            kind="reminder",
            medium="sms",
            offset_minutes=120,
            status="sent",
            due_at=sent_at,
            next_attempt_at=sent_at,
            sent_at=sent_at,
        )
    for appointment in made[:2]:
        SelfServiceAction.objects.create(appointment=appointment, action="confirm")
    # Attendance: with a reminder, 1 absent of 4; without, 1 absent of 2.
    Appointment.objects.filter(pk__in=[a.pk for a in made[:3]] + [made[4].pk]).update(
        attendance="arrived"
    )
    Appointment.objects.filter(pk__in=[made[3].pk, made[5].pk]).update(attendance="no_show")
    figures = message_figures(
        since=start - timedelta(days=7),
        until=start + timedelta(days=10),
        now=start + timedelta(days=10),
    )
    assert figures.sent_sms == 4
    assert figures.sent_email == 0
    assert figures.reminded == 4
    assert figures.confirmed_by_link == 2
    assert figures.confirmed_rate == 50.0
    assert (figures.marked_reminded, figures.no_show_reminded) == (4, 1)
    assert (figures.marked_unreminded, figures.no_show_unreminded) == (2, 1)
    assert figures.no_show_rate_reminded == 25.0
    assert figures.no_show_rate_unreminded == 50.0


def test_cancellations_through_the_link_are_counted_in_their_period(business, client):
    from booking.notifications.links import manage_token

    when = timezone.now() + timedelta(days=10)
    appointment = appointment_book(
        business=business, start=when, end=when + timedelta(hours=1), name="Léa"
    )
    client.post(f"/rdv/{manage_token(appointment)}/", {"action": "cancel"})
    now = timezone.now()
    figures = message_figures(
        since=now - timedelta(days=1), until=now + timedelta(days=30), now=now
    )
    assert figures.cancelled_by_link == 1
