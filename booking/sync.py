"""The calendar outbox: record changes with the booking, push them to the remote calendar later.

Each change row means « make the calendar show this appointment as it is now »: a confirmed
appointment is inserted or updated, a cancelled one deleted, a moved one handed its event
to the appointment that replaced it. Pushing the same row twice is therefore harmless, and
rows are claimed with a conditional update so that two workers never push the same one.

An appointment's calendar is its practitioner's own, else the business's. The event follows
the appointment: moved to a practitioner with another calendar (or a practitioner given
another calendar), it is removed from the calendar it was in and written to the new one.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from booking.calendar_health import health_record
from booking.calendars import (
    CalendarBackend,
    CalendarError,
    calendar_account,
    calendar_backend,
    event_id_for,
)
from booking.models import Appointment, CalendarChange
from receptionist.lib import metrics

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
# A claim older than this belongs to a worker that died: the change is pending again.
STALE_CLAIM = timedelta(minutes=5)
# Past MAX_ATTEMPTS a change is shown as failed (/health, the admin) and still tried this often:
# nothing is ever abandoned, and a calendar that comes back catches up by itself.
FAILED_RETRY = timedelta(hours=1)
# A push that finds the appointment changed under it pushes the new state at once, this many times.
MAX_REPUSH = 3
# A push with a request that timed out is checked again this much later: that request may
# still be carried out, over a newer write (a stale patch bringing a deleted event back).
UNSURE_RECHECK = timedelta(minutes=1)
RECHECK_NOTE = "a request timed out: checked again"
# The appointment fields a calendar event shows: a push is current while they stay the same.
PUSHED_FIELDS = (
    "status",
    "start",
    "end",
    "name",
    "phone",
    "email",
    "motif",
    "moved_to_id",
    "practitioner_id",
)
# calendar_ref of an event in the business's calendar (a practitioner's own: its calendar id).
BUSINESS_CALENDAR = "@business"


@dataclass
class SyncReport:
    pushed: int = 0
    failed: int = 0
    skipped: int = 0

    def add(self, other: SyncReport) -> None:
        self.pushed += other.pushed
        self.failed += other.failed
        self.skipped += other.skipped


def calendar_ref(appointment: Appointment) -> str:
    """Which calendar shows the appointment: its practitioner's own, else the business's."""
    own = appointment.practitioner.calendar_id if appointment.practitioner_id else ""
    return own or BUSINESS_CALENDAR


def _backend(ref: str) -> CalendarBackend:
    return calendar_backend("" if ref == BUSINESS_CALENDAR else ref)


def _synced_anywhere(appointment: Appointment) -> bool:
    """Its calendar is a remote one, or its event is in one (to be removed from there)."""
    return bool(appointment.calendar_ref) or _backend(calendar_ref(appointment)).remote


def change_recorded(*appointments: Appointment) -> None:
    """Inside the booking transaction: mark the appointments pending and push after the commit."""
    if not calendar_account():
        return
    now = timezone.now()
    ids = []
    for appointment in appointments:
        if not _synced_anywhere(appointment):
            continue
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


def _claimable(now: datetime) -> Q:
    return Q(status__in=[CalendarChange.Status.PENDING, CalendarChange.Status.FAILED]) | Q(
        status=CalendarChange.Status.CLAIMED, claimed_at__lt=now - STALE_CLAIM
    )


def _due(now: datetime) -> Q:
    """Pending and due, failed and an hour past its last attempt, or claimed by a dead worker."""
    return (
        Q(status=CalendarChange.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=CalendarChange.Status.FAILED, updated_at__lt=now - FAILED_RETRY)
        | Q(status=CalendarChange.Status.CLAIMED, claimed_at__lt=now - STALE_CLAIM)
    )


def _claim(change: CalendarChange, worker: str, now: datetime) -> bool:
    claimed = CalendarChange.objects.filter(
        _claimable(now), pk=change.pk, updated_at=change.updated_at
    ).update(
        status=CalendarChange.Status.CLAIMED, claimed_at=now, claimed_by=worker, updated_at=now
    )
    # Nothing updated: another worker got there first.
    return claimed == 1


def sync_pending(
    *,
    worker: str | None = None,
    limit: int = 100,
    only: list[int] | None = None,
    everything: bool = False,
) -> SyncReport:
    """Push the due changes (or only those listed); returns what happened.

    `everything`: also the changes still waiting out their backoff and the failed ones.
    """
    report = SyncReport()
    if not calendar_account():
        return report
    worker = worker or f"{os.getpid()}-{uuid.uuid4().hex[:6]}"
    now = timezone.now()
    due = CalendarChange.objects.filter(_claimable(now) if everything else _due(now))
    due = due.order_by("next_attempt_at", "pk")
    if only is not None:
        due = due.filter(pk__in=only)
    for change in list(due[:limit]):
        if not _claim(change, worker, now):
            report.skipped += 1
            continue
        pushed = _push(change)
        if pushed is None:
            report.skipped += 1
        elif pushed:
            report.pushed += 1
        else:
            report.failed += 1
    return report


def sync_outstanding(*, batch: int = 100) -> SyncReport:
    """Every change not done yet, due or not (`sync_calendar` run once): catch up now."""
    ids = list(
        CalendarChange.objects.exclude(status=CalendarChange.Status.DONE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    report = SyncReport()
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        report.add(sync_pending(only=chunk, limit=batch, everything=True))
    return report


def _chain(appointment_id: int) -> list[Appointment]:
    """The appointment, then the ones it was moved to: the last one owns the calendar event."""
    rows = Appointment.objects.select_related("business", "practitioner")
    chain = [rows.get(pk=appointment_id)]
    while (
        chain[-1].status == Appointment.Status.MOVED and chain[-1].moved_to_id and len(chain) < 50
    ):
        chain.append(rows.get(pk=chain[-1].moved_to_id))
    return chain


def _version(chain: list[Appointment]) -> list[tuple]:
    return [(a.pk, *(getattr(a, f) for f in PUSHED_FIELDS)) for a in chain]


def _current(chain: list[Appointment]) -> list[tuple[Any, ...] | None]:
    """The same appointments as they are in the database now, locked until the commit: a
    cancel or a move of them waits, so no change of theirs slips in unseen."""
    rows = (
        Appointment.objects.select_for_update()
        .filter(pk__in=[a.pk for a in chain])
        .order_by("pk")
        .values_list("pk", *PUSHED_FIELDS)
    )
    by_pk = {row[0]: row for row in rows}
    return [by_pk.get(a.pk) for a in chain]


def _push(change: CalendarChange) -> bool | None:
    """Make the calendar show the change's appointment as it is now.

    Another worker may push a later state of the same appointment while this push is on its
    way (a cancel while a slow insert retries, a move): whichever lands last wins. So a push
    whose appointment changed meanwhile is not done: it pushes the new state again, after its
    own write has landed, and the last write is always the appointment's final state.
    Returns True (pushed), False (failed, retried later) or None (still changing: left pending).
    """
    for _ in range(MAX_REPUSH):
        chain = _chain(change.appointment_id)
        seen = _version(chain)
        target = _backend(calendar_ref(chain[-1]))
        try:
            event_id, unsure = _apply(chain, target)
        except _Failed as failure:
            _failed(change, chain[0], failure.error, failure.backend)
            return False
        if _done(change, chain, seen, event_id, target, unsure=unsure):
            if target.remote:
                health_record(target, healthy=True)
            metrics.calendar_push("pushed")
            return True
        logger.info(
            "[CALENDAR] appointment_id=%s changed during its push: pushing again",
            change.appointment_id,
        )
    CalendarChange.objects.filter(pk=change.pk).update(
        status=CalendarChange.Status.PENDING, next_attempt_at=timezone.now()
    )
    return None


def _done(
    change: CalendarChange,
    chain: list[Appointment],
    seen: list[tuple],
    event_id: str,
    target: CalendarBackend,
    *,
    unsure: bool = False,
) -> bool:
    """Record the push unless the appointment changed meanwhile (then nothing is recorded).

    `unsure`: a request timed out on the way; the change is pushed again a minute later.
    """
    now = timezone.now()
    with transaction.atomic():
        if _current(chain) != seen:
            return False
        # Every other change of these appointments waiting (or failed) is now pushed too; a
        # check planned after a timeout stays.
        CalendarChange.objects.filter(
            appointment_id__in=[a.pk for a in chain],
            status__in=[CalendarChange.Status.PENDING, CalendarChange.Status.FAILED],
        ).exclude(last_error=RECHECK_NOTE).update(
            status=CalendarChange.Status.DONE, last_error="", updated_at=now
        )
        CalendarChange.objects.filter(pk=change.pk).update(
            status=CalendarChange.Status.PENDING if unsure else CalendarChange.Status.DONE,
            attempts=change.attempts + 1,
            next_attempt_at=now + UNSURE_RECHECK,
            last_error=RECHECK_NOTE if unsure else "",
            updated_at=now,
        )
        for appointment in chain:
            in_flight = appointment.calendar_changes.filter(
                status__in=[CalendarChange.Status.CLAIMED, CalendarChange.Status.PENDING]
            ).exclude(pk=change.pk)
            owner = appointment is chain[-1] and target.remote
            if unsure or in_flight.exists():
                status = Appointment.SyncStatus.PENDING
            else:
                status = Appointment.SyncStatus.SYNCED if owner else Appointment.SyncStatus.LOCAL
            Appointment.objects.filter(pk=appointment.pk).update(
                calendar_event_id=event_id if owner else "",
                calendar_ref=calendar_ref(appointment) if owner else "",
                calendar_synced_at=now,
                sync_status=status,
            )
    return True


class _Failed(Exception):
    """A calendar refused a write: which one, and why."""

    def __init__(self, error: CalendarError, backend: CalendarBackend) -> None:
        super().__init__(str(error))
        self.error, self.backend = error, backend


def _apply(chain: list[Appointment], target: CalendarBackend) -> tuple[str, bool]:
    """Make the calendars show the appointment (the last of its moves) as it is now: its
    event removed from any other calendar it may be in (where it was written, where the
    earlier appointments of the chain belonged), then written to (or removed from) its own.
    Returns the event id, and whether a request timed out on the way."""
    last = chain[-1]
    event_id = last.calendar_event_id or event_id_for(last)
    ref = calendar_ref(last)
    elsewhere = {a.calendar_ref for a in chain if a.calendar_ref}
    elsewhere |= {calendar_ref(a) for a in chain}
    unsure = False
    for other in sorted(elsewhere - {ref}):
        unsure |= _write(_backend(other), event_id, None)
    if target.remote:
        confirmed = last.status == Appointment.Status.CONFIRMED
        unsure |= _write(target, event_id, last if confirmed else None)
    return event_id, unsure


def _write(backend: CalendarBackend, event_id: str, appointment: Appointment | None) -> bool:
    """Show the appointment under `event_id`, or remove the event (None); whether unsure."""
    if not backend.remote:
        return False
    try:
        if appointment is None:
            backend.remove(event_id)
        else:
            backend.push(appointment, event_id)
    except CalendarError as exc:
        raise _Failed(exc, backend) from None
    return backend.unsure()


def _failed(
    change: CalendarChange, appointment: Appointment, exc: CalendarError, backend: CalendarBackend
) -> None:
    """Retried with a growing delay; past MAX_ATTEMPTS shown as failed and retried hourly."""
    attempts = change.attempts + 1
    give_up = attempts >= MAX_ATTEMPTS
    delay = (
        FAILED_RETRY
        if give_up
        else timedelta(
            seconds=min(3600, settings.CALENDAR_RETRY_BASE_SECONDS * 2 ** min(attempts, 12))
        )
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
        "failed, retried hourly" if give_up else "will retry",
        exc,
    )
    if exc.permanent:
        health_record(backend, healthy=False, reason=str(exc))


def calendar_changes_retry(*, changes: QuerySet[CalendarChange]) -> int:
    """Staff put failed changes back in the queue: due now, their attempts counted afresh."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(changes.filter(status=CalendarChange.Status.FAILED).values_list("pk", flat=True))
        CalendarChange.objects.filter(pk__in=ids, status=CalendarChange.Status.FAILED).update(
            status=CalendarChange.Status.PENDING, attempts=0, next_attempt_at=now, updated_at=now
        )
        Appointment.objects.filter(
            calendar_changes__pk__in=ids, sync_status=Appointment.SyncStatus.FAILED
        ).update(sync_status=Appointment.SyncStatus.PENDING)
        transaction.on_commit(lambda: push_soon(ids))
    logger.info("[CALENDAR] %s failed change(s) put back in the queue by staff", len(ids))
    return len(ids)
