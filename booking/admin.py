from django.contrib import admin

from booking.models import Appointment, Business, Closure, Motif, OpeningHours


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


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["start", "name", "motif", "status", "channel"]
    list_filter = ["status", "channel"]
    search_fields = ["name", "motif"]
    date_hierarchy = "start"
    readonly_fields = ["created_at", "updated_at", "cancelled_at", "conversation_key", "moved_to"]
    list_select_related = ["business"]
