"""How often each FAQ entry was asked, for the FAQ's admin list.

The conversations record which entry answered each turn; `faq` sits below them and never
imports them. So the conversations app registers, when it starts, the expression that counts
an entry's answers (as a subquery on ``OuterRef("faq_id")``); without one, nothing is counted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db.models import Expression, IntegerField, Value

# What the admin list counts: the answers of the last days.
USAGE_DAYS = 30

AskedCounter = Callable[[datetime], Expression]
_counter: AskedCounter | None = None


def register_asked_counter(counter: AskedCounter) -> None:
    """Set the expression counting an entry's answers since a moment (one per project)."""
    global _counter
    _counter = counter


def asked_since(since: datetime) -> Expression:
    """An entry's answers since `since`, to annotate FaqEntry rows with (0 without a counter)."""
    if _counter is None:
        return Value(0, output_field=IntegerField())
    return _counter(since)
