from __future__ import annotations

import pytest

from conversations.nlu.intents import (
    Intent,
    detect_intent,
    is_firm_booking,
    is_goodbye,
    menu_choice,
)
from conversations.nlu.normalize import fold

INTENTS = [
    ("bonjour je voudrais un rendez-vous", Intent.BOOKING),
    ("euh ouais c'est pour prendre rdv", Intent.BOOKING),
    ("vous auriez un créneau demain", Intent.BOOKING),
    ("il me faudrait une vidange vous avez de la place", Intent.BOOKING),
    ("slt g un voyant moteur allumé faut que je passe", Intent.BOOKING),
    ("je souhaiterais faire vérifier mes freins", Intent.BOOKING),
    ("c'est pour un détartrage", Intent.BOOKING),
    ("est-ce que je peux passer cet après-midi", Intent.BOOKING),
    ("je peux venir demain matin", Intent.BOOKING),
    ("je voudrais annuler mon rendez-vous", Intent.CANCEL),
    ("il faut annuler mon rdv de jeudi", Intent.CANCEL),
    ("je ne pourrai pas venir mardi", Intent.CANCEL),
    ("je me désiste pour demain", Intent.CANCEL),
    ("je voudrais déplacer mon rendez-vous", Intent.MODIFY),
    ("on peut décaler mon rdv", Intent.MODIFY),
    ("est-ce qu'on peut repousser mon rdv à samedi", Intent.MODIFY),
    ("mon créneau ne va plus on peut en trouver un autre", Intent.MODIFY),
    ("mon rdv tombe mal on peut le bouger", Intent.MODIFY),
    ("changer l'heure de mon rendez-vous", Intent.MODIFY),
    ("je veux parler à un humain", Intent.TRANSFER),
    ("passez-moi le garagiste", Intent.TRANSFER),
    ("je voudrais parler au docteur", Intent.TRANSFER),
    ("mettez moi en relation avec quelqu'un", Intent.TRANSFER),
    ("il y a de la fumée qui sort du capot", Intent.EMERGENCY),
    ("je suis en panne sur l'autoroute avec mes enfants", Intent.EMERGENCY),
    ("mon fils saigne beaucoup", Intent.EMERGENCY),
    ("au secours", Intent.EMERGENCY),
    ("quels sont vos horaires", None),
    ("j'ai eu un accident c'est vous qui voyez avec l'assurance", None),
    ("il faut changer l'huile", Intent.BOOKING),
    ("ma voiture ne bouge plus", None),
    ("vous êtes où", None),
    ("Paul Martin", None),
]


@pytest.mark.parametrize(("text", "expected"), INTENTS, ids=[t for t, _ in INTENTS])
def test_detect_intent(text: str, expected: Intent | None) -> None:
    assert detect_intent(fold(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("est-ce que je peux passer pour un devis carrosserie ?", True),
        ("vous avez de la place jeudi", True),
        ("je peux passer mon contrôle technique chez vous", False),
        ("je voudrais savoir vos horaires", False),
    ],
)
def test_firm_booking(text: str, expected: bool) -> None:
    assert is_firm_booking(fold(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("merci au revoir", True),
        ("non merci c'est tout", True),
        ("bonne journée", True),
        ("merci beaucoup", True),
        ("je voudrais un rdv merci", False),
        ("non", False),
    ],
)
def test_goodbye(text: str, expected: bool) -> None:
    assert is_goodbye(fold(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", Intent.BOOKING),
        ("un", Intent.BOOKING),
        ("prendre un rendez-vous", Intent.BOOKING),
        ("2", Intent.CANCEL),
        ("annuler", Intent.CANCEL),
        ("trois", Intent.MODIFY),
        ("4", Intent.TRANSFER),
        ("parler à quelqu'un", Intent.TRANSFER),
        ("bof", None),
    ],
)
def test_menu_choice(text: str, expected: Intent | None) -> None:
    assert menu_choice(fold(text)) == expected
