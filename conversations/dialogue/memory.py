"""What a conversation remembers between turns, as plain data that round-trips through JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from booking.preferences import Preference

if TYPE_CHECKING:
    from conversations.dialogue.nlu.intents import HeldShift


@dataclass(frozen=True)
class SlotRef:
    """A proposed slot or an existing appointment, as the engine sees it (aware datetimes)."""

    start: datetime
    end: datetime
    appointment_id: int | None = None
    # Whose agenda: the practitioner's key ("" for a business with one agenda).
    practitioner: str = ""
    # An appointment within the business's cancellation notice: only staff may change it.
    locked: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "appointment_id": self.appointment_id,
            "practitioner": self.practitioner,
            "locked": self.locked,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SlotRef:
        return cls(
            start=datetime.fromisoformat(data["start"]),
            end=datetime.fromisoformat(data["end"]),
            appointment_id=data.get("appointment_id"),
            practitioner=data.get("practitioner") or "",
            locked=bool(data.get("locked")),
        )


# Memory.practitioner when the caller has no preference.
ANYONE = "*"


@dataclass(frozen=True)
class Memory:
    intent: str = ""
    name: str = ""
    motif: str = ""
    phone: str = ""
    email: str = ""
    caller_number: str = ""
    caller_number_offered: bool = False
    # Whom the appointment is with: a practitioner's key, ANYONE, or "" (not said yet); or
    # a kind (« dentiste »), or « le même que d'habitude » (found when slots are looked for).
    practitioner: str = ""
    practitioner_kind: str = ""
    practitioner_same: bool = False
    practitioner_asked: bool = False
    # A name said that is none of the practitioners: said back with the choices.
    practitioner_unknown: str = ""
    # The practitioner asked for does not work on the day wished (said with the proposal).
    practitioner_away: str = ""
    # « madame Laurent »: only the surname was given, and the first name was asked once.
    first_name_asked: bool = False
    preference: Preference | None = None
    # « Quand souhaiteriez-vous venir ? » was asked: an absence said then is the whole answer.
    preference_asked: bool = False
    # A move of the hour only (« changer l'heure »): slots on the appointment's own day.
    keeps_day: bool = False
    # A move to another day (« un autre jour »): the appointment's own day is ruled out.
    other_day: bool = False
    # A move of the hour « plus tard » or « plus tôt »: after (or before) the one held.
    held_shift: HeldShift | None = None
    slots: tuple[SlotRef, ...] = ()
    chosen: SlotRef | None = None
    matches: tuple[SlotRef, ...] = ()
    target: SlotRef | None = None
    failures: dict[str, int] = field(default_factory=dict)
    booking_retries: int = 0
    faq_misses: int = 0
    # The entry last answered at the start: the same one again means it did not help.
    last_faq_id: str = ""
    turns_since_menu: int = 0
    # FAQ_CONFIRM: the entry proposed, and the state to go back to once it is settled
    faq_proposed: str = ""
    faq_resume: str = ""
    # Entries the caller said were not their question: not proposed to them again.
    faq_refused: tuple[str, ...] = ()

    def failed(self, kind: str) -> Memory:
        return replace(self, failures={**self.failures, kind: self.failures.get(kind, 0) + 1})

    def failures_of(self, kind: str) -> int:
        return self.failures.get(kind, 0)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, SlotRef):
                value = value.to_dict()
            elif isinstance(value, tuple):
                value = [v.to_dict() if isinstance(v, SlotRef) else v for v in value]
            elif isinstance(value, Preference):
                value = _preference_to_dict(value)
            data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Memory:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("slots", "matches"):
            values[key] = tuple(SlotRef.from_dict(v) for v in values.get(key) or ())
        values["faq_refused"] = tuple(values.get("faq_refused") or ())
        for key in ("chosen", "target"):
            values[key] = SlotRef.from_dict(values[key]) if values.get(key) else None
        if values.get("preference") is not None:
            values["preference"] = _preference_from_dict(values["preference"])
        return cls(**values)


def _preference_to_dict(preference: Preference) -> dict[str, Any]:
    data = asdict(preference)
    data["dates"] = sorted(d.isoformat() for d in preference.dates)
    data["weekdays"] = sorted(preference.weekdays)
    for key in ("earliest", "latest", "after", "before", "at"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    data["away"] = [[first.isoformat(), last.isoformat()] for first, last in preference.away]
    return data


def _preference_from_dict(data: dict[str, Any]) -> Preference:
    def opt(key: str, parse: Any) -> Any:
        return parse(data[key]) if data.get(key) else None

    return Preference(
        dates=frozenset(date.fromisoformat(d) for d in data.get("dates", ())),
        weekdays=frozenset(data.get("weekdays", ())),
        earliest=opt("earliest", date.fromisoformat),
        latest=opt("latest", date.fromisoformat),
        after=opt("after", time.fromisoformat),
        before=opt("before", time.fromisoformat),
        at=opt("at", time.fromisoformat),
        asap=bool(data.get("asap")),
        away=tuple(
            (date.fromisoformat(first), date.fromisoformat(last))
            for first, last in data.get("away", ())
        ),
        refused_hours=bool(data.get("refused_hours")),
        refused_days=bool(data.get("refused_days")),
    )
