"""The self-service page behind a message's link: see, confirm, cancel or move an appointment.

GET shows it (and, with ?move, free times); POST acts, then redirects back (no form sent
twice by a reload). A forged link is 404, an appointment already over 410.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from booking.models import Appointment
from booking.notifications import selfservice
from booking.notifications.links import appointment_from_manage_token
from booking.notifications.messages import values
from booking.services import CancelTooLate, SlotTaken
from receptionist.lib.french import clock_label, day_label

ACTIONS = {"confirm", "cancel", "move", "opt_out"}


def _page(
    request: HttpRequest, template: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    # The token is the key: no referrer carries it to another site. (« same-origin », not
    # « no-referrer »: with that, browsers post the forms with « Origin: null », which the
    # CSRF check rightly refuses.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def appointment_manage(request: HttpRequest, token: str) -> HttpResponse:
    appointment = appointment_from_manage_token(token)
    if appointment is None:
        return _page(request, "notifications/link_invalid.html", {}, status=404)
    now = timezone.now()
    if appointment.end <= now:
        return _page(request, "notifications/link_invalid.html", {"expired": True}, status=410)
    if request.method == "POST":
        return _act(request, token, appointment, now)
    return _show(request, token, appointment, now)


def _show(
    request: HttpRequest, token: str, appointment: Appointment, now: datetime
) -> HttpResponse:
    filled = values(appointment, link="")
    changeable = selfservice.changeable(appointment, now)
    context: dict[str, object] = {
        "token": token,
        "appointment": appointment,
        "business": appointment.business,
        "when": f"{filled['date']} à {filled['heure']}",
        "duration": filled["duree"],
        "practitioner": filled["praticien"].removeprefix(" avec "),
        "confirmed": appointment.status == Appointment.Status.CONFIRMED,
        "attendance_confirmed": appointment.self_service.filter(action="confirm").exists(),
        "changeable": changeable,
        "done": request.GET.get("done", ""),
        "has_mobile": bool(appointment.phone),
    }
    if changeable and "move" in request.GET:
        from_day = _day(request.GET.get("from", ""))
        tz = appointment.business.zone
        slots = selfservice.move_choices(appointment, now=now, from_day=from_day)
        context["slots"] = [
            {
                "value": slot.start.isoformat(),
                "label": f"{day_label(slot.start.astimezone(tz))} à "
                f"{clock_label(slot.start.astimezone(tz))}",
            }
            for slot in slots
        ]
        context["moving"] = True
        context["next_from"] = slots[-1].start.astimezone(tz).date().isoformat() if slots else ""
    return _page(request, "notifications/manage.html", context)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _act(request: HttpRequest, token: str, appointment: Appointment, now: datetime) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return _back(token, "invalid")
    if action == "opt_out":
        selfservice.sms_opt_out(appointment)
        return _back(token, "opt_out")
    if appointment.status != Appointment.Status.CONFIRMED:
        return _back(token, "not_confirmed")
    if action == "confirm":
        selfservice.attendance_confirm(appointment)
        return _back(token, "confirm")
    try:
        if action == "cancel":
            selfservice.cancel_by_link(appointment, now=now)
            return _back(token, "cancel")
        start = _instant(request.POST.get("start", ""))
        if start is None:
            return _back(token, "invalid")
        moved = selfservice.move_by_link(appointment, start=start, now=now)
    except CancelTooLate:
        return _back(token, "too_late")
    except SlotTaken:
        moved = None
    return _back(token, "move" if moved else "taken")


def _instant(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _back(token: str, done: str) -> HttpResponse:
    return redirect(f"{_path(token)}?done={done}")


def _path(token: str) -> str:
    return reverse("appointment-manage", kwargs={"token": token})
