"""The business profile (CONTRACT section 4): validation and idempotent loading."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils import timezone

from booking.models import (
    Business,
    Closure,
    Motif,
    OpeningHours,
    Practitioner,
    PractitionerAbsence,
    PractitionerHours,
    PractitionerMotif,
)
from booking.notifications.models import NotificationPolicy
from booking.services import practitioner_calendar_changed

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ProfileError(ValueError):
    pass


def _time(value: Any, where: str) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise ProfileError(f"{where}: {value!r} is not a time (HH:MM)") from None


def _bounded_int(
    data: dict[str, Any], key: str, default: int | None, *, low: int = 0, high: int
) -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ProfileError(f"{key}: expected an integer from {low} to {high}, got {value!r}")
    return value


def parse_opening_hours(raw: Any) -> list[tuple[int, time, time]]:
    if not isinstance(raw, dict):
        raise ProfileError("opening_hours: expected an object keyed by weekday")
    periods = []
    for day, spans in raw.items():
        if day not in WEEKDAYS:
            raise ProfileError(f"opening_hours: unknown day {day!r}")
        for span in spans or []:
            if not isinstance(span, list | tuple) or len(span) != 2:
                raise ProfileError(f"opening_hours.{day}: expected [start, end] pairs")
            start, end = (
                _time(span[0], f"opening_hours.{day}"),
                _time(span[1], f"opening_hours.{day}"),
            )
            if start >= end:
                raise ProfileError(f"opening_hours.{day}: {span[0]} is not before {span[1]}")
            periods.append((WEEKDAYS.index(day) + 1, start, end))
    _refuse_overlaps(periods)
    return periods


def _refuse_overlaps(periods: list[tuple[int, time, time]]) -> None:
    ordered = sorted(periods)
    for (day, _, end), (next_day, next_start, _) in zip(ordered, ordered[1:], strict=False):
        if day == next_day and next_start < end:
            raise ProfileError(f"opening_hours.{WEEKDAYS[day - 1]}: periods overlap")


SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
PRACTITIONER_KEYS = {
    *("id", "name", "spoken", "kind", "active", "motifs"),
    *("opening_hours", "absences", "calendar_id"),
}


def _text(raw: dict[str, Any], key: str, where: str, *, limit: int, required: bool = False) -> str:
    value = raw.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ProfileError(f"{where}.{key}: expected text")
    value = " ".join(value.split())
    if required and not value:
        raise ProfileError(f"{where}.{key}: required")
    if len(value) > limit:
        raise ProfileError(f"{where}.{key}: at most {limit} characters")
    return value


def _absences(raw: Any, where: str) -> list[tuple[date, date]]:
    if not isinstance(raw, list):
        raise ProfileError(f"{where}.absences: expected [first day, last day] pairs")
    spans = []
    for span in raw:
        if not isinstance(span, list | tuple) or len(span) != 2:
            raise ProfileError(f"{where}.absences: expected [first day, last day] pairs")
        try:
            first, last = date.fromisoformat(str(span[0])), date.fromisoformat(str(span[1]))
        except ValueError:
            raise ProfileError(f"{where}.absences: dates as YYYY-MM-DD") from None
        if first > last:
            raise ProfileError(f"{where}.absences: {span[0]} is after {span[1]}")
        spans.append((first, last))
    return spans


def _handled(raw: Any, where: str, motifs: set[str]) -> list[tuple[str, int | None]]:
    """The motifs a practitioner handles: names, or {"name", "minutes"} for its own length."""
    if not isinstance(raw, list):
        raise ProfileError(f"{where}.motifs: expected a list of motif names")
    handled = []
    for entry in raw:
        minutes = None
        if isinstance(entry, dict):
            minutes = _bounded_int(entry, "minutes", None, low=5, high=24 * 60)
            entry = entry.get("name")
        if not isinstance(entry, str) or entry.strip() not in motifs:
            raise ProfileError(f"{where}.motifs: {entry!r} is not one of the business's motifs")
        handled.append((entry.strip(), minutes))
    return handled


def parse_practitioners(raw: Any, *, motifs: set[str]) -> list[dict[str, Any]]:
    """The optional `practitioners` list (CONTRACT section 4), checked."""
    if not isinstance(raw, list):
        raise ProfileError("practitioners: expected a list")
    parsed, seen = [], set()
    for n, entry in enumerate(raw):
        where = f"practitioners[{n}]"
        if not isinstance(entry, dict):
            raise ProfileError(f"{where}: expected an object")
        unknown = set(entry) - PRACTITIONER_KEYS
        if unknown:
            raise ProfileError(f"{where}: unknown keys {sorted(unknown)}")
        key = entry.get("id")
        if not isinstance(key, str) or not SLUG.match(key):
            raise ProfileError(f"{where}.id: lowercase letters, digits, - or _ (e.g. dr-carrere)")
        if key in seen:
            raise ProfileError(f"{where}.id: {key!r} appears twice")
        seen.add(key)
        active = entry.get("active", True)
        if not isinstance(active, bool):
            raise ProfileError(f"{where}.active: expected true or false")
        parsed.append(
            {
                "key": key,
                "name": _text(entry, "name", where, limit=120, required=True),
                "spoken": _text(entry, "spoken", where, limit=120),
                "kind": _text(entry, "kind", where, limit=60),
                "calendar_id": _text(entry, "calendar_id", where, limit=300),
                "active": active,
                "hours": parse_opening_hours(entry.get("opening_hours") or {}),
                "absences": _absences(entry.get("absences") or [], where),
                "motifs": _handled(entry.get("motifs") or [], where, motifs),
            }
        )
    return parsed


NOTIFICATION_KEYS = {"email", "sms", "reminder_hours", "quiet_hours"}


def parse_notifications(raw: Any) -> dict[str, Any] | None:
    """The optional « notifications » object: channels, reminder hours, quiet hours.

    {"email": true, "sms": false, "reminder_hours": [48, 2], "quiet_hours": ["20:30", "08:00"]}
    """
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ProfileError("notifications: expected an object")
    if unknown := set(raw) - NOTIFICATION_KEYS:
        raise ProfileError(f"notifications: unknown keys {sorted(unknown)}")
    for key in ("email", "sms"):
        if not isinstance(raw.get(key, True), bool):
            raise ProfileError(f"notifications.{key}: expected true or false")
    hours = raw.get("reminder_hours", [48, 2])
    if not isinstance(hours, list) or any(
        not isinstance(h, int) or isinstance(h, bool) or not 1 <= h <= 720 for h in hours
    ):
        raise ProfileError("notifications.reminder_hours: expected whole hours from 1 to 720")
    quiet = raw.get("quiet_hours", ["20:30", "08:00"])
    if not isinstance(quiet, list) or len(quiet) != 2:
        raise ProfileError('notifications.quiet_hours: expected ["HH:MM", "HH:MM"]')
    return {
        "email_enabled": raw.get("email", True),
        "sms_enabled": raw.get("sms", True),
        "reminder_hours": ",".join(str(h) for h in sorted(set(hours), reverse=True)),
        "quiet_start": _time(quiet[0], "notifications.quiet_hours"),
        "quiet_end": _time(quiet[1], "notifications.quiet_hours"),
    }


def validate_profile(data: Any) -> dict[str, Any]:
    """The profile's values, checked; raises ProfileError with a readable message."""
    if not isinstance(data, dict):
        raise ProfileError("the profile must be a JSON object")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProfileError("name: required")
    tz = data.get("timezone", "Europe/Paris")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ProfileError(f"timezone: unknown time zone {tz!r}") from None
    try:
        closed = [date.fromisoformat(d) for d in data.get("closed_dates", [])]
    except (TypeError, ValueError):
        raise ProfileError("closed_dates: expected dates as YYYY-MM-DD") from None
    motifs = []
    for motif in data.get("motifs") or []:
        if (
            not isinstance(motif, dict)
            or not isinstance(motif.get("name"), str)
            or not motif["name"].strip()
        ):
            raise ProfileError('motifs: expected {"name": ..., "minutes": ...} objects')
        try:
            minutes = _bounded_int(motif, "minutes", None, low=5, high=24 * 60)
        except ProfileError as exc:
            raise ProfileError(f"motifs ({motif['name']}): {exc}") from None
        if minutes is None:
            raise ProfileError(f"motifs: {motif['name']!r} needs its minutes")
        motifs.append((motif["name"].strip(), minutes))
    if len({name for name, _ in motifs}) != len(motifs):
        raise ProfileError("motifs: a name appears twice")
    practitioners = parse_practitioners(
        data.get("practitioners") or [], motifs={name for name, _ in motifs}
    )
    return {
        "practitioners": practitioners,
        "notifications": parse_notifications(data.get("notifications")),
        "name": name.strip(),
        "timezone": tz,
        "slot_minutes": _bounded_int(data, "slot_minutes", 30, low=5, high=24 * 60),
        "min_notice_minutes": _bounded_int(data, "min_notice_minutes", 120, high=60 * 24 * 60),
        "horizon_days": _bounded_int(data, "horizon_days", 21, low=1, high=366),
        "transfer_number": str(data.get("transfer_number", ""))[:32],
        "address": " ".join(str(data.get("address") or "").split())[:300],
        "cancel_notice_hours": _bounded_int(data, "cancel_notice_hours", None, high=24 * 60),
        "opening": parse_opening_hours(data.get("opening_hours", {})),
        "closed_dates": closed,
        "motifs": motifs,
    }


@transaction.atomic
def business_load_profile(data: Any) -> Business:
    """Create or update the business from a profile; loading the same file twice changes nothing."""
    values = validate_profile(data)
    fields = {
        k: values[k]
        for k in (
            "name",
            "timezone",
            "slot_minutes",
            "min_notice_minutes",
            "horizon_days",
            "transfer_number",
            "address",
            "cancel_notice_hours",
        )
    }
    business = Business.objects.order_by("pk").first()
    if business is None:
        business = Business.objects.create(**fields)
    else:
        changed = [k for k, v in fields.items() if getattr(business, k) != v]
        for key in changed:
            setattr(business, key, fields[key])
        if changed:
            business.save(update_fields=[*changed, "updated_at"])
    _replace_opening_hours(business, values["opening"])
    _replace_closures(business, values["closed_dates"])
    _replace_motifs(business, values["motifs"])
    _replace_practitioners(business, values["practitioners"])
    if values["notifications"] is not None:
        # Without the key, the settings made in the admin stay as they are.
        NotificationPolicy.objects.update_or_create(
            business=business, defaults=values["notifications"]
        )
    return business


def _replace_opening_hours(business: Business, periods: list[tuple[int, time, time]]) -> None:
    current = set(business.opening_hours.values_list("weekday", "start", "end"))
    if current == set(periods):
        return
    business.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(business=business, weekday=d, start=s, end=e) for d, s, e in periods
    )


def _replace_closures(business: Business, dates: list[date]) -> None:
    business.closures.exclude(date__in=dates).delete()
    existing = set(business.closures.values_list("date", flat=True))
    Closure.objects.bulk_create(Closure(business=business, date=d) for d in set(dates) - existing)


def _replace_motifs(business: Business, motifs: list[tuple[str, int]]) -> None:
    names = [name for name, _ in motifs]
    business.motifs.exclude(name__in=names).delete()
    for name, minutes in motifs:
        Motif.objects.update_or_create(business=business, name=name, defaults={"minutes": minutes})


def _replace_practitioners(business: Business, practitioners: list[dict[str, Any]]) -> None:
    """Upsert the profile's practitioners by id; those it no longer names are deactivated
    (their appointments stay). Without any, the business's own agenda is the one active."""
    motif_ids = dict(business.motifs.values_list("name", "pk"))
    for position, values in enumerate(practitioners):
        fields = {k: values[k] for k in ("name", "spoken", "kind", "calendar_id", "active")}
        calendar_before = (
            Practitioner.objects.filter(business=business, key=values["key"], implicit=False)
            .values_list("calendar_id", flat=True)
            .first()
        )
        practitioner, _ = Practitioner.objects.update_or_create(
            business=business,
            key=values["key"],
            implicit=False,
            defaults={**fields, "position": position},
        )
        if calendar_before is not None and calendar_before != practitioner.calendar_id:
            practitioner_calendar_changed(practitioner=practitioner, now=timezone.now())
        if set(practitioner.hours.values_list("weekday", "start", "end")) != set(values["hours"]):
            practitioner.hours.all().delete()
            PractitionerHours.objects.bulk_create(
                PractitionerHours(practitioner=practitioner, weekday=d, start=s, end=e)
                for d, s, e in values["hours"]
            )
        absences = set(practitioner.absences.values_list("first_day", "last_day"))
        if absences != set(values["absences"]):
            practitioner.absences.all().delete()
            PractitionerAbsence.objects.bulk_create(
                PractitionerAbsence(practitioner=practitioner, first_day=first, last_day=last)
                for first, last in values["absences"]
            )
        links = set(practitioner.motif_links.values_list("motif__name", "minutes"))
        if links != set(values["motifs"]):
            practitioner.motif_links.all().delete()
            PractitionerMotif.objects.bulk_create(
                PractitionerMotif(practitioner=practitioner, motif_id=motif_ids[name], minutes=m)
                for name, m in values["motifs"]
            )
    named = [values["key"] for values in practitioners]
    business.practitioners.filter(implicit=False).exclude(key__in=named).update(active=False)
    implicit = business.practitioners.filter(implicit=True)
    if practitioners:
        implicit.update(active=False)
    elif not implicit.update(active=True):
        Practitioner.objects.create(
            business=business,
            implicit=True,
            key=Practitioner.IMPLICIT_KEY,
            name=business.name or "Agenda",
        )
