"""The business's choices for messages, read once per use as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from booking.models import Business
from booking.notifications.models import NotificationPolicy
from booking.notifications.planning import Quiet, parse_hours


@dataclass(frozen=True)
class Policy:
    email: bool
    sms: bool
    reminder_minutes: tuple[int, ...]
    quiet: Quiet


DEFAULT = Policy(
    email=True, sms=True, reminder_minutes=(48 * 60, 2 * 60), quiet=Quiet(time(20, 30), time(8))
)


def business_policy(business: Business) -> Policy:
    """The business's policy; the defaults (e-mail and SMS, 48 h and 2 h) until it sets one."""
    row = NotificationPolicy.objects.filter(business=business).first()
    if row is None:
        return DEFAULT
    return Policy(
        email=row.email_enabled,
        sms=row.sms_enabled,
        reminder_minutes=tuple(parse_hours(row.reminder_hours)),
        quiet=Quiet(_time(row.quiet_start), _time(row.quiet_end)),
    )


def _time(value: time | str) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)
