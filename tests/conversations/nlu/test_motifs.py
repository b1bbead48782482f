from __future__ import annotations

import pytest

from conversations.dialogue.nlu.motifs import extract_motif

MOTIFS = [
    # arranging the appointment is no reason for it: « convenir d'un rendez-vous »
    (
        "Je souhaiterais faire couper les griffes de mon chat, est-il possible de convenir "
        "d'un rendez-vous ?",
        (),
        None,
        "couper griffes chat",
    ),
    ("Bonjour, il me faudrait une vidange, vous avez de la place ?", (), None, "vidange"),
    ("je voudrais un rendez-vous mardi matin", (), None, None),
    ("bonjour c'est Marie Curie je voudrais un rendez-vous", (), "Marie Curie", None),
    ("Bonjour, vous auriez un créneau pour un pré-contrôle ?", (), None, "pré-contrôle"),
    ("slt g un voyant moteur allumé faut que je passe", (), None, "voyant moteur allumé"),
    ("c'est pour un détartrage", ("consultation", "détartrage"), None, "détartrage"),
    ("j'ai besoin d'un detartrage", ("consultation", "détartrage"), None, "détartrage"),
    ("une carie qui fait mal", ("consultation", "détartrage"), None, "carie fait mal"),
    ("bonjour", (), None, None),
    # Time is never a reason: clock times, months and their abbreviations, calendar spans.
    ("16h", (), None, None),
    ("janvier 14h", (), None, None),
    ("le 3 janv. vers 9h30", (), None, None),
    ("fin janvier plutôt le matin", (), None, None),
    ("un détartrage jeudi 14h", (), None, "détartrage"),
    # Asking to move or cancel is not a reason to come.
    ("je voudrais bouger", (), None, None),
    ("on peut changer", (), None, None),
    ("changer les quatre pneus", (), None, "quatre pneus"),
    # Discourse connectives are the flow of speech, not a reason.
    ("du coup je voudrais un rendez-vous pour lui", (), None, None),
    ("en fait c'est pour une vidange", (), None, "vidange"),
    ("bref, voilà, c'est pour un contrôle quoi", (), None, "contrôle"),
    # A hedge around the request is not its reason.
    (
        "Bonjour, je ne sais pas si vous faites ça, mais j'aurais besoin de me remettre au volant",
        (),
        None,
        "remettre volant",
    ),
    ("je voudrais savoir si vous faites les vidanges", (), None, "vidanges"),
    ("je sais pas si c'est possible mais je voudrais un détartrage", (), None, "détartrage"),
    ("par contre c'est pour mon chien, en gros il tousse", (), None, "chien tousse"),
    ("un coup sur la portière", (), None, "coup portière"),
    # Taking or fixing the appointment is the request, not its reason.
    ("je prends rendez-vous pour le chat de ma mère", (), None, "chat mère"),
    ("je voudrais fixer un rendez-vous", (), None, None),
    # Texting forms of « je voudrais » and « s'il te plaît » are the request, not its reason.
    ("slt jvoudrai reserver 1h de conduite stp", (), None, "conduite"),
    # « re bonjour » greets again.
    ("re bonjour, c'est pour vérifier mes lentilles", (), None, "vérifier lentilles"),
    # A word qualifying the appointment says which one, not why; a first one is a reason.
    (
        "du coup je voudrais prendre un premier rendez-vous chez vous",
        (),
        None,
        "premier rendez-vous",
    ),
    ("c'est pour un 1er rdv", (), None, "premier rendez-vous"),
    ("une première consultation", (), None, "première consultation"),
    ("je voudrais un autre rendez-vous", (), None, None),
    ("il me faudrait un nouveau rdv pour le vaccin du chat", (), None, "vaccin chat"),
    ("un petit rendez-vous pour une coupe", (), None, "coupe"),
    ("un deuxième rendez-vous", (), None, None),
    # several sentences: the one saying what is wished carries the reason
    (
        "Bonjour, c'est ma fille qui m'a montré comment vous écrire. Je voudrais faire "
        "toiletter mon petit chien",
        (),
        None,
        "toiletter petit chien",
    ),
    (
        "J'ai déménagé le mois dernier. C'est pour un contrôle de la vue",
        (),
        None,
        "contrôle vue",
    ),
    # no sentence says a wish: all of them are the reason
    (
        "Ma voiture fait un bruit bizarre. Elle tire à gauche",
        (),
        None,
        "voiture fait bruit bizarre tire gauche",
    ),
]


@pytest.mark.parametrize(("text", "known", "name", "expected"), MOTIFS, ids=[m[0] for m in MOTIFS])
def test_extract_motif(text, known, name, expected) -> None:
    assert extract_motif(text, known=known, name=name) == expected
