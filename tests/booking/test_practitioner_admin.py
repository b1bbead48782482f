"""The front desk with several practitioners: their admin, the appointment form, the agenda."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

from booking.models import Appointment, Practitioner
from booking.selectors import business_profile
from booking.services import appointment_book

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 11, 23, 7, tzinfo=PARIS)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


def who(clinic, key: str) -> Practitioner:
    return clinic.practitioners.get(key=key)


def book(clinic, key: str, start: datetime, name: str = "Léa Roux") -> Appointment:
    return appointment_book(
        business=clinic,
        start=start,
        end=start + timedelta(minutes=30),
        name=name,
        practitioner=who(clinic, key),
    )


def form(start: datetime, practitioner: Practitioner | None, motif: str = "consultation"):
    return {
        "start_0": start.strftime("%d/%m/%Y"),
        "start_1": start.strftime("%H:%M"),
        "end_0": "",
        "end_1": "",
        "practitioner": practitioner.pk if practitioner else "",
        "name": "Paul Ménard",
        "phone": "06 12 34 56 78",
        "email": "",
        "motif": motif,
    }


def test_practitioners_are_edited_and_the_agent_sees_it_at_once(admin_client, clinic) -> None:
    listing = admin_client.get(reverse("admin:booking_practitioner_changelist"))
    assert [p.key for p in listing.context["cl"].result_list] == [
        "dr-carrere",
        "dr-nguyen",
        "dr-lambert",
    ]
    business_profile()  # cached
    nguyen = who(clinic, "dr-nguyen")
    url = reverse("admin:booking_practitioner_change", args=[nguyen.pk])
    data = {
        "key": "dr-nguyen",
        "name": "Dr Paul Nguyen",
        "spoken": "le docteur Nguyen",
        "kind": "médecin",
        "position": 1,
        "calendar_id": "",
        "active": "",  # deactivated
        "hours-TOTAL_FORMS": 0,
        "hours-INITIAL_FORMS": 0,
        "absences-TOTAL_FORMS": 0,
        "absences-INITIAL_FORMS": 0,
        "motif_links-TOTAL_FORMS": 0,
        "motif_links-INITIAL_FORMS": 0,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [a.key for a in business_profile().agendas] == ["dr-carrere", "dr-lambert"]
    assert (
        admin_client.post(
            reverse("admin:booking_practitioner_delete", args=[nguyen.pk])
        ).status_code
        == 403
    )


def test_the_form_books_the_practitioner_chosen_who_handles_the_motif(admin_client, clinic) -> None:
    add = reverse("admin:booking_appointment_add")
    page = admin_client.get(add).content.decode()
    assert "Dr Sophie Lambert" in page
    # The dentist does not renew prescriptions.
    response = admin_client.post(add, form(at(24, 15), who(clinic, "dr-lambert"), "renouvellement"))
    assert response.status_code == 200
    assert "ne traite pas ce motif" in response.content.decode()
    # Nguyen is busy at 15:00; Lambert is not: two practitioners, one time.
    book(clinic, "dr-nguyen", at(24, 15))
    response = admin_client.post(add, form(at(24, 15), who(clinic, "dr-lambert")))
    assert response.status_code == 302
    response = admin_client.post(add, form(at(24, 15), who(clinic, "dr-nguyen")))
    assert "chevauche" in response.content.decode()
    # None chosen: the first free one who handles it (Carrère is not there on Tuesday afternoon,
    # but the front desk may book anyone at any time; Nguyen and Lambert are taken).
    response = admin_client.post(add, form(at(24, 15), None))
    assert response.status_code == 302
    keys = Appointment.objects.filter(start=at(24, 15)).values_list("practitioner__key", flat=True)
    assert sorted(keys) == ["dr-carrere", "dr-lambert", "dr-nguyen"]


def test_the_week_shows_one_practitioner_or_all(admin_client, clinic) -> None:
    book(clinic, "dr-carrere", at(23, 9), name="Chez Carrère")
    book(clinic, "dr-nguyen", at(24, 15), name="Chez Nguyen")
    url = reverse("admin:booking_appointment_week")
    everyone = admin_client.get(url, {"date": "2026-11-23"}).content.decode()
    assert "Chez Carrère" in everyone and "Chez Nguyen" in everyone  # noqa: PT018
    assert 'class="free-cell"' not in everyone  # whose free time? choose one first
    assert "Choisissez un praticien" in everyone
    carrere = who(clinic, "dr-carrere")
    one = admin_client.get(url, {"date": "2026-11-23", "practitioner": "dr-carrere"})
    html = one.content.decode()
    assert "Chez Carrère" in html
    assert "Chez Nguyen" not in html
    # Her free cells: Monday from 9:30, never Tuesday afternoon or Wednesday.
    assert f"start=2026-11-23T09:30&amp;end=2026-11-23T10:00&amp;practitioner={carrere.pk}" in html
    assert "start=2026-11-24T15:00" not in html
    assert "start=2026-11-25T" not in html


def test_the_day_has_a_column_per_practitioner(admin_client, clinic) -> None:
    book(clinic, "dr-lambert", at(24, 14), name="Chez Lambert")
    page = admin_client.get(reverse("admin:booking_appointment_day"), {"date": "2026-11-24"})
    columns = page.context["columns"]
    assert [member.key for member, _ in columns] == ["dr-carrere", "dr-nguyen", "dr-lambert"]
    carrere, nguyen, lambert = (column for _, column in columns)
    assert f"{carrere.rows[0].start:%H:%M}" == "08:00"
    assert f"{carrere.rows[-1].start:%H:%M}" == "11:30"  # Tuesday mornings only
    assert f"{nguyen.rows[0].start:%H:%M}" == "08:00"  # no hours of his own: the business's
    assert f"{lambert.rows[0].start:%H:%M}" == "14:00"
    assert [a.name for row in lambert.rows for a in row.starting] == ["Chez Lambert"]


def test_the_list_shows_and_filters_the_practitioner(admin_client, clinic) -> None:
    book(clinic, "dr-lambert", at(24, 14), name="Chez Lambert")
    book(clinic, "dr-nguyen", at(24, 15), name="Chez Nguyen")
    url = reverse("admin:booking_appointment_changelist")
    lambert = who(clinic, "dr-lambert")
    page = admin_client.get(url, {"practitioner__id__exact": lambert.pk, "when": "all"})
    assert [a.name for a in page.context["cl"].result_list] == ["Chez Lambert"]
    assert "Dr Sophie Lambert" in page.content.decode()


def test_the_report_splits_bookings_attendance_and_load_by_practitioner(
    admin_client, clinic, time_machine
) -> None:
    first = book(clinic, "dr-carrere", at(23, 9))  # Monday 9:00, 30 minutes
    book(clinic, "dr-carrere", at(24, 9))
    book(clinic, "dr-lambert", at(24, 14))
    time_machine.move_to(at(23, 10))
    from booking.services import appointment_mark_attendance

    appointment_mark_attendance(
        business=clinic, appointment_id=first.pk, attendance="no_show", now=at(23, 10)
    )
    page = admin_client.get("/admin/reports/", {"from": "2026-11-23", "to": "2026-11-23"})
    rows = {r.key: r for r in page.context["report"].practitioners}
    assert set(rows) == {"dr-carrere", "dr-nguyen", "dr-lambert"}
    carrere = rows["dr-carrere"]
    assert (carrere.bookings, carrere.no_show, carrere.booked_minutes) == (2, 1, 30)
    # Monday: 8:00–12:00 and 14:00–19:00 within the business's 8–12 and 14–19: 540 minutes.
    assert carrere.open_minutes == 540
    assert carrere.load == round(100 * 30 / 540, 1)
    assert rows["dr-lambert"].bookings == 1
    assert "Par praticien" in page.content.decode()
