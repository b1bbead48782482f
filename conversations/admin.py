from django.contrib import admin

from conversations.models import Conversation, Prompt, Turn
from conversations.prompts import PROMPTS


class TurnInline(admin.TabularInline):
    model = Turn
    extra = 0
    can_delete = False
    fields = ["index", "user_text", "reply", "state_before", "state_after", "intent", "faq_id"]
    readonly_fields = fields


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["key", "channel", "state", "intent", "outcome", "turn_count", "created_at"]
    list_filter = ["channel", "outcome", "state"]
    search_fields = ["key"]
    readonly_fields = [
        "key",
        "channel",
        "state",
        "intent",
        "data",
        "turn_count",
        "outcome",
        "created_at",
    ]
    inlines = [TurnInline]


@admin.register(Prompt)
class PromptAdmin(admin.ModelAdmin):
    list_display = ["key", "variant", "text", "updated_at"]
    list_filter = ["variant"]
    search_fields = ["key", "text"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "key":
            from django import forms

            return forms.ChoiceField(choices=[(k, k) for k in sorted(PROMPTS)], label="clé")
        return super().formfield_for_dbfield(db_field, request, **kwargs)
