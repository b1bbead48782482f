"""The admin's agenda: the week as a calendar grid, one day slot by slot (and printed), the
quick actions of a block, and the local-time helpers the appointment list shares with them.
The reads are `booking.selectors.business_week` and `business_day`; writes go through
`booking.services`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString

from booking.agenda import WeekAgenda
from booking.availability import slots_propose
from booking.forms import DayForm
from booking.models import Appointment, Business, Practitioner
from booking.preferences import Preference
from booking.selectors import business_day, business_identity, business_profile, business_week
from booking.services import (
    AppointmentNotFound,
    AttendanceTooEarly,
    appointment_cancel,
    appointment_mark_attendance,
)
from receptionist.lib.phones import written


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
    day, invalid = _asked_day(request)
    # Shown afresh, so that the field writes the day the French way, as the rest of the page.
    form = DayForm(initial={"date": day})
    staff, chosen = _practitioners(request)
    agenda, booked = business_day(business=business, day=day, tz=tz, practitioner=chosen)
    # Several practitioners and none chosen: one column each, side by side.
    columns = (
        [
            (member, business_day(business=business, day=day, tz=tz, practitioner=member.key)[0])
            for member in staff
        ]
        if staff and not chosen
        else []
    )
    changelist = reverse("admin:booking_appointment_changelist")
    context = {
        "practitioners": staff,
        "practitioner": chosen,
        "columns": columns,
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"Agenda du {date_format(day, 'l j F Y')}",
        "business": business,
        "form": form,
        "date_invalid": invalid,
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


def _practitioners(request: HttpRequest) -> tuple[list[Practitioner], str]:
    """The business's named practitioners, and the one ``?practitioner=`` chose ("" for all)."""
    staff = list(Practitioner.objects.filter(active=True, implicit=False).order_by("position"))
    asked = request.GET.get("practitioner", "")
    return staff, asked if any(m.key == asked for m in staff) else ""


def _asked_day(request: HttpRequest) -> tuple[date, bool]:
    """The day in ``?date=`` (today if absent), and whether what was asked was invalid."""
    asked = DayForm(request.GET or None)
    if asked.is_valid():
        return asked.cleaned_data["date"], False
    return local_today(), bool(asked.errors)


@dataclass(frozen=True)
class BlockView:
    """What the week grid prints for one appointment, computed once (600 blocks a week must
    render fast: no URL reversing or date filter per block in the template)."""

    classes: str
    style: str
    href: str
    quick: str
    name: str
    phone: str
    phone_written: str
    motif: str
    time: str
    when: str
    extra: str  # for screen readers: the channel, and whether the person came
    attendance: str

    @property
    def html(self) -> SafeString:
        """The block as a link: one escaped string, as the admin's own list cells are built."""
        motif = format_html(' <span class="motif">· {}</span>', self.motif) if self.motif else ""
        return format_html(
            '<a class="appt {}" style="{}" href="{}" data-quick="{}" data-name="{}" '
            'data-when="{}" data-phone="{}" data-phone-written="{}" data-attendance="{}">'
            '<span class="time">{}</span> '
            '<span class="who">{}</span>{} <span class="visually-hidden">({})</span></a>',
            self.classes,
            self.style,
            self.href,
            self.quick,
            self.name,
            self.when,
            self.phone,
            self.phone_written,
            self.attendance,
            self.time,
            self.name,
            motif,
            self.extra,
        )


def _percent(value: float) -> str:
    return f"{value:.3f}%"


def block_views(agenda: WeekAgenda[Appointment], tz: ZoneInfo) -> list[list[BlockView]]:
    """Each day's blocks, ready to print."""
    change = reverse("admin:booking_appointment_change", args=[0]).replace("/0/", "/{}/")
    quick = reverse("admin:booking_appointment_quick", args=[0]).replace("/0/", "/{}/")
    days = []
    for day in agenda.days:
        views = []
        label = date_format(day.day, "l j F")
        for block in day.blocks:
            a = block.item
            start, end = a.start.astimezone(tz), a.end.astimezone(tz)
            extra = a.get_channel_display()
            if not a.practitioner.implicit:
                extra = f"{a.practitioner.name}, {extra}"
            if a.attendance:
                extra += f", {a.get_attendance_display().lower()}"
            views.append(
                BlockView(
                    classes=f"state-{a.attendance or 'confirmed'} channel-{a.channel}",
                    style=(
                        f"top: {_percent(block.top)}; height: {_percent(block.height)}; "
                        f"left: {_percent(block.left)}; width: {_percent(block.width)};"
                    ),
                    href=change.format(a.pk),
                    quick=quick.format(a.pk),
                    name=a.name,
                    phone=a.phone,
                    phone_written=written(a.phone),
                    motif=a.motif,
                    time=f"{start:%H:%M}",
                    when=f"{label}, {start:%H:%M}–{end:%H:%M}",
                    extra=extra,
                    attendance=a.attendance,
                )
            )
        days.append(views)
    return days


def week_view(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The week as a calendar grid (the appointment admin's « week/ » page)."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    business = Business.objects.current()
    tz = business_identity().tz
    day, invalid = _asked_day(request)
    monday = day - timedelta(days=day.weekday())
    staff, chosen = _practitioners(request)
    agenda = business_week(
        business=business, monday=monday, tz=tz, now=timezone.now(), practitioner=chosen
    )
    sunday = monday + timedelta(days=6)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"Semaine du {date_format(monday, 'j F')} au {date_format(sunday, 'j F Y')}",
        "business": business,
        "form": DayForm(initial={"date": day}),
        "date_invalid": invalid,
        "agenda": agenda,
        "columns": list(zip(agenda.days, block_views(agenda, tz), strict=True)),
        "tz": tz,
        "today": local_today(),
        "previous_week": monday - timedelta(days=7),
        "next_week": monday + timedelta(days=7),
        # With several practitioners, free cells are one practitioner's: choose one first.
        "can_add": model_admin.has_add_permission(request) and (chosen or not staff),
        "practitioners": staff,
        "practitioner": chosen,
        "chosen_pk": next((m.pk for m in staff if m.key == chosen), ""),
        "can_change": model_admin.has_change_permission(request),
        "add_url": reverse("admin:booking_appointment_add"),
        "next_free_url": reverse("admin:booking_appointment_next_free"),
        "changelist_url": reverse("admin:booking_appointment_changelist"),
        "here": request.get_full_path(),
    }
    return TemplateResponse(request, "admin/booking/appointment/week.html", context)


def next_free_view(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """« Prochain créneau libre »: the add form, set on the first slot the agent would offer."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    profile = business_profile()
    proposal = slots_propose(
        profile=profile,
        preference=Preference(asap=True),
        now=timezone.now(),
        minutes=profile.business.slot_minutes,
        count=1,
    )
    add_url = reverse("admin:booking_appointment_add")
    if not proposal.slots:
        messages.warning(request, "Aucun créneau libre dans l'horizon de réservation.")
        return HttpResponseRedirect(reverse("admin:booking_appointment_week"))
    slot = proposal.slots[0]
    return HttpResponseRedirect(f"{add_url}?{urlencode(prefill(slot.start, slot.end))}")


def prefill(start: datetime, end: datetime) -> dict[str, str]:
    """The add form's query string for a slot (read by the admin's initial data)."""
    tz = business_identity().tz
    return {
        "start": start.astimezone(tz).isoformat(timespec="minutes"),
        "end": end.astimezone(tz).isoformat(timespec="minutes"),
    }


QUICK_ACTIONS = {
    "arrived": Appointment.Attendance.ARRIVED,
    "no_show": Appointment.Attendance.NO_SHOW,
    "attendance_clear": Appointment.Attendance.UNKNOWN,
}


def quick_action_view(model_admin: ModelAdmin, request: HttpRequest, pk: int) -> HttpResponse:
    """A block's quick actions: arrived, no-show, clear, cancel; then back to the agenda."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    business = Business.objects.current()
    appointment = get_object_or_404(Appointment, pk=pk, business=business)
    action = request.POST.get("action", "")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("admin:booking_appointment_week")
    now = timezone.now()
    try:
        if action == "cancel":
            appointment_cancel(
                business=business, appointment_id=appointment.pk, now=now, enforce_notice=False
            )
            messages.success(request, f"Rendez-vous de {appointment.name} annulé.")
        elif action in QUICK_ACTIONS:
            appointment_mark_attendance(
                business=business,
                appointment_id=appointment.pk,
                attendance=QUICK_ACTIONS[action],
                now=now,
            )
            done = Appointment.Attendance(QUICK_ACTIONS[action]).label.lower()
            messages.success(request, f"{appointment.name} : présence « {done} ».")
        else:
            messages.error(request, "Action inconnue.")
    except AppointmentNotFound:
        messages.error(request, "Ce rendez-vous n'est plus confirmé.")
    except AttendanceTooEarly:
        messages.error(request, "Ce rendez-vous n'a pas encore commencé.")
    return HttpResponseRedirect(back)
