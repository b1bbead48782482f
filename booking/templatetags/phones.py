"""`{{ number|phone_written }}`: a stored E.164 number as the front desk writes it (06 12 34 56 78)."""

from __future__ import annotations

from django import template

from receptionist.lib.phones import written

register = template.Library()


@register.filter
def phone_written(number: str) -> str:
    return written(number or "")
