from django.contrib import admin

from faq.models import FaqEntry


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["faq_id", "question", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["faq_id", "question", "answer"]
