"""Booking figures for the managers' report: what was booked, how far ahead, who came.

Selectors over appointments for a window of instants; the conversion report
(`conversations.reports`) puts them beside the conversations' figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower, Trim

from booking.models import Appointment, Business
from booking.selectors import Agenda, business_agendas, business_schedule

MOTIF_TOP = 10
# Days between the booking and the appointment, as a manager reads them.
LEAD_BUCKETS = [
    (0, 0, "le jour même"),
    (1, 1, "le lendemain"),
    (2, 7, "2 à 7 jours"),
    (8, 30, "8 à 30 jours"),
    (31, None, "plus de 30 jours"),
]


@dataclass(frozen=True)
class LeadTime:
    bookings: int
    median_days: float | None
    buckets: list[tuple[str, int]]


@dataclass(frozen=True)
class Attendance:
    """Appointments of the window already begun, by what the front desk marked."""

    arrived: int
    no_show: int
    unmarked: int

    @property
    def no_show_rate(self) -> float | None:
        """No-shows among the appointments marked (None before any is)."""
        marked = self.arrived + self.no_show
        return round(100 * self.no_show / marked, 1) if marked else None


def bookings_made(*, since: datetime, until: datetime, channel: str = "") -> QuerySet[Appointment]:
    """Appointments booked in [since, until): a move's new appointment is not a new booking."""
    made = Appointment.objects.filter(
        created_at__gte=since, created_at__lt=until, moved_from__isnull=True
    )
    return made.filter(channel=channel) if channel else made


def bookings_by_motif(made: QuerySet[Appointment]) -> list[tuple[str, int]]:
    """The most booked motifs (same words, any case); « (sans motif) » for those without."""
    rows = (
        made.annotate(said=Lower(Trim("motif")))
        .values("said")
        .annotate(count=Count("id"))
        .order_by("-count", "said")[:MOTIF_TOP]
    )
    return [(row["said"] or "(sans motif)", row["count"]) for row in rows]


def lead_time(made: QuerySet[Appointment], *, tz: ZoneInfo) -> LeadTime:
    """How many days ahead people book (local calendar days): the median and a distribution."""
    days = sorted(
        max(0, (start.astimezone(tz).date() - created.astimezone(tz).date()).days)
        for created, start in made.values_list("created_at", "start")
    )
    buckets = [
        (label, sum(1 for d in days if low <= d and (high is None or d <= high)))
        for low, high, label in LEAD_BUCKETS
    ]
    return LeadTime(len(days), float(median(days)) if days else None, buckets)


def attendance(*, since: datetime, until: datetime, now: datetime, channel: str = "") -> Attendance:
    """Kept appointments that started in [since, until) and before `now`, by attendance."""
    begun = Appointment.objects.filter(
        status=Appointment.Status.CONFIRMED, start__gte=since, start__lt=min(until, now)
    )
    if channel:
        begun = begun.filter(channel=channel)
    counts = begun.aggregate(
        arrived=Count("id", filter=Q(attendance=Appointment.Attendance.ARRIVED)),
        no_show=Count("id", filter=Q(attendance=Appointment.Attendance.NO_SHOW)),
        unmarked=Count("id", filter=Q(attendance=Appointment.Attendance.UNKNOWN)),
    )
    return Attendance(**counts)


@dataclass(frozen=True)
class PractitionerFigures:
    key: str
    name: str
    bookings: int  # booked in the period
    arrived: int
    no_show: int
    booked_minutes: int  # of its appointments held in the period
    open_minutes: int  # of its hours in the period, less its absences and closures

    @property
    def load(self) -> float | None:
        """Share of its open time booked, in percent."""
        return (
            round(100 * self.booked_minutes / self.open_minutes, 1) if self.open_minutes else None
        )


def _open_minutes(agenda: Agenda, first: date, last: date) -> int:
    total, day = 0, first
    while day <= last:
        if day not in agenda.schedule.closed_dates:
            for opens, closes in agenda.schedule.opening.get(day.isoweekday(), ()):
                total += (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
        day += timedelta(days=1)
    return total


def by_practitioner(
    *,
    business: Business,
    since: datetime,
    until: datetime,
    tz: ZoneInfo,
    now: datetime,
    channel: str = "",
) -> list[PractitionerFigures]:
    """Bookings, attendance and load per named practitioner (none for a single agenda)."""
    if not business.practitioners.filter(active=True, implicit=False).exists():
        return []  # a single agenda: nothing to split
    agendas = [a for a in business_agendas(business, business_schedule(business)) if not a.implicit]
    made = bookings_made(since=since, until=until, channel=channel)
    counts = dict(made.values_list("practitioner_id").annotate(n=Count("id")).order_by())
    held = Appointment.objects.filter(
        business=business, status=Appointment.Status.CONFIRMED, start__gte=since, start__lt=until
    )
    if channel:
        held = held.filter(channel=channel)
    minutes: dict[int, int] = {}
    attended: dict[tuple[int, str], int] = {}
    for pk, start, end, mark in held.values_list("practitioner_id", "start", "end", "attendance"):
        minutes[pk] = minutes.get(pk, 0) + int((end - start).total_seconds() // 60)
        if start < now and mark:
            attended[(pk, mark)] = attended.get((pk, mark), 0) + 1
    first, last = (
        since.astimezone(tz).date(),
        (until - timedelta(microseconds=1)).astimezone(tz).date(),
    )
    return [
        PractitionerFigures(
            key=agenda.key,
            name=agenda.name,
            bookings=counts.get(agenda.pk, 0),
            arrived=attended.get((agenda.pk, Appointment.Attendance.ARRIVED), 0),
            no_show=attended.get((agenda.pk, Appointment.Attendance.NO_SHOW), 0),
            booked_minutes=minutes.get(agenda.pk, 0),
            open_minutes=_open_minutes(agenda, first, last),
        )
        for agenda in agendas
        if agenda.pk is not None
    ]
