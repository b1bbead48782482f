"""Text messages through the Brevo backend, against a local server speaking its API."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.models import Appointment, Business
from booking.notifications.links import manage_url
from booking.notifications.models import Notification, NotificationPolicy, SmsSuppression
from booking.notifications.sms import BrevoSmsBackend, SmsError
from booking.notifications.worker import notifications_send_due
from booking.services import appointment_book
from tests.booking.notifications.fake_brevo import FakeBrevo

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def paris(month: int, day: int, hour: int) -> datetime:
    return datetime(2027, month, day, hour, tzinfo=PARIS)


@pytest.fixture
def brevo(settings):
    with FakeBrevo() as api:
        settings.SMS_BACKEND = "brevo"
        settings.BREVO_API_URL = api.url
        settings.BREVO_API_KEY = "test-key"
        settings.SMS_SENDER = "GARAGE"
        settings.SMS_TIMEOUT_SECONDS = 1.0
        settings.NOTIFICATION_RETRY_BASE_SECONDS = 0
        settings.PUBLIC_BASE_URL = "https://rdv.garage.example"
        yield api


@pytest.fixture
def business(business):
    """Confirmations only, and no quiet hours (these tests run at any time of day)."""
    NotificationPolicy.objects.create(
        business=business, reminder_hours="", quiet_start="00:00", quiet_end="00:00"
    )
    return business


def book(business: Business, start: datetime, **kw) -> Appointment:
    kw.setdefault("name", "Léa Martin")
    kw.setdefault("phone", "06 12 34 56 78")
    kw.setdefault("motif", "douleur dentaire")
    return appointment_book(business=business, start=start, end=start + timedelta(hours=1), **kw)


def test_a_confirmation_goes_through_brevos_api(business, brevo):
    appointment = book(business, paris(1, 14, 15))
    assert notifications_send_due().sent == 1
    [sent] = brevo.delivered
    assert brevo.headers[0]["api-key"] == "test-key"
    assert sent["recipient"] == "33612345678"
    assert sent["sender"] == "GARAGE"
    assert sent["type"] == "transactional"
    assert manage_url(appointment) in sent["content"]
    assert "jeudi 14 janvier à 15h" in sent["content"]
    # Nothing personal beyond the first name: no family name, no motif.
    assert "Martin" not in sent["content"]
    assert "dentaire" not in sent["content"]
    row = Notification.objects.get(medium="sms")
    assert row.status == "sent"
    assert row.provider_id == "1001"
    assert row.recipient == "+33612345678"


@pytest.mark.parametrize(("status", "retry"), [(500, True), (503, True), (429, True), (400, False)])
def test_provider_errors_are_retried_or_not(brevo, settings, status, retry):
    brevo.status_override = status
    with pytest.raises(SmsError) as raised:
        BrevoSmsBackend().send(to="+33612345678", text="x", key="notification-1")
    assert raised.value.retry is retry
    assert raised.value.unsure is False


def test_an_unreachable_provider_is_retried(settings):
    settings.BREVO_API_URL = "http://127.0.0.1:9/v3"  # nothing listens on the discard port
    with pytest.raises(SmsError) as raised:
        BrevoSmsBackend().send(to="+33612345678", text="x", key="notification-1")
    assert raised.value.retry is True


def test_a_number_that_opted_out_after_planning_is_not_texted(business, brevo):
    book(business, paris(1, 14, 15))
    SmsSuppression.objects.create(phone="+33612345678", source="stop")
    notifications_send_due()
    assert brevo.delivered == []
    assert Notification.objects.get(medium="sms").status == "suppressed"


def test_under_faults_no_text_is_sent_twice_and_none_is_lost_silently(business, brevo):
    """30 % of calls fail (500), 10 % are taken and never answered; then the API heals."""
    brevo.fail, brevo.hang, brevo.hang_seconds = 0.3, 0.1, 1.5
    for i in range(30):
        book(business, paris(1, 11 + i // 8, 8 + i % 8), phone=f"06 12 34 56 {i:02d}")
    rows = Notification.objects.filter(medium="sms")
    for _ in range(5):
        notifications_send_due()
    assert brevo.refused > 0
    assert brevo.hung > 0
    brevo.heal()
    for _ in range(10):
        if not rows.filter(status="pending").exists():
            break
        notifications_send_due()
    recipients = [sent["recipient"] for sent in brevo.delivered]
    assert len(recipients) == len(set(recipients)) == 30  # each once
    # A text whose reply never came is unsure (it went), never sent again by itself.
    assert rows.filter(status="unsure").count() == brevo.hung
    assert rows.filter(status="sent").count() == 30 - brevo.hung
