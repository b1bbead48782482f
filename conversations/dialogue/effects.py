"""Effects the engine asks for, and the outcomes the service reports back. Plain data."""

from __future__ import annotations

from dataclasses import dataclass

from booking.preferences import Preference
from conversations.dialogue.memory import SlotRef


@dataclass(frozen=True)
class FindSlots:
    preference: Preference


@dataclass(frozen=True)
class Book:
    slot: SlotRef


@dataclass(frozen=True)
class Move:
    appointment_id: int
    slot: SlotRef


@dataclass(frozen=True)
class Cancel:
    appointment_id: int


@dataclass(frozen=True)
class Correct:
    """Who an appointment just booked in this conversation is for, as the caller corrected it
    (« non, c'est Le Goff, sans e »): its name and contact."""

    appointment_id: int
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class FindAppointments:
    """Upcoming appointments under `name` booked with one of `contacts` (E.164 phones or
    e-mails): the caller's proof that the appointment is theirs."""

    name: str
    contacts: tuple[str, ...]


Effect = FindSlots | Book | Move | Cancel | Correct | FindAppointments


@dataclass(frozen=True)
class SlotsFound:
    slots: tuple[SlotRef, ...]
    relaxed: bool = False
    # The practitioner asked for does not work on the day(s) wished (absent, or not that
    # weekday): the reply says so before the nearest slots.
    away: str = ""


@dataclass(frozen=True)
class Booked:
    appointment: SlotRef


@dataclass(frozen=True)
class SlotTaken:
    pass


@dataclass(frozen=True)
class Cancelled:
    appointment: SlotRef


@dataclass(frozen=True)
class CancelRefused:
    """The appointment starts within the business's cancellation notice."""


@dataclass(frozen=True)
class AppointmentsFound:
    appointments: tuple[SlotRef, ...]


@dataclass(frozen=True)
class Corrected:
    """The appointment corrected; None when it is no longer this conversation's to correct
    (cancelled or moved by staff in between)."""

    appointment: SlotRef | None


Outcome = (
    SlotsFound | Booked | SlotTaken | Cancelled | CancelRefused | AppointmentsFound | Corrected
)
