from django.contrib import admin, messages
from django.http import HttpRequest

from booking.models import Appointment, Business, CalendarChange, Closure, Motif, OpeningHours
from booking.sync import calendar_health


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
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


class CalendarBannerMixin:
    """A banner on the booking pages while the remote calendar refuses our requests."""

    def changelist_view(self, request: HttpRequest, extra_context=None):
        health = calendar_health()
        if not health.get("healthy", True):
            messages.warning(
                request,
                "L'agenda en ligne ne répond pas ou refuse nos accès : les rendez-vous restent "
                "enregistrés ici et seront copiés dès qu'il sera de nouveau accessible.",
            )
        return super().changelist_view(request, extra_context)


@admin.register(Appointment)
class AppointmentAdmin(CalendarBannerMixin, admin.ModelAdmin):
    list_display = ["start", "name", "motif", "status", "channel", "sync_status"]
    list_filter = ["status", "channel", "sync_status"]
    search_fields = ["name", "motif"]
    date_hierarchy = "start"
    readonly_fields = [
        "created_at",
        "updated_at",
        "cancelled_at",
        "conversation_key",
        "moved_to",
        "calendar_event_id",
        "calendar_synced_at",
        "sync_status",
    ]
    list_select_related = ["business"]


@admin.register(CalendarChange)
class CalendarChangeAdmin(CalendarBannerMixin, admin.ModelAdmin):
    list_display = ["appointment", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status"]
    list_select_related = ["appointment"]
    readonly_fields = [f.name for f in CalendarChange._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
