"""The managers' conversion report (/admin/reports/), its CSV, and their agreement with the API."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.db.models import Count
from django.db.models.functions import TruncDate

from booking.models import Appointment
from booking.reports import Attendance
from booking.services import appointment_book, appointment_mark_attendance, appointment_move
from conversations.admin import charts
from conversations.admin.reports import STATE_LABELS, change
from conversations.dialogue.states import State
from conversations.models import Conversation, Turn
from conversations.reports import LocalDate, local_bounds, offset_spans, sessions
from conversations.services import conversation_handle_turn
from receptionist.lib.xlsx_export import XLSX_TYPE

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)
REPORT = "/admin/reports/"
STATS = "/api/stats/bookings"
# The default period: the 30 local days ending today.
FIRST, LAST = date(2026, 10, 25), date(2026, 11, 23)
SCRIPT = "<script>alert('x')</script> vous faites les motos ?"
FORMULA = '=HYPERLINK("http://evil.example","cliquez")'


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Password hashing is not under test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


def conversation(
    key: str,
    created: datetime,
    *,
    channel: str = "web",
    outcome: str = "",
    state: str = "START",
    turns: int = 4,
    router: bool = False,
    updated: datetime | None = None,
) -> Conversation:
    row = Conversation.objects.create(
        key=key,
        channel=channel,
        outcome=outcome,
        state=state,
        turn_count=turns,
        reached_router=router,
    )
    Conversation.objects.filter(pk=row.pk).update(
        created_at=created, updated_at=updated or created + timedelta(minutes=5)
    )
    return row


def turn(row: Conversation, index: int, text: str, *, faq_id: str = "", prompts: str = "") -> None:
    made = Turn.objects.create(
        conversation=row,
        index=index,
        user_text=text,
        state_before=row.state,
        state_after=row.state,
        faq_id=faq_id,
        prompt_keys=prompts or ("MSG_FAQ_ANSWER,MSG_ASK_INTENT" if faq_id else "MSG_ASK_NAME"),
    )
    created = Conversation.objects.values_list("created_at", flat=True).get(pk=row.pk)
    Turn.objects.filter(pk=made.pk).update(created_at=created + timedelta(minutes=index))


MISS = "MSG_FAQ_NO_MATCH,MSG_ASK_INTENT"


@pytest.fixture
def history(business, clock) -> None:
    """Fifteen conversations around the default period (30 days to Monday 23 November)."""
    c1 = conversation("c1", at(11, 20, 10), outcome="confirmed", state="CONFIRMED")
    # 23:30 in Paris on the 20th is the 20th; 00:30 on the 21st is the 21st (22:30 and 23:30 UTC).
    c2 = conversation(
        "c2", at(11, 20, 23, 30), channel="voice", outcome="confirmed", state="CONFIRMED"
    )
    conversation(
        "c3", at(11, 21, 0, 30), channel="voice", outcome="transferred", state="TRANSFERRED"
    )
    conversation("c4", at(11, 22, 11), outcome="cancelled", state="CANCELLED")
    conversation("c5", at(11, 22, 12), outcome="moved", state="CONFIRMED")
    # Stuck in the anti-loop menu, silent for an hour: abandoned.
    c6 = conversation(
        "c6",
        at(11, 23, 7),
        channel="voice",
        state="INTENT_ROUTER",
        router=True,
        updated=at(11, 23, 8),
    )
    c7 = conversation("c7", at(11, 10, 15), outcome="abandoned", state="QUALIF_PREF")
    # Still talking: updated five minutes ago.
    c8 = conversation("c8", at(11, 23, 8, 50), state="WAIT_CONFIRM", updated=at(11, 23, 8, 55))
    # Opened and left without a word: not a session.
    conversation("c9", at(11, 15, 10), outcome="expired", state="START", turns=1)
    conversation("c10", at(11, 15, 11), outcome="expired", state="QUALIF_NAME", turns=3)
    # The evening before the period (21:30 UTC), then its first minutes (22:30 UTC).
    c11 = conversation("c11", at(10, 24, 23, 30), outcome="confirmed", state="CONFIRMED")
    conversation("c12", at(10, 25, 0, 30), state="QUALIF_NAME")
    # The clocks went back at 03:00 on the 25th: 23:30 is 22:30 UTC, 00:10 is 23:10 UTC.
    conversation("c13", at(10, 25, 23, 30), channel="voice", outcome="confirmed", state="CONFIRMED")
    conversation("c14", at(10, 26, 0, 10), state="QUALIF_CONTACT")
    c15 = conversation("c15", at(11, 18, 9), state="START", turns=2)

    turn(c1, 1, "vous ouvrez quand ?", faq_id="FAQ_HOURS")
    turn(c1, 2, "et le samedi ?", faq_id="FAQ_HOURS")
    turn(c1, 3, "c'est où ?", faq_id="FAQ_ADDRESS")
    turn(c1, 4, "je voudrais un rendez-vous")
    turn(c2, 1, "quels horaires ?", faq_id="FAQ_HOURS")
    turn(c7, 1, "Vous vendez des vélos ?", prompts=MISS)
    turn(c8, 1, "  vous vendez des vélos ?  ", prompts="MSG_FAQ_NO_MATCH,MSG_REASK_SLOTS")
    turn(c6, 1, SCRIPT, prompts=MISS)
    turn(c15, 1, FORMULA, prompts=MISS)
    turn(c15, 2, "blabla", prompts="MSG_ASK_INTENT_RETRY")  # not a question: no miss
    for n in range(1, 6):  # before the period: counted nowhere
        turn(c11, n, "vous prenez la carte ?", faq_id="FAQ_PAYMENT")
    turn(c11, 6, "Vous vendez des vélos ?", prompts=MISS)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", password="x-boss-pass")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def staff(django_user_model, name: str, *groups: str):
    user = django_user_model.objects.create_user(name, password="x-pass", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def figures(response) -> dict:
    return response.context["report"].figures


# --- The figures ---------------------------------------------------------------------------

EXPECTED = {
    "total_sessions": 13,
    "confirmed_bookings": 3,  # c1, c2, c13
    "moved": 1,
    "cancelled": 1,
    "transferred": 1,
    "intent_router": 1,
    "abandoned": 6,  # c6, c12, c14, c15 silent; c7 abandoned; c10 expired
    "conversion_rate": 23.1,
    "abandon_rate": 46.2,
}


def test_the_default_period_is_the_last_30_days_with_every_figure(history, admin_client):
    response = admin_client.get(REPORT)

    assert response.status_code == 200
    form = response.context["form"]
    assert (form.cleaned_data["from"], form.cleaned_data["to"]) == (FIRST, LAST)
    assert figures(response) == EXPECTED


def test_the_figures_agree_with_the_stats_api(history, admin_client, staff_client):
    report = figures(admin_client.get(REPORT))
    # The API's rolling window starting where the period starts (22:00 UTC on 24 October).
    hours = int((NOW - datetime(2026, 10, 24, 22, tzinfo=UTC)).total_seconds() // 3600)
    api = staff_client.get(f"{STATS}?hours={hours}").json()

    assert {key: api[key] for key in api if key in report} == {
        key: value for key, value in report.items() if key != "abandoned"
    }
    voice = figures(admin_client.get(REPORT + "?channel=voice"))
    assert api["by_channel"]["voice"] == {
        "total_sessions": voice["total_sessions"],
        "confirmed_bookings": voice["confirmed_bookings"],
        "conversion_rate": voice["conversion_rate"],
    }


def test_the_channel_filter_counts_one_channel(history, admin_client):
    response = admin_client.get(REPORT + "?channel=voice")

    assert figures(response) == {
        "total_sessions": 4,  # c2, c3, c6, c13
        "confirmed_bookings": 2,
        "moved": 0,
        "cancelled": 0,
        "transferred": 1,
        "intent_router": 1,
        "abandoned": 1,
        "conversion_rate": 50.0,
        "abandon_rate": 25.0,
    }
    report = response.context["report"]
    assert report.funnel == [("INTENT_ROUTER", 1), ("TRANSFERRED", 1)]
    assert [(f.faq_id, f.asked) for f in report.faq_top] == [("FAQ_HOURS", 1)]
    assert [u.text for u in report.unmatched] == [SCRIPT]


def test_the_period_filter_counts_its_local_days_only(history, admin_client):
    response = admin_client.get(REPORT + "?from=2026-11-20&to=2026-11-21")

    report = response.context["report"]
    assert (report.figures["total_sessions"], report.figures["confirmed_bookings"]) == (3, 2)
    assert [(d.day, d.sessions, d.confirmed) for d in report.days] == [
        (date(2026, 11, 20), 2, 2),
        (date(2026, 11, 21), 1, 0),
    ]
    assert [(f.faq_id, f.asked) for f in report.faq_top] == [
        ("FAQ_HOURS", 3),
        ("FAQ_ADDRESS", 1),
    ]
    assert report.unmatched == []


def test_the_funnel_counts_lost_sessions_by_last_state_in_flow_order(history, admin_client):
    report = admin_client.get(REPORT).context["report"]

    # Not lost, so not in the funnel: the bookings, the move (c5) and the cancellation (c4).
    assert report.funnel == [
        ("START", 1),
        ("INTENT_ROUTER", 1),
        ("QUALIF_NAME", 2),
        ("QUALIF_PREF", 1),
        ("QUALIF_CONTACT", 1),
        ("WAIT_CONFIRM", 1),
        ("TRANSFERRED", 1),
    ]
    assert sum(n for _, n in report.funnel) == EXPECTED["total_sessions"] - 3 - 2


def test_a_question_the_faq_answered_is_not_a_lost_conversation(business, clock, admin_client):
    answered = conversation("answered", at(11, 22, 9), state="START", turns=2)
    turn(answered, 1, "vous ouvrez le samedi ?", faq_id="FAQ_HOURS")
    # Answered, then a question nothing answered: lost at the start.
    missed = conversation("missed", at(11, 22, 10), state="START", turns=3)
    turn(missed, 1, "vous ouvrez le samedi ?", faq_id="FAQ_HOURS")
    turn(missed, 2, "vous vendez des vélos ?", prompts=MISS)
    # Only proposed (« Vous souhaitez connaître nos horaires ? ») and left: lost there.
    proposed = conversation("proposed", at(11, 22, 11), state="FAQ_CONFIRM", turns=2)
    turn(proposed, 1, "horaires samedi", faq_id="FAQ_HOURS")
    Turn.objects.filter(conversation=proposed).update(state_after="FAQ_CONFIRM")
    # An answer, then a booking left halfway: lost where it stopped.
    started = conversation("started", at(11, 22, 12), state="QUALIF_NAME", turns=3)
    turn(started, 1, "vous ouvrez le samedi ?", faq_id="FAQ_HOURS")

    report = admin_client.get(REPORT).context["report"]

    assert report.funnel == [("START", 1), ("QUALIF_NAME", 1), ("FAQ_CONFIRM", 1)]


def test_the_daily_series_counts_by_day_in_the_business_timezone(history, admin_client):
    days = admin_client.get(REPORT).context["report"].days

    assert len(days) == 30
    assert (days[0].day, days[-1].day) == (FIRST, LAST)
    busy = {d.day: (d.sessions, d.confirmed) for d in days if d.sessions}
    assert busy == {
        date(2026, 10, 25): (2, 1),  # c12 at 00:30 (before the clocks went back), c13 at 23:30
        date(2026, 10, 26): (1, 0),  # c14 at 00:10, 23:10 UTC the day before
        date(2026, 11, 10): (1, 0),
        date(2026, 11, 15): (1, 0),  # c10; c9 is not a session
        date(2026, 11, 18): (1, 0),
        date(2026, 11, 20): (2, 2),  # c2 at 23:30
        date(2026, 11, 21): (1, 0),  # c3 at 00:30, 23:30 UTC the day before
        date(2026, 11, 22): (2, 0),
        date(2026, 11, 23): (2, 0),
    }
    assert sum(d.sessions for d in days) == EXPECTED["total_sessions"]


def test_local_dates_match_django_truncdate(history):
    since, until = local_bounds(FIRST, LAST, PARIS)
    window = sessions(since=since, until=until)

    def per_day(expression) -> dict:
        rows = window.annotate(day=expression).values("day").annotate(n=Count("id"))
        return {row["day"]: row["n"] for row in rows.order_by()}

    assert per_day(LocalDate("created_at", tzinfo=PARIS, since=since, until=until)) == per_day(
        TruncDate("created_at", tzinfo=PARIS)
    )


def test_offset_spans_find_the_clock_change():
    since, until = local_bounds(date(2026, 10, 20), date(2026, 10, 30), PARIS)

    assert offset_spans(PARIS, since, until) == [
        (datetime(2026, 10, 25, 1, tzinfo=UTC), 7200),
        (until, 3600),
    ]
    winter = local_bounds(date(2026, 11, 1), date(2026, 11, 30), PARIS)
    assert offset_spans(PARIS, *winter) == [(winter[1], 3600)]


def test_faq_entries_most_asked_in_the_period(history, admin_client):
    faq_top = admin_client.get(REPORT).context["report"].faq_top

    assert [(f.faq_id, f.asked) for f in faq_top] == [("FAQ_HOURS", 3), ("FAQ_ADDRESS", 1)]
    assert all(f.question for f in faq_top)


def test_unmatched_questions_most_asked_first(history, admin_client):
    unmatched = admin_client.get(REPORT).context["report"].unmatched

    # Same words in another case or spacing are one question; c11's is before the period.
    assert [(u.text, u.asked) for u in unmatched] == [
        ("vous vendez des vélos ?", 2),
        (SCRIPT, 1),  # c6, 23 November
        (FORMULA, 1),  # c15, 18 November
    ]


def test_real_conversations_are_reported(business, clock, admin_client):
    booked = conversation_handle_turn(channel="web", conversation_id=None, message="")
    for line in ("je voudrais prendre rendez-vous", "Paul Ménard", "une vidange", "mardi matin"):
        conversation_handle_turn(
            channel="web", conversation_id=booked.conversation_id, message=line
        )
    for line in ("06 12 34 56 78", "le premier"):
        last = conversation_handle_turn(
            channel="web", conversation_id=booked.conversation_id, message=line
        )
    assert last.state == "CONFIRMED"
    asked = conversation_handle_turn(channel="voice", conversation_id=None, message="")
    answer = conversation_handle_turn(
        channel="voice", conversation_id=asked.conversation_id, message="c'est où le garage ?"
    )
    miss = conversation_handle_turn(
        channel="voice",
        conversation_id=asked.conversation_id,
        message="vous vendez des glaces ?",
    )
    assert (answer.faq_id, miss.state, miss.transfer) == ("FAQ_ADDRESS", "START", False)
    again = conversation_handle_turn(
        channel="voice", conversation_id=asked.conversation_id, message="et il va pleuvoir demain ?"
    )
    assert (again.state, again.transfer) == ("TRANSFERRED", True)

    report = admin_client.get(REPORT).context["report"]

    assert (report.figures["total_sessions"], report.figures["confirmed_bookings"]) == (2, 1)
    assert report.figures["conversion_rate"] == 50.0
    assert report.figures["transferred"] == 1
    assert report.funnel == [("TRANSFERRED", 1)]
    assert report.days[-1].sessions == 2
    assert report.days[-1].confirmed == 1
    assert [(f.faq_id, f.asked) for f in report.faq_top] == [("FAQ_ADDRESS", 1)]
    assert sorted((u.text, u.asked) for u in report.unmatched) == [
        ("et il va pleuvoir demain ?", 1),
        ("vous vendez des glaces ?", 1),
    ]


# --- The page, its charts and its CSV -------------------------------------------------------


def test_the_page_draws_escaped_svg_charts_and_no_script(history, admin_client):
    html = admin_client.get(REPORT).content.decode()

    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" viewBox=') == 2
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Rapport de conversion" in html
    assert "Taux de conversion (%)" in html


def test_charts_escape_their_text():
    funnel = charts.funnel_chart([("<b>état</b>", 3), ("QUALIF_NAME", 1)])
    daily = charts.daily_chart([(date(2026, 11, 23), 4, 1)])

    assert "<b>" not in funnel
    assert "&lt;b&gt;état&lt;/b&gt;" in funnel
    assert funnel.startswith("<svg")
    assert daily.startswith("<svg")
    assert "23/11/2026 : 4 sessions, 1 rendez-vous pris" in daily


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))  # French: « ; » between cells


def section(rows: list[list[str]], title: str) -> list[list[str]]:
    start = next(n for n, row in enumerate(rows) if row and row[0] == title)
    end = next((n for n in range(start, len(rows)) if not rows[n]), len(rows))
    return rows[start + 1 : end]


def test_the_csv_holds_the_same_figures(history, admin_client):
    page = admin_client.get(REPORT).context["report"]
    response = admin_client.get(REPORT + "?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "rapport-conversion-2026-10-25-2026-11-23.csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ["Rapport de conversion", "2026-10-25", "2026-11-23", "Tous"]
    figures = section(rows, "Indicateur")
    # Decimal commas, as a French spreadsheet reads numbers.
    assert {key: float(value.replace(",", ".")) for _, key, value, _ in figures} == page.figures
    assert any("," in value for _, _, value, _ in figures)
    assert [(s, int(n)) for _, s, n in section(rows, "Dernière étape (sans rendez-vous pris)")] == (
        page.funnel
    )
    assert [(d, int(s), int(c)) for d, s, c in section(rows, "Jour")] == [
        (str(d.day), d.sessions, d.confirmed) for d in page.days
    ]
    assert [(f, int(n)) for f, _, n in section(rows, "Question fréquente")] == [
        ("FAQ_HOURS", 3),
        ("FAQ_ADDRESS", 1),
    ]
    assert [(q, int(n)) for q, n, _ in section(rows, "Question sans réponse")] == [
        ("vous vendez des vélos ?", 2),
        (SCRIPT, 1),
        ("'" + FORMULA, 1),  # a spreadsheet shows it, never runs it
    ]


def test_the_csv_follows_the_filters(history, admin_client):
    rows = read_csv(admin_client.get(REPORT + "?channel=voice&format=csv"))

    figures = {key: value for _, key, value, _ in section(rows, "Indicateur")}
    assert (rows[0][3], figures["total_sessions"], figures["confirmed_bookings"]) == (
        "Téléphone",
        "4",
        "2",
    )


# --- Who may see it, and what it refuses ----------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(REPORT)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/reports/")


def test_staff_without_the_permission_get_403(client, django_user_model):
    client.force_login(staff(django_user_model, "desk", "Accueil"))

    assert client.get(REPORT).status_code == 403
    assert client.get(REPORT + "?format=csv").status_code == 403


def test_managers_may_read_the_report(client, django_user_model, business, clock):
    client.force_login(staff(django_user_model, "manager", "Direction"))

    assert client.get(REPORT).status_code == 200
    assert client.get(REPORT + "?format=csv").status_code == 200


def test_superusers_may_read_the_report(admin_client, business, clock):
    assert admin_client.get(REPORT).status_code == 200


def test_the_stats_api_refuses_anonymous_callers(api_client, db):
    assert api_client.get(f"{STATS}?hours=24").status_code in (401, 403)


def test_the_admin_home_links_to_the_report_for_those_allowed(
    client, admin_client, django_user_model
):
    assert 'href="/admin/reports/"' in admin_client.get("/admin/").content.decode()
    client.force_login(staff(django_user_model, "desk", "Accueil"))
    home = client.get("/admin/")
    assert home.status_code == 200
    assert 'href="/admin/reports/"' not in home.content.decode()


BAD_QUERIES = [
    ("not-a-date", "from=hier"),
    ("impossible-date", "from=2026-02-30"),
    ("start-after-end", "from=2026-11-23&to=2026-11-01"),
    ("more-than-a-year", "from=2024-01-01&to=2026-11-23"),
    ("year-one", "from=0001-01-01&to=0001-01-02"),
    ("year-9999", "from=9999-12-30&to=9999-12-31"),
    ("unknown-channel", "channel=fax"),
    ("unknown-format", "format=xml"),
    ("csv-with-a-bad-date", "format=csv&to=demain"),
]


@pytest.mark.parametrize("query", [q for _, q in BAD_QUERIES], ids=[i for i, _ in BAD_QUERIES])
def test_bad_queries_answer_400_never_500(history, admin_client, query):
    response = admin_client.get(f"{REPORT}?{query}")

    assert response.status_code == 400
    if "format" not in query:
        assert response.context["form"].errors
        assert response.context["report"] is None


@pytest.mark.parametrize("hours", ["0", "abc", "1e9", "-1", "99999999999999999999"])
def test_the_stats_api_refuses_bad_windows_with_4xx(staff_client, clock, hours):
    assert staff_client.get(f"{STATS}?hours={hours}").status_code == 400


def test_the_page_costs_a_fixed_number_of_queries(
    history, admin_client, django_assert_max_num_queries
):
    # Session, user, business, figures and the previous period's, channels, funnel, days,
    # FAQ top and its questions, unmatched questions, motifs, lead times, attendance, demand,
    # whether practitioners are named (16), messages sent, reminded appointments and link
    # actions (3), and the admin's own; none per conversation, appointment or day.
    with django_assert_max_num_queries(22):
        assert admin_client.get(REPORT).status_code == 200


def test_the_report_downloads_as_an_xlsx_workbook(history, admin_client):
    page = admin_client.get(REPORT).context["report"]
    response = admin_client.get(REPORT + "?format=xlsx")

    assert response["Content-Type"] == XLSX_TYPE
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Rapport de conversion", "2026-10-25"]
    start = next(n for n, row in enumerate(rows) if row[0] == "Indicateur")
    figures = {row[1]: row[2] for row in rows[start + 1 : start + 1 + len(page.figures)]}
    assert figures == page.figures  # numbers stay numbers


# --- What managers read beyond the funnel (issue 15) -----------------------------------------


def test_the_figures_are_compared_with_the_period_just_before(history, admin_client):
    response = admin_client.get(REPORT)
    report = response.context["report"]

    # 25 September – 24 October: c11 alone, booked.
    assert report.previous["total_sessions"] == 1
    assert report.previous["confirmed_bookings"] == 1
    html = response.content.decode()
    assert "+12 par rapport à la période précédente (1)" in html
    assert "−76,9 pt par rapport à la période précédente (100,0)" in html


@pytest.mark.parametrize(
    ("key", "now", "before", "expected"),
    [
        ("total_sessions", 13, 1, "+12"),
        ("total_sessions", 1, 13, "−12"),
        ("total_sessions", 4, 4, "="),
        ("conversion_rate", 23.1, 100.0, "−76,9 pt"),
        ("abandon_rate", 50.0, 25.0, "+25,0 pt"),
        ("total_sessions", 4, None, ""),
    ],
)
def test_a_change_reads_as_a_count_or_in_points(key, now, before, expected):
    assert change(key, now, before) == expected


def test_web_and_phone_are_split(history, admin_client):
    report = admin_client.get(REPORT).context["report"]

    rows = {c.channel: (c.sessions, c.confirmed, c.conversion_rate) for c in report.by_channel}
    assert rows == {"web": (9, 1, 11.1), "voice": (4, 2, 50.0)}
    assert sum(c.sessions for c in report.by_channel) == EXPECTED["total_sessions"]


def test_demand_by_weekday_and_hour_in_the_business_time(history, admin_client):
    report = admin_client.get(REPORT).context["report"]

    assert sum(map(sum, report.demand)) == EXPECTED["total_sessions"]
    assert report.demand[4][10] == 1  # c1: Friday 20 November, 10:00 in Paris
    assert report.demand[4][23] == 1  # c2: 23:30 in Paris, 22:30 UTC
    assert report.demand[5][0] == 1  # c3: Saturday 00:30 in Paris


def test_the_funnel_is_said_in_words_for_every_state(history, admin_client):
    assert {state.value for state in State} <= set(STATE_LABELS)
    html = admin_client.get(REPORT).content.decode()
    assert "En donnant son nom" in html
    for state in State:
        assert f">{state.value}<" not in html


def booked(business, start: datetime, created: datetime, motif: str, **extra) -> Appointment:
    appointment = appointment_book(
        business=business,
        start=start,
        end=start + timedelta(hours=1),
        name="Léa Roux",
        motif=motif,
        **extra,
    )
    Appointment.objects.filter(pk=appointment.pk).update(created_at=created)
    return appointment


def test_bookings_by_motif_lead_time_and_attendance(business, clock, admin_client):
    booked(business, at(11, 20, 10), at(11, 20, 8), "Vidange")  # the same day
    booked(business, at(11, 21, 10), at(11, 20, 9), " vidange ", channel="voice")  # next day
    moved = booked(business, at(11, 30, 10), at(11, 20, 9), "distribution")  # ten days
    booked(business, at(11, 19, 10), at(10, 1, 9), "révision")  # booked before the period
    new = appointment_move(
        business=business, appointment_id=moved.pk, start=at(12, 1, 10), end=at(12, 1, 11)
    )
    assert new.created_at > at(11, 23, 0)  # a move is not a new booking
    arrived, missed = Appointment.objects.filter(start__lt=at(11, 21, 12)).order_by("start")[1:]
    appointment_mark_attendance(
        business=business, appointment_id=arrived.pk, attendance="arrived", now=at(11, 23, 9)
    )
    appointment_mark_attendance(
        business=business, appointment_id=missed.pk, attendance="no_show", now=at(11, 23, 9)
    )

    response = admin_client.get(REPORT)
    report = response.context["report"]

    assert report.motifs == [("vidange", 2), ("distribution", 1)]
    assert report.lead.bookings == 3
    assert report.lead.median_days == 1.0
    assert dict(report.lead.buckets) == {
        "le jour même": 1,
        "le lendemain": 1,
        "2 à 7 jours": 0,
        "8 à 30 jours": 1,
        "plus de 30 jours": 0,
    }
    # The 19th (unmarked), the 20th (arrived) and the 21st (absent) have begun.
    assert report.attendance == Attendance(arrived=1, no_show=1, unmarked=1)
    assert report.attendance.no_show_rate == 50.0
    html = response.content.decode()
    assert "Taux d'absence : <strong>50,0 %</strong>" in html
    assert "Médiane : <strong>1 jour</strong>" in html
    # Phone bookings alone.
    voice = admin_client.get(REPORT + "?channel=voice").context["report"]
    assert voice.motifs == [("vidange", 1)]
    assert voice.attendance == Attendance(arrived=0, no_show=1, unmarked=0)
