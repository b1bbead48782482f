"""French as the agent speaks and writes it: days, times, slot lists, numbers and phone
numbers said digit pair by digit pair. Pure functions, used by the prompts' values and by the
voice channel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from receptionist.lib.french import clock_label, day_label

ORDINALS = ("premier", "deuxième", "troisième")


def slot_label(moment: datetime, channel: str = "web") -> str:
    """« mardi 24 novembre à 9h » (local time)."""
    return f"{day_label(moment)} à {clock_label(moment, channel)}"


def either(options: Sequence[str], conjunction: str = "ou") -> str:
    """« A », « A ou B », « A, B ou C » (or « et » to list them all)."""
    options = [o for o in options if o]
    if len(options) <= 1:
        return "".join(options)
    return ", ".join(options[:-1]) + f" {conjunction} " + options[-1]


def with_whom(practitioner: str) -> str:
    """« avec le docteur Carrère », or nothing when no practitioner is named."""
    return f" avec {practitioner}" if practitioner else ""


def slot_list(starts: Sequence[datetime], channel: str, practitioners: Sequence[str] = ()) -> str:
    """The proposals as one phrase: numbered on the web, short and spoken on the phone; each
    with whom, when `practitioners` (one per start) name them."""
    if not starts:
        return ""
    whom = [with_whom(p) for p in practitioners] if practitioners else [""] * len(starts)
    if channel == "voice":
        labels = []
        for i, start in enumerate(starts):
            same_day = i > 0 and starts[i - 1].date() == start.date()
            label = f"à {clock_label(start, channel)}" if same_day else slot_label(start, channel)
            labels.append(label + whom[i])
        if len(labels) == 1:
            return labels[0]
        return ", ".join(labels[:-1]) + " ou " + labels[-1]
    return " ; ".join(
        f"{i}) {slot_label(s)}{w}" for i, (s, w) in enumerate(zip(starts, whom, strict=True), 1)
    )


UNITS = (
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize dix-sept dix-huit dix-neuf"
).split()
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}
SPOKEN_SYMBOLS = {".": "point", "@": "arobase", "-": "tiret", "_": "tiret du bas", "+": "plus"}


def number_words(n: int) -> str:
    """0–99 in French words: 71 → « soixante et onze », 80 → « quatre-vingts »."""
    if n < 20:
        return UNITS[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        base, unit = TENS[tens - 1], unit + 10
        joiner = " et " if n == 71 else "-"
        return f"{base}{joiner}{UNITS[unit]}"
    base = TENS[tens]
    if unit == 0:
        return base + ("s" if tens == 8 else "")
    if unit == 1 and tens != 8:
        return f"{base} et un"
    return f"{base}-{UNITS[unit]}"


def phone_words(e164: str) -> str:
    """A French number read back in pairs: « zéro six, douze, trente-quatre, … »."""
    label = phone_label(e164)
    if not label.startswith("0"):
        return label
    pairs = label.split()
    spoken = [f"zéro {UNITS[int(p[1])]}" if p[0] == "0" else number_words(int(p)) for p in pairs]
    return ", ".join(spoken)


def spelled(text: str) -> str:
    """Letter by letter, for an e-mail address read back on the phone."""
    return ", ".join(SPOKEN_SYMBOLS.get(c, c) for c in text if not c.isspace())


def phone_label(e164: str) -> str:
    """« +33612345678 » → « 06 12 34 56 78 »; other countries stay as they are."""
    if e164.startswith("+33") and len(e164) == 12:
        national = "0" + e164[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    return e164
