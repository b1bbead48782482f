"""The staff admin: conversations read as threads, and prompt overrides the engine uses at once."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from booking.models import Appointment
from booking.services import appointment_book
from conversations.dialogue.prompt_guide import STEPS, WHEN
from conversations.dialogue.prompts import PROMPTS
from conversations.dialogue.spoken import phone_label
from conversations.models import Conversation, Prompt, Turn
from conversations.selectors import prompt_overrides
from conversations.services import conversation_handle_turn
from tests.conftest import PARIS

pytestmark = pytest.mark.django_db

XSS = "<img src=x onerror=alert(1)>"
CONVERSATION_CHANGELIST = reverse("admin:conversations_conversation_changelist")
PROMPT_ADD = reverse("admin:conversations_prompt_add")
PROMPT_ALL = reverse("admin:conversations_prompt_all")
PROMPT_CHANGELIST = reverse("admin:conversations_prompt_changelist")


def greeting() -> str:
    """The reply to a new web visitor: the engine's first turn."""
    return conversation_handle_turn(channel="web", conversation_id=None, message="").reply


def chat(*messages: str) -> Conversation:
    key = conversation_handle_turn(channel="web", conversation_id=None, message="").conversation_id
    for message in messages:
        conversation_handle_turn(channel="web", conversation_id=key, message=message)
    return Conversation.objects.get(key=key)


def change_url(obj) -> str:
    return reverse(f"admin:conversations_{obj._meta.model_name}_change", args=[obj.pk])


# Conversations.


@pytest.mark.parametrize(
    "query",
    ["Léa Garnier", "garnier", "06 12 34 56 78", "+33612345678", "LEA@exemple.fr", "Ménard"],
)
def test_conversations_are_found_by_the_visitors_name_phone_or_email(
    admin_client, business, clock, query
) -> None:
    Conversation.objects.create(
        key="lea",
        data={"name": "Léa Garnier", "phone": "+33612345678", "email": "lea@exemple.fr"},
    )
    Conversation.objects.create(key="someone-else", data={"name": "Paul Roux"})
    # Known by the appointment it booked (the name the front desk sees in the agenda).
    Conversation.objects.create(key="booked-call", channel="voice")
    appointment_book(
        business=business,
        start=datetime(2026, 11, 24, 9, tzinfo=PARIS),
        end=datetime(2026, 11, 24, 10, tzinfo=PARIS),
        name="Paul Ménard",
        conversation_key="booked-call",
    )

    found = admin_client.get(CONVERSATION_CHANGELIST, {"q": query}).context["cl"].result_list
    expected = {"booked-call"} if query == "Ménard" else {"lea"}
    assert {c.key for c in found} == expected


def test_the_list_names_the_visitor(admin_client, clock) -> None:
    Conversation.objects.create(key="lea", data={"name": "Léa Garnier"})
    page = admin_client.get(CONVERSATION_CHANGELIST).content.decode()
    assert '<td class="field-visitor">Léa Garnier</td>' in page


def test_changelist_filters_by_outcome_channel_and_date(admin_client, clock) -> None:
    Conversation.objects.create(key="conv-web-booked", outcome="confirmed")
    Conversation.objects.create(
        key="conv-phone-transferred", channel="voice", outcome="transferred"
    )

    page = admin_client.get(CONVERSATION_CHANGELIST, {"outcome": "confirmed"}).content.decode()
    assert "conv-web-booked" in page
    assert "conv-phone-transferred" not in page

    page = admin_client.get(CONVERSATION_CHANGELIST, {"channel": "voice"}).content.decode()
    assert "conv-phone-transferred" in page
    assert "conv-web-booked" not in page

    in_range = {
        "created_at__gte": "2026-11-23 00:00+01:00",
        "created_at__lt": "2026-11-24 00:00+01:00",
    }
    assert "conv-web-booked" in admin_client.get(CONVERSATION_CHANGELIST, in_range).content.decode()
    before = {
        "created_at__gte": "2026-11-01 00:00+01:00",
        "created_at__lt": "2026-11-02 00:00+01:00",
    }
    assert (
        "conv-web-booked" not in admin_client.get(CONVERSATION_CHANGELIST, before).content.decode()
    )
    by_day = {"created_at__year": "2026", "created_at__month": "11", "created_at__day": "23"}
    assert admin_client.get(CONVERSATION_CHANGELIST, by_day).status_code == 200

    page = admin_client.get(CONVERSATION_CHANGELIST, {"q": "phone"}).content.decode()
    assert "conv-phone-transferred" in page
    assert "conv-web-booked" not in page


def test_change_page_shows_the_thread_in_order_with_badges(admin_client, business, clock) -> None:
    conversation = chat("je voudrais un rendez-vous", "Marie Curie")
    page = admin_client.get(change_url(conversation)).content.decode()

    turns = list(conversation.turns.order_by("index"))
    assert len(turns) == 3
    positions = [page.index(f'id="turn-{turn.index}"') for turn in turns]
    assert positions == sorted(positions)
    assert page.index("je voudrais un rendez-vous") < page.index(turns[1].reply)
    assert page.index(turns[1].reply) < page.index("Marie Curie</p>")
    second = turns[1]
    assert second.state_before != second.state_after
    assert f"{second.state_before} → {second.state_after}" in page
    assert f"intention : {second.intent}" in page
    assert " ms</span>" in page
    assert "Fil de la conversation" in page


def test_user_text_is_escaped(admin_client, business, clock) -> None:
    # The guards already strip markup from what visitors type; the page escapes it anyway.
    conversation = chat(XSS)
    Turn.objects.create(
        conversation=conversation,
        index=100,
        user_text=XSS,
        reply=f"Vous avez dit {XSS}",
        state_before="QUALIF_NAME",
        state_after="QUALIF_NAME",
        intent="<i>x</i>",  # the column holds 20 characters
    )
    page = admin_client.get(change_url(conversation)).content.decode()
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") >= 2
    assert "&lt;i&gt;x&lt;/i&gt;" in page
    assert XSS not in page
    assert "<i>x</i>" not in page


def test_faq_transfer_and_guard_badges(admin_client, clock) -> None:
    conversation = Conversation.objects.create(key="badges", channel="voice")
    Turn.objects.create(
        conversation=conversation,
        index=0,
        user_text="vous êtes ouverts le samedi ?",
        reply="Oui, le matin.",
        state_before="INTENT_ROUTER",
        state_after="INTENT_ROUTER",
        faq_id="FAQ_HORAIRES",
        transfer=True,
        guard="injection",
        latency_ms=42.4,
    )
    page = admin_client.get(change_url(conversation)).content.decode()
    assert "source FAQ : FAQ_HORAIRES" in page
    assert "transfert" in page
    assert "garde : injection" in page
    assert "42 ms" in page
    assert "INTENT_ROUTER → INTENT_ROUTER" not in page


def test_voice_call_shows_summary_and_recording(admin_client, clock) -> None:
    conversation = Conversation.objects.create(
        key="call-1",
        channel="voice",
        summary="Le client veut un devis <b>urgent</b>.",
        recording_url="https://example.com/rec.mp3",
    )
    page = admin_client.get(change_url(conversation)).content.decode()
    assert "Le client veut un devis &lt;b&gt;urgent&lt;/b&gt;." in page
    assert 'href="https://example.com/rec.mp3"' in page


def test_javascript_recording_url_is_not_a_link(admin_client, clock) -> None:
    conversation = Conversation.objects.create(
        key="call-2", channel="voice", recording_url="javascript:alert(1)"
    )
    page = admin_client.get(change_url(conversation)).content.decode()
    assert 'href="javascript:' not in page


def test_conversations_are_read_only_even_for_a_superuser(admin_client, clock) -> None:
    conversation = Conversation.objects.create(key="locked", state="START")
    url = change_url(conversation)
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"state": "CONFIRMED"}).status_code == 403
    assert admin_client.get(reverse("admin:conversations_conversation_add")).status_code == 403
    delete = reverse("admin:conversations_conversation_delete", args=[conversation.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    conversation.refresh_from_db()
    assert conversation.state == "START"


def test_front_desk_and_manager_can_read_conversations(front_desk, manager, clock) -> None:
    conversation = Conversation.objects.create(key="shared")
    for client in (front_desk, manager):
        assert client.get(CONVERSATION_CHANGELIST).status_code == 200
        assert client.get(change_url(conversation)).status_code == 200
        assert client.post(change_url(conversation), {}).status_code == 403


def test_change_page_queries_do_not_grow_with_turns(
    admin_client, clock, django_assert_max_num_queries
) -> None:
    conversation = Conversation.objects.create(key="long")
    Turn.objects.bulk_create(
        Turn(
            conversation=conversation,
            index=i,
            user_text=f"message {i}",
            reply=f"réponse {i}",
            state_before="START",
            state_after="INTENT_ROUTER",
        )
        for i in range(30)
    )
    admin_client.get(change_url(conversation))  # warm the session and content types
    with django_assert_max_num_queries(8):
        page = admin_client.get(change_url(conversation)).content.decode()
    assert "réponse 29" in page
    with django_assert_max_num_queries(10):
        assert admin_client.get(CONVERSATION_CHANGELIST).status_code == 200


def test_unknown_conversation_is_not_a_500(admin_client) -> None:
    url = reverse("admin:conversations_conversation_change", args=["nope"])
    assert admin_client.get(url).status_code == 302
    assert admin_client.get(CONVERSATION_CHANGELIST, {"created_at__gte": "x"}).status_code < 500


# Prompts.


def test_all_prompts_page_lists_every_key_with_defaults(admin_client) -> None:
    Prompt.objects.create(key="MSG_GOODBYE", variant="voice", text="Au revoir <b>!</b>")
    page = admin_client.get(PROMPT_ALL).content.decode()
    for key in PROMPTS:
        assert f'id="prompt-{key}"' in page
    assert "Merci de votre appel, bonne journée, au revoir !" in page  # a voice default
    assert "Au revoir &lt;b&gt;!&lt;/b&gt;" in page
    assert f"{PROMPT_ADD}?key=MSG_ASK_NAME&amp;variant=voice" in page


def test_all_prompts_page_search(admin_client) -> None:
    page = admin_client.get(PROMPT_ALL, {"q": "épeler"}).content.decode()
    assert 'id="prompt-MSG_ASK_NAME_RETRY"' in page
    assert 'id="prompt-MSG_GREETING"' not in page


def test_prompt_changelist_links_to_all_prompts(admin_client) -> None:
    assert PROMPT_ALL in admin_client.get(PROMPT_CHANGELIST).content.decode()


def test_add_form_is_prefilled_with_the_default(admin_client) -> None:
    page = admin_client.get(PROMPT_ADD, {"key": "MSG_GREETING", "variant": "voice"})
    content = page.content.decode()
    assert "{business}, je suis" in content
    assert 'id="prompt-reference"' in content


@pytest.mark.parametrize(
    "params", [{"key": "<script>", "variant": "zzz"}, {"key": "MSG_GREETING", "variant": "x"}]
)
def test_add_form_with_bad_parameters_is_not_a_500(admin_client, params) -> None:
    page = admin_client.get(PROMPT_ADD, params)
    assert page.status_code == 200
    assert "<script>" not in page.content.decode()


def test_override_is_spoken_on_the_next_turn(admin_client, business, clock, settings) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 3600  # only the admin's clearing can refresh the copy
    assert "Salut" not in greeting()
    response = admin_client.post(
        PROMPT_ADD, {"key": "MSG_GREETING", "variant": "", "text": "Salut, ici {business} !"}
    )
    assert response.status_code == 302
    assert greeting() == f"Salut, ici {business.name} !"


def test_editing_an_override_is_spoken_at_once(front_desk, business, clock, settings) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    prompt = Prompt.objects.create(key="MSG_GREETING", variant="web", text="Hello {business}")
    assert greeting().startswith("Hello")
    data = {"key": "MSG_GREETING", "variant": "web", "text": "Coucou {business}"}
    assert front_desk.post(change_url(prompt), data).status_code == 302
    assert greeting().startswith("Coucou")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Bonjour, que puis-je faire ?", "gardez ces variables"),
        ("Bonjour {business", "Accolades mal formées"),
        ("Bonjour {business}}", "Accolades mal formées"),
        ("Bonjour {business} {slot}", "Variable(s) inconnue(s)"),
        ("Bonjour {} {business}", "Variable(s) inconnue(s)"),
        ("Bonjour {business.__class__}", "Variable(s) inconnue(s)"),
        ("Bonjour {business!r}", "sans « : » ni « ! »"),
        ("Bonjour {business:>{business}}", "sans « : » ni « ! »"),
    ],
)
def test_unsafe_overrides_are_refused(admin_client, text, error) -> None:
    response = admin_client.post(PROMPT_ADD, {"key": "MSG_GREETING", "variant": "", "text": text})
    assert response.status_code == 200
    assert any(error in message for message in response.context["adminform"].form.errors["text"])
    assert not Prompt.objects.exists()


def test_a_channel_override_must_keep_that_channels_placeholders(admin_client) -> None:
    # The web FAQ answer cites its source; the voice one does not.
    data = {"key": "MSG_FAQ_ANSWER", "text": "{faq_answer}"}
    assert admin_client.post(PROMPT_ADD, {**data, "variant": "web"}).status_code == 200
    assert admin_client.post(PROMPT_ADD, {**data, "variant": "voice"}).status_code == 302
    assert admin_client.post(PROMPT_ADD, {**data, "variant": ""}).status_code == 302


def test_unknown_key_and_duplicate_are_form_errors(admin_client) -> None:
    Prompt.objects.create(key="MSG_GOODBYE", variant="", text="Au revoir")
    unknown = admin_client.post(PROMPT_ADD, {"key": "MSG_NOPE", "variant": "", "text": "x"})
    assert "key" in unknown.context["adminform"].form.errors
    duplicate = admin_client.post(PROMPT_ADD, {"key": "MSG_GOODBYE", "variant": "", "text": "Ciao"})
    assert duplicate.status_code == 200
    assert duplicate.context["adminform"].form.errors
    assert Prompt.objects.get().text == "Au revoir"


def test_change_page_previews_with_sample_values(admin_client) -> None:
    prompt = Prompt.objects.create(key="MSG_NAME_NOTED", variant="", text="Merci beaucoup {name} !")
    page = admin_client.get(change_url(prompt)).content.decode()
    assert "Merci beaucoup Marie Curie !" in page
    assert "Merci {name}." in page  # the default, for reference
    assert "Merci beaucoup Marie Curie !" in admin_client.get(PROMPT_ALL).content.decode()


def test_the_preview_speaks_of_this_business_not_a_sample_one(admin_client, business) -> None:
    prompt = Prompt.objects.create(
        key="MSG_TRANSFER", variant="", text="Ici {business}, appelez le {transfer_number}."
    )
    expected = f"Ici {business.name}, appelez le {phone_label(business.transfer_number)}."
    assert expected in admin_client.get(change_url(prompt)).content.decode()
    page = admin_client.get(PROMPT_ALL).content.decode()
    assert expected in page
    assert "Garage du Centre" not in page


def test_revert_deletes_the_override_and_the_default_is_back(
    front_desk, business, clock, settings
) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    prompt = Prompt.objects.create(key="MSG_GREETING", variant="", text="Yo {business}")
    assert greeting().startswith("Yo")
    url = reverse("admin:conversations_prompt_revert", args=[prompt.pk])
    assert "Yo {business}" in front_desk.get(url).content.decode()

    response = front_desk.post(url, follow=True)
    assert response.redirect_chain[-1][0] == PROMPT_ALL
    assert "revient au texte par défaut" in response.content.decode()
    assert not Prompt.objects.exists()
    assert greeting().startswith("Bonjour et bienvenue")


def test_revert_action_on_the_changelist(admin_client, business, clock, settings) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    prompt = Prompt.objects.create(key="MSG_GREETING", variant="", text="Yo {business}")
    assert prompt_overrides()
    data = {"action": "revert_to_default", "_selected_action": [prompt.pk]}
    response = admin_client.post(PROMPT_CHANGELIST, data, follow=True)
    assert "revenu(s) au texte par défaut" in response.content.decode()
    assert not Prompt.objects.exists()
    assert greeting().startswith("Bonjour et bienvenue")


def test_revert_of_a_missing_override_is_not_a_500(admin_client) -> None:
    for object_id in ("999", "abc"):
        url = reverse("admin:conversations_prompt_revert", args=[object_id])
        assert admin_client.post(url).status_code == 302


def test_manager_sees_prompts_but_cannot_change_them(manager) -> None:
    prompt = Prompt.objects.create(key="MSG_GOODBYE", variant="", text="Au revoir")
    page = manager.get(PROMPT_ALL)
    assert page.status_code == 200
    assert PROMPT_ADD not in page.content.decode()
    assert manager.get(change_url(prompt)).status_code == 200
    assert manager.get(PROMPT_ADD).status_code == 403
    data = {"key": "MSG_GOODBYE", "variant": "", "text": "Ciao"}
    assert manager.post(PROMPT_ADD, data).status_code == 403
    assert manager.post(change_url(prompt), data).status_code == 403
    revert = reverse("admin:conversations_prompt_revert", args=[prompt.pk])
    assert manager.post(revert).status_code == 403
    assert Prompt.objects.get().text == "Au revoir"


def test_all_prompts_page_needs_the_view_permission(django_user_model) -> None:
    user = django_user_model.objects.create_user("stagiaire", password="x-pass", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(PROMPT_ALL).status_code == 403


def test_a_thread_shows_the_visitor_local_times_and_its_appointment(
    admin_client, business, clock
) -> None:
    conversation = chat(
        "je voudrais un rendez-vous",
        "Paul Ménard",
        "vidange",
        "mardi matin",
        "06 12 34 56 78",
        "le premier",
        "oui",
    )
    appointment = Appointment.objects.get(conversation_key=conversation.key)
    page = admin_client.get(change_url(conversation)).content.decode()
    visitor = page.split('id="conversation-visitor"')[1].split("</fieldset>")[0]
    assert "Paul Ménard" in visitor
    assert "06 12 34 56 78" in visitor
    assert reverse("admin:booking_appointment_change", args=[appointment.pk]) in visitor
    # Turn times on the business's clock (the test clock stands at 9:00 in Paris), no UTC.
    assert "tour 1 · 09:00:00" in page
    # The start as well: local, to the second, never UTC with microseconds.
    assert "23 novembre 2026 09:00:0" in page
    assert "+00:00" not in page
    # And from the appointment back to its conversation.
    back = admin_client.get(reverse("admin:booking_appointment_change", args=[appointment.pk]))
    assert f"?q={conversation.key}" in back.content.decode()


def test_the_admin_home_opens_on_the_day(admin_client, business, clock) -> None:
    # The clock stands on Monday 23 November 2026 at 9:00 in Paris.
    appointment_book(
        business=business,
        start=datetime(2026, 11, 23, 14, tzinfo=PARIS),
        end=datetime(2026, 11, 23, 15, tzinfo=PARIS),
        name="Karim Benali",
    )
    Conversation.objects.create(
        key="handed-over",
        outcome="transferred",
        data={"name": "Léa Garnier", "caller_number": "+33612345678"},
    )
    page = admin_client.get(reverse("admin:index")).content.decode()
    today = page.split('id="today"')[1].split("</table>")[0]
    assert "<td>1</td>" in today  # one appointment today
    assert "lundi 23 novembre à 14:00 — Karim Benali" in today
    assert "Léa Garnier</a> · 06 12 34 56 78" in today  # to call back, with the number
    assert "base de données seule" in today
    # The apps in the order the front desk uses them: appointments first.
    assert page.index("app-booking") < page.index("app-conversations") < page.index("app-faq")


def test_the_home_shows_only_what_the_user_may_see(client, django_user_model) -> None:
    user = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(user)
    assert 'id="today"' not in client.get(reverse("admin:index")).content.decode()


def test_all_prompts_are_grouped_by_step_and_say_when(admin_client) -> None:
    page = admin_client.get(PROMPT_ALL)
    groups = page.context["groups"]
    assert [step for step, _ in groups] == list(STEPS)
    assert sum(len(rows) for _, rows in groups) == len(PROMPTS)
    html = page.content.decode()
    # The steps in the order a caller meets them, each prompt with its sentence.
    assert html.index("Accueil et orientation") < html.index("Annulation et déplacement")
    assert "Quand le moment souhaité n&#x27;a pas été compris." in html


def test_every_prompt_has_a_step_and_a_sentence_saying_when() -> None:
    assert set(WHEN) == set(PROMPTS)
    for key, (step, when) in WHEN.items():
        assert step in STEPS, key
        assert when.endswith((".", ")")), key
