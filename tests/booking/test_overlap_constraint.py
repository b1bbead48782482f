"""The database refuses overlapping confirmed appointments, whatever their lengths."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction

from booking.models import Appointment
from booking.services import SlotTaken, appointment_book, practitioner_implicit

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 11, 24, 9, tzinfo=PARIS)


@pytest.mark.django_db
def test_the_booking_service_refuses_an_overlap_with_another_start(business) -> None:
    appointment_book(business=business, start=START, end=START + timedelta(minutes=90), name="A")
    with pytest.raises(SlotTaken):
        appointment_book(
            business=business,
            start=START + timedelta(hours=1),
            end=START + timedelta(hours=2),
            name="B",
        )


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's"
)
def test_postgresql_refuses_overlapping_rows_even_without_the_service(business) -> None:
    Appointment.objects.create(
        business=business,
        practitioner=practitioner_implicit(business),
        start=START,
        end=START + timedelta(minutes=90),
        name="A",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            business=business,
            practitioner=practitioner_implicit(business),
            start=START + timedelta(hours=1),
            end=START + timedelta(hours=2),
            name="B",
        )
    # Touching ends do not overlap, and cancelled appointments do not count.
    Appointment.objects.create(
        business=business,
        practitioner=practitioner_implicit(business),
        start=START + timedelta(minutes=90),
        end=START + timedelta(hours=2),
        name="C",
    )
    Appointment.objects.create(
        business=business,
        practitioner=practitioner_implicit(business),
        start=START,
        end=START + timedelta(hours=1),
        name="D",
        status="cancelled",
    )
