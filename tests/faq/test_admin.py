"""The FAQ admin as front-desk staff use it: list, on/off, import, export, « Tester une question »."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conversations.services import conversation_handle_turn
from faq.exchange import FaqDataError, FaqRow, faq_rows_csv, read_faq_file
from faq.matcher import match
from faq.models import FaqEntry
from faq.services import faq_answer, faq_index, faq_upsert_from_profile

CHANGELIST = reverse("admin:faq_faqentry_changelist")
IMPORT = reverse("admin:faq_faqentry_import")
EXPORT_JSON = reverse("admin:faq_faqentry_export", args=["json"])
EXPORT_CSV = reverse("admin:faq_faqentry_export", args=["csv"])
TRY = reverse("admin:faq_faqentry_try")


@pytest.fixture
def faq(db, profile) -> dict[str, FaqEntry]:
    """The garage's five entries (FAQ_HOURS, FAQ_ADDRESS, FAQ_PAYMENT, ...), by id."""
    faq_upsert_from_profile(profile["faq"])
    return {entry.faq_id: entry for entry in FaqEntry.objects.all()}


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _upload(client, name: str, content: str | bytes):
    data = content.encode() if isinstance(content, str) else content
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})


def _listed(response) -> list[str]:
    return [entry.faq_id for entry in response.context["cl"].result_list]


def _state() -> list[tuple]:
    return list(
        FaqEntry.objects.values_list("faq_id", "question", "answer", "alternatives", "active")
    )


def _edit(client, entry: FaqEntry, **changes):
    data = {
        "faq_id": entry.faq_id,
        "question": entry.question,
        "answer": entry.answer,
        "alternatives": "\n".join(entry.alternatives),
        "active": "on" if entry.active else "",
        "_save": "Enregistrer",
    } | changes
    return client.post(reverse("admin:faq_faqentry_change", args=[entry.pk]), data)


# --- List, search, actions ----------------------------------------------------------------


def test_changelist_lists_entries_with_the_tool_buttons(admin_client, faq) -> None:
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert _listed(response) == sorted(faq)
    html = response.content.decode()
    for url in (IMPORT, EXPORT_JSON, EXPORT_CSV, TRY):
        assert f'href="{url}"' in html
    assert "Modifiée le" in html


def test_search_finds_entries_by_their_answer(admin_client, faq) -> None:
    response = admin_client.get(CHANGELIST, {"q": "Tilleuls"})
    assert _listed(response) == ["FAQ_ADDRESS"]


def test_filter_shows_inactive_entries_only(admin_client, faq) -> None:
    FaqEntry.objects.filter(faq_id="FAQ_PAYMENT").update(active=False)
    response = admin_client.get(CHANGELIST, {"active__exact": "0"})
    assert _listed(response) == ["FAQ_PAYMENT"]


def test_deactivate_switches_entries_off_and_says_how_many(admin_client, faq) -> None:
    before = faq["FAQ_HOURS"].updated_at
    selected = [faq["FAQ_HOURS"].pk, faq["FAQ_ADDRESS"].pk]
    response = admin_client.post(CHANGELIST, {"action": "deactivate", "_selected_action": selected})
    assert response.status_code == 302
    assert _messages(response) == ["2 questions désactivées."]
    assert set(FaqEntry.objects.filter(active=False).values_list("faq_id", flat=True)) == {
        "FAQ_HOURS",
        "FAQ_ADDRESS",
    }
    # Other processes notice through the fingerprint, which reads updated_at.
    assert FaqEntry.objects.get(faq_id="FAQ_HOURS").updated_at > before
    assert match("vous ouvrez quand", faq_index()) is None


def test_activate_counts_only_entries_that_were_off(admin_client, faq) -> None:
    FaqEntry.objects.filter(faq_id="FAQ_HOURS").update(active=False)
    selected = [faq["FAQ_HOURS"].pk, faq["FAQ_ADDRESS"].pk]
    response = admin_client.post(CHANGELIST, {"action": "activate", "_selected_action": selected})
    assert _messages(response) == ["1 question activée."]
    assert FaqEntry.objects.filter(active=False).count() == 0
    assert match("vous ouvrez quand", faq_index()).faq_id == "FAQ_HOURS"


# --- The entry form -----------------------------------------------------------------------


def test_add_form_creates_an_entry(admin_client, db) -> None:
    url = reverse("admin:faq_faqentry_add")
    assert admin_client.get(url).status_code == 200
    data = {
        "faq_id": "FAQ_WIFI",
        "question": "Avez-vous le wifi ?",
        "answer": "Oui, le code est affiché à l'accueil.",
        "alternatives": "c'est quoi le code wifi\n",
        "active": "on",
    }
    assert admin_client.post(url, data).status_code == 302
    assert FaqEntry.objects.get(faq_id="FAQ_WIFI").alternatives == ["c'est quoi le code wifi"]
    assert match("c'est quoi le code wifi", faq_index()).faq_id == "FAQ_WIFI"


def test_change_form_shows_alternatives_one_per_line(admin_client, faq) -> None:
    entry = faq["FAQ_HOURS"]
    response = admin_client.get(reverse("admin:faq_faqentry_change", args=[entry.pk]))
    assert "vous ouvrez quand\nvous êtes ouverts le samedi</textarea>" in response.content.decode()


def test_change_form_stores_lines_as_a_list_without_blanks(admin_client, faq) -> None:
    entry = faq["FAQ_HOURS"]
    response = _edit(
        admin_client, entry, alternatives="  c'est ouvert quand \n\n\nvous ouvrez quand\n"
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.alternatives == ["c'est ouvert quand", "vous ouvrez quand"]


def test_change_form_refuses_the_csv_separator_in_an_alternative(admin_client, faq) -> None:
    entry = faq["FAQ_HOURS"]
    response = _edit(admin_client, entry, alternatives="vous ouvrez | quand")
    assert response.status_code == 200
    assert "ne peut pas contenir « | »" in response.content.decode()
    entry.refresh_from_db()
    assert entry.alternatives == ["vous ouvrez quand", "vous êtes ouverts le samedi"]


def test_an_edit_is_answered_at_once(
    admin_client, business, clock, settings, django_capture_on_commit_callbacks
) -> None:
    # Only the admin's own invalidation can refresh a snapshot checked once an hour.
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    assert match("il y a des toilettes", faq_index()) is None
    entry = FaqEntry.objects.get(faq_id="FAQ_ADDRESS")
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(
            admin_client,
            entry,
            answer="Au 3 rue des Tilleuls, avec des toilettes pour les clients.",
            alternatives="quelle est votre adresse\nil y a des toilettes",
        )
    assert response.status_code == 302

    assert match("il y a des toilettes", faq_index()).faq_id == "FAQ_ADDRESS"
    assert (
        faq_answer("FAQ_ADDRESS") == "Au 3 rue des Tilleuls, avec des toilettes pour les clients."
    )
    turn = conversation_handle_turn(
        channel="web", conversation_id=None, message="il y a des toilettes ?"
    )
    assert "avec des toilettes pour les clients" in turn.reply


def test_a_deletion_is_seen_at_once(
    admin_client, faq, settings, django_capture_on_commit_callbacks
) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    assert match("vous prenez la carte", faq_index()).faq_id == "FAQ_PAYMENT"
    url = reverse("admin:faq_faqentry_delete", args=[faq["FAQ_PAYMENT"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"post": "yes"})
    assert not FaqEntry.objects.filter(faq_id="FAQ_PAYMENT").exists()
    assert match("vous prenez la carte", faq_index()) is None


# --- Import -------------------------------------------------------------------------------


def test_import_of_a_whole_profile_upserts_by_id(admin_client, faq, profile) -> None:
    profile["faq"][0]["answer"] = "Tous les jours de 7h à 21h."
    profile["faq"].append(
        {"id": "FAQ_TYRES", "question": "Vendez-vous des pneus ?", "answer": "Oui, toutes marques."}
    )
    response = _upload(admin_client, "garage.json", json.dumps(profile))
    assert response.status_code == 302
    assert _messages(response) == ["Import terminé : 1 créée, 1 mise à jour, 4 inchangées."]
    assert FaqEntry.objects.get(faq_id="FAQ_HOURS").answer == "Tous les jours de 7h à 21h."
    assert FaqEntry.objects.get(faq_id="FAQ_TYRES").alternatives == []
    assert match("vous vendez des pneus", faq_index()).faq_id == "FAQ_TYRES"


def test_import_of_a_bare_faq_list(admin_client, db) -> None:
    entries = [
        {"id": "FAQ_WIFI", "question": "Avez-vous le wifi ?", "answer": "Oui.", "active": False},
        {"id": "FAQ_DOG", "question": "Les chiens sont-ils admis ?", "answer": "Oui, en laisse."},
    ]
    response = _upload(admin_client, "faq.json", json.dumps(entries))
    assert _messages(response) == ["Import terminé : 2 créées, 0 mise à jour, 0 inchangée."]
    assert dict(FaqEntry.objects.values_list("faq_id", "active")) == {
        "FAQ_DOG": True,
        "FAQ_WIFI": False,
    }


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_import_of_a_csv(admin_client, faq, delimiter) -> None:
    text = (
        "id,question,answer,alternatives,active\r\n"
        'FAQ_WIFI,Avez-vous le wifi ?,"Oui, gratuit.",on a du wifi | c\'est quoi le code wifi,non\r\n'
        "FAQ_HOURS,Quand ouvrez-vous ?,De 9h à 17h.,,\r\n"
    )
    if delimiter == ";":
        text = text.replace(",", ";").replace('"Oui; gratuit."', '"Oui, gratuit."')
    response = _upload(admin_client, "faq.csv", text.encode("utf-8-sig"))
    assert _messages(response) == ["Import terminé : 1 créée, 1 mise à jour, 0 inchangée."]
    wifi = FaqEntry.objects.get(faq_id="FAQ_WIFI")
    assert (wifi.answer, wifi.alternatives, wifi.active) == (
        "Oui, gratuit.",
        ["on a du wifi", "c'est quoi le code wifi"],
        False,
    )
    hours = FaqEntry.objects.get(faq_id="FAQ_HOURS")
    assert (hours.question, hours.alternatives, hours.active) == ("Quand ouvrez-vous ?", [], True)


BAD_FILES = [
    ("not-json", b'{"faq": [', "JSON invalide (ligne 1"),
    ("no-faq-key", b'{"name": "Garage"}', "pas de clé « faq »"),
    ("faq-not-a-list", b'{"faq": "oui"}', "doit contenir une liste"),
    ("entry-not-object", b'["FAQ_HOURS"]', "Entrée 1 : chaque question doit être un objet"),
    (
        "missing-answer",
        b'[{"id": "A", "question": "Q ?"}]',
        "Entrée 1 : « answer » est obligatoire",
    ),
    ("bad-slug", b'[{"id": "mon id", "question": "Q", "answer": "R"}]', "l'identifiant « mon id »"),
    (
        "long-question",
        json.dumps([{"id": "A", "question": "q" * 301, "answer": "R"}]).encode(),
        "dépasse 300",
    ),
    (
        "bad-alternatives",
        b'[{"id": "A", "question": "Q", "answer": "R", "alternatives": "x"}]',
        "liste de textes",
    ),
    (
        "bad-active",
        b'[{"id": "A", "question": "Q", "answer": "R", "active": "oui"}]',
        "true ou false",
    ),
    (
        "duplicate",
        b'[{"id": "A", "question": "Q", "answer": "R"}, {"id": "A", "question": "Q2", "answer": "R"}]',
        "apparaît deux fois",
    ),
    ("empty-list", b"[]", "aucune question"),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "JSON invalide"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x81", "pas un fichier texte"),
    ("csv-missing-column", b"id,question\nA,Q\n", "colonne manquante : answer"),
    (
        "csv-unknown-column",
        b"id,question,reponse_client\nA,Q,R\n",
        "colonne inconnue : reponse_client",
    ),
    (
        "csv-bad-active",
        b"id,question,answer,active\nA,Q,R,peut-etre\n",
        "Ligne 2 : « active » doit valoir oui ou non",
    ),
    ("csv-extra-cell", b"id,question,answer\nA,Q,R,en trop\n", "Ligne 2 : plus de cellules"),
    ("csv-header-only", b"id,question,answer\n", "aucune question"),
    ("plain-text", b"Bonjour, voici nos horaires.", "En-tête CSV incorrect"),
]


@pytest.mark.parametrize(("name", "content", "error"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_refused_with_a_message(admin_client, faq, name, content, error) -> None:
    before = _state()
    response = _upload(admin_client, name, content)
    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors["file"])
    assert "Le fichier n'a pas été importé" in response.content.decode()
    assert _state() == before


def test_an_empty_upload_is_refused(admin_client, faq) -> None:
    response = _upload(admin_client, "vide.csv", b"")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Le fichier soumis est vide."]


def test_import_page_renders_the_upload_form(admin_client, db) -> None:
    response = admin_client.get(IMPORT)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


# --- Export -------------------------------------------------------------------------------


def test_json_export_is_the_profile_faq_list(admin_client, faq, profile) -> None:
    FaqEntry.objects.filter(faq_id="FAQ_LOAN_CAR").update(active=False)
    response = admin_client.get(EXPORT_JSON)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="faq-')
    exported = json.loads(response.content)
    expected = sorted(profile["faq"], key=lambda e: e["id"])
    assert [{k: e[k] for k in ("id", "question", "answer", "alternatives")} for e in exported] == (
        expected
    )
    assert {e["id"]: e["active"] for e in exported}["FAQ_LOAN_CAR"] is False
    # It can be pasted into a profile as is.
    FaqEntry.objects.all().delete()
    assert faq_upsert_from_profile(exported) == 5


def test_json_export_imports_back_unchanged(admin_client, faq) -> None:
    FaqEntry.objects.filter(faq_id="FAQ_LOAN_CAR").update(active=False)
    before = _state()
    exported = admin_client.get(EXPORT_JSON).content
    FaqEntry.objects.all().delete()
    response = _upload(admin_client, "faq.json", exported)
    assert _messages(response) == ["Import terminé : 5 créées, 0 mise à jour, 0 inchangée."]
    assert _state() == before


def test_csv_export_has_the_import_columns(admin_client, faq) -> None:
    response = admin_client.get(EXPORT_CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    hours = next(row for row in rows if row["id"] == "FAQ_HOURS")
    assert hours == {
        "id": "FAQ_HOURS",
        "question": "Quels sont vos horaires d'ouverture ?",
        "answer": faq["FAQ_HOURS"].answer,
        "alternatives": "vous ouvrez quand | vous êtes ouverts le samedi",
        "active": "oui",
    }


def test_csv_export_imports_back_unchanged(admin_client, faq) -> None:
    FaqEntry.objects.filter(faq_id="FAQ_ADDRESS").update(active=False)
    before = _state()
    exported = admin_client.get(EXPORT_CSV).content
    FaqEntry.objects.update(answer="effacé", alternatives=[], active=True)
    response = _upload(admin_client, "faq.csv", exported)
    assert _messages(response) == ["Import terminé : 0 créée, 5 mises à jour, 0 inchangée."]
    assert _state() == before


def test_csv_export_neutralises_formulas_and_import_restores_them(admin_client, db) -> None:
    FaqEntry.objects.create(
        faq_id="-promo",
        question='=HYPERLINK("http://evil.example","clic")',
        answer="+33 1 23 45 67 89",
        alternatives=["@moi", "normal", "'=déjà cité"],
    )
    before = _state()
    text = admin_client.get(EXPORT_CSV).content.decode("utf-8").lstrip("\ufeff")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[:4] == [
        "'-promo",
        '\'=HYPERLINK("http://evil.example","clic")',
        "'+33 1 23 45 67 89",
        "'@moi | normal | '=déjà cité",
    ]
    assert not any(cell[:1] in "=+-@" for cell in row)
    FaqEntry.objects.all().delete()
    _upload(admin_client, "faq.csv", text)
    assert _state() == before


def test_export_action_exports_only_the_selection(admin_client, faq) -> None:
    selected = [faq["FAQ_PAYMENT"].pk, faq["FAQ_ADDRESS"].pk]
    response = admin_client.post(
        CHANGELIST, {"action": "export_json", "_selected_action": selected}
    )
    assert [e["id"] for e in json.loads(response.content)] == ["FAQ_ADDRESS", "FAQ_PAYMENT"]
    response = admin_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": selected})
    assert [row.faq_id for row in read_faq_file(response.content)] == ["FAQ_ADDRESS", "FAQ_PAYMENT"]


def test_unknown_export_format_is_a_404(admin_client, db) -> None:
    response = admin_client.get(reverse("admin:faq_faqentry_export", args=["xlsx"]))
    assert response.status_code == 404


# --- Tester une question ------------------------------------------------------------------


def test_trial_shows_the_entry_the_engine_would_answer_with(admin_client, faq) -> None:
    response = admin_client.get(TRY, {"question": "vous ouvrez quand ?"})
    trial = response.context["trial"]
    assert (trial.best.faq_id, trial.best.score, trial.answered) == ("FAQ_HOURS", 100.0, True)
    html = response.content.decode()
    assert "L'assistant répondrait avec « FAQ_HOURS »" in html
    assert "score 100, seuil 80" in html
    assert faq["FAQ_HOURS"].answer.replace("'", "&#x27;") in html


def test_trial_shows_a_close_entry_below_the_threshold(admin_client, faq) -> None:
    response = admin_client.get(TRY, {"question": "tarif des pneus"})
    trial = response.context["trial"]
    assert trial.best.faq_id == "FAQ_OIL_PRICE"
    assert 0 < trial.best.score < trial.threshold == 80
    assert trial.answered is False
    html = response.content.decode()
    assert f"obtient {str(trial.best.score).replace('.', ',')}, sous le seuil de 80" in html


def test_trial_says_when_nothing_matches(admin_client, faq) -> None:
    response = admin_client.get(TRY, {"question": "vous faites la carte grise"})
    assert response.context["trial"].best is None
    assert "Aucune question fréquente ne correspond" in response.content.decode()


@pytest.mark.parametrize("question", ["", "   ", "x" * 501, "😀 !!!", "\x00"])
def test_trial_never_fails_on_odd_input(admin_client, faq, question) -> None:
    response = admin_client.get(TRY, {"question": question})
    assert response.status_code == 200


def test_trial_page_without_a_question_shows_only_the_form(admin_client, db) -> None:
    response = admin_client.get(TRY)
    assert response.status_code == 200
    assert response.context["trial"] is None
    assert not response.context["form"].errors


# --- Who may do what ----------------------------------------------------------------------


def test_front_desk_can_import(front_desk, faq) -> None:
    assert 'href="' + IMPORT + '"' in front_desk.get(CHANGELIST).content.decode()
    response = _upload(front_desk, "faq.csv", "id,question,answer\nFAQ_WIFI,Le wifi ?,Oui.\n")
    assert _messages(response) == ["Import terminé : 1 créée, 0 mise à jour, 0 inchangée."]
    assert FaqEntry.objects.filter(faq_id="FAQ_WIFI").exists()


def test_manager_reads_and_exports_but_cannot_import_or_change(manager, faq) -> None:
    response = manager.get(CHANGELIST)
    assert response.status_code == 200
    assert IMPORT not in response.content.decode()
    assert set(response.context["action_form"].fields["action"].choices) >= {
        ("export_json", "Exporter la sélection en JSON")
    }
    assert "deactivate" not in dict(response.context["action_form"].fields["action"].choices)

    assert manager.get(IMPORT).status_code == 403
    csv_text = "id,question,answer\nFAQ_WIFI,Le wifi ?,Oui.\n"
    assert _upload(manager, "faq.csv", csv_text).status_code == 403
    manager.post(CHANGELIST, {"action": "deactivate", "_selected_action": [faq["FAQ_HOURS"].pk]})
    assert not FaqEntry.objects.filter(faq_id="FAQ_WIFI").exists()
    assert FaqEntry.objects.get(faq_id="FAQ_HOURS").active is True

    assert manager.get(EXPORT_CSV).status_code == 200
    assert manager.get(TRY, {"question": "vous ouvrez quand"}).status_code == 200


def test_a_user_without_faq_rights_gets_403(client, django_user_model, faq) -> None:
    user = django_user_model.objects.create_user("intern", password="x-pass", is_staff=True)
    client.force_login(user)
    assert client.get(EXPORT_JSON).status_code == 403
    assert client.get(TRY).status_code == 403


# --- The file format on its own ------------------------------------------------------------


def test_csv_writing_and_reading_round_trip_without_a_database() -> None:
    rows = [
        FaqRow("A", "Q, avec virgule ?", 'R "citée"\nsur deux lignes', ("x", "=y"), False),
        FaqRow("B", "-Q", "R", (), True),
    ]
    assert read_faq_file(faq_rows_csv(rows).encode("utf-8")) == rows


def test_windows_encoded_csv_is_read() -> None:
    data = "id;question;réponse\nA;Où êtes-vous ?;À Lyon.\n".encode("cp1252")
    assert read_faq_file(data) == [FaqRow("A", "Où êtes-vous ?", "À Lyon.")]


def test_read_refuses_what_it_cannot_import() -> None:
    with pytest.raises(FaqDataError, match="apparaît deux fois"):
        read_faq_file(b"id,question,answer\nA,Q,R\nA,Q,R\n")


def test_a_file_over_the_size_limit_is_refused(admin_client, faq) -> None:
    response = _upload(admin_client, "faq.json", b"[" + b" " * 1_000_000 + b"]")
    assert response.context["form"].errors["file"] == ["Fichier trop volumineux : 1 Mo au plus."]


def test_the_list_shows_the_answer_and_how_often_each_entry_was_asked(
    admin_client, business, faq, time_machine
) -> None:
    from conversations.models import Conversation, Turn

    time_machine.move_to("2026-11-23 09:00 +01:00")
    old = Conversation.objects.create(key="old", channel="web")
    recent = Conversation.objects.create(key="recent", channel="web")
    for index, (row, faq_id) in enumerate(
        [(recent, "FAQ_HOURS"), (recent, "FAQ_HOURS"), (recent, "FAQ_ADDRESS"), (old, "FAQ_HOURS")]
    ):
        Turn.objects.create(conversation=row, index=index, user_text="?", faq_id=faq_id)
    # Asked 40 days ago: outside the last 30 days.
    Turn.objects.filter(conversation=old).update(created_at="2026-10-14T09:00:00+01:00")

    response = admin_client.get(CHANGELIST, {"o": "-4"})  # the « demandée » column, most first
    counts = {entry.faq_id: entry.asked for entry in response.context["cl"].result_list}
    assert counts["FAQ_HOURS"] == 2
    assert counts["FAQ_ADDRESS"] == 1
    assert counts["FAQ_PAYMENT"] == 0
    assert _listed(response)[:2] == ["FAQ_HOURS", "FAQ_ADDRESS"]
    html = response.content.decode()
    assert "demandée (30 j)" in html.lower()
    assert faq["FAQ_ADDRESS"].answer[:60] in html
