"""The admin home's « Aujourd'hui »: what the front desk looks at first thing, each part shown
only to staff allowed to see what it counts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse

from booking.calendar_health import calendar_health, calendar_sync_health
from booking.models import Appointment
from booking.selectors import business_identity
from conversations.models import Conversation
from receptionist.lib.phones import written

CALL_BACK_LIMIT = 10


def front_desk_dashboard(user: Any, *, now: datetime) -> dict[str, Any]:
    tz = business_identity().tz
    midnight = datetime.combine(now.astimezone(tz).date(), datetime.min.time(), tzinfo=tz)
    board: dict[str, Any] = {}
    if user.has_perm("booking.view_appointment"):
        confirmed = Appointment.objects.filter(status=Appointment.Status.CONFIRMED)
        board["today_count"] = confirmed.filter(
            start__gte=midnight, start__lt=midnight + timedelta(days=1)
        ).count()
        upcoming = confirmed.filter(start__gte=now).order_by("start").first()
        if upcoming is not None:
            board["next"] = {
                "name": upcoming.name,
                "start": upcoming.start.astimezone(tz),
                "url": reverse("admin:booking_appointment_change", args=[upcoming.pk]),
            }
        sync = calendar_sync_health()
        health = calendar_health()
        board["calendar"] = {
            "ok": sync.get("status") == "ok" and bool(health.get("healthy", True)),
            "failed": sync.get("failed", 0),
            "pending": sync.get("pending", 0),
            "remote": health.get("backend", "") not in ("", "database"),
        }
    if user.has_perm("conversations.view_conversation"):
        handed = Conversation.objects.filter(
            Q(outcome=Conversation.Outcome.TRANSFERRED), created_at__gte=midnight
        ).order_by("-created_at")[:CALL_BACK_LIMIT]
        board["call_back"] = [
            {
                "name": (c.data or {}).get("name") or "sans nom",
                "number": written(
                    (c.data or {}).get("phone") or (c.data or {}).get("caller_number") or ""
                ),
                "at": c.created_at.astimezone(tz),
                "url": reverse("admin:conversations_conversation_change", args=[c.pk]),
            }
            for c in handed
        ]
    return board
