"""/admin/privacy/: a manager exports or erases what is kept about one person.

Everything is POSTed: the phone number or e-mail never appears in a URL, so it cannot end up
in an access log or the browser history. Erasure asks for a confirmation showing the counts.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from conversations.privacy import (
    PERMISSION,
    Subject,
    subject_erase,
    subject_export,
    subject_find,
    subject_parse,
    subject_preview,
)

ACTIONS = ("find", "export", "erase", "erase-confirmed")


class SubjectForm(forms.Form):
    contact = forms.CharField(
        label="Téléphone ou e-mail",
        max_length=254,
        help_text="Par exemple 06 12 34 56 78, +33 6 12 34 56 78 ou marie@example.fr.",
    )

    def clean_contact(self) -> Subject:
        subject = subject_parse(self.cleaned_data["contact"])
        if subject is None:
            raise forms.ValidationError(
                "Saisissez un numéro de téléphone valide ou une adresse e-mail."
            )
        return subject


def privacy_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method != "POST":
        return _page(request, "admin/privacy/subject.html", {"form": SubjectForm()})
    form = SubjectForm(request.POST)
    action = request.POST.get("action", "find")
    if not form.is_valid() or action not in ACTIONS:
        return _page(request, "admin/privacy/subject.html", {"form": form}, status=400)
    subject, now = form.cleaned_data["contact"], timezone.now()
    if action == "export":
        return _export(subject_export(subject=subject, now=now))
    if action == "erase":
        context = {"form": form, "erasure": subject_preview(subject, now=now)}
        return _page(request, "admin/privacy/confirm_erase.html", context)
    if action == "erase-confirmed":
        erasure = subject_erase(subject=subject, now=now)
        messages.success(
            request,
            f"Données effacées : {erasure.appointments} rendez-vous anonymisé(s), dont "
            f"{erasure.cancelled} à venir annulé(s) ; {erasure.conversations} conversation(s) "
            f"et {erasure.turns} message(s) supprimés.",
        )
        return redirect("admin-privacy")
    found = subject_find(subject)
    context = {
        "form": form,
        "appointments": found.appointments,
        "conversations": list(found.conversations),
        "searched": True,
    }
    return _page(request, "admin/privacy/subject.html", context)


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> TemplateResponse:
    context = {**admin.site.each_context(request), "title": "Données personnelles", **context}
    return TemplateResponse(request, template, context, status=status)


def _export(data: dict[str, Any]) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    stamp = data["exported_at"][:10]
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="donnees-personnelles-{stamp}.json"'
    return response
