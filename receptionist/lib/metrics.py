"""Prometheus metrics: their definitions, and the record functions the code calls where facts happen.

Labels are small closed sets (channel, state, outcome, result), never a name, a phone number or
a conversation id. With ``PROMETHEUS_MULTIPROC_DIR`` set, prometheus_client keeps each value in
a file of that directory, per process, and ``/metrics`` adds them up (receptionist.metrics_view).
Counters follow the tagged log lines: they count a fact when it happens.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured
from prometheus_client import Counter, Histogram

# prometheus_client switches to multi-process mode as soon as the variable exists, even empty.
MULTIPROCESS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if MULTIPROCESS_DIR is not None and not os.path.isdir(MULTIPROCESS_DIR):
    # Otherwise every turn would fail on its first counter.
    raise ImproperlyConfigured("PROMETHEUS_MULTIPROC_DIR must be an existing directory.")

# Turns take milliseconds; a slow one is a database or calendar wait.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0)

TURNS = Counter(
    "receptionist_turns",
    "Turns answered, by channel and state after the turn.",
    ["channel", "state"],
)
TURN_LATENCY = Histogram(
    "receptionist_turn_latency_seconds",
    "Time to answer a turn, from the message to the saved conversation.",
    ["channel"],
    buckets=LATENCY_BUCKETS,
)
OUTCOMES = Counter(
    "receptionist_conversation_outcomes",
    "Conversations reaching an outcome (confirmed, cancelled, moved, transferred, ...).",
    ["channel", "outcome"],
)
FAQ_HITS = Counter("receptionist_faq_hits", "Turns answered from the FAQ.", ["channel"])
FAQ_MISSES = Counter("receptionist_faq_misses", "Questions the FAQ had no answer for.", ["channel"])
BOOKING_ATTEMPTS = Counter(
    "receptionist_booking_attempts", "Attempts to book or move an appointment.", ["channel"]
)
BOOKING_RESULTS = Counter(
    "receptionist_booking_results",
    "Booking attempts by result (booked, moved, slot_taken, too_late, not_found, error).",
    ["channel", "result"],
)
CALENDAR_PUSHES = Counter(
    "receptionist_calendar_pushes",
    "Pushes of an outbox change to the remote calendar, by result (pushed, retry, failed).",
    ["result"],
)


def turn_recorded(*, channel: str, state: str, seconds: float, faq: str = "") -> None:
    """One answered turn; `faq` is « hit », « miss » or empty."""
    TURNS.labels(str(channel), str(state)).inc()
    TURN_LATENCY.labels(str(channel)).observe(seconds)
    if faq == "hit":
        FAQ_HITS.labels(str(channel)).inc()
    elif faq == "miss":
        FAQ_MISSES.labels(str(channel)).inc()


def conversation_outcome(*, channel: str, outcome: str) -> None:
    OUTCOMES.labels(str(channel), str(outcome)).inc()


@contextmanager
def booking_attempt(*, channel: str) -> Iterator[None]:
    """Count an attempt; an exception escaping it is counted as the result « error »."""
    BOOKING_ATTEMPTS.labels(str(channel)).inc()
    try:
        yield
    except Exception:
        booking_result(channel=channel, result="error")
        raise


def booking_result(*, channel: str, result: str) -> None:
    BOOKING_RESULTS.labels(str(channel), result).inc()


def calendar_push(result: str) -> None:
    CALENDAR_PUSHES.labels(result).inc()
