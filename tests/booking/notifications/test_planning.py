"""When reminders and text confirmations go out: quiet hours, windows, merging (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from booking.notifications.planning import (
    Quiet,
    after_quiet,
    outside_quiet,
    parse_hours,
    reminder_times,
    text_confirmation_time,
)

PARIS = ZoneInfo("Europe/Paris")
NIGHT = Quiet(time(20, 30), time(8, 0))  # spans midnight
SIESTA = Quiet(time(12, 0), time(14, 0))  # within a day


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("quiet", "local", "inside"),
    [
        (NIGHT, time(20, 29), False),
        (NIGHT, time(20, 30), True),
        (NIGHT, time(23, 59), True),
        (NIGHT, time(0, 0), True),
        (NIGHT, time(7, 59), True),
        (NIGHT, time(8, 0), False),
        (NIGHT, time(14, 0), False),
        (SIESTA, time(11, 59), False),
        (SIESTA, time(12, 0), True),
        (SIESTA, time(13, 59), True),
        (SIESTA, time(14, 0), False),
        (Quiet(time(9), time(9)), time(9), False),  # an empty window: never quiet
    ],
)
def test_quiet_hours_contain_their_start_not_their_end(quiet, local, inside):
    assert quiet.contains(local) is inside


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(8, 15), at(8, 15)),  # daytime: unchanged
        (at(8, 22), at(8, 20, 29)),  # evening: the last minute before 20:30
        (at(9, 6, 30), at(8, 20, 29)),  # after midnight: the evening before
        (at(9, 8), at(9, 8)),  # the window's end is allowed
    ],
)
def test_a_moment_in_quiet_hours_moves_before_them(moment, expected):
    assert outside_quiet(moment, NIGHT, PARIS) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(8, 15), at(8, 15)),
        (at(8, 22), at(9, 8)),  # evening: the next morning
        (at(9, 6, 30), at(9, 8)),  # early morning: the same morning
    ],
)
def test_a_moment_in_quiet_hours_waits_for_their_end(moment, expected):
    assert after_quiet(moment, NIGHT, PARIS) == expected


@pytest.mark.parametrize(
    ("start", "booked_at", "hours", "expected"),
    [
        # 48 h and 2 h before a Thursday 15:00 appointment booked on Monday.
        (at(10, 15), at(7, 10), [48, 2], [(2880, at(8, 15)), (120, at(10, 13))]),
        # Booked 24 h before: the 48 h reminder is past, only the 2 h one goes.
        (at(10, 15), at(9, 15), [48, 2], [(120, at(10, 13))]),
        # Booked 1 h before: nothing.
        (at(10, 15), at(10, 14), [48, 2], []),
        # 09:00 appointment: « 2 h before » is 07:00, in the night → 20:29 the evening before.
        (at(10, 9), at(7, 10), [48, 2], [(2880, at(8, 9)), (120, at(9, 20, 29))]),
        # Two reminders landing on the same evening minute are one (the longer kept).
        (at(10, 8, 30), at(7, 10), [12, 11], [(720, at(9, 20, 29))]),
        # Moved before the booking itself: not sent.
        (at(10, 9), at(9, 21), [2], []),
        # No reminder, or nonsense.
        (at(10, 15), at(7, 10), [], []),
        (at(10, 15), at(7, 10), [0], []),
    ],
)
def test_reminder_times(start, booked_at, hours, expected):
    planned = reminder_times(
        start=start,
        booked_at=booked_at,
        offsets_minutes=[h * 60 for h in hours],
        quiet=NIGHT,
        tz=PARIS,
    )
    assert planned == expected


def test_reminders_count_real_hours_across_a_change_of_time():
    # Sunday 29 March 2026 at 2:00 the clocks go forward: 48 real hours before Tuesday 10:00
    # is Sunday 10:00 on the wall clock, in whichever zone the start is written.
    start = datetime(2026, 3, 31, 10, tzinfo=PARIS)
    planned = reminder_times(
        start=start,
        booked_at=datetime(2026, 3, 20, 10, tzinfo=PARIS),
        offsets_minutes=[48 * 60],
        quiet=NIGHT,
        tz=PARIS,
    )
    assert [due.astimezone(PARIS).hour for _, due in planned] == [10]
    in_utc = reminder_times(
        start=start.astimezone(UTC),
        booked_at=datetime(2026, 3, 20, 10, tzinfo=PARIS),
        offsets_minutes=[48 * 60],
        quiet=NIGHT,
        tz=PARIS,
    )
    assert [due for _, due in in_utc] == [due for _, due in planned]


@pytest.mark.parametrize(
    ("now", "start", "expected"),
    [
        (at(8, 15), at(10, 9), at(8, 15)),  # daytime: at once
        (at(8, 23), at(10, 9), at(9, 8)),  # booked late at night: the next morning
        (at(8, 23), at(9, 7), at(8, 23)),  # …unless the appointment comes first
    ],
)
def test_a_text_confirmation_made_at_night_waits_for_the_morning(now, start, expected):
    assert text_confirmation_time(now=now, start=start, quiet=NIGHT, tz=PARIS) == expected


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("48,2", [2880, 120]), (" 24 ", [1440]), ("", []), ("0,x,3", [180]), ("2,,", [120])],
)
def test_reminder_hours_are_read_from_the_settings_text(text, minutes):
    assert parse_hours(text) == minutes
