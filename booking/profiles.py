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
    return {
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
