"""Dates and times written the French way: « mardi 24 novembre », « 14h30 ». Pure."""

from __future__ import annotations

from datetime import datetime

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def clock_label(moment: datetime, channel: str = "web") -> str:
    """« 9h », « 14h30 »; on the phone « 9 heures », « 14 heures 30 »."""
    if channel == "voice":
        hours = "midi" if moment.hour == 12 else f"{moment.hour} heures"
        return hours if moment.minute == 0 else f"{hours} {moment.minute:02d}"
    return f"{moment.hour}h" if moment.minute == 0 else f"{moment.hour}h{moment.minute:02d}"


def day_label(moment: datetime) -> str:
    """« mardi 24 novembre »; « lundi 1er décembre »."""
    day = "1er" if moment.day == 1 else str(moment.day)
    return f"{WEEKDAYS[moment.weekday()]} {day} {MONTHS[moment.month - 1]}"
