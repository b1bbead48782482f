"""French holidays said by name: « avant Noël », « après les fêtes », « la semaine de Pâques ».

A holiday name becomes the date it stands for, so that the day rules of
:mod:`conversations.dialogue.nlu.when.days` read the bound or the week around it as they read
« avant le 25 décembre ». Only a name after a word of time is read (« Noël » is also a first
name: « c'est pour Noël Martin » is not a date).

>>> name_holidays("apres les fetes", today=date(2026, 12, 7))
'apres le 1 janvier'
>>> name_holidays("la semaine de paques", today=date(2027, 1, 10))
'la semaine du 29 mars'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTH_NAMES = (
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
).split()

# Fixed holidays: (month, day). « Le réveillon » is the 31 December in everyday speech.
FIXED: dict[str, tuple[int, int]] = {
    "noel": (12, 25),
    "jour de l an": (1, 1),
    "nouvel an": (1, 1),
    "reveillon": (12, 31),
    "saint sylvestre": (12, 31),
    "toussaint": (11, 1),
}
# Moving feasts, in days after Easter Sunday.
AFTER_EASTER: dict[str, int] = {
    "paques": 0,
    "lundi de paques": 1,
    "ascension": 39,
    "pentecote": 49,
    "lundi de pentecote": 50,
}
# « les fêtes » are Christmas Eve to New Year's Day: before them is before the 24 December,
# after them from the 2 January on, from them (« dès les fêtes ») from the 24 December.
FESTIVE_SEASON = ((12, 24), (1, 1))

# The word of time before the name, and how the day rules say it before a date.
_BEFORE_DATE: dict[str, str] = {
    "avant": "avant le",
    "pas avant": "pas avant le",
    "d ici": "d ici le",
    "jusqu a": "jusqu au",
    "au plus tard": "au plus tard le",
    "apres": "apres le",
    "a partir": "a partir du",
    "des": "des le",
    "au plus tot": "a partir du",
    "la semaine de": "la semaine du",
    "pendant": "le",
    "vers": "le",
    "autour de": "le",
}
_UPPER = {"avant", "d ici", "jusqu a", "au plus tard"}
_NAMES = sorted([*FIXED, *AFTER_EASTER, "fetes"], key=len, reverse=True)
HOLIDAY = re.compile(
    r"\b(?P<word>" + "|".join(sorted(_BEFORE_DATE, key=len, reverse=True)) + r")"
    r" (?:(?:le|la|les|l|du|de la|de l|des|de|d) )?(?P<name>" + "|".join(_NAMES) + r")"
    r"(?: de fin d annee| de fin de l annee)?\b"
)


# Between two holidays: « entre Noël et le jour de l'an » is from the one to the other.
BETWEEN = re.compile(
    r"\bentre (?:(?:le|la|l) )?(?P<first>" + "|".join(sorted(FIXED, key=len, reverse=True)) + r")"
    r" et (?:(?:le|la|l) )?(?P<second>" + "|".join(sorted(FIXED, key=len, reverse=True)) + r")\b"
)


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_skip, leap_rest = divmod(century, 4)
    moon_skip = (century + 8) // 25
    correction = (century - moon_skip + 1) // 3
    epact = (19 * golden + century - leap_skip - correction + 15) % 30
    quarter, remainder = divmod(rest, 4)
    weekday = (32 + 2 * leap_rest + 2 * quarter - epact - remainder) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def holiday_date(name: str, *, today: date) -> date:
    """The next occurrence of a holiday, today included."""
    for year in (today.year, today.year + 1):
        if name in FIXED:
            month, day = FIXED[name]
            found = date(year, month, day)
        else:
            found = easter(year) + timedelta(days=AFTER_EASTER[name])
        if found >= today:
            return found
    raise AssertionError("a holiday comes back within a year")  # pragma: no cover


def _said(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]}"


def name_holidays(text: str, *, today: date) -> str:
    """Folded text with each holiday after a word of time replaced by its date."""

    def replace(m: re.Match[str]) -> str:
        word, name = m.group("word"), m.group("name")
        if name == "fetes" and not re.search(r"\b(?:les|des) fetes", m.group(0)[len(word) :]):
            return m.group(0)  # « dès les fêtes », not « on organise des fêtes »
        if name == "paques" and word == "la semaine de":
            name = "lundi de paques"  # the week after Easter Sunday, not Holy Week
        if name != "fetes":
            return f"{_BEFORE_DATE[word]} {_said(holiday_date(name, today=today))}"
        (first_month, first_day), (last_month, last_day) = FESTIVE_SEASON
        if word in _UPPER:
            return f"{_BEFORE_DATE['avant']} {first_day} {_MONTH_NAMES[first_month - 1]}"
        if word in ("pendant", "vers", "autour de", "la semaine de"):
            return (
                f"du {first_day} {_MONTH_NAMES[first_month - 1]}"
                f" au {last_day} {_MONTH_NAMES[last_month - 1]}"
            )
        if word == "apres":
            return f"{_BEFORE_DATE['apres']} {last_day} {_MONTH_NAMES[last_month - 1]}"
        # « dès / à partir des fêtes », « pas avant les fêtes »: from their first day
        return f"{_BEFORE_DATE[word]} {first_day} {_MONTH_NAMES[first_month - 1]}"

    def between(m: re.Match[str]) -> str:
        first = holiday_date(m.group("first"), today=today)
        second = holiday_date(m.group("second"), today=today)
        if second < first:
            second = holiday_date(m.group("second"), today=first)
        return f"entre le {_said(first)} et le {_said(second)}"

    return HOLIDAY.sub(replace, BETWEEN.sub(between, text))
