"""Confirmations and refusals, as callers say them and as visitors type them."""

from __future__ import annotations

import pytest

from conversations.dialogue.nlu.yesno import parse_yes_no
from receptionist.lib.text import fold

YES_NO = [
    # Yes.
    ("oui", True),
    ("Oui.", True),
    ("ouais", True),
    ("ouep", True),
    ("yes", True),
    ("ok", True),
    ("OK !", True),
    ("okay", True),
    ("d'accord", True),
    ("dac", True),
    ("c'est bon", True),
    ("parfait", True),
    ("très bien", True),
    ("exactement", True),
    ("tout à fait", True),
    ("absolument", True),
    ("bien sûr", True),
    ("volontiers", True),
    ("je confirme", True),
    ("c'est ça", True),
    ("c'est correct", True),
    ("ça marche", True),
    ("ça me va", True),
    ("ça me convient", True),
    ("va pour ça", True),
    ("allez-y", True),
    ("vas-y", True),
    ("go", True),
    ("carrément", True),
    ("oui c'est parfait merci", True),
    ("Oui, c'est parfait, merci !", True),
    ("euh bah oui", True),
    ("du coup oui", True),
    ("oui oui", True),
    ("pas de souci", True),
    ("oui pas de problème", True),
    ("aucun problème", True),
    ("pourquoi pas", True),
    ("ok pour le premier", True),
    ("si", True),
    # No.
    ("non", False),
    ("Non.", False),
    ("nan", False),
    ("non merci", False),
    ("non non", False),
    ("pas du tout", False),
    ("surtout pas", False),
    ("jamais", False),
    ("je ne confirme pas", False),
    ("c'est pas ça", False),
    ("ce n'est pas ça", False),
    ("pas vraiment", False),
    ("non c'est pas bon", False),
    ("c'est pas bon", False),
    ("ça ne me va pas", False),
    ("ça me va pas", False),
    ("ça ne me convient pas", False),
    ("pas d'accord", False),
    ("annulez", False),
    ("laissez tomber", False),
    ("je ne veux plus", False),
    ("je veux pas", False),
    ("je ne peux pas", False),
    # Unsure, mixed or unrelated.
    ("oui non", None),
    ("euh je sais pas", None),
    ("je ne sais pas", None),
    # acceptance idioms
    ("je veux bien", True),
    ("d'ac", True),
    ("c'est validé", True),
    ("c'est tout bon", True),
    ("c'est bien ça", True),
    ("on fait comme ça", True),
    ("on part là-dessus", True),
    ("je veux bien mais pas le mardi", None),
    ("je veux bien une autre date", None),
    ("super pour moi", True),
    ("j'ai super mal", None),
    # « super » as an interjection, not as an adverb before an adjective
    ("super", True),
    ("super merci", True),
    ("il est super calme", None),
    # the speaker's doubt is a no
    ("je pense pas", False),
    ("j'crois pas", False),
    ("je ne crois pas", False),
    ("je pense que oui", True),
    ("peut-être", None),
    ("c'est combien", None),
    ("ok mais c'est combien", None),
    ("merci", None),
    ("bonjour", None),
    ("je n'ai pas compris", None),
    ("mardi matin", None),
    ("", None),
]


@pytest.mark.parametrize(("heard", "expected"), YES_NO, ids=[h or "<empty>" for h, _ in YES_NO])
def test_parse_yes_no(heard: str, expected: bool | None) -> None:
    assert parse_yes_no(fold(heard)) is expected


# The agent asked « Je l'annule ? »: the order to cancel is the answer. Elsewhere (a booking or a
# move read back) « annulez » refuses.
CONFIRMING_CANCEL = [
    ("oui, annulez-le", True),
    ("annulez-le s'il vous plaît", True),
    ("oui vas-y annule", True),
    ("vous pouvez l'annuler", True),
    ("oui je veux bien l'annuler", True),
    ("on annule", True),
    ("oui", True),
    ("non ne l'annulez pas", False),
    ("n'annulez pas", False),
    ("oui mais annulez pas", False),
    ("non finalement je le garde", False),
    ("je sais pas, je vais réfléchir", None),
    # another one named, or a cancellation already made: no answer to this one
    ("annulez plutôt celui de jeudi", None),
    ("annulez celui de ma fille", None),
    ("j'ai déjà annulé sur internet", None),
]


@pytest.mark.parametrize(("heard", "expected"), CONFIRMING_CANCEL)
def test_an_order_to_cancel_confirms_a_cancellation(heard: str, expected: bool | None) -> None:
    assert parse_yes_no(fold(heard), confirming_cancel=True) is expected


@pytest.mark.parametrize("heard", ["non annulez", "annulez tout", "oui annulez"])
def test_an_order_to_cancel_refuses_a_read_back(heard: str) -> None:
    assert parse_yes_no(fold(heard)) is not True
