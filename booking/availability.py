"""Which times are free: slots proposed for a preference, a slot checked at a given start,
and the slots held for a conversation while its caller chooses.

Free means free for the database, for the other conversations' holds and for the remote
calendar (events staff put there directly); the calendar failing leaves the database's word.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings

from booking.calendars import CalendarError, calendar_backend
from booking.models import Business, SlotHold
from booking.preferences import Preference
from booking.selectors import BusinessProfile, busy_intervals
from booking.slots import Interval, Slot, find_slots, relaxations
from booking.sync import mark_calendar_unreadable
from receptionist.lib.text import fold

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Proposal:
    slots: list[Slot]
    relaxed: bool


def motif_minutes(*, profile: BusinessProfile, motif: str) -> int:
    """How long an appointment for `motif` lasts: the listed motif's duration, else one slot."""
    wanted = fold(motif)
    for name, minutes in profile.motifs:
        if fold(name) and fold(name) in wanted:
            return minutes
    return profile.schedule.slot_minutes


def _busy(business: Business, start: datetime, end: datetime, holder: str) -> list[Interval]:
    """Our confirmed appointments, the slots held for other conversations, and what the
    calendar backend says is busy (events staff put there directly)."""
    busy = busy_intervals(business=business, start=start, end=end)
    busy += [
        Interval(s, e)
        for s, e in SlotHold.objects.filter(business=business, expires_at__gt=start, start__lt=end)
        .exclude(holder=holder)
        .values_list("start", "end")
    ]
    backend = calendar_backend()
    if not backend.remote:
        return busy
    # A window on whole hours and days, so that successive turns share the cached answer.
    window_start = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    window_end = (end.astimezone(UTC) + timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    try:
        return busy + backend.busy(business, window_start, window_end)
    except CalendarError as exc:
        logger.warning("[CALENDAR] busy times unavailable (%s): slots from the database alone", exc)
        if exc.permanent:
            mark_calendar_unreadable(str(exc))
        return busy


def holds_release(*, holder: str) -> None:
    """The conversation no longer needs its proposed slots (booked, new proposal, transfer, end)."""
    if holder:
        SlotHold.objects.filter(holder=holder).delete()


def _hold(
    business: Business,
    slots: list[Slot],
    holder: str,
    now: datetime,
    neighbours: Collection[str] = (),
) -> None:
    """Hold the proposed slots for `holder`, in place of its earlier ones.

    `neighbours` are the client's other conversations: together they hold at most
    ``SLOT_HOLDS_PER_CLIENT`` slots, the oldest holds giving way (a visitor with many tabs,
    or a script opening conversations, cannot keep the agenda from everyone else).
    """
    holds_release(holder=holder)
    expires = now + timedelta(minutes=settings.SLOT_HOLD_MINUTES)
    SlotHold.objects.bulk_create(
        SlotHold(business=business, holder=holder, start=s.start, end=s.end, expires_at=expires)
        for s in slots
    )
    neighbours = [n for n in neighbours if n and n != holder]
    if not neighbours:
        return
    room = max(0, settings.SLOT_HOLDS_PER_CLIENT - len(slots))
    theirs = SlotHold.objects.filter(holder__in=neighbours, expires_at__gt=now)
    oldest = theirs.order_by("-expires_at", "-pk").values_list("pk", flat=True)[room:]
    SlotHold.objects.filter(pk__in=list(oldest)).delete()


def slot_starting_at(
    *, profile: BusinessProfile, start: datetime, minutes: int, now: datetime, holder: str = ""
) -> Slot | None:
    """The slot beginning exactly at `start`, if it is on the grid, open and free (for the
    database, the remote calendar and other conversations' holds alike); else None."""
    day = start.astimezone(profile.tz).date()
    day_start = datetime.combine(day, time.min, tzinfo=profile.tz)
    busy = _busy(profile.business, max(now, day_start), day_start + timedelta(days=2), holder)
    candidates = find_slots(
        schedule=profile.schedule,
        busy=busy,
        preference=Preference(dates=frozenset({day}), asap=True),
        now=now,
        count=10_000,
        duration=timedelta(minutes=minutes),
    )
    # Compare instants: across time zones `==` is False in the repeated autumn hour (PEP 495),
    # and within one zone it ignores `fold`.
    wanted = start.astimezone(UTC)
    return next((slot for slot in candidates if slot.start.astimezone(UTC) == wanted), None)


def slots_propose(
    *,
    profile: BusinessProfile,
    preference: Preference,
    now: datetime,
    minutes: int,
    count: int = 3,
    holder: str = "",
    neighbours: Collection[str] = (),
) -> Proposal:
    """Free slots honouring the preference, or the nearest ones when nothing matches.

    With a `holder` (a conversation), the slots proposed are held for it for a few minutes,
    and slots held for other conversations are skipped.
    """
    business, schedule = profile.business, profile.schedule
    horizon_end = now + timedelta(days=schedule.horizon_days + 2)
    busy = _busy(business, now, horizon_end, holder)
    duration = timedelta(minutes=minutes)
    for attempt, candidate in enumerate([preference, *relaxations(preference)]):
        slots = find_slots(
            schedule=schedule,
            busy=busy,
            preference=candidate,
            now=now,
            count=count,
            duration=duration,
        )
        if slots:
            if holder:
                _hold(business, slots, holder, now, neighbours)
            return Proposal(slots=slots, relaxed=attempt > 0)
    return Proposal(slots=[], relaxed=True)


def holds_release_all(*, holders: Collection[str]) -> int:
    """Release the slots held for these conversations (deleted ones); returns how many."""
    deleted, _ = SlotHold.objects.filter(holder__in=[h for h in holders if h]).delete()
    return deleted
