"""The outbox: rows written with each booking, move and cancellation, in their transaction."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from booking.models import Appointment, Business
from booking.notifications.models import Notification, NotificationPolicy, SmsSuppression
from booking.services import appointment_book, appointment_cancel, appointment_move

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)  # Monday


@pytest.fixture(autouse=True)
def monday(settings):
    settings.SMS_BACKEND = "console"
    with time_machine.travel(NOW, tick=False):
        yield


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


def book(business: Business, start: datetime, **kw) -> Appointment:
    kw.setdefault("name", "Léa Martin")
    kw.setdefault("email", "lea@example.org")
    kw.setdefault("phone", "+33612345678")
    return appointment_book(business=business, start=start, end=start + timedelta(hours=1), **kw)


def planned(appointment: Appointment, status: str = "pending") -> set[tuple[str, str, int]]:
    rows = Notification.objects.filter(appointment=appointment, status=status)
    return set(rows.values_list("kind", "medium", "offset_minutes"))


def test_a_booking_is_confirmed_and_reminded_by_email_and_text(business):
    appointment = book(business, paris(26, 15))  # Thursday
    assert planned(appointment) == {
        ("booked", "email", 0),
        ("booked", "sms", 0),
        ("reminder", "email", 2880),
        ("reminder", "sms", 2880),
        ("reminder", "email", 120),
        ("reminder", "sms", 120),
    }
    reminders = Notification.objects.filter(appointment=appointment, kind="reminder")
    assert {r.due_at for r in reminders} == {paris(24, 15), paris(26, 13)}
    confirmation = Notification.objects.get(appointment=appointment, kind="booked", medium="email")
    assert confirmation.due_at == NOW


def test_the_rows_are_written_in_the_booking_transaction(business):
    def book_then_fail() -> None:
        with transaction.atomic():
            book(business, paris(26, 15))
            raise RuntimeError("the turn failed after booking")

    with pytest.raises(RuntimeError):
        book_then_fail()
    assert not Appointment.objects.exists()
    assert not Notification.objects.exists()


def test_booked_inside_a_reminder_window_skips_that_reminder(business):
    appointment = book(business, paris(24, 10))  # tomorrow 10:00: 48 h is past
    assert planned(appointment) >= {("reminder", "email", 120)}
    assert ("reminder", "email", 2880) not in planned(appointment)


@pytest.mark.parametrize(
    ("contact", "media"),
    [
        ({"email": "", "phone": "+33612345678"}, {"sms"}),
        ({"email": "lea@example.org", "phone": ""}, {"email"}),
        # A landline gets no text message.
        ({"email": "", "phone": "+33145678901"}, set()),
        ({"email": "lea@example.org", "phone": "+33145678901"}, {"email"}),
        # A Belgian mobile does, and a French one from a block the metadata does not know yet.
        ({"email": "", "phone": "+32470123456"}, {"sms"}),
        ({"email": "", "phone": "+33700000000"}, {"sms"}),
    ],
)
def test_each_contact_gets_the_channels_it_can_receive(business, contact, media):
    appointment = book(business, paris(26, 15), **contact)
    assert {medium for _, medium, _ in planned(appointment)} == media


def test_a_number_that_said_stop_gets_no_text(business):
    SmsSuppression.objects.create(phone="+33612345678", source="stop")
    appointment = book(business, paris(26, 15), phone="06 12 34 56 78")
    assert {medium for _, medium, _ in planned(appointment)} == {"email"}


def test_without_an_sms_backend_no_text_is_planned(business, settings):
    settings.SMS_BACKEND = ""
    appointment = book(business, paris(26, 15))
    assert {medium for _, medium, _ in planned(appointment)} == {"email"}


def test_the_business_chooses_channels_and_reminder_times(business):
    NotificationPolicy.objects.create(
        business=business,
        sms_enabled=False,
        reminder_hours="24",
        quiet_start=time(21),
        quiet_end=time(7),
    )
    appointment = book(business, paris(26, 15))
    assert planned(appointment) == {("booked", "email", 0), ("reminder", "email", 1440)}


def test_a_move_withdraws_the_old_reminders_and_plans_the_new_ones(business):
    old = book(business, paris(26, 15))
    new = appointment_move(
        business=business, appointment_id=old.pk, start=paris(27, 10), end=paris(27, 11)
    )
    assert planned(old) == set()
    assert ("reminder", "email", 120) in planned(old, "withdrawn")
    assert ("moved", "email", 0) in planned(new)
    assert Notification.objects.get(
        appointment=new, kind="reminder", medium="email", offset_minutes=120
    ).due_at == paris(27, 8)


def test_a_cancellation_withdraws_the_reminders_and_is_confirmed(business):
    appointment = book(business, paris(26, 15))
    appointment_cancel(business=business, appointment_id=appointment.pk, now=NOW)
    assert planned(appointment) == {("cancelled", "email", 0), ("cancelled", "sms", 0)}
    assert Notification.objects.filter(appointment=appointment, status="withdrawn").count() == 6


def test_the_database_refuses_a_second_reminder_of_the_same_kind(business):
    from django.db import IntegrityError

    appointment = book(business, paris(26, 15))
    row = Notification.objects.get(
        appointment=appointment, kind="reminder", medium="email", offset_minutes=120
    )
    row.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_a_past_appointment_entered_by_staff_gets_nothing(business):
    appointment = book(business, paris(20, 10))
    assert planned(appointment) == set()


def test_the_profile_sets_channels_reminders_and_quiet_hours(profile):
    from booking.profiles import business_load_profile

    profile["notifications"] = {
        "email": True,
        "sms": False,
        "reminder_hours": [2, 24],
        "quiet_hours": ["21:00", "07:30"],
    }
    business = business_load_profile(profile)
    business_load_profile(profile)  # loading twice changes nothing
    policy = NotificationPolicy.objects.get(business=business)
    assert (policy.email_enabled, policy.sms_enabled) == (True, False)
    assert policy.reminder_hours == "24,2"
    assert (policy.quiet_start, policy.quiet_end) == (time(21), time(7, 30))
    # A profile without the key leaves what the admin set.
    del profile["notifications"]
    NotificationPolicy.objects.filter(business=business).update(reminder_hours="72")
    business_load_profile(profile)
    assert NotificationPolicy.objects.get(business=business).reminder_hours == "72"


@pytest.mark.parametrize(
    ("notifications", "message"),
    [
        ([], "notifications: expected an object"),
        ({"emails": True}, "unknown keys"),
        ({"sms": "yes"}, "notifications.sms: expected true or false"),
        ({"reminder_hours": [0]}, "whole hours from 1 to 720"),
        ({"reminder_hours": "48"}, "whole hours from 1 to 720"),
        ({"quiet_hours": ["21:00"]}, "quiet_hours"),
        ({"quiet_hours": ["25:00", "08:00"]}, "is not a time"),
    ],
)
def test_a_bad_notifications_entry_is_refused_readably(profile, notifications, message):
    from booking.profiles import ProfileError, validate_profile

    profile["notifications"] = notifications
    with pytest.raises(ProfileError, match=message):
        validate_profile(profile)
