"""Who may call a staff API: an active staff user holding the permissions the view names.

The admin asks the same: being staff opens the door, each model's permission decides what is
seen. A view lists them in `required_permissions` (« app_label.codename »); a view naming none
is for superusers only, so a staff endpoint added without thought is closed, not open. A
superuser holds every permission.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class StaffPermission(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active and user.is_staff):
            return False
        required = getattr(view, "required_permissions", None)
        if required is None:
            return bool(user.is_superuser)
        return bool(user.has_perms(required))
