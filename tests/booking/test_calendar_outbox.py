"""The calendar outbox converges and never gives up silently (issue 12, item 9).

Pushes of one appointment may overlap (the quick push after the commit, the worker, a second
worker): whichever lands last must show the appointment's final state. The fake Google server
runs the real client over HTTP; a wrapped backend lets another push land while one is on its way.
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from booking.calendars import calendar_backend, event_id_for
from booking.models import Appointment, CalendarChange
from booking.services import (
    SlotTaken,
    appointment_cancel,
    appointment_move,
    appointment_update_details,
)
from booking.sync import MAX_ATTEMPTS, sync_pending
from tests.booking.test_google_calendar import NOW, PARIS, at, book

pytestmark = pytest.mark.django_db


def pending_ids() -> list[int]:
    return list(
        CalendarChange.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True)
    )


def while_in_flight(monkeypatch, method: str, meanwhile) -> None:
    """The first `method` call of the backend runs `meanwhile()` before its request goes out:
    another worker's push lands first, then this slow one."""
    backend = calendar_backend()
    real = getattr(backend, method)
    done = []

    def slow(*args):
        if not done:
            done.append(True)
            meanwhile()
        return real(*args)

    monkeypatch.setattr(backend, method, slow)


def live_events(google) -> dict[str, str]:
    return {k: e["start"]["dateTime"] for k, e in google.confirmed().items()}


def test_a_cancel_pushed_while_the_create_is_on_its_way_leaves_no_event(
    business, google, clock, monkeypatch
) -> None:
    appointment = book(business, at(24, 9))

    def cancel_and_push() -> None:
        appointment_cancel(business=business, appointment_id=appointment.pk, now=NOW)
        sync_pending(worker="other", only=pending_ids())  # delete: 404, not there yet

    while_in_flight(monkeypatch, "push", cancel_and_push)
    sync_pending()
    sync_pending()
    assert live_events(google) == {}
    assert not CalendarChange.objects.exclude(status="done").exists()
    assert Appointment.objects.get(pk=appointment.pk).sync_status == "synced"


def test_a_move_pushed_while_the_create_is_on_its_way_leaves_one_event_at_the_new_time(
    business, google, clock, monkeypatch
) -> None:
    old = book(business, at(24, 9))

    def move_and_push() -> None:
        appointment_move(business=business, appointment_id=old.pk, start=at(26, 14), end=at(26, 15))
        sync_pending(worker="other", only=pending_ids())

    while_in_flight(monkeypatch, "push", move_and_push)
    sync_pending()
    sync_pending()
    assert live_events(google) == {event_id_for(old): at(26, 14).isoformat()}


def test_a_change_that_used_up_its_attempts_is_failed_shown_in_health_and_retried_hourly(
    business, google, clock, api_client
) -> None:
    appointment = book(business, at(24, 9))
    CalendarChange.objects.update(attempts=MAX_ATTEMPTS - 1)
    google.fail_rate = 1.0
    assert sync_pending().failed == 1
    change = CalendarChange.objects.get()
    assert (change.status, change.attempts) == ("failed", MAX_ATTEMPTS)
    assert change.last_error.startswith("insert: HTTP 503")
    assert Appointment.objects.get(pk=appointment.pk).sync_status == "failed"
    health = api_client.get("/health")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["checks"]["calendar_sync"] == {
        "status": "degraded",
        "failed": 1,
        "pending": 0,
    }
    google.fail_rate = 0.0
    assert sync_pending().pushed == 0  # not hammered: an hour after its last attempt
    clock.shift(timedelta(minutes=61))
    assert sync_pending().pushed == 1
    assert event_id_for(appointment) in google.confirmed()
    assert Appointment.objects.get(pk=appointment.pk).sync_status == "synced"
    health = api_client.get("/health").json()
    assert (health["status"], health["checks"]["calendar_sync"]["failed"]) == ("ok", 0)


def test_a_later_push_of_the_same_appointment_settles_its_failed_change(
    business, google, clock, api_client
) -> None:
    appointment = book(business, at(24, 9))
    CalendarChange.objects.update(attempts=MAX_ATTEMPTS - 1)
    google.fail_rate = 1.0
    sync_pending()
    google.fail_rate = 0.0
    appointment_update_details(
        business=business,
        appointment_id=appointment.pk,
        name="Marie Martin-Curie",
        phone="",
        email="",
        motif="",
    )
    assert sync_pending(only=pending_ids()).pushed == 1
    assert set(CalendarChange.objects.values_list("status", flat=True)) == {"done"}
    assert google.confirmed()[event_id_for(appointment)]["summary"] == "RDV Marie Martin-Curie"
    assert api_client.get("/health").json()["checks"]["calendar_sync"]["failed"] == 0


def test_a_timed_out_patch_landing_after_the_cancel_is_undone_by_a_later_check(
    business, google, clock, settings
) -> None:
    settings.CALENDAR_TIMEOUT_SECONDS = 0.3
    appointment = book(business, at(24, 9))
    sync_pending()
    appointment_update_details(
        business=business,
        appointment_id=appointment.pk,
        name="Marie Martin-Curie",
        phone="",
        email="",
        motif="",
    )
    # insert answers 409; the patch times out, its retry goes through, the first one is late.
    google.delay, google.hang_next, google.hang_method = 1.0, 1, "PATCH"
    started = time.monotonic()
    assert sync_pending().pushed == 1
    appointment_cancel(business=business, appointment_id=appointment.pk, now=NOW)
    sync_pending(only=pending_ids()[-1:])
    assert live_events(google) == {}
    time.sleep(max(0.0, 1.3 - (time.monotonic() - started)))
    assert event_id_for(appointment) in live_events(google)  # the late patch brought it back
    clock.shift(timedelta(minutes=2))
    sync_pending()
    assert live_events(google) == {}
    assert not CalendarChange.objects.exclude(status="done").exists()


@pytest.mark.parametrize("where", ["calendarchange", "appointment"])
def test_staff_put_failed_changes_back_in_the_queue_from_the_admin(
    business, google, clock, admin_client, where
) -> None:
    appointment = book(business, at(24, 9))
    CalendarChange.objects.update(attempts=MAX_ATTEMPTS - 1)
    google.fail_rate = 1.0
    sync_pending()
    google.fail_rate = 0.0
    change = CalendarChange.objects.get()
    failed_list = admin_client.get(
        reverse("admin:booking_appointment_changelist"), {"sync_status__exact": "failed"}
    )
    assert list(failed_list.context["cl"].result_list) == [appointment]
    action = "retry" if where == "calendarchange" else "retry_calendar_sync"
    selected = change.pk if where == "calendarchange" else appointment.pk
    response = admin_client.post(
        reverse(f"admin:booking_{where}_changelist"),
        {"action": action, "_selected_action": [selected]},
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.attempts) == ("pending", 0)
    assert change.next_attempt_at <= datetime.now(tz=PARIS)
    assert Appointment.objects.get(pk=appointment.pk).sync_status == "pending"
    assert sync_pending().pushed == 1
    assert event_id_for(appointment) in google.confirmed()


def test_sync_calendar_run_once_pushes_the_changes_waiting_out_their_backoff(
    business, google, clock, settings, capsys
) -> None:
    settings.CALENDAR_RETRY_BASE_SECONDS = 60
    appointment = book(business, at(24, 9))
    google.fail_rate = 1.0
    assert sync_pending().failed == 1  # next attempt in two minutes
    google.fail_rate = 0.0
    assert sync_pending().pushed == 0
    call_command("sync_calendar")
    assert "pushed 1" in capsys.readouterr().out
    assert event_id_for(appointment) in google.confirmed()


def test_without_a_remote_calendar_the_worker_loop_idles_until_sigterm(settings, capsys) -> None:
    settings.GOOGLE_SERVICE_ACCOUNT_BASE64 = settings.GOOGLE_CALENDAR_ID = ""
    settings.CALDAV_URL = ""
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    previous = signal.getsignal(signal.SIGTERM)
    started = time.monotonic()
    timer.start()
    try:
        call_command("sync_calendar", "--loop", "--interval", "0.05")
    finally:
        timer.cancel()  # the command returned early: no SIGTERM for pytest itself
        signal.signal(signal.SIGTERM, previous)
    assert time.monotonic() - started >= 0.45  # it ran until told to stop
    out = capsys.readouterr().out
    assert out.count("No remote calendar configured") == 1
    assert "sync_calendar stopped." in out


def test_overlapping_pushes_under_faults_converge_to_the_final_states(
    business, google, clock, monkeypatch
) -> None:
    """Bookings, cancels, moves and edits; a third of the calendar calls fail, and while a push
    is on its way the appointment it pushes (or another) changes and that change lands first."""
    google.fail_rate = 0.3
    rng = random.Random(12)
    backend = calendar_backend()
    depth = []

    def change_something(pushed: Appointment | None = None) -> None:
        confirmed = list(Appointment.objects.filter(status="confirmed"))
        if pushed is not None and pushed.pk in {a.pk for a in confirmed}:
            confirmed = [a for a in confirmed if a.pk == pushed.pk] * 3  # the one on its way
        kind = rng.random()
        try:
            if kind < 0.4 or len(confirmed) < 3:
                day, hour = rng.randint(24, 30), rng.choice([8, 9, 10, 11, 14, 15, 16])
                book(business, at(day, hour), name=f"Client {rng.randint(1, 999)}")
            elif kind < 0.6:
                target = rng.choice(confirmed)
                appointment_cancel(
                    business=business, appointment_id=target.pk, now=NOW, enforce_notice=False
                )
            elif kind < 0.85:
                target, day = rng.choice(confirmed), rng.randint(24, 30)
                hour = rng.choice([8, 9, 10, 11, 14, 15, 16])
                appointment_move(
                    business=business,
                    appointment_id=target.pk,
                    start=at(day, hour),
                    end=at(day, hour + 1),
                )
            else:
                target = rng.choice(confirmed)
                appointment_update_details(
                    business=business,
                    appointment_id=target.pk,
                    name=f"Client {rng.randint(1, 999)}",
                    phone="",
                    email="",
                    motif="",
                )
        except SlotTaken:
            pass

    def meddling(method: str):
        real = getattr(backend, method)

        def call(*args):
            if not depth and rng.random() < 0.4:
                depth.append(1)
                try:
                    change_something(args[0] if method == "push" else None)
                    sync_pending(worker="other")  # lands first
                finally:
                    depth.pop()
            return real(*args)

        return call

    monkeypatch.setattr(backend, "push", meddling("push"))
    monkeypatch.setattr(backend, "remove", meddling("remove"))
    for n in range(120):
        change_something()
        if n % 3 == 2:
            sync_pending()
    google.fail_rate = 0.0
    for _ in range(5):
        CalendarChange.objects.exclude(status="done").update(status="pending", next_attempt_at=NOW)
        sync_pending(limit=1000)
    wanted = {
        (a.calendar_event_id or event_id_for(a)): a.start.astimezone(PARIS).isoformat()
        for a in Appointment.objects.filter(status="confirmed")
    }
    assert live_events(google) == wanted
