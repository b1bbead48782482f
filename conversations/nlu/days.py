"""Days in French: « demain », « mardi en huit », « le 12 mars », « la semaine prochaine ».

Works on ``numerize(fold(text))``; used by :mod:`conversations.nlu.dates`. Every rule is
relative to ``today``, passed in.

>>> parse_days("lundi ou mardi", today=date(2026, 11, 25))
Days(dates=frozenset(), weekdays=frozenset({1, 2}), earliest=None, latest=None)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from conversations.nlu.daymath import month_span, next_day_of_month, next_weekday, week_of

_WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTH_NAMES = (
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
)
WEEKDAYS: dict[str, int] = {name: number for number, name in enumerate(_WEEKDAY_NAMES, start=1)}
MONTHS: dict[str, int] = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
SMALL_NUMBERS: dict[str, int] = {"un": 1, "une": 1, "deux": 2}
ALL_DAYS = frozenset(range(1, 8))
# « début / milieu / fin de semaine »: which weekdays people mean.
WEEK_PARTS: dict[str, frozenset[int]] = {
    "debut": frozenset({1, 2}),
    "milieu": frozenset({3}),
    "fin": frozenset({4, 5, 6}),
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

_WD = "(?:" + "|".join(WEEKDAYS) + ")s?"
_WD_LIST = rf"{_WD}(?:(?: ou| et| ou bien| voire| ni)? (?:le |les |un )?{_WD})*"
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])\b"
# A day number must not be an hour, an address, a price or a piece of a phone number.
_NOT_DAY = r"(?! ?(?:\d|h(?![a-z])|heures?\b|rue|avenue|boulevard|bd\b|chemin|place|allee|km|euros?\b|ans\b))"
_DAY_MONTH = rf"(?P<day>{_DAY}|1er|premier)(?: (?P<month>{_MONTH}))?{_NOT_DAY}"


@dataclass(frozen=True)
class Days:
    dates: frozenset[date] = frozenset()
    weekdays: frozenset[int] = frozenset()
    earliest: date | None = None
    latest: date | None = None


@dataclass
class _Found:
    """What the rules have read so far; turned into :class:`Days` at the end."""

    today: date
    dates: set[date] = field(default_factory=set)
    named: set[int] = field(default_factory=set)
    filters: list[frozenset[int]] = field(default_factory=list)
    earliest: date | None = None
    latest: date | None = None

    def span(self, first: date | None, last: date | None) -> None:
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
    first, last = _weekdays_in(m.group(0))
    found.filters.append(frozenset(range(first, last + 1)) if first <= last else ALL_DAYS)


def _add_exclusion(m: re.Match[str], found: _Found) -> None:
    found.filters.append(ALL_DAYS - frozenset(_weekdays_in(m.group(0))))


def _add_named_weekday(m: re.Match[str], found: _Found) -> None:
    found.named.update(_weekdays_in(m.group(0)))


def _add_in_days(m: re.Match[str], found: _Found) -> None:
    count = _number(m.group("n"))
    if m.group("unit").startswith("semaine"):
        found.span(*week_of(found.today + timedelta(weeks=count)))
    elif count in (8, 15):  # « dans huit / quinze jours »: one / two weeks, not a precise day
        found.span(*week_of(found.today + timedelta(days=count - 1)))
    else:
        found.dates.add(found.today + timedelta(days=count))


def _add_until(m: re.Match[str], found: _Found) -> None:
    count = _number(m.group("n"))
    weeks = m.group("unit").startswith("semaine")
    found.span(None, found.today + timedelta(days=count * 7 if weeks else count))


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


def _add_relative_month(offset: int) -> Rule:
    def add(m: re.Match[str], found: _Found) -> None:
        month = (found.today.month + offset - 1) % 12 + 1
        found.span(*_month(found.today, month, m.group("part")))

    return add


_WEEKEND = r"(?:week end|weekend)s?"
# Tried in order; each match is consumed, so « après-demain » is not read again as « demain ».
DAY_RULES: tuple[tuple[re.Pattern[str], Rule], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})"), rule)
    for pattern, rule in (
        (
            r"aujourd hui|ce (?:matin|midi|soir)\b|cet? apres midi|cette apres midi|cet aprem",
            _add_offset(0),
        ),
        (r"apres demain\b", _add_offset(2)),
        (r"demain\b", _add_offset(1)),
        (rf"la semaine du {_DAY_MONTH}", _add_week_of_day),
        (
            rf"du (?P<day>{_DAY}|1er|premier)(?: (?P<month>{_MONTH}))? au (?P<day2>{_DAY})"
            rf"(?: (?P<month2>{_MONTH}))?{_NOT_DAY}",
            _add_days_between,
        ),
        (
            rf"(?P<word>avant le|d ici le|jusqu au|au plus tard le|a partir du|apres le|des le)"
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
        (rf"du {_WD} au {_WD}", _add_weekday_range),
        (rf"(?:pas|sauf|hors|excepte|a part|jamais)(?: le| les| un)? {_WD_LIST}", _add_exclusion),
        (rf"ce {_WD}", _add_this_weekday),
        (rf"(?:{_WD} (?:le )?|le )(?P<day>{_DAY}){_NOT_DAY}(?P<month>)", _add_day_month),
        (
            r"dans (?:les |environ )?(?P<n>\d{1,3}|une?|deux) (?P<unit>jours?|semaines?)\b",
            _add_in_days,
        ),
        (r"d ici (?P<n>\d{1,3}|une?|deux) (?P<unit>jours?|semaines?)\b", _add_until),
        (
            r"(?:(?P<part>debut|milieu|fin|courant) de (?:la )?)?semaine (?:prochaine|pro|suivante)\b",
            _add_week(1),
        ),
        (r"(?:(?P<part>debut|milieu|fin) de )?cette semaine\b|dans la semaine\b", _add_week(0)),
        (r"d ici (?:la )?fin de (?:la )?semaine\b", _add_until_sunday),
        (r"(?:en )?(?P<part>debut|milieu|fin) de (?:la )?semaine\b", _add_week(None)),
        (r"en semaine\b", _add_week(None, WORKING_DAYS)),
        (rf"ce {_WEEKEND}\b", _add_week(0, WEEKEND)),
        (rf"{_WEEKEND} (?:prochain|pro)\b", _add_week(1, WEEKEND)),
        (rf"{_WEEKEND}\b", _add_week(None, WEEKEND)),
        (r"(?:(?P<part>debut|mi|milieu|fin) du )?mois (?:prochain|pro)\b", _add_relative_month(1)),
        (r"(?P<part>debut|mi|milieu|fin) (?:du|de|de ce) mois\b", _add_relative_month(0)),
        (
            rf"(?:(?P<part>debut|mi|milieu|fin) (?:de |d |du mois de |du mois d )?|(?:en|au mois de"
            rf"|au mois d|courant|pour|dans le courant de|dans le courant d) )(?P<month>{_MONTH})\b",
            _add_month,
        ),
        (_WD, _add_named_weekday),
    )
)


def _finish(found: _Found) -> Days:
    weekdays = frozenset(found.named) or ALL_DAYS
    for allowed in found.filters:
        weekdays &= allowed
    dates = set(found.dates)
    if dates and found.named:
        # « demain ou jeudi »: both are days, not « tomorrow, if it is a Thursday ».
        dates |= {next_weekday(found.today, wd, strict=False) for wd in found.named}
        weekdays = ALL_DAYS.intersection(*found.filters)
    return Days(
        dates=frozenset(dates),
        weekdays=frozenset() if weekdays == ALL_DAYS else weekdays,
        earliest=found.earliest,
        latest=found.latest,
    )


def parse_days(text: str, *, today: date) -> Days | None:
    """Day constraints in numerized folded text, or None when there are none."""
    found = _Found(today=today)
    for pattern, rule in DAY_RULES:
        text = pattern.sub(lambda m, rule=rule: rule(m, found) or " _ ", text)
    days = _finish(found)
    if days == Days() and not (found.named or found.filters):
        return None
    return days
