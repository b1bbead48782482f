"""A person's data in the admin: found by phone or e-mail, exported as JSON, erased on confirmation."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from booking.models import Appointment, BookedCell, SlotHold
from booking.services import ANONYMOUS_NAME, appointment_book
from conversations.models import Conversation, Turn
from conversations.privacy import Subject, phone_spellings, subject_parse

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
PAGE = reverse("admin-privacy")
MARIE_PHONE, MARIE_EMAIL = "+33612345678", "marie.martin@example.fr"
PAUL_PHONE, PAUL_EMAIL = "+33698765432", "paul.durand@example.fr"


def book(business, day: int, hour: int, name: str, **contact) -> Appointment:
    start = datetime(2026, 11, day, hour, tzinfo=PARIS)
    return appointment_book(
        business=business, start=start, end=start + timedelta(hours=1), name=name, **contact
    )


def talk(key: str, lines: list[str], **data) -> Conversation:
    conversation = Conversation.objects.create(key=key, data=data, turn_count=len(lines))
    for index, line in enumerate(lines):
        Turn.objects.create(
            conversation=conversation,
            index=index,
            user_text=line,
            reply="Bien noté.",
            state_before="QUALIF_CONTACT",
            state_after="WAIT_CONFIRM",
        )
    return conversation


@pytest.fixture
def people(business, clock):
    """Marie: a past and a future appointment, three conversations. Paul: one of each."""
    marie_past = book(
        business, 16, 10, "Marie Martin", phone=MARIE_PHONE, motif="vidange", conversation_key="m1"
    )
    marie_next = book(business, 24, 10, "Marie Martin", email=MARIE_EMAIL, phone=MARIE_PHONE)
    paul = book(business, 25, 10, "Paul Durand", phone=PAUL_PHONE, email=PAUL_EMAIL)
    talk("m1", ["Marie Martin", "vidange"], name="Marie Martin", phone=MARIE_PHONE)
    talk("m2", ["bonjour", "joignable au 06.12.34.56.78"])  # found by its text only
    talk("m3", ["allô"], caller_number=MARIE_PHONE)  # a call from her phone
    talk("m4", ["écrivez-moi", f"c'est {MARIE_EMAIL.upper()}"], email=MARIE_EMAIL)
    talk("p1", ["Paul Durand", "06 98 76 54 32"], name="Paul Durand", phone=PAUL_PHONE)
    return {"marie_past": marie_past, "marie_next": marie_next, "paul": paul}


def post(client: Client, contact: str, action: str):
    return client.post(PAGE, {"contact": contact, "action": action})


# Who the person is: the identifier typed by staff.


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("06 12 34 56 78", Subject(phone=MARIE_PHONE)),
        ("0612345678", Subject(phone=MARIE_PHONE)),
        ("+33 6 12 34 56 78", Subject(phone=MARIE_PHONE)),
        ("06.12.34.56.78", Subject(phone=MARIE_PHONE)),
        ("0033612345678", Subject(phone=MARIE_PHONE)),
        ("  Marie.Martin@Example.fr ", Subject(email=MARIE_EMAIL)),
        ("marie@", None),
        ("12", None),
        ("", None),
        ("bonjour", None),
    ],
)
def test_the_identifier_is_normalised_like_the_rest_of_the_code(typed, expected) -> None:
    assert subject_parse(typed) == expected


def test_phone_spellings_cover_the_usual_ways_of_typing_a_french_number() -> None:
    assert {
        "+33612345678",
        "+33 6 12 34 56 78",
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
    } <= phone_spellings(MARIE_PHONE)


# Permissions.


def test_anonymous_visitors_are_sent_to_the_admin_login(client, people) -> None:
    for response in (client.get(PAGE), post(client, MARIE_PHONE, "export")):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_front_desk_without_the_permission_is_refused(front_desk, people) -> None:
    assert front_desk.get(PAGE).status_code == 403
    for action in ("find", "export", "erase", "erase-confirmed"):
        assert post(front_desk, MARIE_PHONE, action).status_code == 403
    assert Conversation.objects.count() == 5


def test_staff_outside_any_group_is_refused(staff_member, people) -> None:
    assert staff_member().get(PAGE).status_code == 403


def test_managers_hold_the_permission_and_see_the_page(manager, people) -> None:
    response = manager.get(PAGE)
    assert response.status_code == 200
    assert "Téléphone ou e-mail" in response.content.decode()


def test_the_admin_home_links_the_page_for_managers_only(manager, front_desk, people) -> None:
    index = reverse("admin:index")
    assert PAGE in manager.get(index).content.decode()
    assert PAGE not in front_desk.get(index).content.decode()


def test_an_invalid_identifier_is_explained(manager, people) -> None:
    response = post(manager, "pas un numéro", "find")
    assert response.status_code == 400
    assert "numéro de téléphone valide" in response.content.decode()


# Finding and exporting.


def test_the_search_shows_what_is_kept_without_changing_it(manager, people) -> None:
    response = post(manager, "06 12 34 56 78", "find")
    assert response.status_code == 200
    assert {c.key for c in response.context["conversations"]} == {"m1", "m2", "m3"}
    assert len(response.context["appointments"]) == 2
    assert "Paul" not in response.content.decode()
    assert Conversation.objects.count() == 5


def export(client: Client, contact: str) -> dict:
    response = post(client, contact, "export")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "06" not in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_export_by_phone_holds_her_appointments_and_conversations(manager, people) -> None:
    data = export(manager, "06 12 34 56 78")
    assert data["subject"] == {"phone": MARIE_PHONE, "email": ""}
    appointments = {a["id"]: a for a in data["appointments"]}
    assert set(appointments) == {
        str(people["marie_past"].public_id),
        str(people["marie_next"].public_id),
    }
    past = appointments[str(people["marie_past"].public_id)]
    assert (past["name"], past["phone"], past["motif"]) == ("Marie Martin", MARIE_PHONE, "vidange")
    assert past["start"] == "2026-11-16T10:00:00+01:00"
    conversations = {c["id"]: c for c in data["conversations"]}
    assert set(conversations) == {"m1", "m2", "m3"}
    assert conversations["m1"]["memory"]["name"] == "Marie Martin"
    assert [t["message"] for t in conversations["m1"]["turns"]] == ["Marie Martin", "vidange"]
    assert conversations["m3"]["memory"]["caller_number"] == MARIE_PHONE


def test_the_export_by_email_finds_her_in_any_case(manager, people) -> None:
    data = export(manager, MARIE_EMAIL.upper())
    assert [a["id"] for a in data["appointments"]] == [str(people["marie_next"].public_id)]
    assert {c["id"] for c in data["conversations"]} == {"m4"}


def test_the_export_says_nothing_about_anyone_else(manager, people) -> None:
    body = json.dumps(export(manager, MARIE_PHONE))
    # Paul's conversation key as a value: random tokens (calendar links) may hold « p1 ».
    for other in ("Paul", PAUL_PHONE, PAUL_EMAIL, "98 76 54 32", '"p1"'):
        assert other not in body


def test_an_unknown_person_exports_empty_lists(manager, people) -> None:
    data = export(manager, "07 81 23 45 67")
    assert (data["appointments"], data["conversations"]) == ([], [])


# Erasure.


def test_erasure_asks_for_a_confirmation_with_the_counts(manager, people) -> None:
    response = post(manager, MARIE_PHONE, "erase")
    assert response.status_code == 200
    erasure = response.context["erasure"]
    assert (erasure.appointments, erasure.cancelled, erasure.conversations, erasure.turns) == (
        2,
        1,
        3,
        5,
    )
    page = response.content.decode()
    assert 'value="erase-confirmed"' in page
    assert "csrfmiddlewaretoken" in page
    assert Conversation.objects.count() == 5
    assert Appointment.objects.filter(name="Marie Martin").count() == 2


def test_confirmed_erasure_anonymises_appointments_and_deletes_conversations(
    manager, people, caplog
) -> None:
    with caplog.at_level(logging.INFO):
        response = post(manager, "06 12 34 56 78", "erase-confirmed")
    assert response.status_code == 302
    assert response["Location"] == PAGE
    past, upcoming = people["marie_past"], people["marie_next"]
    past.refresh_from_db()
    upcoming.refresh_from_db()
    for appointment in (past, upcoming):
        assert (appointment.name, appointment.phone, appointment.email, appointment.motif) == (
            ANONYMOUS_NAME,
            "",
            "",
            "",
        )
    # The past appointment stays as it was for the agenda and the statistics.
    assert past.status == Appointment.Status.CONFIRMED
    assert past.start == datetime(2026, 11, 16, 10, tzinfo=PARIS)
    # The future one was cancelled through the booking service: its slot is free again.
    assert upcoming.status == Appointment.Status.CANCELLED
    assert upcoming.cancelled_at is not None
    assert not BookedCell.objects.filter(appointment=upcoming).exists()
    assert set(Conversation.objects.values_list("key", flat=True)) == {"m4", "p1"}
    assert not Turn.objects.filter(conversation__key__in=["m1", "m2", "m3"]).exists()
    message = [r.getMessage() for r in caplog.records if r.name == "conversations.privacy"]
    assert message == ["[PRIVACY] erase appointments=2 cancelled=1 conversations=3 turns=5"]
    for record in caplog.records:
        assert "12 34 56 78" not in record.getMessage()
        assert MARIE_PHONE not in record.getMessage()


def test_erasure_leaves_other_people_untouched(manager, people) -> None:
    post(manager, MARIE_PHONE, "erase-confirmed")
    paul = Appointment.objects.get(pk=people["paul"].pk)
    assert (paul.name, paul.phone, paul.email, paul.status) == (
        "Paul Durand",
        PAUL_PHONE,
        PAUL_EMAIL,
        Appointment.Status.CONFIRMED,
    )
    assert Turn.objects.filter(conversation__key="p1").count() == 2
    assert Conversation.objects.get(key="p1").data["phone"] == PAUL_PHONE


def test_erasure_by_email_spares_the_appointment_booked_by_phone_only(manager, people) -> None:
    post(manager, MARIE_EMAIL, "erase-confirmed")
    assert Appointment.objects.get(pk=people["marie_past"].pk).name == "Marie Martin"
    assert Appointment.objects.get(pk=people["marie_next"].pk).name == ANONYMOUS_NAME
    assert not Conversation.objects.filter(key="m4").exists()


def test_erasure_releases_slot_holds_and_scrubs_the_admin_history(manager, people, business):
    past = people["marie_past"]
    start = past.start + timedelta(days=30)
    SlotHold.objects.create(
        business=business, holder="m2", start=start, end=start, expires_at=start
    )
    LogEntry.objects.create(
        user_id=_user_id(),
        content_type=ContentType.objects.get_for_model(Appointment),
        object_id=str(past.pk),
        object_repr=str(past),
        action_flag=CHANGE,
        change_message="[]",
    )
    post(manager, MARIE_PHONE, "erase-confirmed")
    assert not SlotHold.objects.filter(holder="m2").exists()
    entry = LogEntry.objects.get(object_id=str(past.pk))
    assert "Marie" not in entry.object_repr
    assert entry.object_repr.startswith(ANONYMOUS_NAME)


def _user_id() -> int:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.order_by("pk").values_list("pk", flat=True).first()


def test_erasure_needs_the_csrf_token(django_user_model, people) -> None:
    user = django_user_model.objects.create_user("gerante", password="x-pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Direction"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = post(client, MARIE_PHONE, "erase-confirmed")
    assert response.status_code == 403
    assert Conversation.objects.count() == 5
    assert Appointment.objects.filter(name="Marie Martin").count() == 2


def test_erasure_is_a_post_only_the_page_never_reads_the_query_string(manager, people) -> None:
    response = manager.get(PAGE, {"contact": MARIE_PHONE, "action": "erase-confirmed"})
    assert response.status_code == 200
    assert Conversation.objects.count() == 5
