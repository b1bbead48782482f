"""Conversion figures for managers: selectors over conversations and their turns.

One window (`sessions`) and one set of counts (`conversion_figures`) serve both the staff API
(`booking_stats`) and the admin report (`conversion_report`), so their figures always agree.
Everything is counted by the database; Python only orders and fills the small results.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Lower, Trim, TruncDate
from django.db.models.sql.where import WhereNode

from booking.models import Business, BusinessNotLoaded
from booking.notifications.reports import MessageFigures, message_figures
from booking.reports import (
    Attendance,
    LeadTime,
    PractitionerFigures,
    attendance,
    bookings_by_motif,
    bookings_made,
    by_practitioner,
    lead_time,
)
from conversations.dialogue.states import State
from conversations.models import FAQ_MISSED, Channel, Conversation, Turn
from faq.models import FaqEntry
from faq.selectors import FaqCatalogue, faq_catalogue

Outcome = Conversation.Outcome
# A conversation without an outcome and silent for this long has been abandoned.
IDLE_ABANDON = timedelta(minutes=30)
FAQ_TOP = 10
UNMATCHED_TOP = 20


@dataclass(frozen=True)
class DayCount:
    day: date
    sessions: int
    confirmed: int


@dataclass(frozen=True)
class FaqCount:
    faq_id: str
    question: str
    asked: int


@dataclass(frozen=True)
class Unmatched:
    text: str
    asked: int
    last_asked: datetime


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    sessions: int
    confirmed: int

    @property
    def conversion_rate(self) -> float:
        return _rate(self.confirmed, self.sessions)


@dataclass(frozen=True)
class Report:
    figures: dict[str, Any]
    funnel: list[tuple[str, int]]
    days: list[DayCount]
    faq_top: list[FaqCount]
    unmatched: list[Unmatched]
    catalogue: FaqCatalogue  # the entries an unmatched question may be added to
    # The same figures over the period of the same length just before.
    previous: dict[str, Any] = field(default_factory=dict)
    by_channel: list[ChannelCount] = field(default_factory=list)
    motifs: list[tuple[str, int]] = field(default_factory=list)
    lead: LeadTime | None = None
    attendance: Attendance | None = None
    # Sessions opened by local weekday (0 = Monday) and hour: demand[weekday][hour].
    demand: list[list[int]] = field(default_factory=list)
    practitioners: list[PractitionerFigures] = field(default_factory=list)
    messages: MessageFigures | None = None


class Inlined(Expression):
    """A condition with its values written into the SQL, as Django writes an index condition.

    SQLite uses a partial index only when the query repeats the index's condition, and a LIKE
    whose pattern is a bound parameter does not count: without this, the FAQ misses of a week
    would be looked for among all the turns ever recorded.
    """

    conditional = True
    output_field = BooleanField()
    where: WhereNode  # set on the resolved copy

    def __init__(self, condition: Q) -> None:
        super().__init__()
        self.condition = condition

    def resolve_expression(self, query: Any = None, *args: Any, **kwargs: Any) -> Inlined:
        resolved = self.copy()
        resolved.where = query.build_where(self.condition)
        return resolved

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple]:
        sql, params = compiler.compile(self.where)
        quote = connection.schema_editor().quote_value
        return sql % tuple(quote(p).replace("%", "%%") for p in params), ()


class LocalDate(TruncDate):
    """TruncDate(tzinfo=tz) over [since, until), which SQLite computes by itself.

    Django's SQLite TruncDate calls back into Python once per row: half a second over
    100,000 conversations. Between two clock changes a zone's offset is fixed, so the local
    date is SQLite's own date(column, '+N seconds'), one branch per offset of the window.
    Other databases convert time zones natively and keep TruncDate's SQL.
    """

    def __init__(self, expression: str, *, tzinfo: ZoneInfo, since: datetime, until: datetime):
        super().__init__(expression, tzinfo=tzinfo)
        self.spans = offset_spans(tzinfo, since, until)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, tuple]:
        column, column_params = compiler.compile(self.lhs)
        *changes, (_, offset) = self.spans
        local = f"date({column}, %s)"
        if not changes:
            return local, (*column_params, f"{offset:+d} seconds")
        sql, params = "CASE", []
        for end, before in changes:
            sql += f" WHEN {column} < %s THEN {local}"
            params += [*column_params, connection.ops.adapt_datetimefield_value(end)]
            params += [*column_params, f"{before:+d} seconds"]
        params += [*column_params, f"{offset:+d} seconds"]
        return f"{sql} ELSE {local} END", tuple(params)


def _offset(tz: ZoneInfo, instant: datetime) -> int:
    offset = instant.astimezone(tz).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def offset_spans(tz: ZoneInfo, since: datetime, until: datetime) -> list[tuple[datetime, int]]:
    """The zone's UTC offsets over [since, until): (end of each span, offset in seconds)."""
    spans = []
    # In UTC: arithmetic on datetimes of the zone itself would follow its wall clock.
    day, until = since.astimezone(UTC), until.astimezone(UTC)
    while day < until:
        later = min(day + timedelta(days=1), until)
        if _offset(tz, later) != _offset(tz, day):
            # A clock change within the day (there is at most one): find its second.
            low, high = 0, int((later - day).total_seconds())
            while high - low > 1:
                middle = (low + high) // 2
                if _offset(tz, day + timedelta(seconds=middle)) == _offset(tz, day):
                    low = middle
                else:
                    high = middle
            spans.append((day + timedelta(seconds=high), _offset(tz, day)))
        day = later
    spans.append((until, _offset(tz, until - timedelta(microseconds=1))))
    return spans


def _rate(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def local_bounds(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants [first 00:00, day after last 00:00) of these local days."""
    since = datetime.combine(first, time.min, tzinfo=tz)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    return since, until


def sessions(*, since: datetime, until: datetime, channel: str = "") -> QuerySet[Conversation]:
    """Conversations opened in [since, until), less those opened and left without a word."""
    window = Conversation.objects.filter(created_at__gte=since, created_at__lt=until)
    if channel:
        window = window.filter(channel=channel)
    return window.exclude(outcome=Outcome.EXPIRED, turn_count__lte=1)


def conversion_figures(window: QuerySet[Conversation], *, now: datetime) -> dict[str, Any]:
    """What became of the sessions of `window` (rates in percent of the sessions)."""
    counts = window.aggregate(
        total=Count("id"),
        confirmed=Count("id", filter=Q(outcome=Outcome.CONFIRMED)),
        moved=Count("id", filter=Q(outcome=Outcome.MOVED)),
        cancelled=Count("id", filter=Q(outcome=Outcome.CANCELLED)),
        transferred=Count("id", filter=Q(outcome=Outcome.TRANSFERRED)),
        router=Count("id", filter=Q(reached_router=True)),
        abandoned=Count(
            "id",
            filter=Q(outcome__in=[Outcome.ABANDONED, Outcome.EXPIRED])
            | Q(outcome=Outcome.NONE, updated_at__lt=now - IDLE_ABANDON),
        ),
    )
    total = counts["total"]
    return {
        "total_sessions": total,
        "confirmed_bookings": counts["confirmed"],
        "moved": counts["moved"],
        "cancelled": counts["cancelled"],
        "transferred": counts["transferred"],
        "intent_router": counts["router"],
        "abandoned": counts["abandoned"],
        "conversion_rate": _rate(counts["confirmed"], total),
        "abandon_rate": _rate(counts["abandoned"], total),
    }


def booking_stats(*, since: datetime, now: datetime) -> dict[str, Any]:
    """Sessions of the window, and what became of them (rates in percent)."""
    window = sessions(since=since, until=now)
    figures = conversion_figures(window, now=now)
    del figures["abandoned"]  # the contract's payload gives the rate only
    by_channel = {}
    for row in (
        window.values("channel")
        .order_by()
        .annotate(total=Count("id"), confirmed=Count("id", filter=Q(outcome=Outcome.CONFIRMED)))
    ):
        by_channel[row["channel"]] = {
            "total_sessions": row["total"],
            "confirmed_bookings": row["confirmed"],
            "conversion_rate": _rate(row["confirmed"], row["total"]),
        }
    return {"window_hours": None, **figures, "by_channel": by_channel}


# What a visitor came for and got: none of these is a conversation lost.
SERVED = (Outcome.CONFIRMED, Outcome.MOVED, Outcome.CANCELLED)


def served_by_faq() -> Q:
    """Back at the start after an answer from the FAQ (a proposal in FAQ_CONFIRM is not one),
    with no question left unanswered after it: the visitor asked, was answered, and left."""
    answers = Turn.objects.filter(faq_id__gt="").exclude(state_after=State.FAQ_CONFIRM)
    answered = answers.filter(conversation=OuterRef("pk"))
    last_answer = answers.filter(conversation=OuterRef("conversation")).order_by("-index")
    missed_later = Turn.objects.filter(
        FAQ_MISSED,
        conversation=OuterRef("pk"),
        index__gt=Subquery(last_answer.values("index")[:1]),
    )
    return Q(state=State.START) & Exists(answered) & ~Exists(missed_later)


def funnel(window: QuerySet[Conversation]) -> list[tuple[str, int]]:
    """Where lost sessions stopped, by last state in the engine's order.

    Not lost: a booking, a move or a cancellation done, or a question the FAQ answered.
    """
    rows = (
        window.exclude(outcome__in=SERVED)
        .exclude(served_by_faq())
        .values("state")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts = {row["state"]: row["count"] for row in rows}
    known = [state.value for state in State]
    order = known + sorted(set(counts) - set(known))
    return [(state, counts[state]) for state in order if state in counts]


def daily(
    window: QuerySet[Conversation], *, first: date, last: date, tz: ZoneInfo
) -> list[DayCount]:
    """Sessions and bookings per local day, every day of [first, last] included."""
    since, until = local_bounds(first, last, tz)
    rows = (
        window.annotate(day=LocalDate("created_at", tzinfo=tz, since=since, until=until))
        .values("day")
        .annotate(sessions=Count("id"), confirmed=Count("id", filter=Q(outcome=Outcome.CONFIRMED)))
        .order_by()
    )
    counts = {row["day"]: (row["sessions"], row["confirmed"]) for row in rows}
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [DayCount(day, *counts.get(day, (0, 0))) for day in days]


def _turns(*, since: datetime, until: datetime, channel: str) -> QuerySet[Turn]:
    turns = Turn.objects.filter(created_at__gte=since, created_at__lt=until)
    return turns.filter(conversation__channel=channel) if channel else turns


def faq_most_asked(*, since: datetime, until: datetime, channel: str = "") -> list[FaqCount]:
    rows = list(
        _turns(since=since, until=until, channel=channel)
        .filter(faq_id__gt="")  # not exclude(faq_id=""): a range the index serves
        .values("faq_id")
        .annotate(asked=Count("id"))
        .order_by("-asked", "faq_id")[:FAQ_TOP]
    )
    questions = dict(
        FaqEntry.objects.filter(faq_id__in=[row["faq_id"] for row in rows]).values_list(
            "faq_id", "question"
        )
    )
    return [FaqCount(r["faq_id"], questions.get(r["faq_id"], ""), r["asked"]) for r in rows]


def faq_unmatched(
    *, since: datetime, until: datetime, catalogue: FaqCatalogue, channel: str = ""
) -> list[Unmatched]:
    """Questions the FAQ had no answer for, the most asked first (same words, any case).

    A question whose words have since become a phrasing of an active entry is answered now:
    it is left out.
    """
    rows = (
        _turns(since=since, until=until, channel=channel)
        .filter(Inlined(FAQ_MISSED))
        .annotate(said=Lower(Trim("user_text")))
        .exclude(said="")
        .values("said")
        .annotate(asked=Count("id"), example=Max(Trim("user_text")), last=Max("created_at"))
        .order_by("-asked", "-last", "said")
    )
    unmatched = []
    for row in _pages(rows, UNMATCHED_TOP):
        if not catalogue.covering(row["example"]):
            unmatched.append(Unmatched(row["example"], row["asked"], row["last"]))
            if len(unmatched) == UNMATCHED_TOP:
                break
    return unmatched


def _pages(rows: QuerySet[Any], size: int) -> Iterator[dict[str, Any]]:
    """The rows of an ordered query, read `size` at a time (usually one page is enough)."""
    start = 0
    while True:
        page = list(rows[start : start + size])
        yield from page
        if len(page) < size:
            return
        start += size


def by_channel(window: QuerySet[Conversation]) -> list[ChannelCount]:
    """Sessions and bookings per channel (web, phone), in the channels' order."""
    rows = (
        window.values("channel")
        .order_by()
        .annotate(total=Count("id"), confirmed=Count("id", filter=Q(outcome=Outcome.CONFIRMED)))
    )
    counts = {row["channel"]: (row["total"], row["confirmed"]) for row in rows}
    return [ChannelCount(c, *counts[c]) for c in Channel.values if c in counts]


def demand(window: QuerySet[Conversation], *, tz: ZoneInfo) -> list[list[int]]:
    """Sessions opened per local weekday (Monday first) and hour of the day."""
    grid = [[0] * 24 for _ in range(7)]
    for created in window.values_list("created_at", flat=True).iterator(chunk_size=2000):
        local = created.astimezone(tz)
        grid[local.weekday()][local.hour] += 1
    return grid


def _by_practitioner(**window: Any) -> list[PractitionerFigures]:
    """The split by practitioner, for the business this installation serves (none loaded: none)."""
    try:
        business = Business.objects.current()
    except BusinessNotLoaded:
        return []
    return by_practitioner(business=business, **window)


def conversion_report(
    *, first: date, last: date, tz: ZoneInfo, now: datetime, channel: str = ""
) -> Report:
    """The managers' report over the local days [first, last], for one channel or all."""
    since, until = local_bounds(first, last, tz)
    window = sessions(since=since, until=until, channel=channel)
    length = last - first + timedelta(days=1)
    before_since, before_until = local_bounds(first - length, first - timedelta(days=1), tz)
    before = sessions(since=before_since, until=before_until, channel=channel)
    made = bookings_made(since=since, until=until, channel=channel)
    catalogue = faq_catalogue()
    return Report(
        figures=conversion_figures(window, now=now),
        funnel=funnel(window),
        days=daily(window, first=first, last=last, tz=tz),
        faq_top=faq_most_asked(since=since, until=until, channel=channel),
        unmatched=faq_unmatched(since=since, until=until, catalogue=catalogue, channel=channel),
        catalogue=catalogue,
        previous=conversion_figures(before, now=now),
        by_channel=by_channel(window),
        motifs=bookings_by_motif(made),
        lead=lead_time(made, tz=tz),
        attendance=attendance(since=since, until=until, now=now, channel=channel),
        demand=demand(window, tz=tz),
        practitioners=_by_practitioner(since=since, until=until, tz=tz, now=now, channel=channel),
        messages=message_figures(since=since, until=until, now=now, channel=channel),
    )
