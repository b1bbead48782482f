"""understand(): what a whole message says, beyond each reader's own table."""

from __future__ import annotations

from datetime import date

import pytest

from conversations.dialogue.understanding import Understanding, understand
from faq.index import build_index

# A contact given alone (or with a few words) is the one to keep; with a request, or about
# someone else, it is not.
CONTACT_ALONE = [
    ("07 50 16 34 82", True),
    ("c'est le 07 50 16 34 82", True),
    ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", True),
    ("marie point dupont arobase gmail point com", True),
    ("je voudrais aussi un rendez-vous pour ma fille, son numéro c'est le 06 98 76 54 32", False),
    ("c'est mon médecin, le 01 42 34 56 78, qui m'envoie pour un bilan", False),
    ("mardi matin", False),
]


def understood(heard: str, state: str) -> Understanding:
    """The message read in that state, without an FAQ, on a Monday."""
    return understand(
        heard,
        state=state,
        today=date(2026, 12, 7),
        slot_starts=[],
        faq_index=build_index([]),
        faq_threshold=80,
    )


@pytest.mark.parametrize(("heard", "alone"), CONTACT_ALONE)
def test_a_contact_said_alone(heard: str, alone: bool) -> None:
    assert understood(heard, "WAIT_CONFIRM").contact_alone is alone


# Who the caller is, in a role, with nothing asked yet, is greeted back as « allô » is; said
# with a need, or with a name, it is not.
INTRODUCED = [
    ("Bonjour, je suis responsable des services généraux d'une PME", True),
    ("allô oui", True),
    ("bonjour je suis une cliente, j'ai un souci avec ma commande", False),
    ("bonjour, c'est Paul Martin", False),
    ("je suis une cliente habituelle, une couleur et un brushing samedi matin", False),
    ("c'est la patiente de 14h, je serai en retard", False),
]


@pytest.mark.parametrize(("heard", "greeted"), INTRODUCED)
def test_an_introduction_alone_is_greeted_back(heard: str, greeted: bool) -> None:
    assert understood(heard, "START").is_greeting is greeted
