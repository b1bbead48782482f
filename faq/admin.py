"""The FAQ in the admin: entries, bulk on/off, import, export, « Tester une question », and
« Ajouter comme formulation d'une FAQ » (the action the report and the conversation thread offer
on a question the FAQ had no answer for)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from faq.access import may_add_phrasing
from faq.exchange import FaqRow, faq_rows_csv, faq_rows_json
from faq.forms import FaqEntryForm, FaqImportForm, FaqPhrasingForm, FaqTrialForm
from faq.models import FaqEntry
from faq.services import (
    FaqImport,
    FaqPhrasing,
    FaqPhrasingError,
    faq_changed,
    faq_import,
    faq_phrasing_add,
    faq_set_active,
    faq_trial,
)
from faq.usage import USAGE_DAYS, asked_since

EXPORT_TYPES = {"json": "application/json", "csv": "text/csv"}


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    form = FaqEntryForm
    list_display = ["faq_id", "question", "short_answer", "asked", "active", "modified"]
    list_filter = ["active"]
    search_fields = ["faq_id", "question", "answer"]
    fields = ["faq_id", "question", "answer", "alternatives", "active", "modified"]
    readonly_fields = ["modified"]
    actions = ["activate", "deactivate", "export_json", "export_csv"]
    change_list_template = "admin/faq/faqentry/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[FaqEntry]:
        since = timezone.now() - timedelta(days=USAGE_DAYS)
        return super().get_queryset(request).annotate(asked=asked_since(since))

    @admin.display(description="réponse")
    def short_answer(self, entry: FaqEntry) -> str:
        return Truncator(entry.answer).chars(140)

    @admin.display(description=f"demandée ({USAGE_DAYS} j)", ordering="asked")
    def asked(self, entry: FaqEntry) -> int:
        return getattr(entry, "asked", 0)

    @admin.display(description="modifiée le", ordering="updated_at")
    def modified(self, entry: FaqEntry) -> str:
        if entry.updated_at is None:
            return "—"
        return formats.localize(timezone.localtime(entry.updated_at))

    # --- Keep the live index in step --------------------------------------------------

    def save_model(self, request: HttpRequest, obj: FaqEntry, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        faq_changed()

    def delete_model(self, request: HttpRequest, obj: FaqEntry) -> None:
        super().delete_model(request, obj)
        faq_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[FaqEntry]) -> None:
        super().delete_queryset(request, queryset)
        faq_changed()

    # --- Actions ------------------------------------------------------------------------

    @admin.action(description="Activer les questions sélectionnées", permissions=["change"])
    def activate(self, request: HttpRequest, queryset: QuerySet[FaqEntry]) -> None:
        changed = faq_set_active(entries=queryset, active=True)
        self.message_user(request, _switched(changed, "activée"), messages.SUCCESS)

    @admin.action(description="Désactiver les questions sélectionnées", permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[FaqEntry]) -> None:
        changed = faq_set_active(entries=queryset, active=False)
        self.message_user(request, _switched(changed, "désactivée"), messages.SUCCESS)

    @admin.action(description="Exporter la sélection en JSON", permissions=["view"])
    def export_json(self, request: HttpRequest, queryset: QuerySet[FaqEntry]) -> HttpResponse:
        return _download("json", queryset)

    @admin.action(description="Exporter la sélection en CSV", permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[FaqEntry]) -> HttpResponse:
        return _download("csv", queryset)

    # --- Views --------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name=f"{name}_import"),
            path("export/<str:kind>/", view(self.export_view), name=f"{name}_export"),
            path("try/", view(self.trial_view), name=f"{name}_try"),
            path("add-phrasing/", view(self.phrasing_view), name=f"{name}_add_phrasing"),
            *super().get_urls(),
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "can_import": self._can_import(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self._can_import(request):
            raise PermissionDenied
        if request.method == "POST":
            form = FaqImportForm(request.POST, request.FILES)
            if form.is_valid():
                result = faq_import(rows=form.rows)
                self.message_user(request, _imported(result), messages.SUCCESS)
                return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        else:
            form = FaqImportForm()
        context = self._context(request, "Importer des questions", form=form)
        return TemplateResponse(request, "admin/faq/faqentry/import.html", context)

    def export_view(self, request: HttpRequest, kind: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        if kind not in EXPORT_TYPES:
            raise Http404("Format d'export inconnu.")
        return _download(kind, FaqEntry.objects.all())

    def trial_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = FaqTrialForm(request.GET if "question" in request.GET else None)
        trial = entry = None
        if form.is_valid():
            trial = faq_trial(form.cleaned_data["question"])
            if trial.best is not None:
                entry = FaqEntry.objects.filter(faq_id=trial.best.faq_id).first()
        context = self._context(request, "Tester une question", form=form, trial=trial, entry=entry)
        return TemplateResponse(request, "admin/faq/faqentry/try.html", context)

    def phrasing_view(self, request: HttpRequest) -> HttpResponse:
        """GET: the form, prefilled from the query. POST: add the phrasing, then go back."""
        if not may_add_phrasing(request.user):
            raise PermissionDenied
        if request.method != "POST":
            form = FaqPhrasingForm(initial=request.GET.dict())
            return self._phrasing_page(request, form)
        form = FaqPhrasingForm(request.POST)
        if form.is_valid():
            try:
                result = faq_phrasing_add(
                    entry=form.cleaned_data["faq_id"], text=form.cleaned_data["text"]
                )
            except FaqPhrasingError as exc:
                form.add_error("text", str(exc))
            else:
                if result.added:
                    self.log_change(request, result.entry, "Formulation ajoutée.")
                self.message_user(request, *_phrasing_message(result))
                return redirect(self._back(request, form.cleaned_data["next"], result.entry))
        return self._phrasing_page(request, form, status=400)

    def _phrasing_page(
        self, request: HttpRequest, form: FaqPhrasingForm, status: int = 200
    ) -> TemplateResponse:
        context = self._context(request, "Ajouter comme formulation d'une FAQ", form=form)
        return TemplateResponse(
            request, "admin/faq/faqentry/add_phrasing.html", context, status=status
        )

    def _back(self, request: HttpRequest, target: str, entry: FaqEntry) -> str:
        """Where the action was taken from, if it is a page of this site; else the entry."""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[entry.pk]
        )

    def _can_import(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def _context(self, request: HttpRequest, title: str, **values: Any) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "has_view_permission": self.has_view_permission(request),
            **values,
        }


def _download(kind: str, entries: Iterable[FaqEntry]) -> HttpResponse:
    rows = [FaqRow.from_entry(entry) for entry in entries]
    rows.sort(key=lambda row: row.faq_id)
    body = faq_rows_json(rows) if kind == "json" else faq_rows_csv(rows)
    response = HttpResponse(body, content_type=f"{EXPORT_TYPES[kind]}; charset=utf-8")
    filename = f"faq-{timezone.localdate():%Y-%m-%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _counted(count: int, singular: str, plural: str) -> str:
    return f"{count} {plural if count > 1 else singular}"


def _switched(count: int, state: str) -> str:
    if not count:
        return f"Aucune question n'a changé : elles étaient déjà {state}s."
    return _counted(count, f"question {state}", f"questions {state}s") + "."


def _phrasing_message(result: FaqPhrasing) -> tuple[str, int]:
    if not result.added:
        text = f"« {result.text} » était déjà une formulation de « {result.entry.faq_id} »."
        return text, messages.INFO
    text = (
        f"« {result.text} » est maintenant une formulation de « {result.entry.faq_id} » : "
        "l'assistant y répond dès la prochaine question."
    )
    return text, messages.SUCCESS


def _imported(result: FaqImport) -> str:
    counts = (
        _counted(result.created, "créée", "créées"),
        _counted(result.updated, "mise à jour", "mises à jour"),
        _counted(result.unchanged, "inchangée", "inchangées"),
    )
    return f"Import terminé : {', '.join(counts)}."
