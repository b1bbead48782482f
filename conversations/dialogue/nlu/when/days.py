"""Days in French: « demain », « mardi en huit », « le 12 mars », « la semaine prochaine ».

Works on ``numerize(fold(text))``; used by :mod:`conversations.dialogue.nlu.when.dates`. Every rule is
relative to ``today``, passed in.

>>> parse_days("lundi ou mardi", today=date(2026, 11, 25))
Days(dates=frozenset(), weekdays=frozenset({1, 2}), earliest=None, latest=None)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from conversations.dialogue.nlu.when.daymath import (
    month_span,
    next_day_of_month,
    next_weekday,
    week_of,
)

_WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTH_NAMES = (
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
)
WEEKDAYS: dict[str, int] = {name: number for number, name in enumerate(_WEEKDAY_NAMES, start=1)}
MONTHS: dict[str, int] = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
SMALL_NUMBERS: dict[str, int] = {"un": 1, "une": 1, "deux": 2}
ALL_DAYS = frozenset(range(1, 8))
# « début / milieu / fin de semaine »: which weekdays people mean (the end of the week is
# Friday and Saturday, which no one disputes; some count Thursday in).
WEEK_PARTS: dict[str, frozenset[int]] = {
    "debut": frozenset({1, 2}),
    "milieu": frozenset({3}),
    "fin": frozenset({5, 6}),
}
# « début / mi / fin janvier »: which days of the month.
MONTH_PARTS: dict[str, tuple[int, int]] = {
    "debut": (1, 10),
    "mi": (11, 20),
    "milieu": (11, 20),
    "fin": (21, 31),
}
WORKING_DAYS = frozenset(range(1, 6))
WEEKEND = frozenset({6, 7})

# Abbreviated months after a day number (« le 3 janv. », « 9 déc »).
MONTH_ABBREVIATIONS: dict[str, str] = {
    "jan": "janvier", "janv": "janvier", "fev": "fevrier", "fevr": "fevrier", "avr": "avril",
    "juil": "juillet", "sep": "septembre", "sept": "septembre", "oct": "octobre",
    "nov": "novembre", "dec": "decembre",
}  # fmt: skip
# Abbreviated weekdays, read only next to a date, a part of the day or alone (« jeu. », « sam
# 12 », « sam aprem »): « mer », « sam » or « dim » are also words and names.
WEEKDAY_ABBREVIATIONS: dict[str, str] = {
    "lun": "lundi", "mar": "mardi", "mer": "mercredi", "jeu": "jeudi", "ven": "vendredi",
    "sam": "samedi", "dim": "dimanche",
}  # fmt: skip
_MONTH_ABBREVIATED = re.compile(
    r"\b(?P<day>\d{1,2}|1er) (?P<abbr>" + "|".join(MONTH_ABBREVIATIONS) + r")\b"
)
_WEEKDAY_ABBREVIATED = re.compile(
    r"^(?P<abbr>" + "|".join(WEEKDAY_ABBREVIATIONS) + r")(?= \d|$| si possible| svp| plutot)"
    r"|\b(?P<abbr2>"
    + "|".join(WEEKDAY_ABBREVIATIONS)
    + r")(?= \d{1,2}\b| (?:matin|apres midi|aprem|soir)\b)"
)
# An address is not a date: « rue du 4 Septembre », « place du 8 mai ».
_ADDRESS = re.compile(
    r"\b(?:rue|avenue|av|boulevard|bd|place|allee|impasse|chemin|quai|cours|square|route|"
    r"passage|residence) (?:du |des |de la |de l |d )?\d{1,2}(?:er)? \w+"
)
# ISO and slashed dates, once folding turned « / » and « - » into spaces.
_ISO_DATE = re.compile(
    r"\b(?P<year>20\d\d) (?P<month>0?[1-9]|1[0-2]) (?P<day>[12]\d|3[01]|0?[1-9])\b"
)
_BARE_NUMERIC_DATE = re.compile(
    r"^(?:(?:pour )?le )?(?P<day>[12]\d|3[01]|0?[1-9]) (?P<month>0?[1-9]|1[0-2])"
    r"(?: (?P<year>20\d\d|\d\d))?(?: (?:si possible|svp|plutot|matin|apres midi|soir))?$"
)

_WD = "(?:" + "|".join(WEEKDAYS) + ")s?"
_WD_LIST = rf"{_WD}(?:(?: ou| et| ou bien| voire| ni)? (?:le |les |un )?{_WD})*"
_MONTH = "(?:" + "|".join(MONTHS) + r")\b"  # « 20 mais » is not « 20 mai »
_DAY = r"(?:[12]\d|3[01]|0?[1-9])\b"
# A day number must not be an hour, an address, a price or a piece of a phone number.
# A number followed by a unit or a counted thing is a quantity, not a day of the month: « le 4
# pièces avec terrasse », « le 3 places », « le 2 roues ».
_NOT_DAY = (
    r"(?! ?(?:\d|h(?![a-z])|heures?\b|rue|avenue|boulevard|bd\b|chemin|place|allee|km|euros?\b"
    r"|ans\b|pieces?\b|chambres?\b|places\b|personnes?\b|etages?\b|m2\b|metres?\b|kilos?\b"
    r"|kg\b|litres?\b|portes?\b|roues\b|chevaux\b|cv\b|couverts\b|pages?\b|exemplaires?\b))"
)
_DAY_MONTH = rf"(?P<day>{_DAY}|1er|premier)(?: (?P<month>{_MONTH}))?{_NOT_DAY}"


@dataclass(frozen=True)
class Days:
    dates: frozenset[date] = frozenset()
    weekdays: frozenset[int] = frozenset()
    earliest: date | None = None
    latest: date | None = None
    away: tuple[tuple[date, date], ...] = ()
    # The weekdays only rule days out (« pas le mardi », « pas en semaine »): no wish yet.
    refused: bool = False


@dataclass
class _Found:
    """What the rules have read so far; turned into :class:`Days` at the end."""

    today: date
    dates: set[date] = field(default_factory=set)
    named: set[int] = field(default_factory=set)
    filters: list[frozenset[int]] = field(default_factory=list)
    earliest: date | None = None
    latest: date | None = None
    # Weekdays said bare (« mardi »): the coming one, never today.
    bare: set[int] = field(default_factory=set)
    # « pas aujourd'hui, demain »: days ruled out.
    excluded: set[date] = field(default_factory=set)
    # « dans la journée »: today, unless another day is said (« demain dans la journée »).
    today_if_alone: bool = False
    # « je suis en vacances du 10 au 20 »: ranges ruled out.
    away: list[tuple[date, date]] = field(default_factory=list)
    # How many of `filters` rule weekdays out (« pas le mardi ») rather than name them.
    refusals: int = 0

    def span(self, first: date | None, last: date | None) -> None:
        """Narrow to a range; two full ranges (« fin mars début avril ») make their union."""
        if (
            first is not None
            and last is not None
            and self.earliest is not None
            and self.latest is not None
        ):
            self.earliest = min(self.earliest, max(first, self.today))
            self.latest = max(self.latest, last)
            return
        if first is not None and self.earliest is None:
            self.earliest = max(first, self.today)
        if last is not None and self.latest is None:
            self.latest = last


Rule = Callable[[re.Match[str], _Found], None]


def _number(word: str) -> int:
    return SMALL_NUMBERS.get(word) or int(word)


def _day_number(word: str) -> int:
    return 1 if word in ("1er", "premier") else int(word)


def _day_month(
    m: re.Match[str], today: date, day: str = "day", month: str = "month"
) -> date | None:
    number = _day_number(m.group(day))
    named_month = m.group(month)
    return next_day_of_month(today, number, MONTHS[named_month] if named_month else None)


def _weekdays_in(text: str) -> list[int]:
    return [WEEKDAYS[name] for name in re.findall("|".join(WEEKDAYS), text)]


# Rules -----------------------------------------------------------------------------------


def _add_offset(days: int) -> Rule:
    return lambda m, found: found.dates.add(found.today + timedelta(days=days))


def _add_day_month(m: re.Match[str], found: _Found) -> None:
    if m.group("day") == "premier" and not m.group("month"):
        return  # « le premier » picks a slot; « le premier mars » is a date.
    day = _day_month(m, found.today)
    if day:
        found.dates.add(day)


def _add_numeric_date(m: re.Match[str], found: _Found) -> None:
    year = int(m.group("year")) if m.group("year") else None
    day, month = int(m.group("day")), int(m.group("month"))
    try:
        wished = date(year or found.today.year, month, day)
    except ValueError:
        return
    if year is None and wished < found.today:
        wished = next_day_of_month(found.today, day, month) or wished
    found.dates.add(wished)


def _add_days_between(m: re.Match[str], found: _Found) -> None:
    first = _day_month(m, found.today, "day", "month")
    last = _day_month(m, found.today, "day2", "month2")
    if m.group("month2") and not m.group("month"):
        first = next_day_of_month(
            found.today, _day_number(m.group("day")), MONTHS[m.group("month2")]
        )
    if first and last and last < first and not m.group("month2"):
        # « du 20 au 27 » said on the 25th: the 27 after the 20, not the one before it.
        last = next_day_of_month(first, _day_number(m.group("day2")))
    found.span(first, last)


def _add_bound(m: re.Match[str], found: _Found) -> None:
    day = _day_month(m, found.today)
    word = m.group("word")
    if day and word in ("avant le", "jusqu au", "d ici le", "au plus tard le"):
        found.span(None, day - timedelta(days=1) if word == "avant le" else day)
    elif day:
        found.span(day + timedelta(days=1) if word == "apres le" else day, None)


def _add_next_weekdays(m: re.Match[str], found: _Found) -> None:
    extra = {"prochain": 0, "pro": 0, "en 8": 7, "en 15": 14}[m.group("suffix")]
    for weekday in _weekdays_in(m.group(0)):
        found.dates.add(next_weekday(found.today, weekday, strict=True) + timedelta(days=extra))


def _add_this_weekday(m: re.Match[str], found: _Found) -> None:
    for weekday in _weekdays_in(m.group(0)):
        found.dates.add(next_weekday(found.today, weekday, strict=False))


def _add_weekday_range(m: re.Match[str], found: _Found) -> None:
    """« de lundi à mercredi »: from the coming Monday to the Wednesday after it."""
    first_day, last_day = _weekdays_in(m.group(0))
    first = next_weekday(found.today, first_day, strict=True)
    found.span(first, next_weekday(first, last_day, strict=False))
    if first_day <= last_day:  # the same days of later weeks, should that one be full
        found.filters.append(frozenset(range(first_day, last_day + 1)))


def _add_until_weekday(m: re.Match[str], found: _Found) -> None:
    """« d'ici vendredi », « jusqu'à mercredi »: from today to that day."""
    (weekday,) = _weekdays_in(m.group(0))[:1]
    found.span(found.today, next_weekday(found.today, weekday, strict=True))


def _add_from_weekday(m: re.Match[str], found: _Found) -> None:
    (weekday,) = _weekdays_in(m.group(0))[:1]
    found.span(next_weekday(found.today, weekday, strict=True), None)


def _add_from_offset(days: int) -> Rule:
    return lambda m, found: found.span(found.today + timedelta(days=days), None)


def _add_from_next_week(m: re.Match[str], found: _Found) -> None:
    found.span(week_of(found.today + timedelta(weeks=1))[0], None)


def _add_today_if_alone(m: re.Match[str], found: _Found) -> None:
    found.today_if_alone = True


def _add_excluded(m: re.Match[str], found: _Found) -> None:
    found.excluded.add(found.today + timedelta(days=0 if m.group("which") != "demain" else 1))


def _add_exclusion(m: re.Match[str], found: _Found) -> None:
    found.filters.append(ALL_DAYS - frozenset(_weekdays_in(m.group(0))))
    found.refusals += 1


def _add_not_weekend(m: re.Match[str], found: _Found) -> None:
    """« pas le week-end »: the weekend ruled out."""
    found.filters.append(WORKING_DAYS)
    found.refusals += 1


def _add_weekend_only(m: re.Match[str], found: _Found) -> None:
    """« pas en semaine »: the working days ruled out."""
    found.filters.append(WEEKEND)
    found.refusals += 1


def _add_named_weekday(m: re.Match[str], found: _Found) -> None:
    """« mardi » is the coming Tuesday; « le mardi », « les mardis », « un mardi » any Tuesday."""
    weekdays = _weekdays_in(m.group(0))
    found.named.update(weekdays)
    if not m.group("det") and not m.group(0).endswith("s"):
        found.bare.update(weekdays)


def _later(today: date, count: int, unit: str) -> date:
    """« dans 3 jours / semaines / mois »; « huit jours » is a week, « quinze jours » two."""
    if unit.startswith("semaine"):
        return today + timedelta(weeks=count)
    if unit.startswith("mois"):
        month = today.month - 1 + count
        year, month = today.year + month // 12, month % 12 + 1
        return next_day_of_month(date(year, month, 1), today.day, month) or date(year, month, 28)
    return today + timedelta(days={8: 7, 15: 14}.get(count, count))


def _add_in_days(m: re.Match[str], found: _Found) -> None:
    found.dates.add(_later(found.today, _number(m.group("n")), m.group("unit")))


def _add_until(m: re.Match[str], found: _Found) -> None:
    """« d'ici 15 jours », « dans les 10 prochains jours », « sous huitaine »: from today on."""
    count, unit = (
        ({"huitaine": 8, "quinzaine": 15}[m.group("within")], "jours")
        if m.group("within")
        else (_number(m.group("n")), m.group("unit"))
    )
    found.span(found.today, _later(found.today, count, unit))


def _add_until_month_end(m: re.Match[str], found: _Found) -> None:
    """« d'ici la fin du mois », « jusqu'à fin mars »: from today to that month's last day."""
    if m.group("month"):
        month = MONTHS[m.group("month")]
    else:
        month = (found.today.month + (1 if m.group("next") else 0) - 1) % 12 + 1
    found.span(found.today, month_span(found.today, month)[1])


def _add_coming_week(m: re.Match[str], found: _Found) -> None:
    found.span(found.today, found.today + timedelta(days=7))


def _add_this_month(m: re.Match[str], found: _Found) -> None:
    found.span(found.today, month_span(found.today, found.today.month)[1])


def _add_fortnight(m: re.Match[str], found: _Found) -> None:
    """« la deuxième quinzaine de janvier »: days 16 to the end; the first: days 1 to 15."""
    first_half = m.group("which") in ("premiere", "1re", "1ere", "1 re")
    bounds = (1, 15) if first_half else (16, 31)
    month = MONTHS[m.group("month")] if m.group("month") else found.today.month
    first, last = month_span(found.today, month, *bounds)
    if not m.group("month") and first.year > found.today.year:
        # This month's half is over (« la première quinzaine » said on the 20th): the next.
        first, last = month_span(found.today, found.today.month % 12 + 1, *bounds)
    found.span(first, last)


def _add_until_sunday(m: re.Match[str], found: _Found) -> None:
    found.span(None, week_of(found.today)[1])


def _add_week(offset_weeks: int | None, weekdays: frozenset[int] = ALL_DAYS) -> Rule:
    """A week counted from this one (None: any week), or some days of it (« début de »)."""

    def add(m: re.Match[str], found: _Found) -> None:
        if offset_weeks is not None:
            found.span(*week_of(found.today + timedelta(weeks=offset_weeks)))
        found.filters.append(WEEK_PARTS.get(m.groupdict().get("part") or "", weekdays))

    return add


def _add_week_of_day(m: re.Match[str], found: _Found) -> None:
    day = _day_month(m, found.today)
    if day:
        found.span(*week_of(day))


def _month(today: date, month: int, part: str | None) -> tuple[date, date]:
    return month_span(today, month, *MONTH_PARTS.get(part or "", (1, 31)))


def _add_month(m: re.Match[str], found: _Found) -> None:
    found.span(*_month(found.today, MONTHS[m.group("month")], m.group("part")))


def _add_month_bound(m: re.Match[str], found: _Found) -> None:
    """A month, or a part of one, as a bound: « avant février », « à partir de mars ».

    « avant » and « d'ici » stop before the period begins, except its end: « avant fin
    janvier » is « by the end of January ». « au plus tard », « jusqu'en » and « pas après »
    include the period; « après » starts once it is over; « à partir de », « dès », « pas
    avant » and « au plus tôt » start when it begins.
    """
    first, last = _month(found.today, MONTHS[m.group("month")], m.group("part"))
    word = m.group("word")
    if word in ("avant", "d ici"):
        found.span(None, last if m.group("part") == "fin" else first - timedelta(days=1))
    elif word in ("au plus tard", "jusqu en", "jusqu a", "pas apres"):
        found.span(None, last)
    elif word == "apres":
        found.span(last + timedelta(days=1), None)
    else:
        found.span(first, None)


def _add_relative_month(offset: int) -> Rule:
    def add(m: re.Match[str], found: _Found) -> None:
        month = (found.today.month + offset - 1) % 12 + 1
        first, last = _month(found.today, month, m.group("part"))
        if offset == 0 and first.year > found.today.year or (offset == 0 and last < found.today):
            # « début du mois » said on the 20th: the next month's beginning.
            first, last = _month(found.today, found.today.month % 12 + 1, m.group("part"))
        found.span(first, last)

    return add


# An absence or an exception rules days out: « je suis en vacances du 10 au 20 », « je ne
# suis pas là la semaine prochaine », « on part en février », « sauf la semaine du 14 ».
# « pas le lundi » and « pas avant le 15 » are read by the rules below.
_SUBJECT = r"(?:je|j|on|nous|il|elle|ils|elles)"
_BE = r"(?:suis|serai|serais|sera|sommes|serons|est|sont|seront|vais etre|va etre)"
ABSENCE = re.compile(
    rf"\b{_SUBJECT} (?:ne |n )?{_BE}(?: pas| plus)? (?:absente?s?|en vacances|en conges?"
    r"|en deplacement|en voyage|a l etranger|hospitalisee?s?|indisponibles?|partie?s?)\b"
    rf"|\b{_SUBJECT} (?:ne |n )?{_BE} (?:pas|plus) (?:la|dispo|disponibles?|libres?)\b"
    rf"|\b{_SUBJECT} (?:pars|part|partons|partent|partirai|partira|partirons|vais partir"
    r"|va partir)(?: en (?:vacances|voyage|deplacement|conges?))?\b"
    r"|\b(?:sauf|hors|excepte|a part|pas|jamais)(?= (?:la semaine|cette semaine|le mois|ce mois"
    rf"|du \d|du 1er|entre le|pendant|en {_MONTH}|(?:debut|mi|milieu|fin) {_MONTH}|le \d|le 1er))"
)
# Where an absence's clause ends. The text is folded, without punctuation: a comma is lost,
# so the clause runs to one of these words or to the end. A weekday with « un » is some
# Tuesday to choose, i.e. a wish, never a day one is away: « je pars en déplacement jeudi ;
# un lundi ou un mardi, ce serait mieux ».
CLAUSE_END = re.compile(
    r" (?:mais|par contre|plutot|sinon|ou alors|donc|et (?:apres|avant|sinon))\b"
    r"| (?=un (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b)"
)
_WEEKEND = r"(?:week end|weekend)s?"
# « d'ici / jusqu'à / avant / au plus tard la fin du mois »: from today to that end.
_BY = r"(?:d ici|jusqu a|avant|au plus tard|pas apres)"
# Words that make a month a bound (see _add_month_bound), longest first.
_MONTH_BOUND_WORDS = (
    r"pas avant|pas apres|au plus tard|au plus tot|a partir|jusqu en|jusqu a|d ici|avant|apres"
    r"|des"
)
# Tried in order; each match is consumed, so « après-demain » is not read again as « demain ».
DAY_RULES: tuple[tuple[re.Pattern[str], Rule], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})"), rule)
    for pattern, rule in (
        (r"pas (?P<which>aujourd hui|demain)\b", _add_excluded),
        (
            r"aujourd hui|ce (?:matin|midi|soir)\b|cet? apres midi|cette apres midi|cet aprem",
            _add_offset(0),
        ),
        (r"a partir (?:d )?apres demain\b", _add_from_offset(2)),
        (r"a partir de demain\b", _add_from_offset(1)),
        (r"a partir de (?:la )?semaine (?:prochaine|pro|suivante)\b", _add_from_next_week),
        (rf"(?:a partir d[eu]?|des) (?:le |ce )?{_WD}(?! \d)(?: prochain)?", _add_from_weekday),
        (rf"(?:d ici (?:a )?|jusqu a |jusqu au )(?:ce )?{_WD}(?! \d)", _add_until_weekday),
        (r"apres demain\b", _add_offset(2)),
        (r"demain\b", _add_offset(1)),
        (r"dans la journee\b", _add_today_if_alone),
        (rf"la semaine du {_DAY_MONTH}", _add_week_of_day),
        (
            rf"(?:du|entre le) (?:{_WD} )?(?P<day>{_DAY}|1er|premier)(?: (?P<month>{_MONTH}))?"
            rf" (?:au|et le) (?:{_WD} )?(?P<day2>{_DAY}|1er|premier)(?: (?P<month2>{_MONTH}))?"
            rf"{_NOT_DAY}",
            _add_days_between,
        ),
        (
            rf"(?P<word>pas avant le|avant le|d ici le|jusqu au|au plus tard le|a partir du"
            rf"|apres le|des le)"
            rf" {_DAY_MONTH}",
            _add_bound,
        ),
        (rf"(?:{_WD} )?(?:le )?(?P<day>{_DAY}|1er|premier) (?P<month>{_MONTH})", _add_day_month),
        (
            rf"(?:{_WD} |le )(?P<day>{_DAY}) (?P<month>0?[1-9]|1[0-2])\b(?: (?P<year>20\d\d))?(?! ?\d)",
            _add_numeric_date,
        ),
        (
            rf"(?:(?:le|un|ce) )?{_WD_LIST} (?P<suffix>prochain|pro|en 8|en 15)\b",
            _add_next_weekdays,
        ),
        (rf"(?:du|de|entre) {_WD} (?:au|a|et) {_WD}", _add_weekday_range),
        (
            # « je travaille pas le vendredi » is free that day, not a refusal of it
            rf"(?<!travaille )(?<!bosse )(?<!travaillons )"
            # « n'importe quel autre jour que le mercredi » is « sauf le mercredi », and so is
            # « n'importe quel autre soir que le mardi » (the evening said besides)
            # (not after « aucun »: « libre aucun autre soir que le mardi » is only Tuesday)
            rf"(?:pas|sauf|hors|excepte|a part|jamais|ni|(?<!aucun )(?<!aucune )(?:autre que"
            rf"|autre jour que|autre (?:soir|matin|apres midi|aprem|moment|creneau) que)"
            rf"|autres jours que)(?: le| les| un)? {_WD_LIST}",
            _add_exclusion,
        ),
        (rf"ce {_WD}", _add_this_weekday),
        (rf"(?:{_WD} (?:le )?|le )(?P<day>{_DAY}|1er\b){_NOT_DAY}(?P<month>)", _add_day_month),
        # « le matin du 12 », « l'après-midi du 3 »: a part of that day.
        (
            rf"(?:matin|matinee|midi|apres midi|soir|soiree|journee) du (?P<day>{_DAY}|1er\b)"
            rf"{_NOT_DAY}(?P<month>)",
            _add_day_month,
        ),
        (
            r"(?:d ici|dans les|dans la|sous|au plus tard dans|dans au plus) (?:(?P<n>\d{1,3}|une?|deux)"
            r" (?:prochain(?:e)?s )?"
            r"(?P<unit>jours?|semaines?|mois)|(?P<within>huitaine|quinzaine))\b",
            _add_until,
        ),
        (
            r"dans (?:environ )?(?P<n>\d{1,3}|une?|deux) (?P<unit>jours?|semaines?|mois)\b",
            _add_in_days,
        ),
        (
            r"(?:(?P<part>debut|milieu|fin|courant) de (?:la )?)?semaine (?:prochaine|pro|suivante)\b",
            _add_week(1),
        ),
        # « dans la semaine qui vient »: the coming seven days.
        (r"(?:dans )?la semaine (?:qui vient|a venir)\b", _add_coming_week),
        (r"(?:(?P<part>debut|milieu|fin) de )?cette semaine\b|dans la semaine\b", _add_week(0)),
        (r"d ici (?:la )?fin de (?:la )?semaine\b", _add_until_sunday),
        (
            rf"{_BY} (?:a )?(?:la )?fin (?:du mois|de ce mois|de mois)(?: (?P<next>prochain))?\b"
            rf"|{_BY} (?:a )?(?:la )?fin (?:de |d |du mois de |du mois d )?(?P<month>{_MONTH})\b",
            _add_until_month_end,
        ),
        (r"(?:avant|au plus tard) (?:la )?fin de (?:la )?semaine\b", _add_until_sunday),
        (r"(?:en )?(?P<part>debut|milieu|fin) de (?:la )?semaine\b", _add_week(None)),
        # « pas en semaine », « jamais en semaine »: the weekend, before « en semaine » is read.
        (
            r"(?:pas|jamais|sauf|hors) (?:en semaine|(?:les |des )?jours? (?:de (?:la )?semaine"
            r"|ouvres|ouvrables))\b",
            _add_weekend_only,
        ),
        (
            r"en semaine\b|(?:un |les )?jours? (?:de (?:la )?semaine|ouvres|ouvrables)\b",
            _add_week(None, WORKING_DAYS),
        ),
        (r"(?:ou|et|mais) (?:celle|la semaine) d apres\b", _add_week(2)),
        # alone, « la semaine d'après » answers « when? » with the week after this one
        (r"(?:la )?semaine d apres\b", _add_week(1)),
        # « pas le week-end », « sauf le week-end », « hors week-end »: the working days
        (
            rf"(?:pas|jamais|sauf|hors|excepte|en dehors du|en dehors des) (?:le |les |du )?"
            rf"{_WEEKEND}\b",
            _add_not_weekend,
        ),
        (rf"ce {_WEEKEND}\b", _add_week(0, WEEKEND)),
        (rf"{_WEEKEND} (?:prochain|pro)\b", _add_week(1, WEEKEND)),
        (rf"{_WEEKEND}\b", _add_week(None, WEEKEND)),
        (
            rf"(?:la )?(?P<which>premiere|1re|1ere|1 re|deuxieme|seconde|2e|2eme|2 eme|derniere)"
            rf" quinzaine(?: (?:de |d |du mois de |du mois d )(?P<month>{_MONTH}))?",
            _add_fortnight,
        ),
        (r"(?:(?P<part>debut|mi|milieu|fin) du )?mois (?:prochain|pro)\b", _add_relative_month(1)),
        (
            r"(?P<part>debut|mi|milieu|fin) (?:du|de|de ce) mois\b(?! de| d )",
            _add_relative_month(0),
        ),
        (r"ce mois(?: ci)?\b|(?:dans le )?courant du mois\b(?! de| d )", _add_this_month),
        (
            rf"(?P<word>{_MONTH_BOUND_WORDS})(?: (?:en|a|au|de|d|du|le|la|mois))*"
            rf" (?:(?P<part>debut|mi|milieu|fin) (?:de |d |du mois de |du mois d )?)?"
            rf"(?P<month>{_MONTH})\b",
            _add_month_bound,
        ),
        (
            rf"(?:(?P<part>debut|mi|milieu|fin) (?:de |d |du mois de |du mois d )?|(?:en|au mois de"
            rf"|au mois d|courant|pour|dans le courant de|dans le courant d) )(?P<month>{_MONTH})\b",
            _add_month,
        ),
        (rf"(?P<det>(?:tous )?les |le |un |chaque |n importe quel )?{_WD}", _add_named_weekday),
    )
)


def _finish(found: _Found) -> Days:
    weekdays = frozenset(found.named) or ALL_DAYS
    for allowed in found.filters:
        weekdays &= allowed
    dates = set(found.dates) - found.excluded
    if found.today_if_alone and not (dates or found.named or found.earliest or found.latest):
        dates = {found.today}
    if dates and found.named:
        # « demain ou jeudi »: both are days, not « tomorrow, if it is a Thursday ».
        dates |= {next_weekday(found.today, wd, strict=True) for wd in found.named}
        weekdays = ALL_DAYS.intersection(*found.filters)
    elif found.bare and found.bare == found.named and found.earliest is found.latest is None:
        # « mardi », « lundi ou mardi »: the coming ones. The weekdays stay, so that slot
        # finding can fall back on the same weekday of a later week.
        dates = {next_weekday(found.today, wd, strict=True) for wd in found.bare}
        dates = {d for d in dates if d.isoweekday() in weekdays}
    return Days(
        dates=frozenset(dates),
        weekdays=frozenset() if weekdays == ALL_DAYS else weekdays,
        earliest=found.earliest,
        latest=found.latest,
        away=tuple(dict.fromkeys(found.away)),
        refused=bool(found.refusals)
        and found.refusals == len(found.filters)
        and not (dates or found.named or found.earliest or found.latest),
    )


def spell_out_months(folded: str) -> str:
    """« le 4 sept. » → « le 4 septembre », before numbers are read: « sept » is also seven."""
    return _MONTH_ABBREVIATED.sub(lambda m: f"{m['day']} {MONTH_ABBREVIATIONS[m['abbr']]}", folded)


def _prepare(text: str) -> str:
    """Spell out abbreviations, drop addresses, give ISO and slashed dates a « le »."""
    text = _ADDRESS.sub(" _ ", text)
    text = _MONTH_ABBREVIATED.sub(lambda m: f"{m['day']} {MONTH_ABBREVIATIONS[m['abbr']]}", text)
    text = _WEEKDAY_ABBREVIATED.sub(lambda m: WEEKDAY_ABBREVIATIONS[m["abbr"] or m["abbr2"]], text)
    text = _ISO_DATE.sub(lambda m: f"le {int(m['day'])} {int(m['month'])} {m['year']}", text)
    bare = _BARE_NUMERIC_DATE.match(text)
    if bare:
        year = bare["year"]
        year = f" 20{year}" if year and len(year) == 2 else f" {year}" if year else ""
        text = f"le {bare['day']} {bare['month']}{year}"
    return text


def _absences(text: str, found: _Found) -> str:
    """Rule out the days an absence or an exception names; the text without them.

    What follows the absence, up to the end of its clause, is read as days; a range or a
    date becomes a range ruled out, weekdays alone (« je ne suis pas là le lundi ») are
    taken off the week. A clause that names no day is left to the other rules.
    """
    pieces: list[str] = []
    at = 0
    for m in ABSENCE.finditer(text):
        if m.start() < at:
            continue
        end = CLAUSE_END.search(text, m.end())
        stop = end.start() if end else len(text)
        days = parse_days(text[m.end() : stop], today=found.today)
        if days is None:
            continue
        ranges = [(d, d) for d in sorted(days.dates)]
        if days.earliest or days.latest:
            ranges.append((days.earliest or found.today, days.latest or date.max))
        if ranges:
            found.away.extend(ranges)
        elif days.weekdays:
            found.filters.append(ALL_DAYS - days.weekdays)
            found.refusals += 1
        found.away.extend(days.away)
        pieces.append(text[at : m.start()] + " _ ")
        at = stop
    return "".join(pieces) + text[at:]


def parse_days(text: str, *, today: date) -> Days | None:
    """Day constraints in numerized folded text, or None when there are none."""
    found = _Found(today=today)
    text = _absences(_prepare(text), found)
    for pattern, rule in DAY_RULES:

        def apply(m: re.Match[str], rule: Rule = rule) -> str:
            rule(m, found)  # every rule returns None: the match is replaced by « _ »
            return " _ "

        text = pattern.sub(apply, text)
    days = _finish(found)
    if days == Days() and not (found.named or found.filters or found.excluded or found.away):
        return None
    return days
