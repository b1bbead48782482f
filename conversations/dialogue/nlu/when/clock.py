"""Time of day in French: « le matin », « après 16h », « vers 14h30 », « entre midi et deux ».

Works on ``numerize(fold(text))``; used by :mod:`conversations.dialogue.nlu.when.dates`.

>>> parse_clock("vendredi apres 15h")
Clock(after=datetime.time(15, 0), before=None, at=None)
>>> parse_clock("3 heures de l apres midi")
Clock(after=None, before=None, at=datetime.time(15, 0))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import time
from functools import partial
from typing import Literal


@dataclass(frozen=True)
class Clock:
    after: time | None = None
    before: time | None = None
    at: time | None = None
    # the bounds refuse a part of the day (« pas le matin »), not wish one
    refused: bool = False


Meaning = Literal["between", "after", "before", "at", "from_at"]
SMALL_NUMBERS: dict[str, int] = {"un": 1, "une": 1, "deux": 2}

# Durations and past events say « heure » without meaning a wished time.
_DURATION = re.compile(
    r"\b(?:pendant|dure|durer|duree de|dans|prend|prendre|faut|il y a|en|environ|compter|fait)"
    r" (?:environ |au moins |a peu pres )?"
    r"(?:\d{1,2}|une|deux) ?(?:h|heures?)(?: ?\d{2}| et demie?| et quart)?\b"
    # « ses vingt heures », « mes 20 h » (of lessons): a quantity, not a time of day
    r"|\b(?:mes|tes|ses|nos|vos|leurs) (?:\d{1,2}|une|deux) ?(?:h|heures?)\b"
    # « deux heures de route », « 1h de conduite », « une heure d'attente »: a length of time,
    # not a time of day; « 5 heures de l'après-midi », « 14h de préférence » stay times.
    r"|\b(?:\d{1,2}|une|deux) ?(?:h|heures?) (?:de|d) (?!l apres|apres midi|aprem|l aprem|la nuit"
    r"|la matinee|la soiree|preference|prefere|\d)\w+"
)
# « le midi », « ce midi », « jeudi midi »: the lunch break, not twelve o'clock sharp.
_NOON_PERIOD = re.compile(
    r"\b(le|ce|demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) midi\b"
    r"(?! ?(?:\d|et|pile|moins|trente|quart))"
)
# « 9 heures ce soir », « à 8h du soir »: the evening turns a morning number into its evening.
_EVENING = re.compile(r"\b(?:ce|du|le|au|en) soir\b|\bsoiree\b")

# Without « du matin », « à 3h » means the afternoon: nobody books at three in the night.
_AFTERNOON_GUESS = range(1, 7)


def _hour(name: str) -> str:
    """Pattern of one spoken or typed hour, its groups prefixed with ``name``."""
    return (
        rf"(?:(?P<{name}h>\d{{1,2}}|une|deux) ?(?:heures?\b|h(?![a-z]))|(?P<{name}noon>midi|minuit)\b)"
        rf"(?: ?(?P<{name}mm>\d{{2}})\b| et (?P<{name}quarter>quart)| et (?P<{name}half>demie?)"
        rf"| moins le (?P<{name}less>quart)| moins (?P<{name}lessmm>\d{{1,2}}))?"
        rf"(?: (?P<{name}part>du matin|de l apres midi|de l aprem|du soir))?"
    )


def _hour_of(m: re.Match[str], name: str) -> time | None:
    """The time read by :func:`_hour`, or None when it is not a valid hour."""
    noon = m.group(f"{name}noon")
    if noon:
        hour = 12 if noon == "midi" else 0
    else:
        raw = m.group(f"{name}h")
        hour = SMALL_NUMBERS.get(raw) or int(raw)
        part = m.group(f"{name}part")
        if (part and part != "du matin" and hour < 12) or (not part and hour in _AFTERNOON_GUESS):
            hour += 12
    minutes = _minutes_of(m, name)
    if minutes < 0:
        hour, minutes = hour - 1, minutes + 60
    if not (0 <= hour <= 23 and 0 <= minutes <= 59):
        return None
    return time(hour, minutes)


def _minutes_of(m: re.Match[str], name: str) -> int:
    if m.group(f"{name}mm"):
        return int(m.group(f"{name}mm"))
    if m.group(f"{name}quarter"):
        return 15
    if m.group(f"{name}half"):
        return 30
    if m.group(f"{name}less"):
        return -15
    if m.group(f"{name}lessmm"):
        return -int(m.group(f"{name}lessmm"))
    return 0


_A, _B = _hour("a"), _hour("b")
_AFTER_WORDS = (
    r"(?:(?<!pas )apres(?! midi)|a partir de?|pas avant|des|(?<!pas )plus tard que|a compter de"
    r"|au dela de|passe(?= \d))"
)
_BEFORE_WORDS = r"(?:(?<!pas )avant|au plus tard|pas apres|jusqu a|d ici|pas plus tard que)"
_AT_WORDS = r"(?:a|vers|pour|sur|autour de|aux alentours de|disons|plutot)"

# (pattern, what its hours mean), tried in order, each match consumed. « a » and « b » are
# the two hours of a range; a lone hour is « a ».
_HOUR_PATTERNS: tuple[tuple[str, Meaning], ...] = (
    (rf"\b(?:entre|de) (?:{_A}) (?:et|a|jusqu a) (?:{_B})", "between"),
    (rf"\b(?:entre|de) (?P<bare>\d{{1,2}}) (?:et|a) (?:{_B})", "between"),
    # « entre 15 et 17 », « de 3 à 5 »: two bare numbers, hours unless a unit follows.
    (
        r"\b(?:entre|de) (?P<bare>\d{1,2}) (?:et|a) (?P<bare2>\d{1,2})\b"
        r"(?! ?(?:\d|jours?|semaines?|mois|ans?|euros?|personnes?|minutes?|min|km|kilos?|fois"
        r"|enfants?|\w*eme\b|er\b|[a-z]+ (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout"
        r"|septembre|octobre|novembre|decembre)))",
        "between",
    ),
    # An hour said right after an event one comes after names that event's end, so it is a
    # bound: « après le taf genre 18h », « après l'école vers 16h30 » are from that hour, and
    # as close to it as can be (the wished time too: not 20h30).
    (
        r"\bapres (?:le |mon |ma |l )?(?:travail|boulot|taf|bureau|ecole|college|lycee|cours"
        r"|dejeuner|dej|repas)\b(?: (?:genre|vers|disons|donc|soit|a|sur|environ|c est|ca fait"
        rf"|ce sera|ca sera|ca doit etre|normalement))* (?:{_A})",
        "from_at",
    ),
    (rf"\b{_AFTER_WORDS}(?: a| les)? (?:{_A})", "after"),
    (rf"\b{_BEFORE_WORDS}(?: a| les)? (?:{_A})", "before"),
    # « après-midi », « pause de midi », « pause du midi », « entre midi et deux » are periods,
    # not noon.
    (
        rf"\b(?:{_AT_WORDS} (?:les )?)?(?<!apres )(?<!pause )(?<!pause de )(?<!pause du )"
        rf"(?<!entre )(?:{_A})",
        "at",
    ),
    (r"\bvers (?:les )?(?P<bare>\d{1,2})\b(?! ?\d)", "at"),
)
HOUR_RULES: tuple[tuple[re.Pattern[str], Meaning], ...] = tuple(
    (re.compile(pattern), meaning) for pattern, meaning in _HOUR_PATTERNS
)

# Negated periods first (the first REFUSALS entries), then the longest phrases, so « fin d
# après-midi » is not « après-midi »; « bonne soirée » is a goodbye.
REFUSALS = 3
PERIODS: tuple[tuple[re.Pattern[str], time | None, time | None], ...] = tuple(
    (re.compile(rf"\b(?<!bonne )(?:{pattern})\b"), after, before)
    for pattern, after, before in (
        (r"(?:pas|sauf|surtout pas) (?:le matin|la matinee|en matinee)", time(12), None),
        (r"(?:pas|sauf|surtout pas) (?:l apres midi|l aprem)", None, time(12)),
        # the evening refused leaves the day before it (« le soir » is from 17h)
        (r"(?:pas|sauf|surtout pas) (?:le soir|en soiree)", None, time(17)),
        (
            r"tot le matin|tot (?:demain )?matin|de bon matin|matin(?:ee)? tot"
            r"|de bonne heure|(?:en )?debut de matinee|premiere heure",
            None,
            time(10),
        ),
        (r"debut de (?:la )?journee|tot dans la matinee", None, time(10)),
        # the business's own hours: « dès l'ouverture » is first thing, « juste avant la
        # fermeture » last thing
        (r"(?:des|a|juste a|pour) l ouverture", None, time(10)),
        (r"(?:juste )?avant (?:la )?fermeture|(?:a|vers) la fermeture", time(16), None),
        # late in the evening: « tard le soir », « en fin de soirée », « le soir tard »
        (r"tard le soir|tard en soiree|fin de (?:la )?soiree|(?:le )?soir tard", time(18), None),
        # the end of the morning: its last hour, which no one disputes (some count from 10h)
        (r"fin de (?:la )?matinee|fin de matin", time(11), time(12)),
        (r"debut d (?:apres midi|aprem)", time(13), time(15)),
        (r"milieu d (?:apres midi|aprem)", time(14), time(16)),
        (r"fin d (?:apres midi|aprem)", time(16), None),
        # the end of the working day: from 17h, as most callers who add an hour say (« en fin
        # de journée, après 17h »); the end of the afternoon begins an hour earlier
        (r"fin de (?:la )?journee", time(17), None),
        # around a meal or a day's work: « juste après le déjeuner », « après le boulot »,
        # « à la sortie de l'école »
        (r"apres (?:le |mon |ma )?(?:dejeuner|repas de midi|repas|dej|manger)", time(13), None),
        (r"avant (?:le |mon |ma )?(?:dejeuner|repas de midi|dej)", None, time(12)),
        (
            r"apres (?:le |mon |ma )?(?:travail|boulot|taf|bureau)"
            r"|en sortant du (?:travail|boulot|bureau)|a la sortie du (?:travail|boulot|bureau)",
            time(17),
            None,
        ),
        (r"apres l ecole|a la sortie de l ecole|en sortant de l ecole", time(16, 30), None),
        (
            # « pause du midi », « pause dej », « pause de midi »: the lunch break
            r"heure du dejeuner|pause (?:de |du )?midi|pause (?:dejeuner|dej)"
            r"|entre midi et (?:deux|2)",
            time(12),
            time(14),
        ),
        (r"apres midis?|aprem", time(13), None),
        (r"matin(?:s|ee|ees)?", None, time(12)),
        (r"soir(?:s|ee|ees)?", time(17), None),
    )
)


# A refusal holds over the parts listed after it: « pas le matin ni le soir », « ni le matin
# ni le soir », « je travaille le matin et le soir » refuse both.
_PART = r"(?:le matin|la matinee|en matinee|l apres midi|l aprem|le soir|en soiree)"
NEGATED_LIST = re.compile(
    rf"\b(?:pas|ni) (?P<first>{_PART}) (?:ni|et|ou) (?:pas )?(?P<second>{_PART})\b"
    # the second part said to suit starts a clause of its own (« pas le matin et l'après-midi
    # ça irait »)
    r"(?! (?:(?:ca|cela|c|ce) )?(?:irait|ira|va|me va|m irait|m ira|m arrange\w*|marche\w*"
    r"|convient|conviendrait|serait|est bon|est parfait|je peux|je pourrais))"
)


def _both_refused(m: re.Match[str]) -> str:
    parts = {m["first"].split()[-1], m["second"].split()[-1]}
    if parts & {"matin", "matinee"} and parts & {"midi", "aprem"}:
        return "le soir"  # the morning and the afternoon refused leave the evening
    return f"pas {m['first']} et pas {m['second']}"


def _read_hours(text: str) -> tuple[list[Clock], str]:
    found: list[Clock] = []
    text = NEGATED_LIST.sub(_both_refused, text)

    def take(m: re.Match[str], meaning: Meaning) -> str:
        groups = m.groupdict()
        a = _hour_of(m, "a") if groups.get("ah") or groups.get("anoon") else None
        b = _hour_of(m, "b") if groups.get("bh") or groups.get("bnoon") else None
        if groups.get("bare2"):
            b = _bare_hour(int(groups["bare2"]), None, low=True)
        if groups.get("bare"):
            a = _bare_hour(int(groups["bare"]), b)
        clock = _clock(meaning, a, b)
        if clock is None:
            return m.group(0)
        found.append(clock)
        return " _ "

    for pattern, meaning in HOUR_RULES:
        text = pattern.sub(partial(take, meaning=meaning), text)
    return found, text


def _clock(meaning: Meaning, a: time | None, b: time | None) -> Clock | None:
    if meaning == "between":
        return Clock(after=a, before=b) if a and b and a < b else None
    if a is None:
        return None
    if meaning == "after":
        return Clock(after=a)
    if meaning == "from_at":
        return Clock(after=a, at=a)
    return Clock(before=a) if meaning == "before" else Clock(at=a)


def _bare_hour(hour: int, paired: time | None, *, low: bool = False) -> time | None:
    """« vers 10 », « entre 14 et 16 heures »: a number alone, read like its neighbour.

    ``low``: the end of a range may be the morning's last hours (« de 10 à 12 »).
    """
    if paired:
        hour += 12 if hour + 12 < paired.hour else 0
    elif hour in _AFTERNOON_GUESS or (low and hour == 7):
        hour += 12
    return time(hour) if 7 <= hour <= 22 else None


def _read_periods(text: str) -> list[Clock]:
    found: list[Clock] = []
    for index, (pattern, after, before) in enumerate(PERIODS):
        text, n = pattern.subn(" _ ", text)
        if n:
            found.append(Clock(after=after, before=before, refused=index < REFUSALS))
    return found


# Two exact hours this close are one hesitant wish (« vers cinq heures, cinq heures et
# demie », « à 10h ou 11h »): from the first of them, closest to it first.
HESITATION_MINUTES = 90


def _combine(clocks: list[Clock]) -> Clock:
    """Every constraint holds at once: the latest « after », the earliest « before »."""
    afters = [c.after for c in clocks if c.after]
    befores = [c.before for c in clocks if c.before]
    ats = [c.at for c in clocks if c.at]
    if (
        len(set(ats)) >= 2
        and not (afters or befores)
        and _minutes(max(ats)) - _minutes(min(ats)) <= HESITATION_MINUTES
    ):
        return Clock(after=min(ats), at=min(ats), refused=any(c.refused for c in clocks))
    return Clock(
        after=max(afters) if afters else None,
        before=min(befores) if befores else None,
        at=ats[0] if ats else None,
        refused=any(c.refused for c in clocks),
    )


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _evening(clock: Clock) -> Clock:
    """« 9 heures ce soir » is 21:00."""
    if clock.at and clock.at.hour < 12 and clock.at.hour + 12 <= 23:
        return Clock(at=clock.at.replace(hour=clock.at.hour + 12))
    return clock


def parse_clock(text: str) -> Clock | None:
    """Time-of-day constraints in numerized folded text, or None when there are none.

    An exact hour with a part of the day (« demain matin vers 10h », « ce soir à 19h »): the
    part only says which 10 or 7 o'clock, it adds no bound.
    """
    text = _NOON_PERIOD.sub(r"\1 heure du dejeuner", _DURATION.sub(" _ ", text))
    hours, rest = _read_hours(text)
    if _EVENING.search(text):
        hours = [_evening(clock) for clock in hours]
    periods = _read_periods(rest)
    if any(c.at for c in hours) and not any(c.after or c.before for c in hours):
        periods = []
    if any(c.after for c in hours):
        # « en fin de journée, après 16h »: the hour said is more precise than where the part
        # of the day begins by convention; the part still bounds the other end
        periods = [c if c.refused else replace(c, after=None) for c in periods]
    clocks = hours + periods
    return _combine(clocks) if clocks else None
