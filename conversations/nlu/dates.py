"""When the caller wants to come, as a :class:`~booking.preferences.Preference`.

Takes ``fold(text)``; days are read by :mod:`.days`, times of day by :mod:`.clock`.

>>> parse_preference("vendredi apres 15h", today=date(2026, 11, 25))
Preference(dates=frozenset(), weekdays=frozenset({5}), earliest=None, latest=None, \
after=datetime.time(15, 0), before=None, at=None, asap=False)
>>> parse_preference("je voudrais un rendez vous", today=date(2026, 11, 25)) is None
True
"""

from __future__ import annotations

import re
from datetime import date

from booking.preferences import Preference
from conversations.nlu.clock import Clock, parse_clock
from conversations.nlu.days import Days, parse_days
from conversations.nlu.normalize import numerize

ASAP = re.compile(
    r"\b(?:le plus tot(?: possible)?|au plus tot|au plus vite|le plus vite(?: possible)?"
    r"|des que possible|rapidement|en urgence|(?<!pas )(?<!pas tres )urgente?|au plus rapide|asap"
    r"|le premier (?:creneau )?disponible|la premiere (?:dispo|disponibilite)|des maintenant|tout de suite)\b"
)

WHENEVER = re.compile(
    r"\b(?:n importe quand|n importe quel jour|n importe quelle heure|quand vous voulez"
    r"|peu importe|c est egal|ca m est egal|quand ca vous arrange|comme vous voulez"
    r"|comme ca vous arrange|pas de preference|aucune preference|indifferent|indifferemment"
    r"|quand vous pouvez|a votre convenance|je suis disponible tout le temps"
    r"|je suis libre tout le temps|pas (?:tres )?urgent|pas presse|rien ne presse)\b"
)


def parse_preference(folded: str, *, today: date) -> Preference | None:
    """The wished days and times in folded text, or None when it says nothing about time.

    An explicit « n'importe quand » is an empty preference, not None.
    """
    text = numerize(folded)
    days = parse_days(text, today=today)
    clock = parse_clock(text)
    asap = ASAP.search(text) is not None
    if days is None and clock is None and not asap:
        return Preference() if WHENEVER.search(text) else None
    days, clock = days or Days(), clock or Clock()
    return Preference(
        dates=days.dates,
        weekdays=days.weekdays,
        earliest=days.earliest,
        latest=days.latest,
        after=clock.after,
        before=clock.before,
        at=clock.at,
        asap=asap,
    )
