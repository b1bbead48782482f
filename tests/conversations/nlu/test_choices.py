"""Choosing among the proposed slots, or turning them all down."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from conversations.dialogue.nlu.choices import pick_slot, rejects_all
from receptionist.lib.text import fold

PARIS = ZoneInfo("Europe/Paris")

# Monday 24 Nov 9:00, Tuesday 25 Nov 10:00, Tuesday 25 Nov 14:30.
NOVEMBER = (
    datetime(2025, 11, 24, 9, 0, tzinfo=PARIS),
    datetime(2025, 11, 25, 10, 0, tzinfo=PARIS),
    datetime(2025, 11, 25, 14, 30, tzinfo=PARIS),
)
# Tuesday 2 Dec 9:00, Wednesday 3 Dec noon, Thursday 4 Dec 16:00.
DECEMBER = (
    datetime(2025, 12, 2, 9, 0, tzinfo=PARIS),
    datetime(2025, 12, 3, 12, 0, tzinfo=PARIS),
    datetime(2025, 12, 4, 16, 0, tzinfo=PARIS),
)

PICKS = [
    # Ordinals and numbers.
    ("le premier", 0),
    ("la première", 0),
    ("le 1er", 0),
    ("le 1", 0),
    ("1", 0),
    ("le deuxième", 1),
    ("le second", 1),
    ("le 2", 1),
    ("numéro deux", 1),
    ("option 3", 2),
    ("le troisième", 2),
    ("le dernier", 2),
    ("la dernière option", 2),
    ("ok pour le premier", 0),
    ("plutôt le deuxième svp", 1),
    ("je prends le 2", 1),
    ("euh du coup le deuxième", 1),
    ("Le 2ème s'il vous plaît", 1),
    ("pas le premier le deuxième", 1),
    # Times.
    ("celui de 14h", 2),
    ("14h30", 2),
    ("14:30", 2),
    ("à 9 heures", 0),
    ("neuf heures", 0),
    ("quatorze heures trente", 2),
    ("deux heures et demie", 2),
    ("10h", 1),
    ("celui de dix heures", 1),
    # Weekdays, days of the month, periods and combinations.
    ("celui de lundi", 0),
    ("lundi", 0),
    ("mardi à 10h", 1),
    ("mardi après-midi", 2),
    ("ok pour mardi 14h30", 2),
    ("le 24", 0),
    ("celui du 24 novembre", 0),
    ("lundi 24", 0),
    ("mardi 25 à 10h", 1),
    # Nothing, ambiguous or impossible.
    ("mardi", None),
    ("le 25", None),
    ("celui du matin", None),
    ("le premier ou le deuxième", None),
    ("pas le premier", None),
    ("mercredi", None),
    ("celui de 16h", None),
    ("celui de midi", None),
    ("le quatrième", None),
    ("le 27", None),
    ("lundi à 14h30", None),
    ("je ne sais pas", None),
    ("aucun ne me va", None),
    # a number with its unit is a quantity: an age, a length, a price
    ("elle a 14 ans, est-ce que je dois rester avec elle ?", None),
    ("il a 10 ans", None),
    ("ça dure 2 jours ?", None),
    ("c'est 9 euros ?", None),
    ("elle a 14 ans, celui de 10h", 1),
    ("", None),
]


@pytest.mark.parametrize(("heard", "expected"), PICKS, ids=[h or "<empty>" for h, _ in PICKS])
def test_pick_slot(heard: str, expected: int | None) -> None:
    assert pick_slot(fold(heard), NOVEMBER) == expected


DECEMBER_PICKS = [
    ("le 2", 1),  # with three slots a bare small number is an index…
    ("le 3", 2),
    ("le 4", 2),  # …but 4 can only be a day of the month
    ("celui du 3", 1),
    ("le 2 décembre", 0),
    ("le premier décembre", None),
    ("celui de midi", 1),
    ("midi", 1),
    ("mercredi", 1),
    ("16h", 2),
    ("quatre heures", 2),
    ("celui du 4 décembre à 16h", 2),
    ("jeudi 4", 2),
    ("celui du matin", 0),
    ("le soir", None),  # 16h is still the afternoon
]


@pytest.mark.parametrize(("heard", "expected"), DECEMBER_PICKS, ids=[h for h, _ in DECEMBER_PICKS])
def test_pick_slot_tells_days_from_indexes(heard: str, expected: int | None) -> None:
    assert pick_slot(fold(heard), DECEMBER) == expected


def test_pick_slot_out_of_range_ordinal_with_two_slots() -> None:
    assert pick_slot(fold("le troisième"), NOVEMBER[:2]) is None
    assert pick_slot(fold("le dernier"), NOVEMBER[:2]) == 1


def test_pick_slot_without_slots() -> None:
    assert pick_slot(fold("le premier"), ()) is None


REJECTS = [
    ("aucun", True),
    ("aucun ne me va", True),
    ("aucun ne me convient", True),
    ("Aucune de ces dates", True),
    ("ça ne me va pas", True),
    ("ça me va pas", True),
    ("pas dispo", True),
    ("je suis pas disponible", True),
    ("vous avez autre chose", True),
    ("vous n'auriez pas d'autres créneaux", True),
    ("un autre jour", True),
    ("plus tard", True),
    ("plus tôt si possible", True),
    ("ni l'un ni l'autre", True),
    ("je ne peux pas", True),
    ("le premier", False),
    ("oui ça me va", False),
    ("aucun problème", False),
    ("mardi à 10h", False),
    ("d'accord", False),
]


@pytest.mark.parametrize(("heard", "expected"), REJECTS, ids=[h for h, _ in REJECTS])
def test_rejects_all(heard: str, expected: bool) -> None:
    assert rejects_all(fold(heard)) is expected


# Any of those offered will do (the first is taken, or the first named); the earliest or the
# latest of them is picked by « le plus tôt », « le plus tard », which turn none down.
ANY_OR_EARLIEST = [
    ("n'importe lequel", 0),
    ("peu importe", 0),
    ("tous me vont", 0),
    ("le deuxième ou le troisième, peu importe", 1),
    ("mardi, peu importe l'heure", 1),
    ("le plus tôt", 0),
    ("au plus tôt", 0),
    ("le plus tard", 2),
    ("mardi, le plus tôt", 1),
]

# Said with a refusal, a restriction or another wish, indifference picks nothing.
NOT_INDIFFERENT = [
    "ni le premier ni le deuxième, peu importe",
    "peu importe lequel mais pas le matin",
    "plutôt la semaine prochaine, le plus tôt possible",
    "oui oui peu importe",
]


@pytest.mark.parametrize("heard", NOT_INDIFFERENT)
def test_indifference_with_a_restriction_picks_nothing(heard: str) -> None:
    assert pick_slot(fold(heard), NOVEMBER) is None


@pytest.mark.parametrize(("heard", "expected"), ANY_OR_EARLIEST)
def test_any_of_them_or_the_earliest(heard: str, expected: int | None) -> None:
    assert pick_slot(fold(heard), NOVEMBER) == expected
    assert not rejects_all(fold(heard))
