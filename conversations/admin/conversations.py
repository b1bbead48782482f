"""Staff screens: conversations read as threads (read-only), and every sentence with its overrides.

Conversations are an audit trail: nobody adds, edits or deletes them here. Prompts are the
staff's overrides of ``conversations/dialogue/prompts.py``; « Tous les messages » lists every key, with or
without an override. A save or a revert clears this process's prompt snapshot, so the very next
turn speaks the new wording (other processes follow within SNAPSHOT_CHECK_SECONDS).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator

from booking.models import Appointment
from booking.selectors import business_identity
from conversations.admin.forms import PromptForm, braced, text_problems
from conversations.dialogue.prompt_guide import STEPS, WHEN
from conversations.dialogue.prompts import (
    PROMPTS,
    Wording,
    allowed_placeholders,
    default_text,
    preview,
    required_placeholders,
)
from conversations.models import Channel, Conversation, Prompt
from conversations.selectors import (
    conversation_thread,
    preview_values,
    prompt_overrides_clear,
)
from faq.access import may_add_phrasing
from receptionist.lib.phones import to_e164, written


def local_moment(moment: datetime) -> str:
    """« 6 décembre 2026 03:52:02 »: the business's clock, to the second, never UTC."""
    local = moment.astimezone(business_identity().tz)
    return f"{date_format(local, 'j F Y')} {local:%H:%M:%S}"


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    change_form_template = "admin/conversations/conversation/change_form.html"
    list_display = ["started", "visitor", "channel_label", "outcome", "state", "turn_count", "key"]
    list_filter = ["outcome", "channel", "created_at"]
    date_hierarchy = "created_at"
    search_fields = ["key"]
    search_help_text = "Identifiant, nom, téléphone ou e-mail du visiteur."
    readonly_fields = [
        *("key", "channel_label", "outcome", "state", "intent", "turn_count"),
        *("started", "ended", "duration", "ended_reason"),
        *("summary", "recording", "transcript", "reached_router", "data"),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Conversation], search_term: str
    ) -> tuple[QuerySet[Conversation], bool]:
        """By id, and by who the visitor said they were: name, phone (any written form) or
        e-mail, as the conversation remembered them or as their appointment holds them."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if not term:
            return results, duplicates
        who = Q(data__name__icontains=term)
        number = to_e164("".join(c for c in term if c.isdigit() or c == "+"))
        if number:
            who |= Q(data__phone=number) | Q(data__caller_number=number)
        if "@" in term:
            who |= Q(data__email__iexact=term)
        booked = Appointment.objects.filter(
            Q(name__icontains=term) | (Q(phone=number) if number else Q(pk__in=[]))
        ).values("conversation_key")
        return results | queryset.filter(who | Q(key__in=booked)), duplicates

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fieldsets(self, request: HttpRequest, obj: Conversation | None = None):
        fieldsets = [
            (
                None,
                {"fields": ["key", "channel_label", "outcome", "state", "intent", "turn_count"]},
            ),
            ("Durée", {"fields": ["started", "ended", "duration", "ended_reason"]}),
        ]
        if obj is not None and obj.channel == Channel.VOICE:
            fieldsets.append(("Appel", {"fields": ["summary", "recording", "transcript"]}))
        fieldsets.append(
            ("Détails techniques", {"classes": ["collapse"], "fields": ["reached_router", "data"]})
        )
        return fieldsets

    @admin.display(description="visiteur")
    def visitor(self, obj: Conversation) -> str:
        return str((obj.data or {}).get("name") or "—")

    @admin.display(description="canal", ordering="channel")
    def channel_label(self, obj: Conversation) -> str:
        return obj.get_channel_display()

    @admin.display(description="début", ordering="created_at")
    def started(self, obj: Conversation) -> str:
        return local_moment(obj.created_at)

    @admin.display(description="fin", ordering="ended_at")
    def ended(self, obj: Conversation) -> str:
        return local_moment(obj.ended_at) if obj.ended_at else "—"

    @admin.display(description="durée")
    def duration(self, obj: Conversation) -> str:
        end = obj.ended_at or obj.updated_at
        minutes, seconds = divmod(max(int((end - obj.created_at).total_seconds()), 0), 60)
        label = f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
        return label if obj.ended_at else f"{label} (pas terminée)"

    @admin.display(description="enregistrement")
    def recording(self, obj: Conversation) -> str:
        if not obj.recording_url.startswith(("https://", "http://")):
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">Écouter l’enregistrement</a>',
            obj.recording_url,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            thread, catalogue = conversation_thread(obj)
            context["thread"] = thread
            context["turns"] = [row.turn for row in thread]
            context["tz"] = business_identity().tz  # turn times in the business's clock
            context["visitor"] = visitor_details(obj)
            context["appointments"] = [
                (reverse("admin:booking_appointment_change", args=[a.pk]), a)
                for a in Appointment.objects.filter(conversation_key=obj.key).order_by("start")
            ]
            # « Ajouter comme formulation d'une FAQ » beside each unanswered question.
            if catalogue is not None and may_add_phrasing(request.user):
                context["faq_choices"] = catalogue.choices
                context["can_add_phrasing"] = True
                context["back"] = request.get_full_path()
        return super().render_change_form(request, context, add, change, form_url, obj)


def prompt_reference(key: str, variant: str, text: str | None) -> dict[str, Any]:
    """What the prompt form shows beside the text: the defaults, the variables, a preview."""
    wording = PROMPTS[key]
    shown = text if text and not text_problems(key, variant, text) else None
    return {
        "default_web": wording.web,
        "default_voice": wording.voice,
        "variables": braced(allowed_placeholders(key)),
        "required": braced(required_placeholders(key, variant)),
        "preview": preview(shown, preview_values()) if shown else None,
    }


def field_value(form, name: str, obj: Prompt | None) -> Any:
    if name in form.fields:
        return form[name].value()
    return getattr(obj, name, None)


@admin.register(Prompt)
class PromptAdmin(admin.ModelAdmin):
    form = PromptForm
    change_form_template = "admin/conversations/prompt/change_form.html"
    change_list_template = "admin/conversations/prompt/change_list.html"
    list_display = ["key", "variant", "short_text", "modified"]
    list_filter = ["variant"]
    search_fields = ["key", "text"]
    actions = ["revert_to_default"]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("all/", wrap(self.all_prompts_view), name="conversations_prompt_all"),
            path(
                "<path:object_id>/revert/",
                wrap(self.revert_view),
                name="conversations_prompt_revert",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="texte")
    def short_text(self, obj: Prompt) -> str:
        return Truncator(obj.text).chars(90)

    @admin.display(description="modifié le", ordering="updated_at")
    def modified(self, obj: Prompt) -> datetime:
        return obj.updated_at

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # revert_to_default says what it means
        return actions

    @admin.action(description="Revenir au texte par défaut", permissions=["delete"])
    def revert_to_default(self, request: HttpRequest, queryset) -> None:
        count = len(queryset)
        self.log_deletions(request, queryset)
        self.delete_queryset(request, queryset)
        self.message_user(
            request, f"{count} message(s) revenu(s) au texte par défaut.", messages.SUCCESS
        )

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        key, variant = initial.get("key"), initial.get("variant", "")
        if key in PROMPTS and variant in Prompt.Variant.values and "text" not in initial:
            initial["text"] = default_text(key, variant)
        return initial

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        key = field_value(form, "key", obj)
        if isinstance(key, str) and key in PROMPTS:
            variant = field_value(form, "variant", obj) or ""
            context.update(prompt_reference(key, variant, field_value(form, "text", obj)))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        prompt_overrides_clear()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        prompt_overrides_clear()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        prompt_overrides_clear()

    def all_prompts_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()
        overrides: dict[str, list[Prompt]] = defaultdict(list)
        for prompt in Prompt.objects.order_by("key", "variant"):
            overrides[prompt.key].append(prompt)
        rights = {
            "add": self.has_add_permission(request),
            "change": self.has_change_permission(request),
            "delete": self.has_delete_permission(request),
        }
        values = preview_values()  # the business's own, once for the page
        rows = [
            self.prompt_row(key, wording, overrides[key], rights, values)
            for key, wording in PROMPTS.items()
            if prompt_matches(query, key, wording, overrides[key])
        ]
        # By conversation step, in the order a caller meets them.
        groups = [(step, [row for row in rows if row["step"] == step]) for step in STEPS]
        context = {
            **self.admin_site.each_context(request),
            "title": "Tous les messages",
            "opts": self.opts,
            "rows": rows,
            "groups": [(step, members) for step, members in groups if members],
            "query": query,
            "rights": rights,
        }
        return TemplateResponse(request, "admin/conversations/prompt/all.html", context)

    def prompt_row(
        self,
        key: str,
        wording: Wording,
        prompts: list[Prompt],
        rights: dict[str, bool],
        values: dict[str, str],
    ) -> dict[str, Any]:
        taken = {p.variant for p in prompts}
        add_url = reverse("admin:conversations_prompt_add")
        step, when = WHEN.get(key, (STEPS[-1], ""))
        return {
            "key": key,
            "step": step,
            "when": when,
            "web": wording.web,
            "voice": wording.voice,
            "overrides": [self.override_entry(p, rights, values) for p in prompts],
            "add_links": [
                (label, f"{add_url}?{urlencode({'key': key, 'variant': value})}")
                for value, label in Prompt.Variant.choices
                if value not in taken and rights["add"]
            ],
        }

    def override_entry(
        self, prompt: Prompt, rights: dict[str, bool], values: dict[str, str]
    ) -> dict[str, Any]:
        try:
            shown = preview(prompt.text, values)
        except (ValueError, IndexError, KeyError, AttributeError):
            shown = None
        pk = quote(prompt.pk)
        return {
            "prompt": prompt,
            "preview": shown,
            "change_url": reverse("admin:conversations_prompt_change", args=[pk]),
            "revert_url": reverse("admin:conversations_prompt_revert", args=[pk])
            if rights["delete"]
            else None,
        }

    def revert_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        prompt = self.get_object(request, unquote(object_id))
        if prompt is None:
            self.message_user(request, "Ce message personnalisé n'existe plus.", messages.WARNING)
            return redirect("admin:conversations_prompt_all")
        if not self.has_delete_permission(request, prompt):
            raise PermissionDenied
        if request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "title": "Revenir au texte par défaut ?",
                "opts": self.opts,
                "prompt": prompt,
                "default": default_text(prompt.key, prompt.variant)
                if prompt.key in PROMPTS
                else "",
            }
            return TemplateResponse(request, "admin/conversations/prompt/revert.html", context)
        with transaction.atomic():
            # As Django's own delete_view does; the stub asks for a QuerySet, any iterable works.
            self.log_deletions(request, [prompt])  # type: ignore[arg-type]
            self.delete_model(request, prompt)
        channel = prompt.get_variant_display().lower()
        self.message_user(
            request, f"« {prompt.key} » ({channel}) revient au texte par défaut.", messages.SUCCESS
        )
        return redirect("admin:conversations_prompt_all")


def prompt_matches(query: str, key: str, wording: Wording, prompts: list[Prompt]) -> bool:
    if not query:
        return True
    texts = [key, wording.web, wording.voice or "", *(p.text for p in prompts)]
    return any(query.casefold() in text.casefold() for text in texts)


def visitor_details(conversation: Conversation) -> list[tuple[str, str]]:
    """Who the visitor said they were, as the conversation remembered it (blanks left out)."""
    data = conversation.data or {}
    phone = data.get("phone") or data.get("caller_number") or ""
    details = [
        ("Nom", data.get("name") or ""),
        ("Téléphone", written(phone) if phone else ""),
        ("E-mail", data.get("email") or ""),
        ("Motif", data.get("motif") or ""),
    ]
    return [(label, str(value)) for label, value in details if value]
