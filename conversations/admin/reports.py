"""The managers' conversion report in the admin: /admin/reports/, as a page or as CSV."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.template.response import TemplateResponse
from django.utils import timezone

from booking.notifications.reports import MessageFigures
from booking.selectors import business_identity
from conversations.admin import charts
from conversations.models import Channel
from conversations.reports import Report, conversion_report
from faq.access import may_add_phrasing
from receptionist.lib.csv_export import csv_response
from receptionist.lib.xlsx_export import xlsx_response

DEFAULT_DAYS = 30
MAX_DAYS = 366
EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)
# The report's figures, in the order shown; keys are those of the stats API.
FIGURES = [
    ("total_sessions", "Sessions"),
    ("confirmed_bookings", "Rendez-vous pris"),
    ("cancelled", "Annulations"),
    ("moved", "Déplacements"),
    ("transferred", "Transferts à l'équipe"),
    ("intent_router", "Menus anti-boucle"),
    ("abandoned", "Abandons"),
    ("conversion_rate", "Taux de conversion (%)"),
    ("abandon_rate", "Taux d'abandon (%)"),
]
# Where a conversation without a booking stopped, in a manager's words (no state codes).
STATE_LABELS = {
    "START": "À l'accueil, sans demande comprise",
    "INTENT_ROUTER": "Au menu proposé après deux incompréhensions",
    "QUALIF_NAME": "En donnant son nom",
    "QUALIF_MOTIF": "En donnant le motif du rendez-vous",
    "QUALIF_PREF": "En donnant ses disponibilités",
    "QUALIF_CONTACT": "En donnant ses coordonnées",
    "QUALIF_PRACTITIONER": "En choisissant le praticien",
    "WAIT_CONFIRM": "En choisissant parmi les créneaux proposés",
    "BOOKING_CONFIRM": "Au moment de confirmer le rendez-vous",
    "CANCEL_NAME": "Annulation : en donnant son nom",
    "CANCEL_VERIFY": "Annulation : en prouvant que le rendez-vous est le sien",
    "CANCEL_SELECT": "Annulation : en choisissant le rendez-vous",
    "CANCEL_CONFIRM": "Annulation : au moment de confirmer",
    "MODIFY_NAME": "Déplacement : en donnant son nom",
    "MODIFY_VERIFY": "Déplacement : en prouvant que le rendez-vous est le sien",
    "MODIFY_SELECT": "Déplacement : en choisissant le nouveau créneau",
    "MODIFY_CONFIRM": "Déplacement : au moment de confirmer",
    "FAQ_CONFIRM": "Question : en confirmant la question comprise",
    "CONFIRMED": "Après un rendez-vous déplacé",
    "CANCELLED": "Après une annulation",
    "TRANSFERRED": "Passé à l'équipe",
}
# Figures whose change is read in points, not in count.
RATES = {"conversion_rate", "abandon_rate"}
WEEKDAYS = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"]


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, "Autre étape")


def change(key: str, now: Any, before: Any) -> str:
    """« +3 », « −1,5 pt », « = » : the figure against the period just before."""
    if before is None:
        return ""
    delta = now - before
    if not delta:
        return "="
    sign = "+" if delta > 0 else "−"
    if key in RATES:
        return f"{sign}{abs(delta):.1f} pt".replace(".", ",")
    return f"{sign}{abs(delta)}"


def demand_rows(grid: list[list[int]]) -> tuple[list[tuple[str, list[tuple[int, int]]]], list[int]]:
    """The heat-map as table rows (weekday, [(count, level 0–4)]) over the hours with demand."""
    # The usual day (8 h – 19 h), widened to every hour that had demand.
    busy = [h for h in range(24) if any(day[h] for day in grid)]
    hours = list(range(min([8, *busy]), max([18, *busy]) + 1))
    peak = max((max(day) for day in grid), default=0) or 1
    rows = [
        (
            WEEKDAYS[n],
            [(day[h], 0 if not day[h] else 1 + min(3, 4 * day[h] // (peak + 1))) for h in hours],
        )
        for n, day in enumerate(grid)
    ]
    return rows, hours


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )


class ReportForm(forms.Form):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD&channel=web|voice (the names the appointments API uses)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword: these fields cannot be class attributes.
        self.fields["from"] = date_field("Du")
        self.fields["to"] = date_field("Au")
        self.fields["channel"] = forms.ChoiceField(
            label="Canal", required=False, choices=[("", "Tous"), *Channel.choices]
        )

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data; the stub allows None for overrides.
        data = cast("dict[str, Any]", super().clean())
        first, last = data.get("from"), data.get("to")
        if first and last and first > last:
            raise forms.ValidationError("La date de début doit précéder la date de fin.")
        if first and last and (last - first).days >= MAX_DAYS:
            raise forms.ValidationError(f"La période ne peut dépasser {MAX_DAYS} jours.")
        return data


def business_zone() -> ZoneInfo:
    return business_identity().tz


def form_data(params: QueryDict, *, today: date) -> dict[str, str]:
    """The query, with the last 30 days and every channel for what it leaves out."""
    return {
        "from": params.get("from") or str(today - timedelta(days=DEFAULT_DAYS - 1)),
        "to": params.get("to") or str(today),
        "channel": params.get("channel", ""),
    }


def report_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("conversations.view_report"):
        raise PermissionDenied
    export = request.GET.get("format") or "html"
    if export not in ("html", "csv", "xlsx"):
        return HttpResponseBadRequest("format : html, csv ou xlsx.", content_type="text/plain")
    tz = business_zone()
    now = timezone.now()
    form = ReportForm(form_data(request.GET, today=now.astimezone(tz).date()))
    if not form.is_valid():
        if export != "html":
            return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
        return page(request, form, None, tz=tz, status=400)
    query = form.cleaned_data
    report = conversion_report(
        first=query["from"], last=query["to"], tz=tz, now=now, channel=query["channel"]
    )
    if export == "csv":
        return report_csv(report, query, tz=tz)
    if export == "xlsx":
        name = f"rapport-conversion-{query['from']}-{query['to']}.xlsx"
        return xlsx_response(name, csv_rows(report, query, tz), title="Rapport")
    return page(request, form, report, tz=tz)


def page(
    request: HttpRequest,
    form: ReportForm,
    report: Report | None,
    *,
    tz: ZoneInfo,
    status: int = 200,
) -> TemplateResponse:
    context: dict[str, Any] = {
        **admin.site.each_context(request),
        "title": "Rapport de conversion",
        "form": form,
        "report": report,
        "tz": tz,
        # « Ajouter comme formulation d'une FAQ » beside each unanswered question.
        "can_add_phrasing": may_add_phrasing(request.user),
        "back": request.get_full_path(),
    }
    if report is not None:
        csv_query, xlsx_query = request.GET.copy(), request.GET.copy()
        csv_query["format"], xlsx_query["format"] = "csv", "xlsx"
        demand, hours = demand_rows(report.demand)
        context |= {
            "figures": [
                (
                    label,
                    report.figures[key],
                    report.previous.get(key),
                    change(key, report.figures[key], report.previous.get(key)),
                )
                for key, label in FIGURES
            ],
            "channel_rows": [
                (dict(Channel.choices).get(c.channel, c.channel), c) for c in report.by_channel
            ],
            "demand": demand,
            "demand_hours": hours,
            "funnel": [(state_label(s), n) for s, n in report.funnel],
            "funnel_lost": sum(n for _, n in report.funnel),
            "daily_chart": charts.daily_chart(
                [(d.day, d.sessions, d.confirmed) for d in report.days]
            ),
            "funnel_chart": charts.funnel_chart([(state_label(s), n) for s, n in report.funnel]),
            "csv_url": f"?{csv_query.urlencode()}",
            "xlsx_url": f"?{xlsx_query.urlencode()}",
        }
    return TemplateResponse(request, "admin/reports/conversion.html", context, status=status)


def csv_rows(report: Report, query: dict[str, Any], tz: ZoneInfo) -> list[list[object]]:
    channel = dict(Channel.choices).get(query["channel"], "Tous")
    rows: list[list[object]] = [
        ["Rapport de conversion", str(query["from"]), str(query["to"]), channel],
        [],
        ["Indicateur", "Clé", "Valeur", "Période précédente"],
        *([label, key, report.figures[key], report.previous.get(key)] for key, label in FIGURES),
        [],
        ["Canal", "Sessions", "Rendez-vous pris", "Taux de conversion (%)"],
        *(
            [
                dict(Channel.choices).get(c.channel, c.channel),
                c.sessions,
                c.confirmed,
                c.conversion_rate,
            ]
            for c in report.by_channel
        ),
        [],
        ["Dernière étape (sans rendez-vous pris)", "État", "Conversations"],
        *([state_label(s), s, n] for s, n in report.funnel),
        [],
        ["Motif", "Rendez-vous pris"],
        *([motif, n] for motif, n in report.motifs),
        [],
        ["Délai entre la prise et le rendez-vous", "Rendez-vous pris"],
        *([label, n] for label, n in (report.lead.buckets if report.lead else [])),
        [],
        ["Présence (rendez-vous passés)", "Nombre"],
        *(
            [
                ["Arrivés", report.attendance.arrived],
                ["Absents", report.attendance.no_show],
                ["Non renseignés", report.attendance.unmarked],
            ]
            if report.attendance
            else []
        ),
        [],
        ["Messages aux clients", "Nombre"],
        *(message_rows(report.messages) if report.messages else []),
        [],
        ["Praticien", "Rendez-vous pris", "Arrivés", "Absents", "Charge (%)"],
        *(
            list[object]([r.name, r.bookings, r.arrived, r.no_show, r.load])
            for r in report.practitioners
        ),
        [],
        ["Demande (sessions)", *(f"{h} h" for h in range(24))],
        *([WEEKDAYS[n], *day] for n, day in enumerate(report.demand)),
        [],
        ["Jour", "Sessions", "Rendez-vous pris"],
        *([str(d.day), d.sessions, d.confirmed] for d in report.days),
        [],
        ["Question fréquente", "Intitulé", "Demandes"],
        *([f.faq_id, f.question, f.asked] for f in report.faq_top),
        [],
        ["Question sans réponse", "Demandes", "Dernière demande"],
        *(
            [u.text, u.asked, f"{u.last_asked.astimezone(tz):%Y-%m-%d %H:%M}"]
            for u in report.unmatched
        ),
    ]
    return rows


def message_rows(m: MessageFigures) -> list[list[object]]:
    return [
        ["E-mails envoyés", m.sent_email],
        ["SMS envoyés", m.sent_sms],
        ["Rendez-vous rappelés", m.reminded],
        ["Venue confirmée par le lien", m.confirmed_by_link],
        ["Taux de confirmation (%)", m.confirmed_rate],
        ["Annulés par le lien", m.cancelled_by_link],
        ["Déplacés par le lien", m.moved_by_link],
        ["Absences après rappel (%)", m.no_show_rate_reminded],
        ["Absences sans rappel (%)", m.no_show_rate_unreminded],
    ]


def report_csv(report: Report, query: dict[str, Any], *, tz: ZoneInfo) -> HttpResponse:
    name = f"rapport-conversion-{query['from']}-{query['to']}.csv"
    return csv_response(name, csv_rows(report, query, tz), french=True)
