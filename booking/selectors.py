"""Reads shared by the conversation, the staff API, the admin and the calendar backends."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from rapidfuzz import fuzz

from booking.models import Appointment, Business
from booking.slots import Interval, Schedule
from receptionist.lib.snapshots import Snapshot
from receptionist.lib.text import fold

NAME_MATCH_MIN_SCORE = 85


def business_schedule(business: Business) -> Schedule:
    opening: dict[int, list[tuple[time, time]]] = {}
    for hours in business.opening_hours.all():
        opening.setdefault(hours.weekday, []).append((hours.start, hours.end))
    return Schedule(
        tz=ZoneInfo(business.timezone),
        slot_minutes=business.slot_minutes,
        min_notice_minutes=business.min_notice_minutes,
        horizon_days=business.horizon_days,
        opening={day: tuple(sorted(periods)) for day, periods in opening.items()},
        closed_dates=frozenset(business.closures.values_list("date", flat=True)),
    )


@dataclass(frozen=True)
class BusinessProfile:
    """The business as a turn needs it: the row, its schedule and its motifs."""

    business: Business
    schedule: Schedule
    motifs: tuple[tuple[str, int], ...]

    @property
    def tz(self) -> ZoneInfo:
        return self.schedule.tz


def _load_profile() -> BusinessProfile:
    business = Business.objects.current()
    return BusinessProfile(
        business=business,
        schedule=business_schedule(business),
        motifs=tuple(business.motifs.values_list("name", "minutes")),
    )


_profile = Snapshot("business", _load_profile)


def business_profile() -> BusinessProfile:
    """The current business, refreshed from the database every few seconds."""
    return _profile.get()


def appointments_between(
    *, business: Business, start: datetime, end: datetime
) -> QuerySet[Appointment]:
    """Appointments overlapping [start, end), oldest first."""
    return Appointment.objects.filter(business=business, start__lt=end, end__gt=start).order_by(
        "start"
    )


def appointment_by_public_id(public_id: str) -> Appointment | None:
    """The appointment a payload names by its public id, with its business (None if unknown)."""
    try:
        return Appointment.objects.select_related("business").get(public_id=public_id)
    except (Appointment.DoesNotExist, ValidationError):
        return None


def busy_intervals(*, business: Business, start: datetime, end: datetime) -> list[Interval]:
    rows = appointments_between(business=business, start=start, end=end).filter(
        status=Appointment.Status.CONFIRMED
    )
    return [Interval(s, e) for s, e in rows.values_list("start", "end")]


def owned_by(contacts: Collection[str]) -> Q:
    """Appointments booked with one of these phones (E.164) or e-mails (whole address, any case)."""
    phones = [c for c in contacts if c and "@" not in c]
    emails = [c.strip() for c in contacts if c and "@" in c]
    owned = Q(pk__in=[])
    if phones:
        owned |= Q(phone__in=phones)
    for email in emails:
        owned |= Q(email__iexact=email)
    return owned


def _name_score(wanted: str, stored: str) -> float:
    """How well a spoken name matches a stored one; a surname alone may carry a typo."""
    score = fuzz.token_set_ratio(wanted, stored)
    if " " not in wanted:
        score = max(
            score, max((fuzz.ratio(wanted, word) + 5 for word in stored.split()), default=0)
        )
    return score


def appointments_upcoming_by_name(
    *, business: Business, name: str, now: datetime, owned: Q | None = None
) -> list[Appointment]:
    """Confirmed future appointments whose name matches, accents, case and typos forgiven.

    With `owned` (e.g. :func:`owned_by`), only the appointments it admits: those the caller
    proved are theirs.
    """
    wanted = fold(name)
    if not wanted:
        return []
    upcoming = Appointment.objects.filter(
        business=business, status=Appointment.Status.CONFIRMED, start__gt=now
    )
    if owned is not None:
        upcoming = upcoming.filter(owned)
    upcoming = upcoming.only("id", "public_id", "name", "start", "end", "motif")
    scored = []
    for appointment in upcoming:
        score = _name_score(wanted, fold(appointment.name))
        if score >= NAME_MATCH_MIN_SCORE:
            scored.append((-score, appointment.start, appointment))
    scored.sort(key=lambda row: (row[0], row[1]))
    best = scored[0][0] if scored else 0
    # Keep only the best-scoring names: « Dupont » should not list « Dupond » beside itself.
    return [appointment for score, _, appointment in scored if score == best]
