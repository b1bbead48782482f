"""Which times are free: slots proposed for a preference, a slot checked at a given start,
and the slots held for a conversation while its caller chooses.

Free means free for the database, for the other conversations' holds and for the remote
calendar (events staff put there directly); the calendar failing leaves the database's word.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings

from booking.calendar_health import mark_calendar_unreadable
from booking.calendars import CalendarBackend, CalendarError, calendar_backend
from booking.models import Appointment, Business, SlotHold
from booking.preferences import Preference
from booking.selectors import Agenda, BusinessProfile, appointments_between
from booking.slots import AgendaSearch, Interval, Slot, find_slots_among, relaxations, subtract
from receptionist.lib.text import fold, named_in

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Proposal:
    slots: list[Slot]
    relaxed: bool


def motif_minutes(*, profile: BusinessProfile, motif: str) -> int:
    """How long an appointment for `motif` lasts: the listed motif's duration, else one slot."""
    named = named_in(motif, (name for name, _ in profile.motifs))
    return dict(profile.motifs)[named] if named else profile.schedule.slot_minutes


def _remote_busy(
    backend: CalendarBackend, business: Business, start: datetime, end: datetime
) -> list[Interval]:
    """What one calendar says is busy: our appointments in it, and what people put there."""
    if not backend.remote:
        return []
    # A window on whole hours and days, so that successive turns share the cached answer.
    window_start = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    window_end = (end.astimezone(UTC) + timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    try:
        return backend.busy(business, window_start, window_end)
    except CalendarError as exc:
        logger.warning("[CALENDAR] busy times unavailable (%s): slots from the database alone", exc)
        if exc.permanent:
            mark_calendar_unreadable(backend, str(exc))
        return []


def _busy_by_agenda(
    profile: BusinessProfile, agendas: Sequence[Agenda], start: datetime, end: datetime, holder: str
) -> tuple[dict[int | None, list[Interval]], dict[int | None, int]]:
    """Per agenda (by practitioner pk): its busy intervals, and its confirmed appointments
    from `start` on (its load). A hold that names no practitioner is busy on every agenda.
    Each agenda's calendar (its own, else the business's) is read too: less our appointments
    written there, what remains was put there by people and is busy for that agenda."""
    business = profile.business
    busy: dict[int | None, list[Interval]] = {agenda.pk: [] for agenda in agendas}
    load: dict[int | None, int] = dict.fromkeys(busy, 0)
    rows = appointments_between(business=business, start=start, end=end).filter(
        status=Appointment.Status.CONFIRMED
    )
    calendar_of = {agenda.pk: agenda.calendar_id for agenda in profile.agendas}
    ours: dict[str, list[Interval]] = {}
    for pk, s, e in rows.values_list("practitioner_id", "start", "end"):
        ours.setdefault(calendar_of.get(pk, ""), []).append(Interval(s, e))
        if pk in busy:
            busy[pk].append(Interval(s, e))
            load[pk] += 1
    holds = (
        SlotHold.objects.filter(business=business, expires_at__gt=start, start__lt=end)
        .exclude(holder=holder)
        .values_list("practitioner_id", "start", "end")
    )
    for pk, s, e in holds:
        for agenda_pk in busy if pk is None else [pk]:
            if agenda_pk in busy:
                busy[agenda_pk].append(Interval(s, e))
    for calendar_id in sorted({agenda.calendar_id for agenda in agendas}):
        remote = _remote_busy(calendar_backend(calendar_id), business, start, end)
        if not remote:
            continue
        external = subtract(remote, ours.get(calendar_id, []))
        for agenda in agendas:
            if agenda.calendar_id == calendar_id:
                busy[agenda.pk] += external
    return busy, load


def agendas_for(
    profile: BusinessProfile, *, motif: str = "", practitioner: str = "", kind: str = ""
) -> list[Agenda]:
    """The agendas a booking may go to: the one asked for, else those of the kind asked for
    that handle the motif (every agenda of that kind, or every agenda, when none does: the
    front desk sorts it out)."""
    if practitioner:
        chosen = profile.agenda(practitioner)
        return [chosen] if chosen else []
    pool = [a for a in profile.agendas if not kind or fold(a.kind) == fold(kind)]
    pool = pool or list(profile.agendas)
    named = _motif_name(profile, motif)
    handling = [a for a in pool if named is None or a.handles(named)]
    return handling or pool


def _motif_name(profile: BusinessProfile, motif: str) -> str | None:
    return named_in(motif, (name for name, _ in profile.motifs))


def _duration(profile: BusinessProfile, agenda: Agenda, motif: str, minutes: int) -> timedelta:
    """How long with this practitioner: its own length for the motif, else `minutes`."""
    named = _motif_name(profile, motif)
    own = agenda.motifs.get(named) if agenda.motifs and named else None
    return timedelta(minutes=own or minutes)


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
    agendas: Mapping[str, int | None] | None = None,
) -> None:
    """Hold the proposed slots for `holder`, in place of its earlier ones.

    `neighbours` are the client's other conversations: together they hold at most
    ``SLOT_HOLDS_PER_CLIENT`` slots, the oldest holds giving way (a visitor with many tabs,
    or a script opening conversations, cannot keep the agenda from everyone else).
    """
    holds_release(holder=holder)
    expires = now + timedelta(minutes=settings.SLOT_HOLD_MINUTES)
    agendas = agendas or {}
    SlotHold.objects.bulk_create(
        SlotHold(
            business=business,
            practitioner_id=agendas.get(s.agenda),
            holder=holder,
            start=s.start,
            end=s.end,
            expires_at=expires,
        )
        for s in slots
    )
    neighbours = [n for n in neighbours if n and n != holder]
    if not neighbours:
        return
    room = max(0, settings.SLOT_HOLDS_PER_CLIENT - len(slots))
    theirs = SlotHold.objects.filter(holder__in=neighbours, expires_at__gt=now)
    oldest = theirs.order_by("-expires_at", "-pk").values_list("pk", flat=True)[room:]
    SlotHold.objects.filter(pk__in=list(oldest)).delete()


def _searches(
    profile: BusinessProfile,
    agendas: Sequence[Agenda],
    *,
    start: datetime,
    end: datetime,
    holder: str,
    motif: str,
    minutes: int,
) -> list[AgendaSearch]:
    busy, load = _busy_by_agenda(profile, agendas, start, end, holder)
    return [
        AgendaSearch(
            key=agenda.key,
            schedule=agenda.schedule,
            busy=busy[agenda.pk],
            duration=_duration(profile, agenda, motif, minutes),
            load=load[agenda.pk],
        )
        for agenda in agendas
    ]


def slot_starting_at(
    *,
    profile: BusinessProfile,
    start: datetime,
    minutes: int,
    now: datetime,
    holder: str = "",
    motif: str = "",
    practitioner: str = "",
    kind: str = "",
) -> Slot | None:
    """The slot beginning exactly at `start`, if it is on the grid, open and free (for the
    database, the remote calendar and other conversations' holds alike) on the practitioner
    asked for, or on one that handles the motif; else None."""
    day = start.astimezone(profile.tz).date()
    day_start = datetime.combine(day, time.min, tzinfo=profile.tz)
    agendas = agendas_for(profile, motif=motif, practitioner=practitioner, kind=kind)
    searches = _searches(
        profile,
        agendas,
        start=max(now, day_start),
        end=day_start + timedelta(days=2),
        holder=holder,
        motif=motif,
        minutes=minutes,
    )
    candidates = find_slots_among(
        agendas=searches,
        preference=Preference(dates=frozenset({day}), asap=True),
        now=now,
        count=10_000,
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
    motif: str = "",
    practitioner: str = "",
    kind: str = "",
) -> Proposal:
    """Free slots honouring the preference, or the nearest ones when nothing matches, on the
    practitioner asked for or shared fairly among those who handle the motif (each slot
    names its practitioner).

    With a `holder` (a conversation), the slots proposed are held for it for a few minutes,
    and slots held for other conversations are skipped.
    """
    agendas = agendas_for(profile, motif=motif, practitioner=practitioner, kind=kind)
    horizon = max((agenda.schedule.horizon_days for agenda in agendas), default=0)
    searches = _searches(
        profile,
        agendas,
        start=now,
        end=now + timedelta(days=horizon + 2),
        holder=holder,
        motif=motif,
        minutes=minutes,
    )
    for attempt, candidate in enumerate([preference, *relaxations(preference)]):
        slots = find_slots_among(agendas=searches, preference=candidate, now=now, count=count)
        if slots:
            if holder:
                pks = {agenda.key: agenda.pk for agenda in agendas}
                _hold(profile.business, slots, holder, now, neighbours, agendas=pks)
            return Proposal(slots=slots, relaxed=attempt > 0)
    return Proposal(slots=[], relaxed=True)


def holds_release_all(*, holders: Collection[str]) -> int:
    """Release the slots held for these conversations (deleted ones); returns how many."""
    deleted, _ = SlotHold.objects.filter(holder__in=[h for h in holders if h]).delete()
    return deleted
