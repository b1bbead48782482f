"""Whether the remote calendars answer, and what is still to push: for /health and the admin.

Health is remembered per calendar (one row each, shared by every process): the business's
calendar and each practitioner's own. A calendar is unhealthy after a permanent error (bad
credentials, no access, no such calendar) and healthy again after its next success.
"""

from __future__ import annotations

from django.db.models import Count

from booking.calendars import CalendarBackend, calendar_account, calendar_backend
from booking.models import CalendarChange, CalendarHealth, Practitioner


def health_record(backend: CalendarBackend, *, healthy: bool, reason: str = "") -> None:
    """Remember the calendar's state; written only when it changes."""
    current = CalendarHealth.objects.filter(backend=backend.health).first()
    if current and current.healthy == healthy and (healthy or current.reason == reason[:300]):
        return
    CalendarHealth.objects.update_or_create(
        backend=backend.health, defaults={"healthy": healthy, "reason": reason[:300]}
    )


def calendars_in_use() -> list[CalendarBackend]:
    """The remote calendars appointments go to: the business's, and the active practitioners'."""
    if not calendar_account():
        return []
    own = (
        Practitioner.objects.filter(active=True)
        .exclude(calendar_id="")
        .order_by("calendar_id")
        .values_list("calendar_id", flat=True)
        .distinct()
    )
    backends = [calendar_backend(), *(calendar_backend(calendar_id) for calendar_id in own)]
    return [backend for backend in backends if backend.remote]


def calendar_health() -> dict[str, str | bool | int]:
    """The backend and whether every calendar in use answers (never a secret nor an address)."""
    backends = calendars_in_use()
    if not backends:
        return {"backend": calendar_backend().name, "healthy": True}
    rows = {
        row.backend: row
        for row in CalendarHealth.objects.filter(backend__in=[b.health for b in backends])
    }
    failing = [rows[b.health] for b in backends if b.health in rows and not rows[b.health].healthy]
    pending = CalendarChange.objects.filter(status=CalendarChange.Status.PENDING).count()
    answer: dict[str, str | bool | int] = {
        "backend": backends[0].name,
        "healthy": not failing,
        "reason": failing[0].reason if failing else "",
        "pending_changes": pending,
    }
    if len(backends) > 1:
        answer["calendars"] = len(backends)
        answer["unhealthy_calendars"] = len(failing)
    return answer


def mark_calendar_unreadable(backend: CalendarBackend, reason: str) -> None:
    """Busy times could not be read: remembered for /health when the cause is permanent."""
    health_record(backend, healthy=False, reason=reason)


def calendar_sync_health() -> dict[str, str | int]:
    """For /health: the changes not yet in the calendar; « degraded » once one has failed."""
    counts = dict(
        CalendarChange.objects.exclude(status=CalendarChange.Status.DONE)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    failed = counts.get(CalendarChange.Status.FAILED, 0)
    pending = counts.get(CalendarChange.Status.PENDING, 0)
    pending += counts.get(CalendarChange.Status.CLAIMED, 0)
    return {"status": "degraded" if failed else "ok", "failed": failed, "pending": pending}
