"""The CalDAV backend against a real Radicale server started on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import caldav
import pytest

from booking.availability import slots_propose
from booking.calendar_health import calendar_health
from booking.calendars import calendar_backend, event_id_for
from booking.models import Appointment
from booking.preferences import Preference
from booking.selectors import business_profile
from booking.services import appointment_book, appointment_cancel, appointment_move
from booking.sync import sync_pending

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, tzinfo=PARIS)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=PARIS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    port, storage = free_port(), tmp_path_factory.mktemp("radicale")
    users = storage / "users"
    users.write_text("staff:s3cret\n")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--auth-type",
            "htpasswd",
            "--auth-htpasswd-filename",
            str(users),
            "--auth-htpasswd-encryption",
            "plain",
            "--auth-delay",
            "0",
            "--storage-filesystem-folder",
            str(storage / "collections"),
            "--logging-level",
            "warning",
            "--web-type",
            "none",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/"
    client = caldav.DAVClient(url=url, username="staff", password="s3cret")
    client.principal().make_calendar(name="cabinet", cal_id="cabinet")
    yield url
    process.terminate()
    process.wait(5)


@pytest.fixture
def dav(radicale, settings):
    settings.CALDAV_URL = radicale
    settings.CALDAV_USERNAME = "staff"
    settings.CALDAV_PASSWORD = "s3cret"
    settings.CALDAV_CALENDAR = "cabinet"
    settings.CALENDAR_PUSH_AFTER_COMMIT = False
    settings.CALENDAR_RETRY_BASE_SECONDS = 0
    calendar = (
        caldav.DAVClient(url=radicale, username="staff", password="s3cret")
        .principal()
        .calendar(name="cabinet")
    )
    for event in calendar.events():
        event.delete()
    return calendar


def summaries(calendar) -> dict[str, datetime]:
    return {
        str(e.icalendar_component["SUMMARY"]): e.icalendar_component["DTSTART"].dt
        for e in calendar.events()
    }


def test_bookings_moves_and_cancellations_reach_the_calendar(business, dav, clock) -> None:
    assert calendar_backend().name == "caldav"
    kept = appointment_book(business=business, start=at(24, 9), end=at(24, 10), name="Marie Martin")
    moving = appointment_book(business=business, start=at(24, 10), end=at(24, 11), name="Paul Roux")
    gone = appointment_book(business=business, start=at(24, 11), end=at(24, 12), name="Léa Durand")
    assert sync_pending().pushed == 3
    appointment_move(business=business, appointment_id=moving.pk, start=at(26, 14), end=at(26, 15))
    appointment_cancel(business=business, appointment_id=gone.pk, now=NOW)
    sync_pending()
    events = summaries(dav)
    assert set(events) == {"RDV Marie Martin", "RDV Paul Roux"}
    assert events["RDV Paul Roux"] == at(26, 14)
    kept.refresh_from_db()
    assert kept.sync_status == "synced"
    assert dav.event_by_uid(f"{event_id_for(kept)}@receptionist")


def test_a_push_retried_after_success_does_not_duplicate(business, dav, clock) -> None:
    appointment = appointment_book(
        business=business, start=at(24, 9), end=at(24, 10), name="Marie Martin"
    )
    calendar_backend().push(appointment, event_id_for(appointment))
    sync_pending()
    assert len(dav.events()) == 1


def test_events_staff_put_in_the_calendar_are_never_proposed(business, dav, clock) -> None:
    dav.save_event(dtstart=at(24, 8), dtend=at(24, 12), summary="Formation", uid="staff-1@example")
    proposal = slots_propose(
        profile=business_profile(),
        preference=Preference(dates=frozenset({at(24, 0).date()})),
        now=NOW,
        minutes=60,
    )
    assert proposal.slots
    assert all(s.start >= at(24, 12) for s in proposal.slots)


def test_wrong_credentials_are_permanent_and_booking_goes_on(
    business, dav, clock, settings
) -> None:
    settings.CALDAV_PASSWORD = "wrong"
    appointment = appointment_book(
        business=business, start=at(24, 9), end=at(24, 10), name="Marie Martin"
    )
    assert sync_pending().failed == 1
    assert calendar_health()["healthy"] is False
    assert "wrong" not in str(calendar_health())
    assert Appointment.objects.get(pk=appointment.pk).status == "confirmed"


def test_a_practitioners_own_caldav_calendar_by_name_or_address(clinic, dav, radicale) -> None:
    """Carrère's calendar is named, Lambert's given by its address; Nguyen uses the business's."""
    from booking.models import Practitioner
    from receptionist.lib.snapshots import changed_all

    principal = caldav.DAVClient(url=radicale, username="staff", password="s3cret").principal()
    own = {}
    for name in ("carrere", "lambert"):
        try:
            own[name] = principal.calendar(name=name)
            for event in own[name].events():
                event.delete()
        except caldav.lib.error.NotFoundError:
            own[name] = principal.make_calendar(name=name, cal_id=name)
    Practitioner.objects.filter(key="dr-carrere").update(calendar_id="carrere")
    Practitioner.objects.filter(key="dr-lambert").update(calendar_id=str(own["lambert"].url))
    changed_all()
    carrere = clinic.practitioners.get(key="dr-carrere")
    lambert = clinic.practitioners.get(key="dr-lambert")
    moving = appointment_book(
        business=clinic, start=at(23, 9), end=at(23, 10), name="Marie Martin", practitioner=carrere
    )
    appointment_book(
        business=clinic, start=at(24, 15), end=at(24, 16), name="Paul Roux", practitioner=lambert
    )
    sync_pending()
    assert set(summaries(own["carrere"])) == {"RDV Marie Martin"}
    assert set(summaries(own["lambert"])) == {"RDV Paul Roux"}
    appointment_move(
        business=clinic,
        appointment_id=moving.pk,
        start=at(23, 10),
        end=at(23, 11),
        practitioner=clinic.practitioners.get(key="dr-nguyen"),
    )
    sync_pending()
    assert summaries(own["carrere"]) == {}
    assert summaries(dav) == {"RDV Marie Martin": at(23, 10)}
