"""The calendar outbox: record changes with the booking, push them to the remote calendar later.

Each change row means « make the calendar show this appointment as it is now »: a confirmed
appointment is inserted or updated, a cancelled one deleted, a moved one handed its event
to the appointment that replaced it. Pushing the same row twice is therefore harmless, and
rows are claimed with a conditional update so that two workers never push the same one.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from booking.calendars import CalendarBackend, CalendarError, calendar_backend, event_id_for
from booking.models import Appointment, CalendarChange, CalendarHealth
from receptionist import metrics

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
# A claim older than this belongs to a worker that died: the change is pending again.
STALE_CLAIM = timedelta(minutes=5)


@dataclass
class SyncReport:
    pushed: int = 0
    failed: int = 0
    skipped: int = 0


def remote_calendar() -> CalendarBackend | None:
    backend = calendar_backend()
    return backend if backend.remote else None


def change_recorded(*appointments: Appointment) -> None:
    """Inside the booking transaction: mark the appointments pending and push after the commit."""
    if remote_calendar() is None:
        return
    now = timezone.now()
    ids = []
    for appointment in appointments:
        Appointment.objects.filter(pk=appointment.pk).update(
            sync_status=Appointment.SyncStatus.PENDING
        )
        appointment.sync_status = Appointment.SyncStatus.PENDING
        change = CalendarChange.objects.create(appointment=appointment, next_attempt_at=now)
        ids.append(change.pk)
    transaction.on_commit(lambda: push_soon(ids))


def push_soon(change_ids: list[int]) -> None:
    """One quick attempt right after the commit, in the background: the reply never waits."""
    if not settings.CALENDAR_PUSH_AFTER_COMMIT:
        return
    thread = threading.Thread(
        target=_push_now, args=(change_ids,), daemon=True, name="calendar-push"
    )
    thread.start()


def _push_now(change_ids: list[int]) -> None:
    try:
        sync_pending(worker=f"quick-{os.getpid()}", only=change_ids)
    except Exception:  # a background attempt must never take the process down
        logger.exception("[CALENDAR] quick push failed; sync_calendar will retry")
    finally:
        connection.close()


def _claim(change: CalendarChange, worker: str, now: datetime) -> bool:
    claimed = CalendarChange.objects.filter(
        Q(status=CalendarChange.Status.PENDING)
        | Q(status=CalendarChange.Status.CLAIMED, claimed_at__lt=now - STALE_CLAIM),
        pk=change.pk,
        updated_at=change.updated_at,
    ).update(
        status=CalendarChange.Status.CLAIMED, claimed_at=now, claimed_by=worker, updated_at=now
    )
    # Nothing updated: another worker got there first.
    return claimed == 1


def sync_pending(
    *, worker: str | None = None, limit: int = 100, only: list[int] | None = None
) -> SyncReport:
    """Push the due changes (or only those listed); returns what happened."""
    backend = remote_calendar()
    report = SyncReport()
    if backend is None:
        return report
    worker = worker or f"{os.getpid()}-{uuid.uuid4().hex[:6]}"
    now = timezone.now()
    due = CalendarChange.objects.filter(
        Q(status=CalendarChange.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=CalendarChange.Status.CLAIMED, claimed_at__lt=now - STALE_CLAIM)
    ).order_by("next_attempt_at", "pk")
    if only is not None:
        due = due.filter(pk__in=only)
    for change in list(due[:limit]):
        if not _claim(change, worker, now):
            report.skipped += 1
            continue
        if _push(change, backend):
            report.pushed += 1
        else:
            report.failed += 1
    return report


def _push(change: CalendarChange, backend: CalendarBackend) -> bool:
    appointment = Appointment.objects.select_related("business").get(pk=change.appointment_id)
    try:
        event_id = _apply(appointment, backend)
    except CalendarError as exc:
        _failed(change, appointment, exc)
        return False
    now = timezone.now()
    with transaction.atomic():
        CalendarChange.objects.filter(pk=change.pk).update(
            status=CalendarChange.Status.DONE,
            attempts=change.attempts + 1,
            last_error="",
            updated_at=now,
        )
        # A later change of the same appointment is still to push: stay pending.
        newer = appointment.calendar_changes.filter(status=CalendarChange.Status.PENDING).exists()
        Appointment.objects.filter(pk=appointment.pk).update(
            calendar_event_id=event_id,
            calendar_synced_at=now,
            sync_status=Appointment.SyncStatus.PENDING if newer else Appointment.SyncStatus.SYNCED,
        )
    _health(backend, healthy=True)
    metrics.calendar_push("pushed")
    return True


def _apply(appointment: Appointment, backend: CalendarBackend) -> str:
    """Make the calendar show the appointment as it is now; returns its event id (or "")."""
    event_id = appointment.calendar_event_id or event_id_for(appointment)
    if appointment.status == Appointment.Status.CONFIRMED:
        backend.push(appointment, event_id)
        return event_id
    if appointment.status == Appointment.Status.MOVED and appointment.moved_to_id:
        return ""  # the event now belongs to the appointment it moved to
    backend.remove(event_id)
    return event_id


def _failed(change: CalendarChange, appointment: Appointment, exc: CalendarError) -> None:
    attempts = change.attempts + 1
    give_up = attempts >= MAX_ATTEMPTS
    delay = timedelta(
        seconds=min(3600, settings.CALENDAR_RETRY_BASE_SECONDS * 2 ** min(attempts, 12))
    )
    now = timezone.now()
    CalendarChange.objects.filter(pk=change.pk).update(
        status=CalendarChange.Status.FAILED if give_up else CalendarChange.Status.PENDING,
        attempts=attempts,
        next_attempt_at=now + delay,
        last_error=str(exc)[:300],
        updated_at=now,
    )
    if give_up:
        Appointment.objects.filter(pk=appointment.pk).update(
            sync_status=Appointment.SyncStatus.FAILED
        )
    metrics.calendar_push("failed" if give_up else "retry")
    logger.warning(
        "[CALENDAR] appointment_id=%s push failed (attempt %s, %s): %s",
        appointment.pk,
        attempts,
        "permanent" if exc.permanent else "will retry",
        exc,
    )
    if exc.permanent:
        _health(calendar_backend(), healthy=False, reason=str(exc))


def _health(backend: CalendarBackend, *, healthy: bool, reason: str = "") -> None:
    current = CalendarHealth.objects.filter(backend=backend.name).first()
    if current and current.healthy == healthy and (healthy or current.reason == reason[:300]):
        return
    CalendarHealth.objects.update_or_create(
        backend=backend.name, defaults={"healthy": healthy, "reason": reason[:300]}
    )


def calendar_health() -> dict[str, str | bool]:
    """For /health and the admin banner: the backend and whether it answers (never a secret)."""
    backend = calendar_backend()
    if not backend.remote:
        return {"backend": backend.name, "healthy": True}
    row = CalendarHealth.objects.filter(backend=backend.name).first()
    pending = CalendarChange.objects.filter(status=CalendarChange.Status.PENDING).count()
    return {
        "backend": backend.name,
        "healthy": row.healthy if row else True,
        "reason": row.reason if row and not row.healthy else "",
        "pending_changes": pending,
    }


def mark_calendar_unreadable(reason: str) -> None:
    """Busy times could not be read: remembered for /health when the cause is permanent."""
    _health(calendar_backend(), healthy=False, reason=reason)
