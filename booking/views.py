"""Public booking pages: an appointment's calendar file (« Ajouter à mon agenda »)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from booking.ics import appointment_from_token, appointment_ics
from booking.models import Appointment
from receptionist.lib.errors import error_body


@require_safe
def appointment_calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    """GET the .ics of the appointment the signed token names (where it was moved to)."""
    appointment = appointment_from_token(token)
    if appointment is None:
        return JsonResponse(
            error_body("not_found", "Unknown or altered calendar link."), status=404
        )
    if appointment.status != Appointment.Status.CONFIRMED:
        return JsonResponse(
            error_body("appointment_cancelled", "This appointment was cancelled."), status=410
        )
    response = HttpResponse(
        appointment_ics(appointment, now=timezone.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="rendez-vous.ics"'
    response["Cache-Control"] = "private, no-store"
    # The token is the key: no referrer carries it to another site.
    response["Referrer-Policy"] = "no-referrer"
    return response
