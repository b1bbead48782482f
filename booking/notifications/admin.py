"""The front desk's view of messages: what went, what failed, resend; wordings; settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from booking.models import Appointment
from booking.notifications.links import manage_url
from booking.notifications.messages import (
    DEFAULTS,
    allowed_placeholders,
    render,
    values,
    wording_errors,
)
from booking.notifications.models import (
    MessageTemplate,
    Notification,
    NotificationPolicy,
    SelfServiceAction,
    SmsSuppression,
)
from booking.notifications.services import notifications_resend


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["due_at", "kind", "medium", "appointment_link", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "medium"]
    list_select_related = ["appointment"]
    search_fields = ["appointment__name"]
    date_hierarchy = "due_at"
    actions = ["resend"]
    readonly_fields = fields = (
        "appointment_link",
        "kind",
        "medium",
        "offset_minutes",
        "status",
        "due_at",
        "sent_at",
        "attempts",
        "recipient",
        "subject",
        "body",
        "provider_id",
        "last_error",
        "resend_of",
    )

    @admin.display(description="rendez-vous", ordering="appointment__start")
    def appointment_link(self, obj: Notification) -> str:
        url = reverse("admin:booking_appointment_change", args=[obj.appointment_id])
        return format_html('<a href="{}">{}</a>', url, obj.appointment)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The page is read-only; « change » is the right to resend.
        return obj is None and super().has_change_permission(request, obj)

    @admin.action(description="Renvoyer", permissions=["change"])
    def resend(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        count = notifications_resend(rows=queryset)
        skipped = len(queryset) - count
        self.message_user(
            request, f"{count} message(s) remis dans la file d'envoi.", messages.SUCCESS
        )
        if skipped:
            self.message_user(
                request,
                f"{skipped} message(s) pas encore envoyé(s) ou sans objet : laissé(s) tel(s) quel(s).",
                messages.WARNING,
            )


class MessageTemplateForm(forms.ModelForm):
    key = forms.ChoiceField(label="message", choices=[(key, key) for key in DEFAULTS])

    class Meta:
        model = MessageTemplate
        fields = ["key", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10, "cols": 80})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key = data.get("key")
        if key:
            for error in wording_errors(key, data.get("subject", ""), data.get("body", "")):
                self.add_error(None, error)
        return data


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    form = MessageTemplateForm
    list_display = ["key", "subject", "updated_at"]
    readonly_fields = ["variables", "default", "preview"]

    fields = ["key", "subject", "body", "variables", "default", "preview"]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, str | list[str]]:
        key = request.GET.get("key", "")
        if key in DEFAULTS:
            return {"key": key, "subject": DEFAULTS[key].subject, "body": DEFAULTS[key].body}
        return super().get_changeform_initial_data(request)

    @admin.display(description="variables")
    def variables(self, obj: MessageTemplate | None) -> str:
        key = obj.key if obj and obj.key else "booked.email"
        return " ".join("{" + name + "}" for name in sorted(allowed_placeholders(key)))

    @admin.display(description="texte par défaut")
    def default(self, obj: MessageTemplate | None) -> str:
        if not obj or obj.key not in DEFAULTS:
            return "—"
        wording = DEFAULTS[obj.key]
        return format_html(
            "<pre style='white-space:pre-wrap'>{}\n\n{}</pre>", wording.subject, wording.body
        )

    @admin.display(description="aperçu (prochain rendez-vous)")
    def preview(self, obj: MessageTemplate | None) -> str:
        """The wording filled in with the next confirmed appointment (or the last one)."""
        if not obj or not obj.pk or wording_errors(obj.key, obj.subject, obj.body):
            return "—"
        confirmed = Appointment.objects.filter(status=Appointment.Status.CONFIRMED)
        appointment = confirmed.select_related("business", "practitioner").order_by("start").last()
        if appointment is None:
            return "Aucun rendez-vous pour l'aperçu."
        filled = values(appointment, link=manage_url(appointment))
        return format_html(
            "<pre style='white-space:pre-wrap'><strong>{}</strong>\n\n{}</pre>",
            render(obj.subject, filled),
            render(obj.body, filled),
        )


@admin.register(NotificationPolicy)
class NotificationPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "business",
        "email_enabled",
        "sms_enabled",
        "reminder_hours",
        "quiet_start",
        "quiet_end",
    ]


@admin.register(SmsSuppression)
class SmsSuppressionAdmin(admin.ModelAdmin):
    list_display = ["phone", "source", "created_at"]
    list_filter = ["source"]
    search_fields = ["phone"]


@admin.register(SelfServiceAction)
class SelfServiceActionAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "appointment"]
    list_filter = ["action"]
    list_select_related = ["appointment"]
    readonly_fields = ["at", "action", "appointment"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def messages_summary(appointment: Appointment) -> str:
    """An appointment's messages and link actions, one line each, for its admin page."""
    tz = appointment.business.zone
    lines = [
        (
            row.due_at.astimezone(tz).strftime("%d/%m %H:%M"),
            f"{row.get_kind_display()} · {row.get_medium_display()}",
            row.get_status_display(),
        )
        for row in appointment.notifications.order_by("due_at", "pk")
    ]
    lines += [
        (action.at.astimezone(tz).strftime("%d/%m %H:%M"), action.get_action_display(), "")
        for action in appointment.self_service.order_by("at")
    ]
    if not lines:
        return "—"
    return format_html_join("", "<div>{} — {} {}</div>", sorted(lines))
