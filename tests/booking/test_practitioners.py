"""Several practitioners: the profile, their agendas, and the database keeping each apart."""

from __future__ import annotations

import json
import threading
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction

from booking.models import Appointment, BookedCell, Practitioner
from booking.profiles import ProfileError, business_load_profile
from booking.services import SlotTaken, appointment_book, appointment_move, practitioner_implicit

PARIS = ZoneInfo("Europe/Paris")
CLINIC = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "clinic_profile.json").read_text()
)
START = datetime(2026, 11, 24, 9, tzinfo=PARIS)


def agenda(clinic, key: str) -> Practitioner:
    return clinic.practitioners.get(key=key)


# The profile.


def test_the_profile_loads_each_practitioner_with_hours_absences_and_motifs(clinic) -> None:
    assert list(clinic.practitioners.filter(active=True).values_list("key", flat=True)) == [
        "dr-carrere",
        "dr-nguyen",
        "dr-lambert",
    ]
    carrere = agenda(clinic, "dr-carrere")
    assert (carrere.name, carrere.spoken, carrere.kind) == (
        "Dr Hélène Carrère",
        "le docteur Carrère",
        "médecin",
    )
    assert list(carrere.hours.values_list("weekday", "start", "end")) == [
        (1, time(8), time(12)),
        (1, time(14), time(19)),
        (2, time(8), time(12)),
        (4, time(14), time(19)),
    ]
    assert list(carrere.absences.values_list("first_day", "last_day")) == [
        (datetime(2026, 12, 21).date(), datetime(2027, 1, 3).date())
    ]
    nguyen = agenda(clinic, "dr-nguyen")
    assert not nguyen.hours.exists()  # the business's hours
    assert set(nguyen.motif_links.values_list("motif__name", "minutes")) == {
        ("consultation", 45),
        ("vaccin", None),
    }
    # The business's own agenda stands aside while practitioners are named.
    assert not clinic.practitioners.filter(implicit=True, active=True).exists()


def test_loading_twice_changes_nothing_and_a_practitioner_left_out_is_deactivated(
    clinic,
) -> None:
    before = list(Practitioner.objects.values_list("pk", "key", "active", "position"))
    links = list(Practitioner.objects.values_list("motif_links__pk", flat=True))
    business_load_profile(CLINIC)
    assert list(Practitioner.objects.values_list("pk", "key", "active", "position")) == before
    assert list(Practitioner.objects.values_list("motif_links__pk", flat=True)) == links
    fewer = {**CLINIC, "practitioners": CLINIC["practitioners"][:2]}
    business_load_profile(fewer)
    assert not agenda(clinic, "dr-lambert").active
    # Without practitioners, the business's own agenda is back.
    business_load_profile({k: v for k, v in CLINIC.items() if k != "practitioners"})
    assert list(clinic.practitioners.filter(active=True).values_list("key", flat=True)) == [
        Practitioner.IMPLICIT_KEY
    ]


@pytest.mark.parametrize(
    ("practitioner", "message"),
    [
        ({"id": "Dr Carrère", "name": "x"}, "practitioners[0].id"),
        ({"id": "a", "name": ""}, "practitioners[0].name: required"),
        ({"id": "a", "name": "A", "motifs": ["massage"]}, "not one of the business's motifs"),
        ({"id": "a", "name": "A", "absences": [["2026-12-03", "2026-12-01"]]}, "is after"),
        ({"id": "a", "name": "A", "absences": [["demain", "2026-12-01"]]}, "YYYY-MM-DD"),
        ({"id": "a", "name": "A", "opening_hours": {"lundi": []}}, "unknown day"),
        ({"id": "a", "name": "A", "agenda": "x"}, "unknown keys"),
        ({"id": "a", "name": "A", "active": "yes"}, "true or false"),
    ],
)
def test_a_bad_practitioner_is_refused_with_a_readable_message(db, practitioner, message) -> None:
    with pytest.raises(ProfileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        business_load_profile({**CLINIC, "practitioners": [practitioner]})


def test_two_practitioners_with_one_id_are_refused(db) -> None:
    twice = [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]
    with pytest.raises(ProfileError, match="appears twice"):
        business_load_profile({**CLINIC, "practitioners": twice})


# Integrity: one agenda never overlaps itself; two agendas may run side by side.


def book(clinic, key: str | None, start: datetime, minutes: int = 30, name: str = "Léa Roux"):
    return appointment_book(
        business=clinic,
        start=start,
        end=start + timedelta(minutes=minutes),
        name=name,
        practitioner=agenda(clinic, key) if key else None,
    )


def test_two_practitioners_are_booked_at_the_same_time_but_one_never_twice(clinic) -> None:
    book(clinic, "dr-carrere", START)
    book(clinic, "dr-nguyen", START)
    with pytest.raises(SlotTaken):
        book(clinic, "dr-carrere", START + timedelta(minutes=15))
    assert Appointment.objects.filter(status="confirmed").count() == 2


def test_the_database_refuses_an_overlap_on_one_agenda(clinic) -> None:
    first = book(clinic, "dr-carrere", START)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookedCell.objects.create(
            business=clinic, practitioner=first.practitioner, appointment=first, start=START
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            business=clinic, practitioner=first.practitioner, start=START, end=first.end, name="X"
        )


def test_a_booking_that_names_no_one_goes_to_a_free_practitioner(clinic) -> None:
    first = book(clinic, None, START)
    second = book(clinic, None, START)
    assert first.practitioner.key == "dr-carrere"
    assert second.practitioner.key == "dr-nguyen"


def test_a_move_keeps_the_practitioner_unless_asked(clinic) -> None:
    appointment = book(clinic, "dr-lambert", START)
    moved = appointment_move(
        business=clinic,
        appointment_id=appointment.pk,
        start=START + timedelta(days=1),
        end=START + timedelta(days=1, minutes=30),
    )
    assert moved.practitioner.key == "dr-lambert"
    again = appointment_move(
        business=clinic,
        appointment_id=moved.pk,
        start=START,
        end=START + timedelta(minutes=30),
        practitioner=agenda(clinic, "dr-nguyen"),
    )
    assert again.practitioner.key == "dr-nguyen"
    assert BookedCell.objects.filter(practitioner__key="dr-nguyen").count() == 6


def test_a_business_without_practitioners_books_on_its_own_agenda(business) -> None:
    appointment = appointment_book(
        business=business, start=START, end=START + timedelta(hours=1), name="Paul Ménard"
    )
    assert appointment.practitioner == practitioner_implicit(business)
    assert appointment.practitioner.implicit


def race(clinic, keys: list[str | None]) -> list[str]:
    barrier = threading.Barrier(len(keys))
    results: list[str] = []
    lock = threading.Lock()

    def attempt(n: int, key: str | None) -> None:
        try:
            barrier.wait(timeout=5)
            # Different lengths: the overlap, not only the same start, must be refused.
            book(clinic, key, START, minutes=15 + 15 * (n % 3), name=f"Client {n}")
            outcome = "booked"
        except SlotTaken:
            outcome = "taken"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(n, k)) for n, k in enumerate(keys)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(results)


@pytest.mark.django_db(transaction=True)
def test_twenty_at_once_on_one_practitioner_give_one_booking(clinic) -> None:
    assert race(clinic, ["dr-carrere"] * 20) == ["booked"] + ["taken"] * 19
    assert Appointment.objects.filter(status="confirmed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_at_once_across_three_practitioners_give_three_bookings(clinic) -> None:
    keys = ["dr-carrere", "dr-nguyen", "dr-lambert"]
    assert race(clinic, [keys[n % 3] for n in range(20)]) == ["booked"] * 3 + ["taken"] * 17
    booked = Appointment.objects.filter(status="confirmed")
    assert sorted(booked.values_list("practitioner__key", flat=True)) == sorted(keys)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's"
)
def test_postgresql_excludes_overlaps_per_practitioner_without_the_service(clinic) -> None:
    carrere, nguyen = agenda(clinic, "dr-carrere"), agenda(clinic, "dr-nguyen")
    later = START + timedelta(minutes=15)
    Appointment.objects.create(
        business=clinic, practitioner=carrere, start=START, end=START + timedelta(hours=1), name="A"
    )
    Appointment.objects.create(
        business=clinic, practitioner=nguyen, start=later, end=later + timedelta(hours=1), name="B"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            business=clinic,
            practitioner=carrere,
            start=later,
            end=later + timedelta(hours=1),
            name="C",
        )
