"""fold(): the one normalisation every reader works on, one French fact per table."""

from __future__ import annotations

import pytest

from receptionist.lib.text import fold, numerize

# Hyphenated numerals are read as one number before folding drops the hyphens.
HYPHENATED = [
    ("quatre-vingt-treize", "93"),
    ("soixante-et-onze", "71"),
    ("dix-sept heures", "17 heures"),
    ("le trente-et-un décembre", "le 31 decembre"),
    ("deux-cent-trois", "203"),
    ("Jean-Pierre", "jean pierre"),  # not a numeral
    ("rendez-vous", "rendez vous"),
    ("vingt quatre", "vingt quatre"),  # no hyphen: left to the readers, which know the context
]


@pytest.mark.parametrize(("text", "folded"), HYPHENATED, ids=[t for t, _ in HYPHENATED])
def test_hyphenated_numerals_are_one_number(text: str, folded: str) -> None:
    assert fold(text) == folded


# Texting shorthand spelled out; real words and spelled letters stay.
SHORTHAND = [
    ("bjr c pr 1 vaccin", "bonjour c est pour 1 vaccin"),
    ("slt jvoudrais un rdv dem1 stp", "salut je voudrais un rdv demain stp"),
    ("pk vs êtes fermés ajd", "pourquoi vous etes fermes aujourd hui"),
    ("je peux payer par cb ?", "je peux payer par cb"),  # a bank card
    ("c'est pour un vaccin", "c est pour un vaccin"),
    ("D U P O N T, a b c d", "d u p o n t a b c d"),
    # « j' » glued to the verb, as texts write it; words that start with j stay
    ("jpourrai pas venir jeudi", "je pourrai pas venir jeudi"),
    ("jai une robe trop large", "j ai une robe trop large"),
    ("vendredi jbosse", "vendredi je bosse"),
    ("elle redescend tte seule", "elle redescend toute seule"),
    ("jean jardine le jeudi", "jean jardine le jeudi"),
    # « avc » before a plural article is « avec »; anywhere else it may be the stroke
    ("tt noir avc des lignes vertes", "tout noir avec des lignes vertes"),
    ("AVC mon père parle plus", "avc mon pere parle plus"),
    ("il a fait un avc la semaine dernière", "il a fait un avc la semaine derniere"),
    ("depuis son avc", "depuis son avc"),
    # « + » between words is « plus »; in a number, a sign
    ("le + vite possible", "le plus vite possible"),
    ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
    # words clipped in speech and texts are said in full
    ("combien pr une decla", "combien pour une declaration"),
    ("l'appart du proprio", "l appartement du proprietaire"),
]


@pytest.mark.parametrize(("text", "folded"), SHORTHAND, ids=[t for t, _ in SHORTHAND])
def test_texting_shorthand_is_spelled_out(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("une vidange svp", "Vidange"),
        ("c'est pour un DÉTARTRAGE", "détartrage"),
        ("pour ma voiture", None),
        ("", None),
    ],
)
def test_the_business_motif_words_name(said, expected) -> None:
    from receptionist.lib.text import named_in

    assert named_in(said, ["Vidange", "détartrage", ""]) == expected


# « 14:30 », « 9 h 15 » are clock times; « 34 : 07 » cannot be one (a phone number read
# with a colon before its end, « c'est 20 34 : 07 81 56 20 34 »).
@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("à 14:30", "a 14h30"),
        ("vers 9 h 15", "vers 9h15"),
        ("23 : 45", "23h45"),
        ("c'est 20 34 : 07 81", "c est 20 34 07 81"),
        ("24:00", "24 00"),
        ("10:75", "10 75"),
    ],
)
def test_only_a_real_clock_time_is_joined(text: str, folded: str) -> None:
    assert fold(text) == folded


# Spoken numbers as digits. « neuf » is also « new »: before a unit of time it is the number.
NUMBERS = [
    ("zero six douze", "0 6 12"),
    ("le matin avant neuf heures", "le matin avant 9 heures"),
    ("je veux un rdv a neuf heures", "je veux un rdv a 9 heures"),
    ("un rdv a neuf h", "un rdv a 9 h"),
    ("le soir a dix neuf heures", "le soir a 19 heures"),
    ("un pneu neuf", "un pneu neuf"),  # the adjective
]


@pytest.mark.parametrize(("folded", "digits"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_spoken_numbers_become_digits(folded: str, digits: str) -> None:
    assert numerize(folded) == digits
