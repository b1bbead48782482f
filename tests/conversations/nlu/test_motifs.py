from __future__ import annotations

import pytest

from conversations.dialogue.nlu.motifs import content_words, extract_motif

MOTIFS = [
    # The motif is said in the caller's words: a phrase runs from a word that says something to
    # another, the small words between them kept (articles, prepositions, pronouns, « faire »).
    (
        "Bonjour, je me suis fait mal au dos en portant des cartons, est-ce que vous pourriez "
        "me prendre ?",
        (),
        None,
        # a subject pronoun may open a phrase; punctuation ends one
        "je me suis fait mal au dos en portant des cartons",
    ),
    ("ma couronne s'est décollée", (), None, "couronne s'est décollée"),
    # a time ends a phrase, and the small words before it go with it
    ("j'ai une dent qui me lance depuis hier soir", (), None, "j'ai une dent qui me lance"),
    ("une vidange mardi et les plaquettes", (), None, "vidange, plaquettes"),
    # a count may open a phrase, never close it
    ("mon chien boite depuis deux semaines", (), None, "chien boite"),
    ("il faut changer 4 pneus", (), None, "4 pneus"),
    # a years or days count ends a phrase; texting « bjr » greets, « jai » is « j'ai »
    (
        "Bonjour, ça fait des années que je ne suis pas allé chez le dentiste",
        (),
        None,
        "je ne suis pas allé chez le dentiste",
    ),
    ("bjr jai la gencive gonflée depuis 3 jours", (), None, "jai la gencive gonflée"),
    # looking for someone is the request
    ("je cherche un ostéo pour mon bébé", (), None, "ostéo pour mon bébé"),
    # a phrase cut at twelve words still ends on a word that says something
    (
        "mon chien se gratte les oreilles et secoue sans arrêt la tête dans son panier",
        (),
        None,
        "chien se gratte les oreilles et secoue sans arrêt la tête",
    ),
    # a phrase whose first twelve words say nothing starts at its first word that does
    (
        "on est deux ou trois ou quatre à avoir eu le même souci avec la chaudière, vous "
        "pouvez passer ?",
        (),
        None,
        "souci avec la chaudière",
    ),
    # a first visit does not use up the twelve words of the phrase that follows
    (
        "c'est pour un premier rendez-vous, je me suis fait mal au dos en portant des cartons "
        "très lourds dans l'escalier",
        (),
        None,
        "premier rendez-vous, je me suis fait mal au dos en portant des cartons",
    ),
    # a negation opens a phrase and stays in it
    (
        "c'est pour ma mère, elle a 90 ans et ne peut plus marcher",
        (),
        None,
        "mère, ne peut plus marcher",
    ),
    # a long story keeps its first phrases, at most twelve words in all
    (
        "mon vélo a un pneu crevé, la chaîne saute tout le temps, les freins grincent et la "
        "sonnette est cassée",
        (),
        None,
        "vélo a un pneu crevé, chaîne saute tout le temps",
    ),
    # arranging the appointment is no reason for it: « convenir d'un rendez-vous »
    (
        "Je souhaiterais faire couper les griffes de mon chat, est-il possible de convenir "
        "d'un rendez-vous ?",
        (),
        None,
        "couper les griffes de mon chat",
    ),
    ("Bonjour, il me faudrait une vidange, vous avez de la place ?", (), None, "vidange"),
    ("je voudrais un rendez-vous mardi matin", (), None, None),
    ("bonjour c'est Marie Curie je voudrais un rendez-vous", (), "Marie Curie", None),
    ("Bonjour, vous auriez un créneau pour un pré-contrôle ?", (), None, "pré-contrôle"),
    ("slt g un voyant moteur allumé faut que je passe", (), None, "voyant moteur allumé"),
    ("c'est pour un détartrage", ("consultation", "détartrage"), None, "détartrage"),
    ("j'ai besoin d'un detartrage", ("consultation", "détartrage"), None, "détartrage"),
    ("une carie qui fait mal", ("consultation", "détartrage"), None, "carie qui fait mal"),
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
        "remettre au volant",
    ),
    ("je voudrais savoir si vous faites les vidanges", (), None, "vidanges"),
    ("je sais pas si c'est possible mais je voudrais un détartrage", (), None, "détartrage"),
    ("par contre c'est pour mon chien, en gros il tousse", (), None, "chien, il tousse"),
    ("un coup sur la portière", (), None, "coup sur la portière"),
    # Taking or fixing the appointment is the request, not its reason.
    ("je prends rendez-vous pour le chat de ma mère", (), None, "chat de ma mère"),
    ("je voudrais fixer un rendez-vous", (), None, None),
    # Texting forms of « je voudrais » and « s'il te plaît » are the request, not its reason.
    ("slt jvoudrai reserver 1h de conduite stp", (), None, "conduite"),
    # « re bonjour » greets again.
    ("re bonjour, c'est pour vérifier mes lentilles", (), None, "vérifier mes lentilles"),
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
    ("il me faudrait un nouveau rdv pour le vaccin du chat", (), None, "vaccin du chat"),
    ("un petit rendez-vous pour une coupe", (), None, "coupe"),
    ("un deuxième rendez-vous", (), None, None),
    # several sentences: the one saying what is wished carries the reason
    (
        "Bonjour, c'est ma fille qui m'a montré comment vous écrire. Je voudrais faire "
        "toiletter mon petit chien",
        (),
        None,
        "toiletter mon petit chien",
    ),
    (
        "J'ai déménagé le mois dernier. C'est pour un contrôle de la vue",
        (),
        None,
        "contrôle de la vue",
    ),
    # no sentence says a wish: all of them are the reason
    (
        "Ma voiture fait un bruit bizarre. Elle tire à gauche",
        (),
        None,
        "voiture fait un bruit bizarre, elle tire à gauche",
    ),
]


@pytest.mark.parametrize(("text", "known", "name", "expected"), MOTIFS, ids=[m[0] for m in MOTIFS])
def test_extract_motif(text, known, name, expected) -> None:
    assert extract_motif(text, known=known, name=name) == expected


NEED_WORDS = [
    # the words that say the need, not the ones that hold them together
    ("dent qui me lance", 2),
    ("je me suis fait mal au dos en portant des cartons", 4),
    ("vidange", 1),
    ("quatre pneus", 1),
]


@pytest.mark.parametrize(("motif", "count"), NEED_WORDS, ids=[m[0] for m in NEED_WORDS])
def test_content_words(motif, count) -> None:
    assert content_words(motif) == count
