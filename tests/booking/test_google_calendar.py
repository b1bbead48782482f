"""The Google Calendar backend with the real client library, over HTTP, against a fake API."""

from __future__ import annotations

import logging
import os
import signal
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from booking.availability import slots_propose
from booking.calendar_health import calendar_health
from booking.calendars import calendar_backend, event_id_for
from booking.models import Appointment, CalendarChange
from booking.preferences import Preference
from booking.selectors import business_profile
from booking.services import appointment_book, appointment_cancel, appointment_move
from booking.sync import _claim, sync_pending

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, tzinfo=PARIS)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=PARIS)


def book(business, start: datetime, name: str = "Marie Martin") -> Appointment:
    return appointment_book(
        business=business, start=start, end=start + timedelta(hours=1), name=name
    )


def test_a_booking_is_pending_then_pushed_with_its_own_event_id(business, google, clock) -> None:
    appointment = book(business, at(24, 9))
    assert appointment.sync_status == "pending"
    assert CalendarChange.objects.filter(appointment=appointment, status="pending").count() == 1
    assert sync_pending().pushed == 1
    appointment.refresh_from_db()
    assert (appointment.sync_status, appointment.calendar_event_id) == (
        "synced",
        event_id_for(appointment),
    )
    event = google.confirmed()[event_id_for(appointment)]
    assert event["start"]["dateTime"] == at(24, 9).isoformat()
    assert event["summary"] == "RDV Marie Martin"


def test_a_retry_of_a_push_that_already_succeeded_counts_as_done(business, google, clock) -> None:
    appointment = book(business, at(24, 9))
    calendar_backend().push(
        appointment, event_id_for(appointment)
    )  # an earlier attempt got through
    assert sync_pending().pushed == 1  # insert answers 409: the event is updated instead
    assert len(google.confirmed()) == 1
    assert (
        "PATCH",
        f"/calendar/v3/calendars/{google_id()}/events/{event_id_for(appointment)}",
    ) in google.requests


def google_id() -> str:
    from urllib.parse import quote

    return quote("cabinet-test@group.calendar.google.com")


def test_a_move_patches_the_same_event(business, google, clock) -> None:
    old = book(business, at(24, 9))
    sync_pending()
    new = appointment_move(
        business=business, appointment_id=old.pk, start=at(26, 14), end=at(26, 15)
    )
    sync_pending()
    events = google.confirmed()
    assert list(events) == [event_id_for(old)]
    assert events[event_id_for(old)]["start"]["dateTime"] == at(26, 14).isoformat()
    new.refresh_from_db()
    assert (new.sync_status, new.calendar_event_id) == ("synced", event_id_for(old))


def test_a_move_before_the_first_push_leaves_one_event(business, google, clock) -> None:
    old = book(business, at(24, 9))
    appointment_move(business=business, appointment_id=old.pk, start=at(26, 14), end=at(26, 15))
    sync_pending()
    events = google.confirmed()
    assert len(events) == 1
    assert next(iter(events.values()))["start"]["dateTime"] == at(26, 14).isoformat()


def test_a_cancellation_deletes_the_event_and_a_second_delete_is_done(
    business, google, clock
) -> None:
    appointment = book(business, at(26, 9))
    sync_pending()
    appointment_cancel(business=business, appointment_id=appointment.pk, now=NOW)
    assert sync_pending().pushed == 1
    assert google.confirmed() == {}
    calendar_backend().remove(event_id_for(appointment))  # 410 Gone counts as done


def test_events_put_in_the_calendar_by_staff_are_never_proposed(business, google, clock) -> None:
    google.add_event(
        "cabinet-test@group.calendar.google.com",
        "staffevent1",
        at(24, 9).isoformat(),
        at(24, 12).isoformat(),
    )
    proposal = slots_propose(
        profile=business_profile(),
        preference=Preference(dates=frozenset({at(24, 0).date()})),
        now=NOW,
        minutes=60,
    )
    assert proposal.slots
    assert all(not (at(24, 9) <= s.start < at(24, 12)) for s in proposal.slots)


def test_an_unreadable_calendar_falls_back_to_the_database_and_says_so(
    business, google, clock, caplog
) -> None:
    google.fail_rate = 1.0
    with caplog.at_level(logging.WARNING):
        proposal = slots_propose(
            profile=business_profile(), preference=Preference(), now=NOW, minutes=60
        )
    assert len(proposal.slots) == 3
    assert "busy times unavailable" in caplog.text


def test_transient_failures_are_retried_within_a_push(business, google, clock) -> None:
    appointment = book(business, at(24, 9))
    google.fail_next = 1  # one 503, then the retry goes through
    assert sync_pending().pushed == 1
    assert event_id_for(appointment) in google.confirmed()


def test_a_failed_push_stays_pending_for_later(business, google, clock) -> None:
    appointment = book(business, at(24, 9))
    google.fail_rate = 1.0
    assert sync_pending().failed == 1
    change = CalendarChange.objects.get(appointment=appointment)
    assert (change.status, change.attempts) == ("pending", 1)
    assert change.last_error.startswith("insert: HTTP 503")
    google.fail_rate = 0.0
    assert sync_pending().pushed == 1


@pytest.mark.parametrize("mode", ["unauthorized", "invalid_grant"])
def test_refused_credentials_mark_the_calendar_unhealthy_and_booking_goes_on(
    business, google, clock, api_client, settings, mode
) -> None:
    google.mode = mode
    appointment = book(business, at(24, 9))
    assert sync_pending().failed == 1
    health = api_client.get("/health").json()["checks"]["calendar"]
    assert (health["backend"], health["healthy"]) == ("google", False)
    assert settings.GOOGLE_SERVICE_ACCOUNT_BASE64[:20] not in str(health)
    assert "PRIVATE KEY" not in str(health)
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"
    google.mode = ""
    assert sync_pending().pushed == 1
    assert calendar_health()["healthy"] is True


def test_two_workers_never_claim_the_same_change(business, google, clock) -> None:
    book(business, at(24, 9))
    change = CalendarChange.objects.get()
    now = datetime.now(tz=PARIS)
    assert _claim(change, "worker-a", now) is True
    assert _claim(change, "worker-b", now) is False


@pytest.mark.django_db(transaction=True)  # the loop closes stale connections between passes
def test_sync_calendar_pushes_once_and_stops_on_sigterm(business, google, clock, capsys) -> None:
    book(business, at(24, 9))
    call_command("sync_calendar")
    assert "pushed 1" in capsys.readouterr().out
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM))
    previous = signal.getsignal(signal.SIGTERM)
    timer.start()
    try:
        call_command("sync_calendar", "--loop", "--interval", "0.05")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert "sync_calendar stopped." in capsys.readouterr().out


def test_the_key_is_checked_without_quoting_it(settings) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from booking.calendars import service_account_info

    with pytest.raises(ImproperlyConfigured, match="not base64-encoded JSON") as caught:
        service_account_info("bm90LWpzb24=secret")
    assert "secret" not in str(caught.value)


def test_busy_times_are_cached_and_refreshed_after_our_writes(
    business, google, clock, settings
) -> None:
    settings.CALENDAR_BUSY_CACHE_SECONDS = 60
    backend = calendar_backend()
    window = (at(24, 0), at(25, 0))
    backend.busy(business, *window)
    backend.busy(business, *window)
    assert sum(1 for _, path in google.requests if path.endswith("freeBusy")) == 1
    book(business, at(24, 9))
    sync_pending()
    assert len(backend.busy(business, *window)) == 1
