"""The admin's day view: one day of the agenda, slot by slot, and the local-time helpers the
appointment list shares with it. The reads are `booking.selectors.business_day`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from booking.forms import DayForm
from booking.models import Business
from booking.selectors import business_day, business_identity


def local_today() -> date:
    return timezone.now().astimezone(business_identity().tz).date()


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=business_identity().tz)


def day_view(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The agenda of one day, slot by slot (the appointment admin's « day/ » page)."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    business = Business.objects.current()
    tz = business_identity().tz
    asked = DayForm(request.GET or None)
    day = asked.cleaned_data["date"] if asked.is_valid() else local_today()
    # Shown afresh, so that the field writes the day the French way, as the rest of the page.
    form = DayForm(initial={"date": day})
    agenda, booked = business_day(business=business, day=day, tz=tz)
    changelist = reverse("admin:booking_appointment_changelist")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"Agenda du {date_format(day, 'l j F Y')}",
        "business": business,
        "form": form,
        "date_invalid": bool(asked.errors),
        "agenda": agenda,
        "tz": tz,
        "appointments": booked,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
        "today": local_today(),
        "add_url": reverse("admin:booking_appointment_add"),
        "can_add": model_admin.has_add_permission(request),
        "changelist_url": changelist,
    }
    return TemplateResponse(request, "admin/booking/appointment/day.html", context)
