"""« Ajouter comme formulation d'une FAQ »: the service that appends a client's question to an
entry's alternatives, and the admin view the report and the conversation thread post to."""

from __future__ import annotations

import logging

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from conversations.models import Turn
from conversations.services import conversation_handle_turn
from faq.exchange import QUESTION_MAX
from faq.models import FaqEntry
from faq.services import (
    FaqPhrasingError,
    faq_phrasing_add,
    faq_phrasing_clean,
    faq_trial,
    faq_upsert_from_profile,
)

ADD = reverse("admin:faq_faqentry_add_phrasing")
REPORT = "/admin/reports/?from=2026-11-01&to=2026-11-23"
PARKING = "il y a un parking pour se garer ?"
HOURS_ALTERNATIVES = ["vous ouvrez quand", "vous êtes ouverts le samedi"]


@pytest.fixture
def faq(db, profile) -> dict[str, FaqEntry]:
    """The garage's five entries (FAQ_HOURS, FAQ_ADDRESS, FAQ_PAYMENT, ...), by id."""
    faq_upsert_from_profile(profile["faq"])
    return {entry.faq_id: entry for entry in FaqEntry.objects.all()}


def alternatives(faq_id: str) -> list[str]:
    return FaqEntry.objects.get(faq_id=faq_id).alternatives


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Cleaning, on its own ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("vous ouvrez quand ?", "vous ouvrez quand ?"),
        ("   vous ouvrez quand ?  ", "vous ouvrez quand ?"),  # trimmed
        ("vous\nouvrez\t\tquand", "vous ouvrez quand"),  # one line, single spaces
        ("le samedi | le dimanche", "le samedi le dimanche"),  # the CSV's separator goes
        ("", ""),
        (" \n ", ""),
        ("mot " * 100, ("mot " * 75).strip()),  # capped between words: 299 characters
        ("x" * 400, "x" * QUESTION_MAX),  # one long word is cut at the cap
    ],
)
def test_cleaning_trims_joins_lines_and_caps(text, clean) -> None:
    assert faq_phrasing_clean(text) == clean
    assert len(faq_phrasing_clean(text)) <= QUESTION_MAX


# --- The service ---------------------------------------------------------------------------


def test_a_new_question_is_appended_cleaned(faq) -> None:
    result = faq_phrasing_add(entry=faq["FAQ_ADDRESS"], text=f"  {PARKING}\n")

    assert result.added
    assert result.text == PARKING
    assert alternatives("FAQ_ADDRESS") == ["quelle est votre adresse", "c'est où", PARKING]


@pytest.mark.parametrize(
    "text",
    [
        "vous ouvrez quand",  # an alternative as stored
        "Vous OUVREZ quand ?",  # case and punctuation
        "  vous-ouvrez   quand !!",  # hyphen, spaces
        "quels sont vos horaires d'ouverture",  # the entry's own question, unaccented
        "Vous êtes ouverts le samedi ?",
    ],
)
def test_words_the_entry_already_holds_are_not_added_twice(faq, text) -> None:
    result = faq_phrasing_add(entry=faq["FAQ_HOURS"], text=text)

    assert not result.added
    assert alternatives("FAQ_HOURS") == HOURS_ALTERNATIVES


def test_adding_the_same_question_twice_keeps_one(faq) -> None:
    assert faq_phrasing_add(entry=faq["FAQ_ADDRESS"], text=PARKING).added
    assert not faq_phrasing_add(entry=faq["FAQ_ADDRESS"], text=PARKING.upper()).added
    assert alternatives("FAQ_ADDRESS").count(PARKING) == 1


def test_a_long_question_is_stored_capped(faq) -> None:
    text = "est-ce que " + "vraiment " * 60 + "vous avez un parking ?"
    result = faq_phrasing_add(entry=faq["FAQ_ADDRESS"], text=text)

    assert result.added
    assert len(result.text) <= QUESTION_MAX
    assert text.startswith(result.text)
    assert alternatives("FAQ_ADDRESS")[-1] == result.text


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "La question est vide"),
        ("   ", "La question est vide"),
        ("?! …", "La question est vide"),
        ("rappelez-moi au 06 12 34 56 78", "numéro de téléphone ou une adresse e-mail"),
        ("écrivez à lea.martin@example.org", "numéro de téléphone ou une adresse e-mail"),
        ("vous prenez la carte ?", "déjà une formulation de « FAQ_PAYMENT »"),  # another entry's
    ],
)
def test_questions_that_cannot_be_phrasings_are_refused(faq, text, error) -> None:
    with pytest.raises(FaqPhrasingError, match=error):
        faq_phrasing_add(entry=faq["FAQ_HOURS"], text=text)
    assert alternatives("FAQ_HOURS") == HOURS_ALTERNATIVES


def test_the_next_match_uses_the_new_phrasing(
    business, clock, settings, django_capture_on_commit_callbacks
) -> None:
    # Only the service's own invalidation can refresh a snapshot checked once an hour.
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    before = faq_trial(PARKING)
    assert not before.answered
    turn = conversation_handle_turn(channel="web", conversation_id=None, message=PARKING)
    assert not turn.faq_id
    assert Turn.objects.get(conversation__key=turn.conversation_id, index=1).prompt_keys.startswith(
        "MSG_FAQ_NO_MATCH"
    )

    with django_capture_on_commit_callbacks(execute=True):
        faq_phrasing_add(entry=FaqEntry.objects.get(faq_id="FAQ_ADDRESS"), text=PARKING)

    for said in (PARKING, "Il y a un parking, pour se garer"):
        after = faq_trial(said)
        assert after.answered
        assert after.best.faq_id == "FAQ_ADDRESS"
    turn = conversation_handle_turn(channel="web", conversation_id=None, message=PARKING)
    assert turn.faq_id == "FAQ_ADDRESS"


def test_the_log_line_names_the_entry_not_the_words(faq, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="faq.services"):
        faq_phrasing_add(entry=faq["FAQ_ADDRESS"], text=PARKING)

    lines = [r.getMessage() for r in caplog.records if "FAQ_PHRASING_ADDED" in r.getMessage()]
    assert lines == ["[FAQ_PHRASING_ADDED] faq_id=FAQ_ADDRESS alternatives=3"]


# --- The admin view ------------------------------------------------------------------------


def post(client: Client, text: str = PARKING, faq_id: str = "FAQ_ADDRESS", **extra):
    return client.post(ADD, {"text": text, "faq_id": faq_id, **extra})


def test_a_submit_adds_and_goes_back_with_a_message(front_desk, faq) -> None:
    response = post(front_desk, next=REPORT)

    assert response.status_code == 302
    assert response.url == REPORT
    assert messages_of(response) == [
        f"« {PARKING} » est maintenant une formulation de « FAQ_ADDRESS » : "
        "l'assistant y répond dès la prochaine question."
    ]
    assert alternatives("FAQ_ADDRESS")[-1] == PARKING


def test_the_entry_history_records_the_change(admin_client, faq) -> None:
    from django.contrib.admin.models import LogEntry

    post(admin_client)
    entry = LogEntry.objects.get()
    assert entry.object_id == str(faq["FAQ_ADDRESS"].pk)
    assert entry.change_message == "Formulation ajoutée."


@pytest.mark.parametrize(
    "target",
    ["", "https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"],
)
def test_without_a_page_of_this_site_to_go_back_to_it_shows_the_entry(
    admin_client, faq, target
) -> None:
    response = post(admin_client, next=target)

    assert response.status_code == 302
    assert response.url == reverse("admin:faq_faqentry_change", args=[faq["FAQ_ADDRESS"].pk])


def test_words_already_there_say_so_and_change_nothing(admin_client, faq) -> None:
    response = post(admin_client, text="Vous ouvrez quand ?", faq_id="FAQ_HOURS", next=REPORT)

    assert response.status_code == 302
    assert messages_of(response) == [
        "« Vous ouvrez quand ? » était déjà une formulation de « FAQ_HOURS »."
    ]
    assert alternatives("FAQ_HOURS") == HOURS_ALTERNATIVES


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"faq_id": "FAQ_NOPE"}, "faq_id", "n'existe pas ou est inactive"),
        ({"faq_id": "FAQ_LOAN_CAR"}, "faq_id", "n'existe pas ou est inactive"),  # switched off
        ({"faq_id": ""}, "faq_id", "Ce champ est obligatoire"),
        ({"text": ""}, "text", "Ce champ est obligatoire"),
        ({"text": "   "}, "text", "Ce champ est obligatoire"),
        ({"text": "?!"}, "text", "La question est vide"),
        ({"text": "au 06 12 34 56 78"}, "text", "numéro de téléphone"),
        ({"text": "x" * 2001}, "text", "2000 caractères"),
    ],
)
def test_a_refused_submit_shows_the_form_again_with_the_error(
    admin_client, faq, data, field, error
) -> None:
    FaqEntry.objects.filter(faq_id="FAQ_LOAN_CAR").update(active=False)
    before = list(FaqEntry.objects.values_list("faq_id", "alternatives").order_by("faq_id"))

    response = admin_client.post(ADD, {"text": PARKING, "faq_id": "FAQ_ADDRESS", **data})

    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors[field])
    assert list(FaqEntry.objects.values_list("faq_id", "alternatives").order_by("faq_id")) == (
        before
    )


def test_the_page_offers_the_active_entries_with_the_question_filled_in(admin_client, faq) -> None:
    FaqEntry.objects.filter(faq_id="FAQ_LOAN_CAR").update(active=False)

    response = admin_client.get(ADD, {"text": PARKING, "next": REPORT})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="il y a un parking pour se garer ?"' in page
    assert "Où se trouve le garage ? (FAQ_ADDRESS)" in page
    assert "FAQ_LOAN_CAR" not in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_staff_without_the_change_permission_get_403(staff_member, faq) -> None:
    client = staff_member(None)

    assert client.get(ADD, {"text": PARKING}).status_code == 403
    assert post(client).status_code == 403
    assert PARKING not in alternatives("FAQ_ADDRESS")


def test_managers_add_the_phrasing_they_pick(staff_member, faq) -> None:
    """The report is theirs: a missed question becomes a phrasing of the entry they choose."""
    client = staff_member("Direction")

    assert client.get(ADD, {"text": PARKING}).status_code == 200
    assert post(client).status_code == 302
    assert PARKING in alternatives("FAQ_ADDRESS")


def test_anonymous_visitors_are_sent_to_the_login_page(client, faq) -> None:
    response = post(client)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert PARKING not in alternatives("FAQ_ADDRESS")


def test_a_post_without_the_csrf_token_is_refused(django_user_model, faq) -> None:
    user = django_user_model.objects.create_superuser("boss", password="x-pass")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    assert post(client).status_code == 403
    assert PARKING not in alternatives("FAQ_ADDRESS")

    page = client.get(ADD, {"text": PARKING}).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert post(client, csrfmiddlewaretoken=token).status_code == 302
    assert PARKING in alternatives("FAQ_ADDRESS")
