"""Reads shared by the conversation, the staff API, the admin and the calendar backends."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from rapidfuzz import fuzz

from booking.agenda import DayAgenda, WeekAgenda, day_agenda, week_agenda
from booking.models import Appointment, Business, Practitioner, zone_or_default
from booking.slots import Schedule
from receptionist.lib.snapshots import Snapshot
from receptionist.lib.text import fold, named_in

NAME_MATCH_MIN_SCORE = 85


def business_schedule(business: Business) -> Schedule:
    opening: dict[int, list[tuple[time, time]]] = {}
    for hours in business.opening_hours.all():
        opening.setdefault(hours.weekday, []).append((hours.start, hours.end))
    return Schedule(
        tz=business.zone,
        slot_minutes=business.slot_minutes,
        min_notice_minutes=business.min_notice_minutes,
        horizon_days=business.horizon_days,
        opening={day: tuple(sorted(periods)) for day, periods in opening.items()},
        closed_dates=frozenset(business.closures.values_list("date", flat=True)),
    )


@dataclass(frozen=True)
class BusinessIdentity:
    """Who answers: the name said and shown, the time zone, the number a caller is handed to.

    The environment's BUSINESS_NAME, TIME_ZONE and TRANSFER_NUMBER fill what the profile
    leaves empty, here and nowhere else.
    """

    name: str
    tz: ZoneInfo
    transfer_number: str


def _identity(business: Business | None) -> BusinessIdentity:
    tz = zone_or_default(business.timezone if business else None)
    return BusinessIdentity(
        name=(business.name if business else "") or settings.BUSINESS_NAME,
        tz=tz,
        transfer_number=(business.transfer_number if business else "") or settings.TRANSFER_NUMBER,
    )


@dataclass(frozen=True)
class Agenda:
    """One practitioner as slot finding and the dialogue need it (plain data, cached)."""

    pk: int | None  # None: the business's own agenda, not made yet
    key: str
    name: str
    spoken: str
    kind: str
    implicit: bool
    calendar_id: str
    # Its hours within the business's, and the business's closures plus its absences.
    schedule: Schedule
    # The motifs it handles → its length for each (None: the motif's own); None: every motif.
    motifs: Mapping[str, int | None] | None = None

    def handles(self, motif: str) -> bool:
        return self.motifs is None or motif in self.motifs


@dataclass(frozen=True)
class BusinessProfile:
    """The business as a turn needs it: the row, who it is, its schedule, its motifs, and
    its agendas (the active practitioners, or the business's own agenda)."""

    business: Business
    identity: BusinessIdentity
    schedule: Schedule
    motifs: tuple[tuple[str, int], ...]
    agendas: tuple[Agenda, ...] = ()

    @property
    def tz(self) -> ZoneInfo:
        return self.schedule.tz

    @property
    def named_practitioners(self) -> bool:
        """Whether callers may (and payloads do) name practitioners."""
        return any(not agenda.implicit for agenda in self.agendas)

    def agenda(self, key: str) -> Agenda | None:
        return next((a for a in self.agendas if a.key == key), None)


def _intersect(
    ours: Sequence[tuple[time, time]], theirs: Sequence[tuple[time, time]]
) -> tuple[tuple[time, time], ...]:
    """The parts of `ours` periods inside `theirs` (a practitioner never works outside the
    business's hours)."""
    spans = []
    for start, end in ours:
        for opens, closes in theirs:
            low, high = max(start, opens), min(end, closes)
            if low < high:
                spans.append((low, high))
    return tuple(sorted(spans))


def business_agendas(business: Business, schedule: Schedule) -> tuple[Agenda, ...]:
    """The agendas callers can be booked on: the active named practitioners, in the profile's
    order; without any, the business's own agenda (made on first need)."""
    named = list(
        business.practitioners.filter(active=True, implicit=False).prefetch_related(
            "hours", "absences", "motif_links__motif"
        )
    )
    if not named:
        # Made by the first booking when the profile loader has not made it yet.
        own = business.practitioners.filter(implicit=True).first()
        return (
            Agenda(
                pk=own.pk if own else None,
                key=Practitioner.IMPLICIT_KEY,
                name=own.name if own else business.name,
                spoken=own.spoken if own else "",
                kind=own.kind if own else "",
                implicit=True,
                calendar_id=own.calendar_id if own else "",
                schedule=schedule,
            ),
        )
    agendas = []
    for practitioner in named:
        hours: dict[int, list[tuple[time, time]]] = {}
        for period in practitioner.hours.all():
            hours.setdefault(period.weekday, []).append((period.start, period.end))
        opening = (
            {
                day: spans
                for day in range(1, 8)
                if (spans := _intersect(hours.get(day, []), schedule.opening.get(day, ())))
            }
            if hours
            else schedule.opening
        )
        away = {
            absence.first_day + timedelta(days=n)
            for absence in practitioner.absences.all()
            for n in range((absence.last_day - absence.first_day).days + 1)
        }
        links = list(practitioner.motif_links.all())
        agendas.append(
            Agenda(
                pk=practitioner.pk,
                key=practitioner.key,
                name=practitioner.name,
                spoken=practitioner.spoken,
                kind=practitioner.kind,
                implicit=False,
                calendar_id=practitioner.calendar_id,
                schedule=replace(
                    schedule, opening=opening, closed_dates=schedule.closed_dates | away
                ),
                motifs={link.motif.name: link.minutes for link in links} if links else None,
            )
        )
    return tuple(agendas)


def practitioner_of(profile: BusinessProfile, key: str) -> Practitioner | None:
    """The practitioner row of an agenda key (None: the business's own agenda, or unknown)."""
    agenda = profile.agenda(key) if key else None
    if agenda is None or agenda.implicit or agenda.pk is None:
        return None
    return Practitioner.objects.filter(pk=agenda.pk).first()


def practitioner_named(profile: BusinessProfile, said: str) -> Agenda | None:
    """The agenda a tool argument or a form names: its id, or its name (accents and case
    aside) when one agenda alone carries it."""
    wanted = fold(said)
    if not wanted:
        return None
    exact = profile.agenda(said.strip())
    if exact is not None and not exact.implicit:
        return exact
    found = [
        agenda
        for agenda in profile.agendas
        if not agenda.implicit
        and any(wanted in fold(text) for text in (agenda.name, agenda.spoken) if text)
    ]
    return found[0] if len(found) == 1 else None


def last_practitioner(*, business: Business, contacts: Collection[str], name: str) -> str:
    """The practitioner of the caller's latest appointment (« le même que d'habitude »): found
    by a phone or e-mail it was booked with, else by the same name; "" when none is known."""
    kept = Appointment.objects.filter(
        business=business, practitioner__implicit=False, practitioner__active=True
    ).exclude(status=Appointment.Status.CANCELLED)
    for query in (
        owned_by(contacts) if contacts else None,
        Q(name__iexact=name.strip()) if name.strip() else None,
    ):
        if query is None:
            continue
        key = (
            kept.filter(query)
            .order_by("-start")
            .values_list("practitioner__key", flat=True)
            .first()
        )
        if key:
            return key
    return ""


def _load_profile() -> BusinessProfile:
    business = Business.objects.current()
    schedule = business_schedule(business)
    return BusinessProfile(
        business=business,
        identity=_identity(business),
        schedule=schedule,
        motifs=tuple(business.motifs.values_list("name", "minutes")),
        agendas=business_agendas(business, schedule),
    )


_profile = Snapshot("business", _load_profile)


def business_profile() -> BusinessProfile:
    """The current business, refreshed from the database every few seconds.

    Raises Business.DoesNotExist when no profile is loaded.
    """
    return _profile.get()


# The same shared version as the profile: one change of the business refreshes both. Apart,
# because a page that shows a time needs one row, not the schedule and the motifs.
_identity_snapshot = Snapshot("business", lambda: _identity(Business.objects.current()))


def business_identity() -> BusinessIdentity:
    """Who answers (cached); the environment's defaults before a profile is loaded."""
    try:
        return _identity_snapshot.get()
    except Business.DoesNotExist:
        return _identity(None)


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
        return Appointment.objects.select_related("business", "practitioner").get(
            public_id=public_id
        )
    except (Appointment.DoesNotExist, ValidationError):
        return None


def appointment_of_conversation(
    *, business: Business, appointment_id: int, key: str
) -> Appointment | None:
    """A confirmed appointment, only if the conversation `key` booked it (its own, to correct)."""
    return Appointment.objects.filter(
        business=business,
        pk=appointment_id,
        conversation_key=key,
        status=Appointment.Status.CONFIRMED,
    ).first()


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
    upcoming = upcoming.select_related("practitioner").only(
        *("id", "public_id", "name", "start", "end", "motif"),
        *("practitioner__key", "practitioner__implicit"),
    )
    scored = []
    for appointment in upcoming:
        score = _name_score(wanted, fold(appointment.name))
        if score >= NAME_MATCH_MIN_SCORE:
            scored.append((-score, appointment.start, appointment))
    scored.sort(key=lambda row: (row[0], row[1]))
    best = scored[0][0] if scored else 0
    # Keep only the best-scoring names: « Dupont » should not list « Dupond » beside itself.
    return [appointment for score, _, appointment in scored if score == best]


def _agenda_of(business: Business, key: str) -> Agenda | None:
    """One named practitioner's agenda (its hours within the business's, its absences)."""
    if not key:
        return None
    agendas = business_agendas(business, business_schedule(business))
    return next((a for a in agendas if a.key == key and not a.implicit), None)


def business_day(
    *, business: Business, day: date, tz: ZoneInfo, practitioner: str = ""
) -> tuple[DayAgenda[Appointment], list[Appointment]]:
    """One local day of the agenda, of one practitioner or of all: its slots with what holds
    them, and its appointments."""
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    rows = appointments_between(business=business, start=start, end=end).filter(
        status=Appointment.Status.CONFIRMED
    )
    agenda = _agenda_of(business, practitioner)
    if agenda is not None and agenda.pk is not None:
        rows = rows.filter(practitioner_id=agenda.pk)
        periods = list(agenda.schedule.opening.get(day.isoweekday(), ()))
        closed = day in agenda.schedule.closed_dates
    else:
        periods = list(
            business.opening_hours.filter(weekday=day.isoweekday()).values_list("start", "end")
        )
        closed = business.closures.filter(date=day).exists()
    booked = list(rows.select_related("practitioner"))
    grid = day_agenda(
        day=day,
        tz=tz,
        slot_minutes=business.slot_minutes,
        periods=periods,
        closed=closed,
        appointments=booked,
    )
    return grid, booked


def business_week(
    *,
    business: Business,
    monday: date,
    tz: ZoneInfo,
    now: datetime,
    days: int = 7,
    practitioner: str = "",
) -> WeekAgenda[Appointment]:
    """A local week of the agenda as a grid: the kept appointments and the free future slots,
    of one practitioner (its hours and absences), or of the whole business."""
    start = datetime.combine(monday, time.min, tzinfo=tz)
    end = datetime.combine(monday + timedelta(days=days), time.min, tzinfo=tz)
    rows = (
        appointments_between(business=business, start=start, end=end)
        .filter(status=Appointment.Status.CONFIRMED)
        .select_related("practitioner")
        .only(*WEEK_FIELDS, "practitioner__name", "practitioner__implicit")
    )
    agenda = _agenda_of(business, practitioner)
    periods: dict[int, list[tuple[time, time]]] = {}
    if agenda is not None and agenda.pk is not None:
        rows = rows.filter(practitioner_id=agenda.pk)
        periods = {day: list(spans) for day, spans in agenda.schedule.opening.items()}
        closures = set(agenda.schedule.closed_dates)
    else:
        for weekday, opens, closes in business.opening_hours.values_list("weekday", "start", "end"):
            periods.setdefault(weekday, []).append((opens, closes))
        closures = set(
            business.closures.filter(
                date__gte=monday, date__lt=monday + timedelta(days=days)
            ).values_list("date", flat=True)
        )
    return week_agenda(
        monday=monday,
        tz=tz,
        slot_minutes=business.slot_minutes,
        periods=periods,
        closures=closures,
        appointments=list(rows),
        now=now,
        days=days,
    )


# What a block of the week grid shows and acts on.
WEEK_FIELDS = (
    *("id", "public_id", "start", "end", "name", "phone", "email", "motif"),
    *("status", "channel", "attendance", "conversation_key", "practitioner"),
)


def named_practitioners() -> bool:
    """Whether this business names its practitioners (the admin then shows them)."""
    return Practitioner.objects.filter(active=True, implicit=False).exists()


def handles(practitioner: Practitioner, motif: str) -> bool:
    """Whether the practitioner handles the motif the front desk typed (any, when it lists
    none or the words name none of the business's motifs)."""
    handled = list(practitioner.motif_links.values_list("motif__name", flat=True))
    if not handled:
        return True
    named = named_in(motif, practitioner.business.motifs.values_list("name", flat=True))
    return named is None or named in handled


def first_free(
    business: Business, start: datetime, end: datetime, motif: str
) -> Practitioner | None:
    """The first active practitioner who handles the motif and is free then (None if none)."""
    for practitioner in Practitioner.objects.filter(
        business=business, active=True, implicit=False
    ).order_by("position"):
        if handles(practitioner, motif) and not appointment_conflicts(
            business=business, start=start, end=end, practitioner=practitioner
        ):
            return practitioner
    return None


def appointment_conflicts(
    *,
    business: Business,
    start: datetime,
    end: datetime,
    exclude_id: int | None = None,
    practitioner: Practitioner | None = None,
) -> list[Appointment]:
    """Confirmed appointments overlapping [start, end) on the practitioner's agenda (every
    agenda when none is given): what a new booking there would clash with."""
    rows = Appointment.objects.filter(
        business=business, status=Appointment.Status.CONFIRMED, start__lt=end, end__gt=start
    )
    if practitioner is not None:
        rows = rows.filter(practitioner=practitioner)
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    return list(rows.order_by("start"))
