"""Calendar arithmetic behind the French day rules of :mod:`conversations.dialogue.nlu.when.days`.

Pure functions of ``today``:

>>> next_weekday(date(2026, 11, 25), 1, strict=True)
datetime.date(2026, 11, 30)
>>> week_of(date(2026, 11, 25))
(datetime.date(2026, 11, 23), datetime.date(2026, 11, 29))
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def next_weekday(today: date, weekday: int, *, strict: bool) -> date:
    """The next ISO weekday on or after today, or strictly after it (« lundi prochain »)."""
    ahead = (weekday - today.isoweekday()) % 7
    return today + timedelta(days=ahead or (7 if strict else 0))


def next_day_of_month(today: date, day: int, month: int | None = None) -> date | None:
    """The first date on or after today with this day number (and month, when given)."""
    year, current = today.year, today.month
    for _ in range(12 * 5):  # five years reach the next 29 February
        if month in (None, current) and day <= calendar.monthrange(year, current)[1]:
            found = date(year, current, day)
            if found >= today:
                return found
        year, current = (year + 1, 1) if current == 12 else (year, current + 1)
    return None


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.isoweekday() - 1)
    return monday, monday + timedelta(days=6)


def month_span(
    today: date, month: int, first_day: int = 1, last_day: int = 31
) -> tuple[date, date]:
    """Days ``first_day``..``last_day`` of the next occurrence of ``month`` not over yet."""

    def last_of(year: int) -> date:
        return date(year, month, min(last_day, calendar.monthrange(year, month)[1]))

    year = today.year if last_of(today.year) >= today else today.year + 1
    return date(year, month, first_day), last_of(year)
