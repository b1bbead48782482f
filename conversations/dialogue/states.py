"""The states of a conversation: each names the question the agent is waiting on."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    START = "START"
    INTENT_ROUTER = "INTENT_ROUTER"
    QUALIF_NAME = "QUALIF_NAME"
    QUALIF_MOTIF = "QUALIF_MOTIF"
    QUALIF_PREF = "QUALIF_PREF"
    QUALIF_CONTACT = "QUALIF_CONTACT"
    # With practitioners only: whom the appointment is with (one, a kind, or anyone).
    QUALIF_PRACTITIONER = "QUALIF_PRACTITIONER"
    WAIT_CONFIRM = "WAIT_CONFIRM"
    BOOKING_CONFIRM = "BOOKING_CONFIRM"
    CANCEL_NAME = "CANCEL_NAME"
    CANCEL_VERIFY = "CANCEL_VERIFY"
    CANCEL_SELECT = "CANCEL_SELECT"
    CANCEL_CONFIRM = "CANCEL_CONFIRM"
    MODIFY_NAME = "MODIFY_NAME"
    MODIFY_VERIFY = "MODIFY_VERIFY"
    MODIFY_SELECT = "MODIFY_SELECT"
    MODIFY_CONFIRM = "MODIFY_CONFIRM"
    # « Vous souhaitez connaître nos horaires ? »: an FAQ entry proposed, not yet answered
    FAQ_CONFIRM = "FAQ_CONFIRM"
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"
    TRANSFERRED = "TRANSFERRED"


# The conversation reached its outcome: nothing is pending.
TERMINAL = frozenset({State.CONFIRMED, State.CANCELLED, State.TRANSFERRED})

# Cancel or move: waiting for the appointment's owner to prove it is theirs.
VERIFY = frozenset({State.CANCEL_VERIFY, State.MODIFY_VERIFY})
