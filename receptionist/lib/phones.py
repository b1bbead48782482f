"""Phone numbers as French callers say them and web visitors type them.

The input is :func:`receptionist.lib.text.fold` output. Spoken numbers are read
here with a small French parser instead of ``numerize``: text2num merges or splits
groups unpredictably (« zero six cent douze » → « 0 612 », « zero un » stays « 0 un »),
while a phone number only needs the exact digit sequence.

>>> extract_phone("zero six douze trente quatre cinquante six soixante dix huit")
'+33612345678'
>>> extract_phone("06 29 47 01 38 non pardon 06 29 47 01 83")
'+33629470183'
"""

from __future__ import annotations

import re
from itertools import combinations

import phonenumbers

UNITS: dict[str, int] = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
}
TEENS: dict[str, int] = {
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
}
TENS: dict[str, int] = {
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
PLUS_WORDS: frozenset[str] = frozenset({"+", "plus"})
MAX_DIGITS = 15
MIN_ATTEMPT_DIGITS = 4

Chunk = str  # a run of digits as heard, possibly "+" or "+33"


def _below_twenty(tokens: list[str], i: int) -> tuple[int, int] | None:
    """A value 0..19 starting at tokens[i]: (value, tokens used)."""
    word = tokens[i]
    if word == "dix" and i + 1 < len(tokens) and tokens[i + 1] in ("sept", "huit", "neuf"):
        return 10 + UNITS[tokens[i + 1]], 2
    if word in TEENS:
        return TEENS[word], 1
    if word in UNITS:
        return UNITS[word], 1
    return None


def _tens(tokens: list[str], i: int, apart: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """A value 20..99 starting at tokens[i], or None. At a position in `apart`, « soixante »
    or « quatre-vingt » stands alone instead of taking the teen after it (see `extract_phone`)."""
    if tokens[i] == "quatre" and i + 1 < len(tokens) and tokens[i + 1] in ("vingt", "vingts"):
        base, used = 80, 2
    elif tokens[i] in TENS:
        base, used = TENS[tokens[i]], 1
    else:
        return None
    j = i + used
    if j < len(tokens) and tokens[j] == "et" and j + 1 < len(tokens):
        j += 1
    rest = _below_twenty(tokens, j) if j < len(tokens) else None
    allows_teen = base in (60, 80) and i not in apart
    if rest and rest[0] > 0 and (rest[0] < 10 or allows_teen):
        return base + rest[0], j - i + rest[1]
    return base, used


def _number(
    tokens: list[str], i: int, apart: frozenset[int] = frozenset()
) -> tuple[Chunk, int] | None:
    """One spoken or written number starting at tokens[i]: (digits, tokens used)."""
    word = tokens[i]
    if word in PLUS_WORDS:
        return "+", 1
    if word.lstrip("+").isdigit():
        return word, 1
    head = _tens(tokens, i, apart) or _below_twenty(tokens, i)
    j = i + (head[1] if head else 0)
    if j < len(tokens) and tokens[j] in ("cent", "cents") and (head is None or head[0] < 10):
        hundreds = head[0] if head else 1
        tail = None
        if j + 1 < len(tokens):
            tail = _tens(tokens, j + 1) or _below_twenty(tokens, j + 1)
        value = hundreds * 100 + (tail[0] if tail else 0)
        return str(value), j - i + 1 + (tail[1] if tail else 0)
    return (str(head[0]), head[1]) if head else None


def number_runs(folded: str, apart: frozenset[int] = frozenset()) -> list[list[Chunk]]:
    """Consecutive numbers in the text, one list per run: « le 06 douze » → [["06", "12"]]."""
    tokens = folded.split()
    runs: list[list[Chunk]] = [[]]
    i = 0
    while i < len(tokens):
        found = _number(tokens, i, apart)
        if found is None:
            runs.append([])
            i += 1
            continue
        runs[-1].append(found[0])
        i += found[1]
    return [run for run in runs if run]


def to_e164(digits: str) -> str | None:
    """E.164 form of a digit string read as a French or international number."""
    if "+" in digits[1:]:
        return None
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif len(digits) == 11 and digits.startswith("33"):
        digits = "+" + digits
    elif len(digits) == 9 and digits[0] != "0":
        digits = "0" + digits  # the caller swallowed the leading « zéro »
    elif not (digits.startswith("+") or len(digits) == 10):
        return None
    try:
        number = phonenumbers.parse(digits, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        # Its own output reads back: « +33 6 90… » (overseas) or a 07 block the metadata does
        # not know yet are the national « 06 90… », « 07… » written the international way.
        national = "0" + digits[3:] if digits.startswith("+33") else digits
        return _overseas_national(national)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Overseas departments share the national numbering plan: « 06 90 … » is dialled as is from
# mainland France, so it is kept in the +33 form the business will dial it from.
OVERSEAS_REGIONS = ("GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF")


# Mobile ranges: the numbering plan keeps growing (07 blocks are opened one after another), so
# any well-formed 06/07 number is accepted even before the phone-number metadata knows its block.
MOBILE_NATIONAL = re.compile(r"0[67]\d{8}")


def _overseas_national(digits: str) -> str | None:
    if len(digits) != 10 or not digits.startswith("0"):
        return None
    if MOBILE_NATIONAL.fullmatch(digits):
        return "+33" + digits[1:]
    for region in OVERSEAS_REGIONS:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return "+33" + digits[1:]
    return None


def phone_e164(text: str) -> str | None:
    """A number as written or stored (« 06 12 34 56 78 », « +33 6 12… ») in E.164, or None."""
    return to_e164("".join(c for c in text if c.isdigit() or c == "+"))


MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def is_mobile(e164: str) -> bool:
    """Whether a number takes text messages: a French 06/07 (every block, as `to_e164`
    accepts them, overseas ones included) or another country's mobile."""
    if e164.startswith("+33") and MOBILE_NATIONAL.fullmatch("0" + e164[3:]):
        return True
    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in MOBILE_TYPES


def _longest_valid(run: list[Chunk], start: int) -> tuple[str, int] | None:
    """The longest valid number made of run[start:end]: (E.164, end)."""
    best = None
    digits = ""
    for end in range(start + 1, len(run) + 1):
        digits += run[end - 1]
        if len(digits.lstrip("+")) > MAX_DIGITS:
            break
        e164 = to_e164(digits)
        if e164:
            best = (e164, end)
    return best


def _numbers_in_run(run: list[Chunk]) -> list[str]:
    found: list[str] = []
    start = end = 0
    while start < len(run):
        match = _longest_valid(run, start)
        if match is None:
            start += 1
            continue
        found.append(match[0])
        start = end = match[1]
    if found and end < len(run) and (last := _valid_ending(run)) is not None:
        # « ça finit par zéro un, zéro sept … zéro un »: words before the number made a
        # number of their own with its first digits; the number said is the one that ends
        # what was said
        found.append(last)
    return found


def _valid_ending(run: list[Chunk]) -> str | None:
    """The longest valid number made of the last chunks of the run."""
    best, digits = None, ""
    for start in range(len(run) - 1, -1, -1):
        digits = run[start] + digits
        if len(digits.lstrip("+")) > MAX_DIGITS:
            break
        if digits.startswith(("0", "+")):  # a number said whole starts so
            best = to_e164(digits) or best
    return best


def _numbers(folded: str, apart: frozenset[int]) -> list[str]:
    return [number for run in number_runs(folded, apart) for number in _numbers_in_run(run)]


# Readings of « soixante douze » tried at most: 2 ** this many.
MAX_AMBIGUOUS = 5


def _ambiguous(tokens: list[str]) -> list[int]:
    """Where « soixante » or « quatre-vingt » is followed by a teen: one number (72, 97) or,
    said pair by pair with the pause lost in writing, two (60 12, 80 17)."""
    places = []
    for i in range(len(tokens)):
        found = _tens(tokens, i)
        if found and found[0] % 20 >= 10 and found[0] // 10 in (7, 9):
            places.append(i)
    return places[:MAX_AMBIGUOUS]


# A digit said twice or three times at once: « double zéro trente-trois… » is 0 0 33…,
# « zéro six double deux » is 0 6 2 2.
REPEATED_DIGIT = re.compile(
    r"\b(?P<times>double|triple) (?P<digit>zero|un|deux|trois|quatre|cinq|six|sept|huit|neuf|\d)\b"
)


def said_repeated(folded: str) -> str:
    """« double zéro » as « 0 0 » (numerals: a tens word before them must not absorb them,
    « trente double deux » is 30 2 2)."""

    def digits(m: re.Match[str]) -> str:
        digit = m["digit"] if m["digit"].isdigit() else str(UNITS[m["digit"]])
        return " ".join([digit] * (2 if m["times"] == "double" else 3))

    return REPEATED_DIGIT.sub(digits, folded)


def words_beside_numbers(folded: str) -> int:
    """How many words of the text are not part of a number said or written."""
    number_words = UNITS.keys() | TEENS.keys() | TENS.keys() | PLUS_WORDS | {"et", "cent", "cents"}
    return sum(
        1
        for word in folded.replace("-", " ").split()
        if word not in number_words and not word.strip("+.").isdigit()
    )


def extract_phone(folded: str) -> str | None:
    """The last complete valid phone number in the text, in E.164, or None.

    « soixante douze » is 72, or 60 then 12 when a number is said pair by pair (« zéro six,
    soixante, douze… »): when the usual reading gives no valid number, the other readings are
    tried, fewest pairs split first.
    """
    folded = said_repeated(folded)
    numbers = _numbers(folded, frozenset())
    if numbers:
        return numbers[-1]
    places = _ambiguous(folded.split())
    for count in range(1, len(places) + 1):
        for apart in combinations(places, count):
            numbers = _numbers(folded, frozenset(apart))
            if numbers:
                return numbers[-1]
    return None


def looks_like_phone_attempt(folded: str) -> bool:
    """Whether the caller tried to say a number, even an incomplete one."""
    folded = said_repeated(folded)
    for run in number_runs(folded):
        digits = "".join(run).lstrip("+")
        starts_like_phone = run[0] in PLUS_WORDS or run[0].startswith(("0", "+"))
        if len(digits) >= MIN_ATTEMPT_DIGITS or (starts_like_phone and len(run) >= 2):
            return True
    return False


def written(e164: str) -> str:
    """A stored number as people write it: « 06 12 34 56 78 » for France, the international
    form with spaces elsewhere (« +32 2 123 45 67 »); anything unreadable as it came."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
