"""E-mail addresses as visitors type them and as callers spell them out."""

from __future__ import annotations

import pytest

from conversations.dialogue.nlu.emails import extract_email, without_address

JEAN = "jean.dupont@gmail.com"

EMAILS = [
    # Typed.
    ("elsa.renard@sfr.fr", "elsa.renard@sfr.fr"),
    ("Mon mail : Jean.Dupont@Gmail.com", JEAN),
    ("Mon mail : Jean.Dupont@Gmail.com.", JEAN),
    ("Mon e-mail c'est: élodie.martin@free.fr !", "elodie.martin@free.fr"),
    ("contact@plomberie-martin.fr", "contact@plomberie-martin.fr"),
    ("jean+rdv@orange.fr", "jean+rdv@orange.fr"),
    ("ecrivez moi a paul_leroy92@hotmail.fr merci", "paul_leroy92@hotmail.fr"),
    ("mon ancien mail c'est a@b.fr mais le bon c'est jean.dupont@gmail.com", JEAN),
    ("contact : elsa @ sfr.fr", "elsa@sfr.fr"),
    ("jean.dupont arobase gmail.com", JEAN),
    # Spoken.
    ("jean point dupont arobase gmail point com", JEAN),
    ("c'est jean point dupont arrobase gmail point com merci", JEAN),
    ("euh mon adresse mail c'est jean point dupont arobas gmail point com", JEAN),
    ("jean point dupont at gmail point com", JEAN),
    ("mon email c est jean dupont arobase g mail point com", "jeandupont@gmail.com"),
    ("jean tiret pierre arobase orange point fr", "jean-pierre@orange.fr"),
    ("jean tiret du bas dupont arobase hotmail point fr", "jean_dupont@hotmail.fr"),
    ("marie underscore curie arobase yahoo point fr", "marie_curie@yahoo.fr"),
    ("marie tiret bas curie arobase yahoo point fr", "marie_curie@yahoo.fr"),
    ("alors c'est paul arobase la poste point net voilà", "paul@laposte.net"),
    ("jean dupont quatre vingt deux arobase gmail point com", "jeandupont82@gmail.com"),
    ("sophie trente et un arobase free point fr", "sophie31@free.fr"),
    ("Jean Point Dupont Arobase Gmail Point Com", JEAN),
    # Spelled letter by letter.
    (
        "mon adresse mail c'est e l s a point r e n a r d arobase s f r point f r",
        "elsa.renard@sfr.fr",
    ),
    ("p a u l arobase neuf point fr", "paul@neuf.fr"),
    ("j d u p o n t tout attaché arobase free point fr", "jdupont@free.fr"),
    # No plausible address.
    ("mon mail c'est jean point dupont", None),
    ("je n'ai pas d'adresse mail", None),
    ("arobase gmail point com", None),
    ("jean arobase free", None),
    ("jean@gmail", None),
    ("mon numéro c'est le 06 12 34 56 78", None),
    ("", None),
]


@pytest.mark.parametrize(("heard", "expected"), EMAILS, ids=[h or "<empty>" for h, _ in EMAILS])
def test_extract_email(heard: str, expected: str | None) -> None:
    assert extract_email(heard) == expected


# What is said beside an address, typed or spelled; a hyphenated word is no address.
BESIDE = [
    ("mon mail c'est marie point dupont arobase gmail point com", "mon mail c est"),
    ("marie.dupont@gmail.com", ""),
    (
        "je voudrais un rendez-vous, mon mail est a.b@c.fr",
        "je voudrais un rendez-vous, mon mail est",
    ),
    ("un rendez-vous mardi", "un rendez-vous mardi"),
]


@pytest.mark.parametrize(("heard", "beside"), BESIDE)
def test_without_address(heard: str, beside: str) -> None:
    assert without_address(heard) == beside
