"""The front desk and messages: the outbox list, resend, wordings with checks and preview."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.models import Appointment
from booking.notifications.models import MessageTemplate, Notification
from booking.services import appointment_book

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def appointment(business) -> Appointment:
    start = datetime(2027, 1, 14, 15, tzinfo=PARIS)
    return appointment_book(
        business=business,
        start=start,
        end=start + timedelta(hours=1),
        name="Léa Martin",
        email="lea@example.org",
    )


def test_the_front_desk_sees_the_outbox_and_resends(front_desk, appointment):
    confirmation = Notification.objects.get(appointment=appointment, kind="booked")
    Notification.objects.filter(pk=confirmation.pk).update(status="unsure")
    listing = front_desk.get("/admin/notifications/notification/")
    assert listing.status_code == 200
    assert "Confirmation" in listing.content.decode()
    done = front_desk.post(
        "/admin/notifications/notification/",
        {"action": "resend", "_selected_action": [confirmation.pk]},
    )
    assert done.status_code == 302
    copy = Notification.objects.get(resend_of=confirmation)
    assert copy.status == "pending"
    assert copy.kind == "booked"
    # A reminder not sent yet is not resent.
    reminder = Notification.objects.filter(appointment=appointment, kind="reminder").first()
    front_desk.post(
        "/admin/notifications/notification/",
        {"action": "resend", "_selected_action": [reminder.pk]},
    )
    assert not Notification.objects.filter(resend_of=reminder).exists()


def test_the_appointment_page_lists_its_messages(front_desk, appointment):
    page = front_desk.get(f"/admin/booking/appointment/{appointment.pk}/change/")
    assert "Confirmation · E-mail" in page.content.decode()


def test_a_wording_with_an_unknown_placeholder_is_refused(front_desk):
    page = front_desk.post(
        "/admin/notifications/messagetemplate/add/",
        {"key": "booked.sms", "subject": "", "body": "RDV {nom} {lien}"},
    )
    assert page.status_code == 200
    assert "Variables inconnues ou interdites" in page.content.decode()
    assert not MessageTemplate.objects.exists()


def test_a_wording_is_saved_and_previewed_on_a_real_appointment(front_desk, appointment):
    done = front_desk.post(
        "/admin/notifications/messagetemplate/add/",
        {"key": "reminder.sms", "subject": "", "body": "Coucou {prenom}, RDV {date} {lien}"},
    )
    assert done.status_code == 302
    template = MessageTemplate.objects.get()
    page = front_desk.get(f"/admin/notifications/messagetemplate/{template.pk}/change/")
    assert "Coucou Léa, RDV jeudi 14 janvier http" in page.content.decode()


def test_the_add_form_starts_from_the_default_wording(front_desk):
    page = front_desk.get("/admin/notifications/messagetemplate/add/?key=booked.sms")
    assert "RDV confirmé le {date}" in page.content.decode()


def test_the_management_reads_but_does_not_resend(manager, appointment):
    assert manager.get("/admin/notifications/notification/").status_code == 200
    confirmation = Notification.objects.get(appointment=appointment, kind="booked")
    Notification.objects.filter(pk=confirmation.pk).update(
        status="sent", sent_at=appointment.created_at
    )
    manager.post(
        "/admin/notifications/notification/",
        {"action": "resend", "_selected_action": [confirmation.pk]},
    )
    assert not Notification.objects.filter(resend_of=confirmation).exists()
