"""Whom the caller asks for (conversations.dialogue.nlu.practitioners): facts of French and of
speech recognition, one row each."""

from __future__ import annotations

import pytest

from conversations.dialogue.nlu.practitioners import (
    Mention,
    Staff,
    names_practitioner,
    read_practitioner,
    sound,
)

STAFF = (
    Staff("dr-carrere", "Dr Hélène Carrère", "le docteur Carrère", "médecin"),
    Staff("dr-nguyen", "Dr Paul Nguyen", "le docteur Nguyen", "médecin"),
    Staff("dr-lambert", "Dr Sophie Lambert", "la docteure Lambert", "dentiste"),
    Staff("julie", "Julie Morel", "Julie", "coiffeuse"),
)


def read(text: str) -> tuple:
    found = read_practitioner(text, STAFF)
    if found is None:
        return ()
    return tuple(
        value
        for value in (
            found.key,
            found.kind,
            found.anyone and "anyone",
            found.same_as_last and "same",
            found.unknown and f"?{found.unknown}",
        )
        if value
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A doctor's title and the family name, in any case, accents or not.
        ("avec le docteur Carrère pour un renouvellement jeudi", ("dr-carrere",)),
        ("je voudrais voir le Dr carrere", ("dr-carrere",)),
        ("docteur Nguyen s'il vous plaît", ("dr-nguyen",)),
        ("avec la docteure Lambert", ("dr-lambert",)),
        ("chez madame Lambert", ("dr-lambert",)),
        # Speech recognition's spellings of a family name.
        ("avec le docteur Karère", ("dr-carrere",)),
        ("avec le docteur carer", ("dr-carrere",)),
        ("avec le docteur Nguyên", ("dr-nguyen",)),
        ("avec le docteur Lamber", ("dr-lambert",)),
        # The first name alone after a cue, or the whole display name anywhere.
        ("avec Julie", ("julie",)),
        ("un brushing, Julie Morel si possible", ("julie",)),
        # A kind, in the singular or plural, masculine or feminine.
        ("c'est pour le dentiste", ("dentiste",)),
        ("je voudrais voir un médecin", ("médecin",)),
        ("chez les dentistes", ("dentiste",)),
        ("avec un coiffeur", ("coiffeuse",)),
        # Anyone.
        ("peu importe", ("anyone",)),
        ("n'importe lequel", ("anyone",)),
        ("pas de préférence", ("anyone",)),
        ("le premier disponible", ("anyone",)),
        ("ça m'est égal", ("anyone",)),
        # Anyone of a kind is the kind.
        ("un médecin, peu importe lequel", ("médecin",)),
        ("n'importe quel dentiste", ("dentiste",)),
        # The same as last time.
        ("avec le même que d'habitude", ("same",)),
        ("la même que la dernière fois", ("same",)),
        ("comme d'habitude", ("same",)),
        ("le même médecin que la dernière fois", ("same",)),
        ("avec mon médecin habituel", ("same",)),
        # « le même » about something else, « d'habitude » about when: not about whom.
        ("le même jour que ma femme", ()),
        ("d'habitude je viens le mardi", ()),
        # A doctor nobody here is: said back with the choices.
        ("avec le docteur Dupont", ("?Dupont",)),
        ("docteur Martin", ("?Martin",)),
        # Not about a practitioner: the caller's own name with a civility, other « avec ».
        ("madame Laurent", ()),
        ("c'est pour mon fils, avec plaisir", ()),
        ("je voudrais un rendez-vous mardi matin", ()),
        ("avec mon mari", ()),
    ],
)
def test_read_practitioner(text, expected) -> None:
    assert read(text) == expected


def test_two_alike_are_not_guessed() -> None:
    twins = (
        Staff("a", "Dr Anne Martin", kind="médecin"),
        Staff("b", "Dr Paul Martin", kind="médecin"),
    )
    assert read_practitioner("avec le docteur Martin", twins) == Mention(
        unknown="Martin", span="martin"
    )
    assert read_practitioner("avec le docteur Paul Martin", twins).key == "b"


def test_a_business_without_practitioners_reads_nothing() -> None:
    assert read_practitioner("avec le docteur Carrère", ()) is None


@pytest.mark.parametrize(
    ("one", "other"),
    [("Carrère", "karer"), ("Nguyen", "nguien"), ("Philippe", "filipe"), ("Gauthier", "gotier")],
)
def test_the_sound_key_forgives_spelling(one, other) -> None:
    assert sound(one) == sound(other)


# A « name » that is the practitioner's corrects whom the appointment is with, not the caller.
NAMES_THE_PRACTITIONER = [
    ("ah pardon je me suis trompé de nom, c'est la docteure Lambert", "La Docteure Lambert", True),
    ("pardon, c'est avec le docteur Carrère", "Carrère", True),
    ("non pardon c'est Marie Dupont, avec la docteure Lambert", "Marie Dupont", False),
    ("je m'appelle Paul Martin, avec Julie", "Paul Martin", False),
]


@pytest.mark.parametrize(("text", "name", "expected"), NAMES_THE_PRACTITIONER)
def test_a_name_that_is_the_practitioners(text: str, name: str, expected: bool) -> None:
    mention = read_practitioner(text, STAFF)
    assert mention is not None
    assert names_practitioner(name, mention) is expected


def test_correcting_the_practitioner_leaves_the_callers_name() -> None:
    from datetime import date

    from conversations.dialogue.understanding import understand
    from faq.index import build_index

    heard = understand(
        "ah pardon je me suis trompé de nom, c'est la docteure Lambert",
        state="QUALIF_PRACTITIONER",
        today=date(2026, 12, 7),
        slot_starts=[],
        faq_index=build_index([]),
        faq_threshold=80,
        staff=STAFF,
    )
    assert heard.corrected_name is None
    assert heard.practitioner is not None
    assert heard.practitioner.key == "dr-lambert"
