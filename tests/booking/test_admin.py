"""The front desk in the admin: appointments through the booking service, the day view, the profile."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse

from booking.agenda import day_agenda
from booking.calendars import event_id_for
from booking.models import Appointment, BookedCell, Business, CalendarChange
from booking.selectors import business_profile
from booking.services import appointment_book
from booking.sync import sync_pending
from receptionist.lib.xlsx_export import XLSX_TYPE

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


def book(business, start: datetime, name: str = "Marie Martin", **extra) -> Appointment:
    return appointment_book(
        business=business, start=start, end=start + timedelta(hours=1), name=name, **extra
    )


def form_data(start: datetime, end: datetime | None = None, **fields) -> dict[str, str]:
    data = {
        "start_0": start.strftime("%d/%m/%Y"),
        "start_1": start.strftime("%H:%M"),
        "end_0": end.strftime("%d/%m/%Y") if end else "",
        "end_1": end.strftime("%H:%M") if end else "",
        "name": "Paul Ménard",
        "phone": "06 12 34 56 78",
        "email": "",
        "motif": "vidange",
    }
    data.update(fields)
    return data


# The agenda of a day (pure).

Row = tuple[str, list[str]]


class Booked:
    def __init__(self, name: str, start: datetime, end: datetime) -> None:
        self.name, self.start, self.end = name, start, end


def rows(agenda) -> list[Row]:
    return [(f"{row.start:%H:%M}", [a.name for a in row.appointments]) for row in agenda.rows]


@pytest.mark.parametrize(
    ("periods", "closed", "booked", "expected", "outside"),
    [
        ([(time(9), time(11))], False, [], [("09:00", []), ("10:00", [])], []),
        (
            [(time(14), time(16)), (time(8), time(9))],
            False,
            [("A", 8, 0, 60), ("B", 14, 30, 60)],
            [("08:00", ["A"]), ("14:00", ["B"]), ("15:00", ["B"])],
            [],
        ),
        ([(time(9), time(10))], False, [("Late", 19, 0, 30)], [("09:00", [])], ["Late"]),
        ([(time(9), time(10))], True, [("A", 9, 0, 60)], [], ["A"]),
        ([], False, [], [], []),
        # A period shorter than a slot offers none; a last partial slot is not offered.
        ([(time(9), time(10, 30))], False, [], [("09:00", [])], []),
    ],
)
def test_day_agenda(periods, closed, booked, expected, outside) -> None:
    day = date(2026, 11, 24)
    appointments = [
        Booked(
            name,
            datetime.combine(day, time(hour, minute), tzinfo=PARIS),
            datetime.combine(day, time(hour, minute), tzinfo=PARIS) + timedelta(minutes=length),
        )
        for name, hour, minute, length in booked
    ]
    agenda = day_agenda(
        day=day,
        tz=PARIS,
        slot_minutes=60,
        periods=periods,
        closed=closed,
        appointments=appointments,
    )
    assert rows(agenda) == expected
    assert [a.name for a in agenda.outside] == outside


def test_day_agenda_on_the_night_clocks_go_back_keeps_wall_clock_slots() -> None:
    day = date(2027, 10, 31)
    agenda = day_agenda(
        day=day,
        tz=PARIS,
        slot_minutes=60,
        periods=[(time(1), time(4))],
        closed=False,
        appointments=[],
    )
    assert [f"{row.start:%H:%M}" for row in agenda.rows] == ["01:00", "02:00", "03:00"]


# The appointment list.


def test_changelist_filters_and_search_by_phone_as_staff_type_it(
    admin_client, business, clock
) -> None:
    book(business, at(24, 9), name="Marie Martin", phone="+33612345678")
    book(business, at(25, 9), name="Jean Dupont", phone="+33698765432")
    url = reverse("admin:booking_appointment_changelist")
    page = admin_client.get(url, {"q": "06 12 34 56 78"})
    assert page.status_code == 200
    assert [a.name for a in page.context["cl"].result_list] == ["Marie Martin"]
    assert [a.name for a in admin_client.get(url, {"q": "dupont"}).context["cl"].result_list] == [
        "Jean Dupont"
    ]
    tomorrow = admin_client.get(url, {"when": "tomorrow"}).context["cl"].result_list
    assert [a.name for a in tomorrow] == ["Marie Martin"]
    assert len(admin_client.get(url, {"when": "upcoming"}).context["cl"].result_list) == 2
    assert len(admin_client.get(url, {"when": "past"}).context["cl"].result_list) == 0
    assert len(admin_client.get(url, {"status": "cancelled"}).context["cl"].result_list) == 0
    assert (
        admin_client.get(
            url, {"start__day": "24", "start__month": "11", "start__year": "2026"}
        ).status_code
        == 200
    )


def test_adding_an_appointment_books_through_the_service(admin_client, business, clock) -> None:
    response = admin_client.post(reverse("admin:booking_appointment_add"), form_data(at(24, 10)))
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.start, appointment.end) == (at(24, 10), at(24, 11))  # one slot long
    assert appointment.channel == "staff"
    assert appointment.phone == "+33612345678"
    assert BookedCell.objects.filter(appointment=appointment).count() == 12


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ((24, 9, 30), None, "chevauche"),  # half over Marie's 9:00–10:00
        ((24, 8, 0), (24, 9, 30), "chevauche"),
        ((24, 11, 3), None, "5 en 5 minutes"),
        ((24, 11, 0), (24, 10, 0), "après le début"),
    ],
)
def test_the_admin_refuses_what_the_agent_refuses(
    admin_client, business, clock, start, end, message
) -> None:
    book(business, at(24, 9))
    response = admin_client.post(
        reverse("admin:booking_appointment_add"),
        form_data(at(*start), at(*end) if end else None),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Appointment.objects.count() == 1


def test_a_bad_phone_number_is_a_form_error(admin_client, business, clock) -> None:
    response = admin_client.post(
        reverse("admin:booking_appointment_add"), form_data(at(24, 10), phone="12")
    )
    assert response.status_code == 200
    assert "Numéro de téléphone invalide" in response.content.decode()


def test_moving_in_the_admin_moves_through_the_service(admin_client, business, clock) -> None:
    original = book(business, at(24, 9), phone="+33612345678")
    book(business, at(24, 14), name="Jean Dupont")
    url = reverse("admin:booking_appointment_change", args=[original.pk])
    refused = admin_client.post(url, form_data(at(24, 14), name="Marie Martin"))
    assert refused.status_code == 200
    assert "chevauche" in refused.content.decode()
    response = admin_client.post(url, form_data(at(24, 15), name="Marie Martin"))
    assert response.status_code == 302
    original.refresh_from_db()
    assert original.status == "moved"
    assert (original.moved_to.start, original.moved_to.status) == (at(24, 15), "confirmed")
    assert original.moved_to.channel == "staff"
    assert not BookedCell.objects.filter(appointment=original).exists()
    # The old time is free again: the agent can offer it.
    assert book(business, at(24, 9), name="Inès Roux").is_confirmed


def test_editing_the_name_patches_the_calendar_event(admin_client, business, google, clock) -> None:
    appointment = book(business, at(24, 9))
    sync_pending()
    response = admin_client.post(
        reverse("admin:booking_appointment_change", args=[appointment.pk]),
        form_data(at(24, 9), at(24, 10), name="Marie Martin-Curie", phone="", motif="vidange"),
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert (appointment.name, appointment.status) == ("Marie Martin-Curie", "confirmed")
    assert sync_pending().pushed == 1
    assert google.confirmed()[event_id_for(appointment)]["summary"] == "RDV Marie Martin-Curie"


def test_a_past_or_cancelled_appointment_is_read_only(admin_client, business, clock) -> None:
    appointment = book(business, at(24, 9))
    Appointment.objects.filter(pk=appointment.pk).update(status="cancelled")
    url = reverse("admin:booking_appointment_change", args=[appointment.pk])
    page = admin_client.get(url)
    assert "start" not in page.context["adminform"].form.fields
    admin_client.post(url, form_data(at(24, 15)))
    appointment.refresh_from_db()
    assert appointment.start == at(24, 9)


def test_cancel_action_goes_through_the_service_and_the_calendar(
    admin_client, business, google, clock
) -> None:
    first = book(business, at(24, 9))
    second = book(business, at(24, 10), name="Jean Dupont")
    sync_pending()
    response = admin_client.post(
        reverse("admin:booking_appointment_changelist"),
        {"action": "cancel_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert set(Appointment.objects.values_list("status", flat=True)) == {"cancelled"}
    assert not BookedCell.objects.exists()
    assert CalendarChange.objects.filter(status="pending").count() == 2
    assert sync_pending().pushed == 2
    assert google.confirmed() == {}


def test_export_csv_is_local_time_and_safe_for_spreadsheets(admin_client, business, clock) -> None:
    book(business, at(24, 9), name='=HYPERLINK("http://x")', phone="+33612345678")
    appointment = Appointment.objects.get()
    response = admin_client.post(
        reverse("admin:booking_appointment_changelist"),
        {"action": "export_csv", "_selected_action": [appointment.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    # « ; » between cells: a spreadsheet set to French opens it in columns.
    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][:3] == ["début", "fin", "nom"]
    # A formula stays text; the phone is written as people write it (no « '+33… »).
    assert table[1][:4] == [
        "2026-11-24 09:00",
        "2026-11-24 10:00",
        '\'=HYPERLINK("http://x")',
        "06 12 34 56 78",
    ]


def test_export_xlsx_is_a_workbook_with_text_never_run(admin_client, business, clock) -> None:
    book(business, at(24, 9), name='=HYPERLINK("http://x")', phone="+33612345678")
    response = admin_client.post(
        reverse("admin:booking_appointment_changelist"),
        {"action": "export_xlsx", "_selected_action": [Appointment.objects.get().pk]},
    )
    assert response["Content-Type"] == XLSX_TYPE
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["début", "fin", "nom", "téléphone"]
    assert rows[1][2:4] == ['=HYPERLINK("http://x")', "06 12 34 56 78"]
    assert sheet["C2"].data_type == "s"  # text, not a formula


def test_the_list_opens_on_what_is_coming(admin_client, business, clock) -> None:
    # The clock stands on Monday 23 November 2026 at 9:00.
    past = appointment_book(
        business=business, start=at(20, 9), end=at(20, 10), name="Déjà Venu", phone="+33611111111"
    )
    Appointment.objects.filter(pk=past.pk).update(start=at(20, 9), end=at(20, 10))
    book(business, at(24, 9), name="Bientôt Là", phone="+33612345678", email="b@exemple.fr")
    url = reverse("admin:booking_appointment_changelist")

    page = admin_client.get(url).content.decode()
    assert "Bientôt Là" in page
    assert "Déjà Venu" not in page
    assert "Déjà Venu" in admin_client.get(url, {"when": "all"}).content.decode()
    # Phones as people write them, the e-mail in a column, the status as a badge.
    assert "06 12 34 56 78" in page
    assert "b@exemple.fr" in page
    assert '<span class="rw-badge rw-badge-confirmed">Confirmé</span>' in page


def test_appointments_cannot_be_deleted(admin_client, business, clock) -> None:
    appointment = book(business, at(24, 9))
    response = admin_client.post(
        reverse("admin:booking_appointment_delete", args=[appointment.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Appointment.objects.filter(pk=appointment.pk).exists()


# The day view.


def test_day_view_shows_the_slots_and_who_is_booked(admin_client, business, clock) -> None:
    book(business, at(24, 9), name="Marie <b>Martin</b>", motif="vidange")
    page = admin_client.get(reverse("admin:booking_appointment_day"), {"date": "2026-11-24"})
    assert page.status_code == 200
    agenda = page.context["agenda"]
    assert len(agenda.rows) == 8  # 8–12 and 14–18, one-hour slots
    assert [row.free for row in agenda.rows][:2] == [True, False]
    html = page.content.decode()
    assert "Marie &lt;b&gt;Martin&lt;/b&gt;" in html
    assert "09:00 – 10:00" in html
    assert "1 créneau occupé sur 8" in html


def test_an_appointment_longer_than_a_slot_is_listed_and_counted_once(
    admin_client, business, clock
) -> None:
    appointment_book(
        business=business, start=at(24, 9), end=at(24, 11), name="Inès Roux", motif="distribution"
    )
    page = admin_client.get(reverse("admin:booking_appointment_day"), {"date": "2026-11-24"})
    html = page.content.decode()
    assert html.count(">Inès Roux</a>") == 1
    assert "suite : Inès Roux (jusqu'à 11:00)" in html
    assert "1 rendez-vous · 2 créneaux occupés sur 8" in html
    agenda = page.context["agenda"]
    assert agenda.appointment_count == 1
    assert [len(row.starting) for row in agenda.rows[1:3]] == [1, 0]


def test_the_day_view_writes_its_date_one_way(admin_client, business, clock) -> None:
    html = admin_client.get(
        reverse("admin:booking_appointment_day"), {"date": "2026-11-24"}
    ).content.decode()
    assert "Agenda du mardi 24 novembre 2026" in html
    assert 'value="24/11/2026"' in html  # the date field, the French way too
    assert 'value="2026-11-24"' not in html
    assert "{#" not in html
    assert "{% comment" not in html


def test_the_date_picker_gets_its_translations(admin_client, business, clock) -> None:
    html = admin_client.get(reverse("admin:booking_appointment_day")).content.decode()
    catalogue, calendar = html.find(reverse("admin:jsi18n")), html.find("calendar.js")
    assert 0 <= catalogue < calendar  # loaded before the scripts that call gettext()


def test_the_breadcrumb_does_not_say_the_same_word_twice(admin_client, business) -> None:
    html = admin_client.get(reverse("admin:booking_appointment_changelist")).content.decode()
    crumbs = html.split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert "Prise de rendez-vous" in crumbs
    assert crumbs.count("Rendez-vous") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"date": "2026-12-25"}, "Fermeture exceptionnelle"),
        ({"date": "2026-11-29"}, "Fermé ce jour-là"),  # a Sunday
        ({"date": "pas une date"}, "Date invalide"),
        ({}, "Lundi 23 novembre 2026"),
    ],
)
def test_day_view_days_off_and_bad_dates(admin_client, business, clock, query, expected) -> None:
    page = admin_client.get(reverse("admin:booking_appointment_day"), query)
    assert page.status_code == 200
    assert expected in page.content.decode()


def test_day_view_needs_view_permission(client, business, django_user_model) -> None:
    user = django_user_model.objects.create_user(username="nobody", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:booking_appointment_day")).status_code == 403
    client.logout()
    assert client.get(reverse("admin:booking_appointment_day")).status_code == 302  # to login


# The business profile.


def business_form(
    business: Business, hours: list[tuple[int, str, str]], **fields
) -> dict[str, str]:
    data = {
        "name": business.name,
        "timezone": business.timezone,
        "slot_minutes": str(business.slot_minutes),
        "min_notice_minutes": str(business.min_notice_minutes),
        "horizon_days": str(business.horizon_days),
        "transfer_number": business.transfer_number,
        "cancel_notice_hours": "",
        "opening_hours-TOTAL_FORMS": str(len(hours)),
        "opening_hours-INITIAL_FORMS": "0",
        "closures-TOTAL_FORMS": "0",
        "closures-INITIAL_FORMS": "0",
        "motifs-TOTAL_FORMS": "0",
        "motifs-INITIAL_FORMS": "0",
    }
    for i, (weekday, start, end) in enumerate(hours):
        data[f"opening_hours-{i}-weekday"] = str(weekday)
        data[f"opening_hours-{i}-start"] = start
        data[f"opening_hours-{i}-end"] = end
    data.update(fields)
    return data


@pytest.fixture
def bare_business(db) -> Business:
    return Business.objects.create(name="Salon Léa", timezone="Europe/Paris", slot_minutes=30)


@pytest.mark.parametrize(
    ("hours", "fields", "message"),
    [
        ([(1, "09:00", "12:00"), (1, "11:00", "14:00")], {}, "Deux plages se chevauchent le lundi"),
        ([(2, "12:00", "09:00")], {}, "La fermeture doit être après l&#x27;ouverture"),
        ([], {"timezone": "Europe/Lutece"}, "Fuseau horaire inconnu"),
        ([], {"transfer_number": "123"}, "Numéro invalide"),
        ([], {"slot_minutes": "2"}, "Entre 5 minutes et 24 heures"),
        ([], {"horizon_days": "0"}, "Entre 1 et 366 jours"),
    ],
)
def test_the_profile_refuses_inconsistent_values(
    admin_client, bare_business, hours, fields, message
) -> None:
    response = admin_client.post(
        reverse("admin:booking_business_change", args=[bare_business.pk]),
        business_form(bare_business, hours, **fields),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not bare_business.opening_hours.exists()


def test_new_opening_hours_reach_the_agent_at_once(admin_client, bare_business) -> None:
    assert business_profile().schedule.opening == {}
    response = admin_client.post(
        reverse("admin:booking_business_change", args=[bare_business.pk]),
        business_form(
            bare_business,
            [(1, "09:00", "12:00"), (1, "14:00", "18:00")],
            transfer_number="01 23 45 67 89",
        ),
    )
    assert response.status_code == 302
    bare_business.refresh_from_db()
    assert bare_business.transfer_number == "+33123456789"
    assert business_profile().schedule.opening == {1: ((time(9), time(12)), (time(14), time(18)))}


def test_there_is_one_business_and_it_cannot_be_deleted(admin_client, bare_business) -> None:
    assert admin_client.get(reverse("admin:booking_business_add")).status_code == 403
    assert (
        admin_client.get(
            reverse("admin:booking_business_delete", args=[bare_business.pk])
        ).status_code
        == 403
    )


# Who may do what.


def test_front_desk_books_and_edits_but_does_not_manage_users(
    staff_member, business, clock
) -> None:
    client = staff_member("Accueil")
    assert client.get(reverse("admin:booking_appointment_day")).status_code == 200
    response = client.post(reverse("admin:booking_appointment_add"), form_data(at(24, 10)))
    assert response.status_code == 302
    assert Appointment.objects.filter(channel="staff").count() == 1
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_managers_read_everything_and_change_nothing(staff_member, business, clock) -> None:
    appointment = book(business, at(24, 9))
    client = staff_member("Direction")
    assert client.get(reverse("admin:booking_appointment_changelist")).status_code == 200
    assert client.get(reverse("admin:booking_appointment_day")).status_code == 200
    assert (
        client.get(reverse("admin:booking_business_change", args=[business.pk])).status_code == 200
    )
    assert client.get(reverse("admin:booking_appointment_add")).status_code == 403
    client.post(
        reverse("admin:booking_appointment_change", args=[appointment.pk]), form_data(at(24, 15))
    )
    response = client.post(
        reverse("admin:booking_appointment_changelist"),
        {"action": "cancel_selected", "_selected_action": [appointment.pk]},
    )
    assert response.status_code in (200, 302, 403)
    appointment.refresh_from_db()
    assert (appointment.start, appointment.status) == (at(24, 9), "confirmed")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
