"""The back office's site: the home opens on the day (« Aujourd'hui »), and the apps are listed
in the order the front desk uses them, appointments first."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

APP_ORDER = ("booking", "conversations", "faq")


class ReceptionistAdminSite(admin.AdminSite):
    site_header = "Réceptionniste : back-office"
    site_title = "Réceptionniste"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[Any]:
        apps = super().get_app_list(request, app_label)
        rank = {label: n for n, label in enumerate(APP_ORDER)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(rank)))

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        # Imported here: this module is loaded while the admin app starts, before the apps'
        # admin modules (which register with this very site) may be imported.
        from conversations.admin.dashboard import front_desk_dashboard

        board = front_desk_dashboard(request.user, now=timezone.now())
        return super().index(request, {"dashboard": board, **(extra_context or {})})
