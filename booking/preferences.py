"""What a caller asked for, in time: the bridge between French understanding and slot finding.

A :class:`Preference` is plain data, built by ``conversations.dialogue.nlu.when.dates.parse_preference`` and
read by ``booking.slots.find_slots``. Every field is optional; an empty preference means
« whenever suits you ». Fields combine with AND, values inside one field with OR.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time


@dataclass(frozen=True)
class Preference:
    # Specific calendar days (« demain », « le 12 », « 12 mars », « lundi prochain »).
    dates: frozenset[date] = field(default_factory=frozenset)
    # ISO weekdays, Monday = 1 (« mardi », « un mardi ou un jeudi »), when no date was given.
    weekdays: frozenset[int] = field(default_factory=frozenset)
    # A range of days, both ends included (« la semaine prochaine », « avant le 15 »).
    earliest: date | None = None
    latest: date | None = None
    # Local time-of-day bounds: a slot must start at or after `after` and before `before`
    # (« le matin » → before 12:00, « après 16h » → after 16:00).
    after: time | None = None
    before: time | None = None
    # An exact wished time (« à 14h », « vers 10h30 »): slots closest to it come first.
    at: time | None = None
    # « le plus tôt possible », « au plus vite »: the earliest slots, not spread.
    asap: bool = False
    # Days ruled out, as (first, last) ranges, both ends included: « je suis en vacances du
    # 10 au 20 », « sauf la semaine prochaine ». An absence said once stays true: a newer wish
    # adds to it, and slot finding never relaxes it.
    away: tuple[tuple[date, date], ...] = ()
    # The hours refuse a part of the day (« pas le matin », « le matin je peux pas »): slot
    # finding gives up the day before them, never offering back what was refused.
    refused_hours: bool = False
    # The weekdays refuse days (« pas le mardi », « l'acheteur ne peut pas mardi »): slot
    # finding never offers them back, and a newer wish keeps them out.
    refused_days: bool = False

    @property
    def is_empty(self) -> bool:
        return self == Preference()

    @property
    def only_refusals(self) -> bool:
        """Only what the caller cannot do, no wish said yet: days away (« je suis en vacances
        en février »), hours refused (« l'après-midi ça va plus le faire ») or weekdays refused
        (« il ne peut pas mardi »)."""
        if not (self.away or self.refused_hours or self.refused_days):
            return False
        wished = replace(self, away=())
        if self.refused_hours:
            wished = replace(wished, after=None, before=None, refused_hours=False)
        if self.refused_days:
            wished = replace(wished, weekdays=frozenset(), refused_days=False)
        return wished.is_empty

    def merged_with(self, newer: Preference) -> Preference:
        """A follow-up (« plutôt l'après-midi ») refines what was said before.

        A newer day choice replaces the older one; a newer time-of-day replaces the older one.
        Weekdays alone narrow an older period (« la deuxième quinzaine de mars, plutôt en
        semaine », « la semaine prochaine, plutôt un mardi »): a weekday is a day of some week.
        """
        day_given = bool(newer.dates or newer.weekdays or newer.earliest or newer.latest)
        time_given = bool(newer.after or newer.before or newer.at)
        result = self
        narrows_period = (
            newer.weekdays
            and not (newer.dates or newer.earliest or newer.latest)
            and not self.dates
            and (self.earliest or self.latest)
        )
        # A refusal alone (« il a natation le mercredi ») narrows an older choice of days
        # (« samedi matin » stays); refusing all of it replaces it.
        refusal_only = newer.refused_days and not (newer.dates or newer.earliest or newer.latest)
        kept_dates = frozenset(d for d in self.dates if d.isoweekday() in newer.weekdays)
        kept_weekdays = self.weekdays & newer.weekdays
        narrows_choice = refusal_only and (
            (self.weekdays and kept_weekdays) or (self.dates and kept_dates)
        )
        if narrows_period:
            result = replace(result, weekdays=newer.weekdays)
        elif narrows_choice:
            result = replace(result, weekdays=kept_weekdays, dates=kept_dates or self.dates)
        elif day_given:
            weekdays, refused_days = newer.weekdays, newer.refused_days
            if self.refused_days and not newer.refused_days:
                # « pas le mardi », then « la semaine prochaine »: still not a Tuesday
                weekdays = (newer.weekdays & self.weekdays) or newer.weekdays or self.weekdays
                refused_days = not newer.weekdays
            result = replace(
                result,
                dates=newer.dates,
                weekdays=weekdays,
                earliest=newer.earliest,
                latest=newer.latest,
                refused_days=refused_days,
            )
        if time_given:
            result = replace(
                result,
                after=newer.after,
                before=newer.before,
                at=newer.at,
                refused_hours=newer.refused_hours,
            )
        if newer.asap:
            result = replace(result, asap=True)
        if newer.away:
            away = tuple(dict.fromkeys((*result.away, *newer.away)))
            result = replace(result, away=away)
        return result

    def accepts_day(self, day: date) -> bool:
        """Whether some slot of this local day could honour the preference."""
        if self.dates and day not in self.dates:
            return False
        if self.weekdays and day.isoweekday() not in self.weekdays:
            return False
        if self.earliest and day < self.earliest:
            return False
        if self.latest and day > self.latest:
            return False
        return not any(first <= day <= last for first, last in self.away)

    def accepts(self, local_start: datetime) -> bool:
        """Whether a slot starting at this local time honours the preference."""
        if not self.accepts_day(local_start.date()):
            return False
        clock = local_start.time()
        if self.after and clock < self.after:
            return False
        return not (self.before and clock >= self.before)
