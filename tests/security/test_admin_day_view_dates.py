"""Issue 12 (low): the admin's day view on extreme dates answers a page, never a 500.

`?date=0001-01-01` and `?date=9999-12-31` overflowed (the day before, the day after, UTC).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TODAY = "Lundi 23 novembre 2026"


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30"])
def test_an_extreme_date_falls_back_to_today(admin_client, business, clock, day) -> None:
    page = admin_client.get(reverse("admin:booking_appointment_day"), {"date": day})

    assert page.status_code == 200
    html = page.content.decode()
    assert TODAY in html
    assert "Date invalide" in html


@pytest.mark.parametrize("day", ["1901-01-01", "2999-12-31"])
def test_the_far_ends_of_the_range_still_show_their_day(admin_client, business, clock, day):
    page = admin_client.get(reverse("admin:booking_appointment_day"), {"date": day})

    assert page.status_code == 200
    assert TODAY not in page.content.decode()
