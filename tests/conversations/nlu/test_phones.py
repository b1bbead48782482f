"""Phone numbers as French callers say them, as speech recognition writes them, as visitors type."""

from __future__ import annotations

import pytest

from receptionist.lib.phones import (
    extract_phone,
    is_mobile,
    looks_like_phone_attempt,
    phone_e164,
)
from receptionist.lib.text import fold

MOBILE = "+33612345678"

PHONES = [
    # Any 06 / 07 mobile, even in a block the numbering metadata does not list yet.
    ("zéro sept un deux cinq huit trois neuf quatre six", "+33712583946"),
    ("07 02 11 22 33", "+33702112233"),
    # A digit said twice or three times at once: « double zéro » is 00, « double deux » 22.
    (
        "double zéro trente-trois six douze trente-quatre cinquante-six soixante-dix-huit",
        MOBILE,
    ),
    ("zéro six double deux trente-quatre cinquante-six soixante-dix-huit", "+33622345678"),
    ("zéro six triple un quatre cinq six sept huit", "+33611145678"),
    # after a tens word, the repeated digit stays digits of its own (30 2 2, not 32 2)
    ("zéro six trente double deux quarante-cinq soixante-sept", "+33630224567"),
    # Words before the number that make a number of their own with its first digits: the
    # number said is the one that ends the message.
    (
        "non pardon ça finit par zéro un, zéro sept quatre-vingt-deux soixante-quatre "
        "quatre-vingt-treize zéro un",
        "+33782649301",
    ),
    ("06 12 34 56 78 9", MOBILE),
    # Typed or transcribed with digits.
    ("06 12 34 56 78", MOBILE),
    ("0612345678", MOBILE),
    ("06.12.34.56.78", MOBILE),
    ("06-12-34-56-78", MOBILE),
    ("061 234 5678", MOBILE),
    ("Mon numéro : 06 12 34 56 78.", MOBILE),
    ("+33 6 12 34 56 78", MOBILE),
    ("+33612345678", MOBILE),
    ("+33 (0)6 12 34 56 78", MOBILE),
    ("+33 0 6 12 34 56 78", MOBILE),
    ("0033 6 12 34 56 78", MOBILE),
    ("00 33 6 12 34 56 78", MOBILE),
    ("01 42 68 53 00", "+33142685300"),
    ("02 99 87 65 43", "+33299876543"),
    ("03 20 12 34 56", "+33320123456"),
    ("04 91 55 12 34", "+33491551234"),
    ("05 56 78 12 34", "+33556781234"),
    ("09 51 23 45 67", "+33951234567"),
    ("07 81 22 33 44", "+33781223344"),
    # Spoken in pairs.
    ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", MOBILE),
    ("zero six douze trente quatre cinquante six soixante dix huit", MOBILE),
    ("euh c'est le zero six douze trente quatre cinquante six soixante dix huit", MOBILE),
    ("du coup zero six douze euh trente quatre cinquante six soixante dix huit", MOBILE),
    ("zero six 82 03 94 17", "+33682039417"),
    ("06 douze 34 cinquante six 78", MOBILE),
    ("zero six quatre vingt un vingt deux dix sept onze", "+33681221711"),
    ("zero six quatre-vingt-dix-neuf soixante et onze vingt et un zero zero", "+33699712100"),
    ("zero un quarante deux quatre vingt dix neuf dix huit zero zero", "+33142991800"),
    ("zero six soixante et onze soixante douze quatre vingt onze quatre vingts", "+33671729180"),
    ("zero sept quatre-vingt-un vingt-deux trente-trois quarante-quatre", "+33781223344"),
    ("plus trente-trois six douze trente-quatre cinquante-six soixante-dix-huit", MOBILE),
    ("plus trente trois zero six douze trente quatre cinquante six soixante dix huit", MOBILE),
    ("trente trois six douze trente quatre cinquante six soixante dix huit", MOBILE),
    # Digit by digit, or a mix.
    ("zero six un deux trois quatre cinq six sept huit", MOBILE),
    ("zero six zero un zero deux zero trois zero quatre", "+33601020304"),
    ("zero six un deux trente quatre cinquante six soixante dix huit", MOBILE),
    ("0 6 1 2 3 4 5 6 7 8", MOBILE),
    ("zero six cent douze trente quatre cinquante six soixante dix huit", MOBILE),
    # The leading « zéro » swallowed by speech recognition.
    ("six douze trente quatre cinquante six soixante dix huit", MOBILE),
    # Self-corrections: the last complete number wins.
    ("06 29 47 01 38 non pardon 06 29 47 01 83", "+33629470183"),
    ("oups erreur c'est 06 29 47 01 83", "+33629470183"),
    (
        "zero six douze trente quatre cinquante six soixante dix huit non pardon zero six "
        "douze trente quatre cinquante six soixante dix neuf",
        "+33612345679",
    ),
    ("06 12 34 56 78 non pardon zero sept", MOBILE),
    # Hyphens join one number's words, as speech recognition writes them: « quarante
    # quatre-vingt-treize » is 40 93, not 44 20 13.
    ("zéro deux quarante quatre-vingt-treize vingt-six quinze", "+33240932615"),
    ("zéro sept quarante-cinq douze quatre-vingts quatre-vingt-treize", "+33745128093"),
    (
        "zéro six soixante-dix-sept quatre-vingt-un trente-et-un quatre-vingt-dix-neuf",
        "+33677813199",
    ),
    # Foreign numbers typed with their prefix.
    ("+44 20 7946 0958", "+442079460958"),
    ("+32 470 12 34 56", "+32470123456"),
    # Incomplete, invalid or no number at all.
    # Said pair by pair, the pauses lost in writing: « soixante, douze » is 60 then 12, and
    # « quatre-vingt, dix-sept » 80 then 17, when 72 or 97 would leave the number short.
    ("zéro six, quatre-vingt-dix-sept, soixante, douze, zéro un", "+33697601201"),
    ("zero six soixante douze trente quatre cinquante six", "+33660123456"),
    # When the usual reading gives a whole number, it stands.
    ("06 quatre vingt dix sept 12 34 soixante", "+33697123460"),
    ("zero six soixante douze trente quatre cinquante six soixante dix huit", "+33672345678"),
    ("non pardon zero sept", None),
    ("06 12 34 56", None),
    ("zero six douze trente quatre cinquante six", None),
    ("00 00 00 00 00", None),
    ("je voudrais un rendez-vous mardi à 14h30", None),
    ("le 24 novembre", None),
    ("je ne sais pas mon numéro", None),
    ("", None),
]


@pytest.mark.parametrize(("heard", "expected"), PHONES, ids=[h for h, _ in PHONES])
def test_extract_phone(heard: str, expected: str | None) -> None:
    assert extract_phone(fold(heard)) == expected


ATTEMPTS = [
    ("non pardon zero sept", True),
    ("06 12 34 56", True),
    ("zero six douze trente quatre", True),
    ("plus trente trois six", True),
    ("06 12 34 56 78", True),
    ("c'est le 06", False),
    ("je sais pas", False),
    ("oui", False),
    ("le 24 novembre", False),
    ("je voudrais un rendez-vous à 14h", False),
    ("deux", False),
]


@pytest.mark.parametrize(("heard", "expected"), ATTEMPTS, ids=[h for h, _ in ATTEMPTS])
def test_looks_like_phone_attempt(heard: str, expected: bool) -> None:
    assert looks_like_phone_attempt(fold(heard)) is expected


# Who takes text messages: a French 06/07 of every block (allocated or not yet, overseas
# included, as the reader accepts them), another country's mobile; not a landline.
@pytest.mark.parametrize(
    ("written", "e164", "mobile"),
    [
        ("06 12 34 56 78", "+33612345678", True),
        ("07 00 00 00 00", "+33700000000", True),  # a block the metadata does not know yet
        ("+33 6 90 12 34 56", "+33690123456", True),  # Guadeloupe, dialled as a French mobile
        ("+32 470 12 34 56", "+32470123456", True),
        ("01 45 67 89 01", "+33145678901", False),
        ("09 70 12 34 56", "+33970123456", False),
        ("12 34", None, False),
    ],
)
def test_phone_e164_and_is_mobile(written: str, e164: str | None, mobile: bool) -> None:
    assert phone_e164(written) == e164
    assert is_mobile(e164 or "") is mobile


@pytest.mark.parametrize("national", ["0690123456", "0700000000", "0612345678", "0262123456"])
def test_the_e164_form_reads_back_as_itself(national: str) -> None:
    e164 = phone_e164(national)
    assert e164 is not None
    assert phone_e164(e164) == e164
