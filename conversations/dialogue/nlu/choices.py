"""Which of the proposed slots the caller picks: « le deuxième », « celui de 14h », « mardi ».

The input is folded text; ``starts`` are the proposed slots' local start times, in the
order they were read out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from receptionist.lib.text import numerize

WEEKDAYS: dict[str, int] = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
MONTHS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        [
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ],
        start=1,
    )
}
# Index from the start, or from the end when negative.
ORDINALS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\b(?:premier|premiere|1er|1ere|1re)\b"), 0),
    (re.compile(r"\b(?:deuxieme|second|seconde|2e|2eme|2nd|du milieu)\b"), 1),
    (re.compile(r"\b(?:troisieme|3e|3eme)\b"), 2),
    (re.compile(r"\bavant derniere?\b"), -2),
    (re.compile(r"(?<!avant )\bderniere?\b"), -1),
)
PERIODS: dict[str, tuple[int, int]] = {
    r"\b(?:matin|matinee)\b": (0, 12),
    r"\b(?:apres midi|aprem)\b": (12, 18),
    r"\b(?:soir|soiree)\b": (17, 24),
}
MINUTE_WORDS: dict[str, int] = {"demi": 30, "demie": 30, "quart": 15}

_WD = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS)
_DAY = r"(?P<day>\d{1,2}|1er|premier)"
DATE = re.compile(rf"\b(?:(?P<wd>{_WD})\s+)?(?:le\s+|du\s+)?{_DAY}\s+(?P<month>{_MONTH})\b")
WEEKDAY_DAY = re.compile(rf"\b(?P<wd>{_WD})\s+{_DAY}\b(?!\s*(?:h|heures?)\b)")
TIME = re.compile(
    r"\b(?P<hour>\d{1,2})\s*(?:h|heures?)"
    r"(?:\s*(?P<minute>\d{1,2})\b|\s+et\s+(?P<word>demie?|quart))?"
    r"|(?<!apres )\b(?P<noon>midi)(?:\s+(?:et\s+)?(?P<noon_word>demie?|quart|\d{1,2})\b)?"
)
NUMBER_REF = re.compile(
    r"\b(?P<lead>le|la|du|de|a|numero|option|choix|creneau|proposition|n)\s+(?P<n>\d{1,2})\b"
    r"|^\s*(?P<bare>\d{1,2})\s*$"
)
WEEKDAY = re.compile(rf"\b(?P<wd>{_WD})\b")
# A number with its unit is a quantity, no slot: « elle a 14 ans » is an age, not « à 14h »;
# « dans 2 jours », « 30 euros », « 3 fois ».
QUANTITY = re.compile(
    r"\b\d{1,4} ?(?:ans|an|mois|semaines|semaine|jours|jour|minutes|minute|min|mn|euros|euro"
    r"|eur|kilos|kilo|kg|fois|personnes|personne|enfants|enfant|pour ?cent|%)(?!\w)"
)
SMALL_NUMBERS = re.compile(
    r"(?:(?<=\ble )|(?<=\bla )|(?<=numero )|(?<=option )|(?<=choix )|^)(?:un|une)\b(?!\s+autre)"
)
REJECT_PHRASES: tuple[str, ...] = (
    r"aucune?(?! (?:probleme|souci|importance))",
    r"(?:ne )?(?:me )?(?:va|convient|conviennent|vont|arrange) pas",
    r"pas (?:dispo|disponible|libre|possible)",
    r"autres? (?:chose|creneaux?|jour|date|moment|heure|horaire|semaine|dispo)",
    r"d autres",
    # « plus tard » asks for later ones; « le plus tôt » picks the earliest
    r"(?<!\ble )(?<!\bau )plus (?:tard|tot)",
    r"ni l un ni l autre",
    r"je (?:ne )?(?:peux|pourrai) pas",
    r"impossible",
    r"pas (?:ceux|ces) la",
)
REJECT_ALL = re.compile(r"\b(?:" + "|".join(REJECT_PHRASES) + r")\b")
# Any of those offered will do: the first is taken (« n'importe lequel », « peu importe », « le
# deuxième ou le troisième, peu importe » takes the second).
ANY_OF_THEM = re.compile(
    r"\b(?:n importe (?:lequel|laquelle|quel creneau)|peu importe(?! qui)"
    r"|celui que vous (?:voulez|preferez)"
    r"|(?:tous|toutes|les (?:trois|deux)(?: premiers?)?) (?:me )?(?:vont|conviennent)"
    r"|le premier venu)\b"
)
# Said with a refusal, a restriction or another wish, those are no choice: « ni le premier ni
# le deuxième, peu importe », « peu importe lequel mais pas le matin », « plutôt la semaine
# prochaine, le plus tôt possible »; with a yes they confirm the slot read back.
NOT_INDIFFERENT = re.compile(
    r"\b(?:pas|ni|sauf|mais|plutot|semaine|mois|autre|autres|oui|ouais|ok|d accord)\b"
)
# The earliest or the latest of those offered: « le plus tôt », « au plus tôt », « le plus tard ».
EARLIEST = re.compile(r"\b(?:le|au) plus tot\b|\ble plus rapide\b")
LATEST = re.compile(r"\ble plus tard\b")
NEGATION_WINDOW = 3


@dataclass
class Mentions:
    indexes: set[int] = field(default_factory=set)
    days: set[tuple[int, int | None]] = field(default_factory=set)  # (day, month or None)
    weekdays: set[int] = field(default_factory=set)
    times: set[tuple[int, int | None]] = field(default_factory=set)  # (hour, minute or None)
    periods: set[tuple[int, int]] = field(default_factory=set)


def _negated(text: str, start: int) -> bool:
    return "pas" in text[:start].split()[-NEGATION_WINDOW:]


def _day_number(raw: str) -> int:
    return 1 if raw in ("1er", "premier") else int(raw)


def _take(pattern: re.Pattern[str], text: str, on_match: Callable[[re.Match[str]], object]) -> str:
    """Apply on_match to each non-negated match and blank the match out of the text."""
    for match in pattern.finditer(text):
        if not _negated(text, match.start()):
            on_match(match)
    return pattern.sub(lambda m: "#" * len(m.group()), text)


def _prepare(folded: str) -> str:
    text = re.sub(r"\bdeux\b", "2", numerize(folded))
    return SMALL_NUMBERS.sub("1", QUANTITY.sub(" _ ", text))


def _minute(number: str | None, word: str | None) -> int | None:
    if word:
        return MINUTE_WORDS[word]
    return int(number) if number else None


def _time(match: re.Match[str]) -> tuple[int, int | None]:
    if match["noon"]:
        extra = match["noon_word"]
        minute = MINUTE_WORDS.get(extra) if extra in MINUTE_WORDS else _minute(extra, None)
        return 12, minute if minute is not None else 0
    return int(match["hour"]), _minute(match["minute"], match["word"])


def _mentions(folded: str, starts: Sequence[datetime]) -> Mentions:
    found = Mentions()
    text = _prepare(folded)
    text = _take(DATE, text, lambda m: found.days.add((_day_number(m["day"]), MONTHS[m["month"]])))
    text = _take(WEEKDAY_DAY, text, lambda m: found.days.add((_day_number(m["day"]), None)))
    text = _take(TIME, text, lambda m: found.times.add(_time(m)))
    text = _take(WEEKDAY, text, lambda m: found.weekdays.add(WEEKDAYS[m["wd"]]))
    text = _take(NUMBER_REF, text, lambda m: _number_ref(m, starts, found))
    for pattern, index in ORDINALS:

        def add_index(m: re.Match[str], i: int = index) -> None:
            found.indexes.add(_resolve(i, starts))

        text = _take(pattern, text, add_index)
    for period, hours in PERIODS.items():
        if re.search(period, text):
            found.periods.add(hours)
    return found


def _resolve(index: int, starts: Sequence[datetime]) -> int:
    """An ordinal's slot index; out of range stays out of range so nothing matches."""
    resolved = index + len(starts) if index < 0 else index
    return resolved if 0 <= resolved < len(starts) else len(starts)


def _number_ref(match: re.Match[str], starts: Sequence[datetime], found: Mentions) -> None:
    """« le 2 » is an index among the slots unless it can only be a day of the month."""
    number = int(match["n"] or match["bare"])
    slot_days = {start.day for start in starts}
    if match["lead"] in ("de", "a"):
        found.times.add((number, None))
    elif match["lead"] == "du" and number in slot_days:
        found.days.add((number, None))
    elif 1 <= number <= len(starts):
        found.indexes.add(number - 1)
    elif number in slot_days or match["bare"] is None:
        found.days.add((number, None))
    else:
        found.times.add((number, None))


def _time_filter(starts: Sequence[datetime], hour: int, minute: int | None) -> set[int]:
    for candidate_hour in (hour, hour + 12) if hour < 12 else (hour,):
        hits = {i for i, s in enumerate(starts) if s.hour == candidate_hour}
        if minute is not None:
            hits = {i for i in hits if starts[i].minute == minute}
        elif len(hits) > 1:
            hits = {i for i in hits if starts[i].minute == 0} or hits
        if hits:
            return hits
    return set()


def _filters(found: Mentions, starts: Sequence[datetime]) -> list[set[int]]:
    every = range(len(starts))
    filters: list[set[int]] = []
    if found.days:
        filters.append(
            {
                i
                for i in every
                for d, m in found.days
                if starts[i].day == d and m in (None, starts[i].month)
            }
        )
    if found.weekdays:
        filters.append({i for i in every if starts[i].weekday() in found.weekdays})
    if found.times:
        filters.append(set().union(*(_time_filter(starts, h, m) for h, m in found.times)))
    if found.periods:
        filters.append({i for i in every for lo, hi in found.periods if lo <= starts[i].hour < hi})
    return filters


def pick_slot(folded: str, starts: Sequence[datetime]) -> int | None:
    """The 0-based index of the slot the caller chose, or None when unclear."""
    if not starts:
        return None
    found = _mentions(folded, starts)
    candidates = set(range(len(starts)))
    filters = _filters(found, starts)
    for kept in filters:
        candidates &= kept
    # « n'importe lequel », « le plus tôt »: one of those offered, unless said with a refusal,
    # a restriction or another wish
    indifferent = not NOT_INDIFFERENT.search(folded) and not rejects_all(folded)
    if found.indexes:
        chosen = found.indexes & candidates
        if len(found.indexes) > 1 and chosen and indifferent and ANY_OF_THEM.search(folded):
            return min(chosen)
        return chosen.pop() if len(found.indexes) == 1 and chosen else None
    if filters and len(candidates) == 1:
        return candidates.pop()
    if not candidates or found.times or not indifferent:
        return None
    if ANY_OF_THEM.search(folded) or EARLIEST.search(folded):
        return min(candidates, key=lambda i: starts[i])
    if LATEST.search(folded):
        return max(candidates, key=lambda i: starts[i])
    return None


def rejects_all(folded: str) -> bool:
    """Whether the caller turns down every proposed slot: « aucun ne me va », « plus tard »."""
    return REJECT_ALL.search(folded) is not None
