"""The wordings of confirmations and reminders: placeholders, checks, rendering."""

from __future__ import annotations

import pytest

from booking.notifications.messages import (
    DEFAULTS,
    SMS_PLACEHOLDERS,
    duration_label,
    first_name,
    placeholders,
    render,
    wording_errors,
)


def test_every_default_wording_passes_its_own_check():
    for key, wording in DEFAULTS.items():
        assert wording_errors(key, wording.subject, wording.body) == [], key


def test_no_text_message_carries_a_family_name_or_a_motif():
    for key, wording in DEFAULTS.items():
        if key.endswith(".sms"):
            assert placeholders(wording.body) <= SMS_PLACEHOLDERS
    assert "nom" not in SMS_PLACEHOLDERS
    assert "motif" not in SMS_PLACEHOLDERS


@pytest.mark.parametrize(
    ("key", "subject", "body", "problem"),
    [
        ("booked.email", "RDV", "Bonjour {prenom}, {lien}", None),
        ("booked.email", "RDV", "Bonjour {prenom}", "Le lien {lien} doit rester"),
        ("booked.email", "RDV", "Bonjour {prénom} {lien}", "Variables inconnues"),
        ("booked.email", "RDV", "Bonjour {prenom {lien}", "accolade"),
        ("booked.email", "", "Bonjour {lien}", "objet"),
        ("booked.sms", "", "RDV {nom} {lien}", "{nom}"),
        ("booked.sms", "", "RDV {motif} {lien}", "{motif}"),
        ("reminder.sms", "", "Rappel {date} {heure} {lien}", None),
        # A cancellation has no link to keep.
        ("cancelled.sms", "", "Annulé : {date}", None),
    ],
)
def test_a_staff_wording_is_checked(key, subject, body, problem):
    errors = wording_errors(key, subject, body)
    if problem is None:
        assert errors == []
    else:
        assert any(problem in error for error in errors), errors


@pytest.mark.parametrize(
    ("minutes", "label"),
    [(30, "30 minutes"), (60, "1 heure"), (90, "1 h 30"), (120, "2 heures"), (135, "2 h 15")],
)
def test_durations_are_written_the_french_way(minutes, label):
    assert duration_label(minutes) == label


@pytest.mark.parametrize(
    ("name", "first"),
    [("Léa Martin", "Léa"), ("Martin", "Martin"), ("  ", "  "), ("Jean-Luc Roy", "Jean-Luc")],
)
def test_the_first_name_is_the_first_word(name, first):
    assert first_name(name) == first


def test_an_empty_value_drops_its_line_not_the_paragraphs():
    text = "Bonjour {prenom},\n\nÀ {heure}.\n\n{entreprise}\n{adresse}"
    out = render(text, {"prenom": "Léa", "heure": "9h", "entreprise": "Garage", "adresse": ""})
    assert out == "Bonjour Léa,\n\nÀ 9h.\n\nGarage"
