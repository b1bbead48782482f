"""The business profile (CONTRACT section 4): validation and idempotent loading."""

from __future__ import annotations

from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction

from booking.models import Business, Closure, Motif, OpeningHours

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ProfileError(ValueError):
    pass


def _time(value: Any, where: str) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise ProfileError(f"{where}: {value!r} is not a time (HH:MM)") from None


def _positive_int(data: dict[str, Any], key: str, default: int | None) -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ProfileError(f"{key}: expected a non-negative integer, got {value!r}")
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
    return periods


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
            or not motif.get("name")
            or not isinstance(motif.get("minutes"), int)
        ):
            raise ProfileError('motifs: expected {"name": ..., "minutes": ...} objects')
        motifs.append((str(motif["name"]), int(motif["minutes"])))
    slot_minutes = _positive_int(data, "slot_minutes", 30)
    if not slot_minutes or slot_minutes < 5:
        raise ProfileError("slot_minutes: at least 5")
    return {
        "name": name.strip(),
        "timezone": tz,
        "slot_minutes": slot_minutes,
        "min_notice_minutes": _positive_int(data, "min_notice_minutes", 120),
        "horizon_days": _positive_int(data, "horizon_days", 21),
        "transfer_number": str(data.get("transfer_number", "")),
        "cancel_notice_hours": _positive_int(data, "cancel_notice_hours", None),
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
