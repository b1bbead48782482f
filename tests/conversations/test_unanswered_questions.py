"""Unanswered questions, where staff read them (the report, a conversation's thread), and the
action that makes one a phrasing of an FAQ entry: shown only to staff who may change the FAQ."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from conversations.models import Conversation, Turn
from conversations.reports import UNMATCHED_TOP
from conversations.services import conversation_handle_turn
from faq.models import FaqEntry
from tests.conftest import NOW

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/"
ADD = reverse("admin:faq_faqentry_add_phrasing")
ACTION = "Ajouter comme formulation d'une FAQ"
MISS = "MSG_FAQ_NO_MATCH,MSG_ASK_INTENT"
PARKING = "Il y a un parking ?"
MOTOS = "vous faites les motos ?"


def missed(key: str, *texts: str) -> Conversation:
    """A conversation of yesterday whose questions the FAQ had no answer for."""
    row = Conversation.objects.create(key=key, turn_count=len(texts) + 1)
    for index, text in enumerate(texts, start=1):
        Turn.objects.create(
            conversation=row,
            index=index,
            user_text=text,
            state_before="START",
            state_after="START",
            prompt_keys=MISS,
        )
    yesterday = NOW - timedelta(days=1)
    Conversation.objects.filter(pk=row.pk).update(created_at=yesterday, updated_at=yesterday)
    Turn.objects.filter(conversation=row).update(created_at=yesterday)
    return row


def listed(client: Client) -> list[tuple[str, int]]:
    return [(u.text, u.asked) for u in client.get(REPORT).context["report"].unmatched]


def user(django_user_model, *groups: str) -> Client:
    account = django_user_model.objects.create_user(
        "-".join(groups).lower().replace(" ", ""), password="x-pass", is_staff=True
    )
    account.groups.add(*Group.objects.filter(name__in=groups))
    client = Client()
    client.force_login(account)
    return client


def thread_url(conversation: Conversation) -> str:
    return reverse("admin:conversations_conversation_change", args=[conversation.pk])


# --- The report ----------------------------------------------------------------------------


def report_reader(django_user_model) -> Client:
    """Staff who may read the report and nothing else."""
    account = django_user_model.objects.create_user("reader", password="x-pass", is_staff=True)
    account.user_permissions.add(Permission.objects.get(codename="view_report"))
    client = Client()
    client.force_login(account)
    return client


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("reader", False),  # reads the report, may not change the FAQ
        ("Direction", True),  # picks the entry a missed question belongs to
        ("Direction+Accueil", True),
    ],
)
def test_the_report_offers_the_action_only_to_who_may_change_the_faq(
    business, clock, django_user_model, who, shown
) -> None:
    missed("c1", PARKING)
    client = (
        report_reader(django_user_model)
        if who == "reader"
        else user(django_user_model, *who.split("+"))
    )
    response = client.get(REPORT)

    page = response.content.decode()
    assert PARKING in page
    assert (ACTION in page) is shown
    assert (f'action="{ADD}"' in page) is shown
    if shown:
        assert 'name="csrfmiddlewaretoken"' in page
        assert "Où se trouve le garage ? (FAQ_ADDRESS)" in page


def test_a_question_added_from_the_report_leaves_the_list(
    business, clock, admin_client, django_capture_on_commit_callbacks
) -> None:
    missed("c1", PARKING, MOTOS)
    missed("c2", "il y a un PARKING ?")
    back = f"{REPORT}?from=2026-11-01&to=2026-11-23"
    # Same words in any case are one question, shown as one of its spellings.
    assert listed(admin_client) == [("il y a un PARKING ?", 2), (MOTOS, 1)]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD, {"text": "il y a un PARKING ?", "faq_id": "FAQ_ADDRESS", "next": back}
        )

    assert response.status_code == 302
    assert response.url == back
    page = admin_client.get(back).content.decode()
    assert "est maintenant une formulation de « FAQ_ADDRESS »" in page
    assert listed(admin_client) == [(MOTOS, 1)]
    assert "il y a un PARKING ?" in FaqEntry.objects.get(faq_id="FAQ_ADDRESS").alternatives


def test_questions_an_entry_already_words_are_not_listed(business, clock, admin_client) -> None:
    # « vous ouvrez quand » is an alternative of FAQ_HOURS; its folded variants are covered too.
    missed("c1", "Vous ouvrez QUAND ?", "vous-ouvrez quand !", MOTOS)
    FaqEntry.objects.filter(faq_id="FAQ_PAYMENT").update(active=False)
    missed("c2", "vous prenez la carte ?")  # its entry is switched off: unanswered again

    assert sorted(listed(admin_client)) == [(MOTOS, 1), ("vous prenez la carte ?", 1)]


def test_covered_questions_do_not_shorten_the_list(business, clock, admin_client) -> None:
    # More groups of covered words, all more asked, than one page of the list holds.
    endings = ["", " ?", " !", ".", " ?!", " ??", " !!", "...", " …"]
    starts = ("vous ouvrez quand", "c'est où", "quelle est votre adresse")
    covered = [f"{start}{end}" for start in starts for end in endings]
    assert len(covered) > UNMATCHED_TOP
    for n, text in enumerate(covered):
        missed(f"covered-{n}", text, text)
    missed("rare", MOTOS, "vous vendez des pneus ?")

    assert sorted(listed(admin_client)) == [(MOTOS, 1), ("vous vendez des pneus ?", 1)]


# --- The conversation thread ---------------------------------------------------------------


def test_the_thread_offers_the_action_on_unanswered_questions_to_front_desk_and_managers(
    business, clock, front_desk, manager
) -> None:
    key = conversation_handle_turn(channel="web", conversation_id=None, message=MOTOS)
    conversation = Conversation.objects.get(key=key.conversation_id)
    url = thread_url(conversation)

    page = front_desk.get(url).content.decode()
    assert "question sans réponse" in page
    assert ACTION in page
    assert f'name="next" value="{url}#turn-1"' in page
    assert 'name="text" value="vous faites les motos ?"' in page

    page = manager.get(url).content.decode()  # the manager teaches the FAQ too
    assert "question sans réponse" in page
    assert ACTION in page


def test_a_question_added_from_the_thread_is_marked_as_added(
    business, clock, front_desk, django_capture_on_commit_callbacks
) -> None:
    conversation = missed("c1", MOTOS)
    url = thread_url(conversation)

    with django_capture_on_commit_callbacks(execute=True):
        response = front_desk.post(
            ADD, {"text": MOTOS, "faq_id": "FAQ_OIL_PRICE", "next": f"{url}#turn-1"}
        )

    assert response.status_code == 302
    assert response.url == f"{url}#turn-1"
    page = front_desk.get(url).content.decode()
    assert "formulation ajoutée à FAQ_OIL_PRICE" in page
    assert "question sans réponse" not in page
    assert ACTION not in page


def test_a_thread_without_a_miss_shows_no_action(business, clock, admin_client) -> None:
    key = conversation_handle_turn(channel="web", conversation_id=None, message="c'est où ?")
    page = admin_client.get(thread_url(Conversation.objects.get(key=key.conversation_id)))

    assert ACTION not in page.content.decode()
    assert "question sans réponse" not in page.content.decode()
