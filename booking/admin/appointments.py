"""The front desk's side of booking: the business profile, the appointments, the calendar queue.

Every write to an appointment goes through booking.services, as the agent's do, so the rule
against double booking and the calendar sync hold whoever books.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from booking.admin.agenda import (
    day_view,
    local_midnight,
    local_today,
    next_free_view,
    quick_action_view,
    week_view,
)
from booking.calendar_health import calendar_health
from booking.forms import AppointmentAdminForm, OpeningHoursFormSet
from booking.models import (
    Appointment,
    Business,
    CalendarChange,
    Closure,
    Motif,
    OpeningHours,
    Practitioner,
    PractitionerAbsence,
    PractitionerHours,
    PractitionerMotif,
)
from booking.notifications.admin import messages_summary
from booking.selectors import business_identity, named_practitioners
from booking.services import (
    AppointmentNotFound,
    SlotTaken,
    appointment_book,
    appointment_cancel,
    appointment_move,
    appointment_update_details,
    practitioner_calendar_changed,
)
from booking.sync import calendar_changes_retry
from receptionist.lib.csv_export import csv_response
from receptionist.lib.phones import to_e164, written
from receptionist.lib.snapshots import changed_all
from receptionist.lib.xlsx_export import xlsx_response


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


class MotifInline(admin.TabularInline):
    model = Motif
    extra = 0


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ["name", "timezone", "slot_minutes", "transfer_number"]
    inlines = [OpeningHoursInline, ClosureInline, MotifInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One business per installation: it comes from `load_business`.
        return super().has_add_permission(request) and not Business.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The next turn proposes slots from the new hours, without waiting for the snapshot.
        changed_all()


class PractitionerHoursInline(admin.TabularInline):
    model = PractitionerHours
    extra = 0


class PractitionerAbsenceInline(admin.TabularInline):
    model = PractitionerAbsence
    extra = 0


class PractitionerMotifInline(admin.TabularInline):
    model = PractitionerMotif
    extra = 0


@admin.register(Practitioner)
class PractitionerAdmin(admin.ModelAdmin):
    """Practitioners: their hours (none: the business's), absences, motifs and calendar."""

    list_display = ["name", "kind", "active", "calendar_id"]
    list_filter = ["active", "kind"]
    search_fields = ["name", "spoken", "key"]
    fields = ["key", "name", "spoken", "kind", "active", "position", "calendar_id"]
    inlines = [PractitionerHoursInline, PractitionerAbsenceInline, PractitionerMotifInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Practitioner]:
        # The business's own agenda is not a person to edit.
        return super().get_queryset(request).filter(implicit=False)

    def save_model(self, request: HttpRequest, obj: Practitioner, form: Any, change: bool) -> None:
        if not change:
            obj.business = Business.objects.current()
        super().save_model(request, obj, form, change)
        if change and "calendar_id" in form.changed_data:
            practitioner_calendar_changed(practitioner=obj, now=timezone.now())

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        changed_all()  # the next turn offers the new hours and motifs

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # their appointments stay: deactivate instead


if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldGroups

    # The mixin is only ever mixed into a ModelAdmin, whose changelist_view it extends.
    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object


class CalendarBannerMixin(_AdminBase):
    """A banner on the booking pages while the remote calendar refuses our requests."""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        health = calendar_health()
        if not health.get("healthy", True):
            messages.warning(
                request,
                "L'agenda en ligne ne répond pas ou refuse nos accès : les rendez-vous restent "
                "enregistrés ici et seront copiés dès qu'il sera de nouveau accessible.",
            )
        return super().changelist_view(request, extra_context)


class WhenFilter(admin.SimpleListFilter):
    title = "période"
    parameter_name = "when"

    # The front desk works on what is coming: the list opens on it, « Tous » shows the rest.
    default = "upcoming"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("upcoming", "À venir"),
            ("today", "Aujourd'hui"),
            ("tomorrow", "Demain"),
            ("week", "7 prochains jours"),
            ("past", "Passés"),
            ("all", "Tous"),
        ]

    def value(self) -> str:
        return super().value() or self.default

    def choices(self, changelist: Any) -> Any:
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        now, today = timezone.now(), local_today()
        match self.value():
            case "today" | "tomorrow" as which:
                day = today if which == "today" else today + timedelta(days=1)
                start = local_midnight(day)
                return queryset.filter(
                    start__gte=start, start__lt=local_midnight(day + timedelta(days=1))
                )
            case "week":
                return queryset.filter(
                    start__gte=now, start__lt=local_midnight(today + timedelta(days=8))
                )
            case "upcoming":
                return queryset.filter(start__gte=now)
            case "past":
                return queryset.filter(start__lt=now)
        return queryset


@admin.register(Appointment)
class AppointmentAdmin(CalendarBannerMixin, admin.ModelAdmin):
    form = AppointmentAdminForm
    change_list_template = "admin/booking/appointment/change_list.html"
    list_display = [
        *("when", "name", "phone_written", "email", "motif"),
        # The calendar copy's state is a filter (« Par agenda ») and a banner when it fails.
        *("status_badge", "channel"),
    ]
    list_filter = [WhenFilter, "status", "attendance", "channel", "sync_status"]
    search_fields = ["name", "phone", "email", "motif"]
    date_hierarchy = "start"
    actions = ["cancel_selected", "retry_calendar_sync", "export_csv", "export_xlsx"]
    list_select_related = ["business", "practitioner"]
    details = ["name", "phone", "email", "motif"]
    readonly_fields = [
        "status",
        "attendance",
        "channel",
        "conversation_link",
        "moved_to",
        "sync_status",
        "calendar_event_id",
        "calendar_synced_at",
        "created_at",
        "updated_at",
        "cancelled_at",
        "messages",
    ]

    @admin.display(description="messages et lien")
    def messages(self, obj: Appointment) -> str:
        """Its confirmations and reminders, and what the person did through the link."""
        return messages_summary(obj)

    @admin.display(description="conversation")
    def conversation_link(self, obj: Appointment) -> str:
        """Back to the conversation that booked it (found by its key, the app stays apart)."""
        if not obj.conversation_key:
            return "—"
        url = reverse("admin:conversations_conversation_changelist")
        return format_html(
            '<a href="{}?{}">Voir la conversation</a>', url, urlencode({"q": obj.conversation_key})
        )

    @admin.display(description="horaire", ordering="start")
    def when(self, obj: Appointment) -> str:
        """« mar 8 déc 09:00–11:00 »: short enough for every column to fit at 1366 px."""
        tz = business_identity().tz
        start, end = obj.start.astimezone(tz), obj.end.astimezone(tz)
        return f"{date_format(start, 'D j b')} {start:%H:%M}–{end:%H:%M}"

    @admin.display(description="téléphone", ordering="phone")
    def phone_written(self, obj: Appointment) -> str:
        return written(obj.phone)

    @admin.display(description="statut", ordering="status")
    def status_badge(self, obj: Appointment) -> str:
        # A kept appointment says whether the person came, once the front desk has marked it.
        if obj.attendance:
            return format_html(
                '<span class="rw-badge rw-badge-{}">{}</span>',
                obj.attendance,
                obj.get_attendance_display(),
            )
        return format_html(
            '<span class="rw-badge rw-badge-{}">{}</span>', obj.status, obj.get_status_display()
        )

    def get_fields(self, request: HttpRequest, obj: Appointment | None = None) -> _FieldGroups:
        agenda = ["practitioner"] if named_practitioners() else []
        return ["start", "end", *agenda, *self.details, *(self.readonly_fields if obj else [])]

    def get_list_display(self, request: HttpRequest) -> Any:
        shown = list(super().get_list_display(request))
        if named_practitioners():
            shown.insert(1, "practitioner")
        return shown

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        filters = list(super().get_list_filter(request))
        if named_practitioners():
            filters.insert(1, ("practitioner", admin.RelatedOnlyFieldListFilter))
        return filters

    def get_readonly_fields(
        self, request: HttpRequest, obj: Appointment | None = None
    ) -> list[str]:
        if obj is not None and not obj.is_confirmed:
            # A cancelled or moved appointment is history: it is read, not edited.
            agenda = ["practitioner"] if named_practitioners() else []
            return ["start", "end", *agenda, *self.details, *self.readonly_fields]
        return self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deleting would lose the history and leave the calendar event behind: cancel instead.
        return False

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        results, duplicates = super().get_search_results(request, queryset, search_term)
        # « 06 12 34 56 78 » finds the number stored as +33612345678.
        number = to_e164("".join(c for c in search_term if c.isdigit() or c == "+"))
        if number:
            results |= queryset.filter(phone=number)
        return results, duplicates

    # Writes go through the booking service.

    def save_model(self, request: HttpRequest, obj: Appointment, form: Any, change: bool) -> None:
        data = form.cleaned_data
        business = Business.objects.current()
        if not change:
            saved = appointment_book(
                business=business,
                start=data["start"],
                end=data["end"],
                **{field: data.get(field, "") for field in self.details},
                channel=Appointment.Channel.STAFF,
                practitioner=data.get("practitioner"),
            )
            obj.pk = saved.pk
            return
        if any(field in form.changed_data for field in self.details):
            appointment_update_details(
                business=business,
                appointment_id=obj.pk,
                **{field: data.get(field, "") for field in self.details},
            )
        if {"start", "end", "practitioner"} & set(form.changed_data):
            moved = appointment_move(
                business=business,
                appointment_id=obj.pk,
                start=data["start"],
                end=data["end"],
                channel=Appointment.Channel.STAFF,
                practitioner=data.get("practitioner"),
            )
            messages.info(
                request,
                f"Rendez-vous déplacé : l'ancien horaire est libéré, le nouveau porte le n° {moved.pk}.",
            )

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except SlotTaken:
            # Taken between the form's check and the booking: nothing was saved.
            self.message_user(
                request,
                "Ce créneau vient d'être pris : choisissez un autre horaire.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        except AppointmentNotFound:
            self.message_user(request, "Ce rendez-vous n'est plus confirmé.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    @admin.action(description="Annuler les rendez-vous sélectionnés", permissions=["change"])
    def cancel_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        business = Business.objects.current()
        cancelled = 0
        for appointment_id in queryset.filter(status=Appointment.Status.CONFIRMED).values_list(
            "pk", flat=True
        ):
            try:
                appointment_cancel(
                    business=business,
                    appointment_id=appointment_id,
                    now=timezone.now(),
                    enforce_notice=False,
                )
            except AppointmentNotFound:
                continue  # cancelled meanwhile
            cancelled += 1
        self.message_user(request, f"{cancelled} rendez-vous annulé(s).", messages.SUCCESS)

    @admin.action(description="Relancer la copie vers l'agenda en échec", permissions=["change"])
    def retry_calendar_sync(self, request: HttpRequest, queryset: QuerySet) -> None:
        changes = CalendarChange.objects.filter(appointment__in=queryset)
        retried = calendar_changes_retry(changes=changes)
        self.message_user(
            request, f"{retried} copie(s) vers l'agenda relancée(s).", messages.SUCCESS
        )

    @admin.action(description="Exporter en CSV", permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return csv_response("rendez-vous.csv", export_rows(queryset), french=True)

    @admin.action(description="Exporter pour Excel (XLSX)", permissions=["view"])
    def export_xlsx(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return xlsx_response("rendez-vous.xlsx", export_rows(queryset), title="Rendez-vous")

    # The day view: the agenda of one day, slot by slot.

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, self))

        return [
            path("week/", view(week_view), name="booking_appointment_week"),
            path("day/", view(day_view), name="booking_appointment_day"),
            path("next-free/", view(next_free_view), name="booking_appointment_next_free"),
            path("<int:pk>/quick/", view(quick_action_view), name="booking_appointment_quick"),
            *super().get_urls(),
        ]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """The add form set on a slot: ``?start=…&end=…`` (ISO, from the agenda's free cells)."""
        initial: dict[str, Any] = dict(super().get_changeform_initial_data(request))
        tz = business_identity().tz
        for field in ("start", "end"):
            raw = request.GET.get(field)
            if raw is None:
                continue
            try:
                moment = datetime.fromisoformat(raw)
            except ValueError:
                initial.pop(field, None)
                continue
            initial[field] = moment.astimezone(tz) if moment.tzinfo else moment.replace(tzinfo=tz)
        return initial


@admin.register(CalendarChange)
class CalendarChangeAdmin(CalendarBannerMixin, admin.ModelAdmin):
    list_display = ["appointment", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status"]
    list_select_related = ["appointment"]
    readonly_fields = [f.name for f in CalendarChange._meta.fields]
    actions = ["retry"]

    @admin.action(description="Relancer les synchronisations en échec", permissions=["change"])
    def retry(self, request: HttpRequest, queryset: QuerySet) -> None:
        retried = calendar_changes_retry(changes=queryset)
        self.message_user(request, f"{retried} synchronisation(s) relancée(s).", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


EXPORT_HEADER = [
    *("début", "fin", "nom", "téléphone", "e-mail", "motif"),
    *("statut", "présence", "canal", "agenda"),
]


def export_rows(queryset: QuerySet[Appointment]) -> list[list[object]]:
    """The appointments for a spreadsheet: local times, phones as people write them."""
    tz = business_identity().tz
    rows: list[list[object]] = [list(EXPORT_HEADER)]
    for a in queryset.order_by("start"):
        rows.append(
            [
                a.start.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                a.end.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                a.name,
                written(a.phone),
                a.email,
                a.motif,
                a.get_status_display(),
                a.get_attendance_display() if a.attendance else "",
                a.get_channel_display(),
                a.get_sync_status_display(),
            ]
        )
    return rows
