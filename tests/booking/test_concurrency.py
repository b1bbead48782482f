"""A real race: twenty threads book the same slot at the same moment; the database decides."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from booking.models import Appointment
from booking.services import SlotTaken, appointment_book

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 11, 24, 9, tzinfo=PARIS)


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_bookings_of_one_slot_give_one_appointment(business) -> None:
    barrier = threading.Barrier(20)
    results: list[str] = []
    lock = threading.Lock()

    def book(n: int) -> None:
        try:
            barrier.wait(timeout=5)
            # Different lengths: the overlap, not only the same start, must be refused.
            appointment_book(
                business=business,
                start=START,
                end=START + timedelta(minutes=30 + 30 * n),
                name=f"Client {n}",
            )
            outcome = "booked"
        except SlotTaken:
            outcome = "taken"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=book, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["booked"] + ["taken"] * 19
    assert Appointment.objects.filter(status="confirmed").count() == 1
