"""The engine's data types and the moves every handler shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TypedDict

from rapidfuzz import fuzz

from booking.preferences import Preference
from conversations.dialogue.effects import Effect, FindAppointments, FindSlots
from conversations.dialogue.guards import GUARD_PROMPTS, Guard
from conversations.dialogue.memory import ANYONE, Memory
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.nlu.names import merge_name, sounds
from conversations.dialogue.nlu.practitioners import Mention, Staff
from conversations.dialogue.nlu.when.daymath import week_of
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding
from receptionist.lib.text import fold, named_in


@dataclass(frozen=True)
class Limits:
    name_failures: int = 2
    choice_failures: int = 2
    phone_failures: int = 3
    faq_misses: int = 2
    confirm_retries: int = 2
    anti_loop_turns: int = 25


@dataclass(frozen=True)
class Context:
    state: State
    memory: Memory
    channel: str = "web"
    limits: Limits = Limits()
    # Read the booking back and wait for « oui » before booking (the voice default: a name or
    # a slot misheard is caught there). Without it, the choice among the written slots books,
    # and the confirmation recaps everything with the way to move or cancel.
    read_back: bool = True
    # The business's practitioners (none: one agenda, and no one is asked for).
    staff: tuple[Staff, ...] = ()


@dataclass(frozen=True)
class Step:
    state: State
    say: tuple[str, ...]
    memory: Memory
    effects: tuple[Effect, ...] = ()
    transfer: bool = False
    faq_id: str | None = None
    ended: bool = False

    @property
    def intent(self) -> str:
        return self.memory.intent or Intent.UNKNOWN


# The question each state waits on, asked again after an interruption.
ASK: dict[State, str] = {
    State.START: "MSG_ASK_INTENT",
    State.INTENT_ROUTER: "MSG_ANTI_LOOP_MENU",
    State.QUALIF_NAME: "MSG_ASK_NAME",
    State.QUALIF_MOTIF: "MSG_ASK_MOTIF",
    State.QUALIF_PREF: "MSG_ASK_PREF",
    State.QUALIF_CONTACT: "MSG_ASK_CONTACT",
    State.QUALIF_PRACTITIONER: "MSG_ASK_PRACTITIONER",
    State.WAIT_CONFIRM: "MSG_REASK_SLOTS",
    State.BOOKING_CONFIRM: "MSG_CONFIRM_BOOKING",
    State.CANCEL_NAME: "MSG_ASK_CANCEL_NAME",
    State.MODIFY_NAME: "MSG_ASK_MODIFY_NAME",
    State.CANCEL_VERIFY: "MSG_ASK_VERIFY",
    State.MODIFY_VERIFY: "MSG_ASK_VERIFY",
    State.CANCEL_SELECT: "MSG_APPOINTMENT_SELECT",
    State.MODIFY_SELECT: "MSG_APPOINTMENT_SELECT",
    State.CANCEL_CONFIRM: "MSG_CANCEL_CONFIRM",
    State.MODIFY_CONFIRM: "MSG_MODIFY_CONFIRM",
    State.FAQ_CONFIRM: "MSG_FAQ_CONFIRM",
    State.CONFIRMED: "MSG_ANYTHING_ELSE",
    State.CANCELLED: "MSG_ANYTHING_ELSE",
    State.TRANSFERRED: "MSG_ANYTHING_ELSE",
}


def ask_key(ctx: Context) -> str:
    if ctx.state == State.QUALIF_CONTACT and ctx.memory.caller_number_offered:
        return "MSG_ASK_CONTACT_CALLER_ID"
    return ASK[ctx.state]


def reask(ctx: Context, *before: str, memory: Memory | None = None) -> Step:
    """Stay in the state and ask its question again, after `before`."""
    return Step(ctx.state, (*before, ask_key(ctx)), memory or ctx.memory)


def transfer(ctx: Context, key: str = "MSG_TRANSFER", *before: str) -> Step:
    memory = replace(ctx.memory, slots=(), chosen=None)
    return Step(State.TRANSFERRED, (*before, key), memory, transfer=True, ended=True)


def guard_step(ctx: Context, guard: Guard) -> Step:
    return reask(ctx, GUARD_PROMPTS[guard])


def answer_faq(ctx: Context, heard: Understanding) -> Step:
    """Answer from the FAQ, cite it, and ask the pending question again in the same state.

    An entry the FAQ is not sure of is proposed first (FAQ_CONFIRM) at the start; in the middle
    of a request it is answered at once, said to be about that entry (« À propos de « Quels
    sont vos horaires ? » : … »): the caller is busy with the request, and a question back
    would cost a turn whether the entry is the right one or not.
    """
    assert heard.faq is not None
    faq_id = heard.faq.faq_id
    if ctx.state == State.START and faq_id == ctx.memory.last_faq_id:
        # The same entry again right after its answer (sure or proposed): the answer did not
        # settle what the caller wants; the menu.
        memory = replace(ctx.memory, faq_misses=0, last_faq_id="", turns_since_menu=0)
        return Step(State.INTENT_ROUTER, ("MSG_ANTI_LOOP_MENU",), memory)
    if not heard.faq.sure and ctx.state == State.START:
        from conversations.dialogue.flows.faq_confirm import propose_faq  # it builds on this module

        return propose_faq(ctx, heard)
    if not heard.faq.sure:
        if faq_id in ctx.memory.faq_refused:
            return faq_miss(ctx)  # said not to be their question already
        memory = replace(ctx.memory, faq_misses=0, last_faq_id=faq_id)
        step = reask(ctx, "MSG_FAQ_ANSWER_HEDGED", memory=memory)
        return replace(step, faq_id=faq_id)
    memory = replace(ctx.memory, faq_misses=0, last_faq_id=faq_id)
    step = reask(ctx, "MSG_FAQ_ANSWER", memory=memory)
    return replace(step, faq_id=faq_id)


def faq_or(ctx: Context, heard: Understanding, otherwise: Step) -> Step:
    """Answer a matched question; a question nothing matches counts as a miss.

    Mid-flow, only a question is matched against the FAQ: « changer les quatre pneus » is
    the answer to « what for? », even if the FAQ has an entry on tyres.
    """
    if not heard.is_question:
        return otherwise
    if heard.faq is not None:
        return answer_faq(ctx, heard)
    return faq_miss(ctx)


def faq_miss(ctx: Context, fallback: str = "MSG_FAQ_NO_MATCH") -> Step:
    misses = ctx.memory.faq_misses + 1
    memory = replace(ctx.memory, faq_misses=misses, last_faq_id="")
    if misses >= ctx.limits.faq_misses:
        # An unanswered question is still said to be one (and counted as one in reports).
        before = ("MSG_FAQ_NO_MATCH_BEFORE_TRANSFER",) if fallback == "MSG_FAQ_NO_MATCH" else ()
        return transfer(replace(ctx, memory=memory), "MSG_TRANSFER_LIMIT", *before)
    if fallback == "MSG_FAQ_NO_MATCH" and ctx.state not in (State.START, State.INTENT_ROUTER):
        # a request under way goes on: its question follows, not the list of requests
        fallback = "MSG_FAQ_NO_MATCH_MID_FLOW"
    return reask(ctx, fallback, memory=memory)


def fail(ctx: Context, kind: str, limit: int, retry_key: str) -> Step:
    """Count one failure of `kind`; past `limit`, hand over to a human."""
    memory = ctx.memory.failed(kind)
    if memory.failures_of(kind) >= limit:
        return transfer(replace(ctx, memory=memory), "MSG_TRANSFER_LIMIT")
    return Step(ctx.state, (retry_key,), memory)


def resembles(name: str, correction: str) -> bool:
    """Whether a correction is plausibly about this name (« Jacob » for « Steve Jacobs »), by
    its letters or by its sound (« Rouxel » for « Anaïs Rousselle »)."""
    words = fold(name).split()
    return any(
        fuzz.ratio(w, c) >= 70 or (len(c) > 3 and sounds(w) == sounds(c))
        for w in words
        for c in fold(correction).split()
    )


class _Changes(TypedDict, total=False):
    """What the caller's words change in the memory at once: ``replace(memory, **changes)``."""

    phone: str
    email: str
    name: str
    preference: Preference


def apply_corrections(memory: Memory, heard: Understanding) -> Memory:
    """A detail given earlier, fixed later: a new phone number or e-mail address replaces the
    one taken when said with a cue (« non pardon … ») or alone (« 07 50 16 34 82 » while the
    slots are read: nobody gives a second number to keep the first), not when it comes with a
    request or about someone else (« son numéro c'est le … »); a name only with a cue, since
    names come up for many reasons."""
    changes: _Changes = {}
    replaces = heard.is_correction or heard.contact_alone
    if replaces and heard.phone and memory.phone and heard.phone != memory.phone:
        changes["phone"] = heard.phone
    if replaces and heard.email and memory.email and heard.email != memory.email:
        changes["email"] = heard.email
    if (
        heard.is_correction
        and not (heard.phone or heard.email)
        and (name := corrected_name(memory, heard))
    ):
        changes["name"] = name
    return replace(memory, **changes) if changes else memory


def corrected_name(memory: Memory, heard: Understanding) -> str | None:
    """« pardon, Ibrahima, avec un a à la fin »: a late correction of the name, read whatever
    was asked; only a correction that resembles the name (« non pardon, détartrage » fixes
    the motif, not the name), or a name introduced as one (« non, au nom de Julie Durand »).
    The name corrected, or None when nothing changes."""
    said = heard.corrected_name
    if not (heard.is_correction and said and memory.name):
        return None
    if not (heard.name or resembles(memory.name, said)):
        return None
    merged = merge_name(memory.name, said)
    return merged if merged != memory.name else None


def absorb(memory: Memory, heard: Understanding) -> Memory:
    """Keep what the caller volunteered beyond the question asked (contact, preference,
    whom the appointment is with)."""
    changes: _Changes = {}
    if heard.phone and not memory.phone:
        changes["phone"] = heard.phone
    if heard.email and not memory.email:
        changes["email"] = heard.email
    if heard.preference is not None and memory.preference is None:
        changes["preference"] = heard.preference
    elif heard.preference is not None and memory.preference and memory.preference.only_refusals:
        # « on part en février » or « pas le matin » first, the wish after it
        changes["preference"] = memory.preference.merged_with(heard.preference)
    memory = replace(memory, **changes) if changes else memory
    return take_practitioner(memory, heard.practitioner)


def take_practitioner(memory: Memory, said: Mention | None) -> Memory:
    """Whom the caller asks for; a name given later replaces an earlier wish."""
    if said is None:
        return memory
    if said.key:
        return replace(
            memory,
            practitioner=said.key,
            practitioner_kind="",
            practitioner_same=False,
            practitioner_unknown="",
        )
    if memory.practitioner and memory.practitioner != ANYONE:
        return memory  # a name given earlier stands
    if said.kind:
        return replace(memory, practitioner_kind=said.kind, practitioner_unknown="")
    if said.anyone:
        return replace(memory, practitioner=ANYONE, practitioner_unknown="")
    if said.same_as_last:
        return replace(memory, practitioner_same=True, practitioner_unknown="")
    return replace(memory, practitioner_unknown=said.unknown)


def practitioner_choices(staff: Sequence[Staff], motif: str) -> tuple[Staff, ...]:
    """The practitioners who handle the motif the caller gave (all, if none does)."""
    handling = tuple(
        member
        for member in staff
        if member.motifs is None or named_in(motif, member.motifs) is not None
    )
    return handling or tuple(staff)


def _asks_practitioner(ctx: Context, memory: Memory) -> bool:
    if not ctx.staff or memory.practitioner_asked:
        return False
    if memory.practitioner or memory.practitioner_kind or memory.practitioner_same:
        return False
    return len(practitioner_choices(ctx.staff, memory.motif)) > 1


def next_booking_step(ctx: Context, memory: Memory, *before: str) -> Step:
    """Ask the first missing piece of a booking, or look for slots when nothing is missing."""
    if not memory.name:
        return Step(State.QUALIF_NAME, (*before, "MSG_ASK_NAME"), memory)
    if not memory.motif:
        return Step(State.QUALIF_MOTIF, (*before, "MSG_ASK_MOTIF"), memory)
    if memory.practitioner_unknown and ctx.staff:
        # « avec le docteur Dupont »: no one here; say so, with the choices, once.
        asked = replace(memory, practitioner_asked=True)
        return Step(State.QUALIF_PRACTITIONER, (*before, "MSG_PRACTITIONER_UNKNOWN"), asked)
    if _asks_practitioner(ctx, memory):
        asked = replace(memory, practitioner_asked=True)
        return Step(State.QUALIF_PRACTITIONER, (*before, "MSG_ASK_PRACTITIONER"), asked)
    if memory.preference is None or (
        memory.preference.only_refusals and not memory.preference_asked
    ):
        # a refusal said along the way (« on part en février », « pas le matin ») is no wish yet
        asked = replace(memory, preference_asked=True)
        return Step(State.QUALIF_PREF, (*before, "MSG_ASK_PREF"), asked)
    if not (memory.phone or memory.email):
        if memory.caller_number and not memory.caller_number_offered:
            memory = replace(memory, caller_number_offered=True)
            return Step(State.QUALIF_CONTACT, (*before, "MSG_ASK_CONTACT_CALLER_ID"), memory)
        return Step(State.QUALIF_CONTACT, (*before, "MSG_ASK_CONTACT"), memory)
    # Checked above; mypy forgets it when `memory` is reassigned in the branch that returns.
    assert memory.preference is not None
    return Step(ctx.state, before, memory, effects=(FindSlots(memory.preference),))


def _minute_after(moment: time) -> time:
    return (datetime.combine(date.min, moment) + timedelta(minutes=1)).time()


def move_preference(memory: Memory) -> Preference:
    """The wished time of a move; « changer l'heure » keeps the appointment's day when no
    other day is said (slot finding still falls back on other days when that one is full), and
    « un autre jour » rules it out, with its day of the week when no other is said.

    Days of the week said without a week (« l'avancer au début de la semaine », « plutôt un
    jeudi ») are those of the appointment's own week; slot finding falls back on the same
    days of other weeks.
    """
    preference = memory.preference or Preference()
    if memory.other_day and memory.target is not None:
        # « un autre jour »: the day held is ruled out, whatever else is said
        held = memory.target.start.date()
        preference = replace(preference, away=(*preference.away, (held, held)))
        if not (preference.weekdays or preference.dates):
            # ... and its day of the week, unless one is said: what keeps a caller from a
            # Wednesday (work, school, a class) comes back every week
            others = frozenset(range(1, 8)) - {held.isoweekday()}
            preference = replace(preference, weekdays=others, refused_days=True)
    said_day = preference.dates or preference.weekdays or preference.earliest or preference.latest
    if memory.keeps_day and memory.target is not None and not said_day:
        preference = replace(preference, dates=frozenset({memory.target.start.date()}))
        held_at = memory.target.start.time()
        # « un peu plus tard dans la matinée »: after the hour held, on its day
        if memory.held_shift == "later" and (
            preference.after is None or preference.after <= held_at
        ):
            return replace(preference, after=_minute_after(held_at))
        if memory.held_shift == "earlier" and (
            preference.before is None or preference.before > held_at
        ):
            return replace(preference, before=held_at)
        return preference
    week_days_only = preference.weekdays and not (
        preference.dates or preference.earliest or preference.latest or preference.refused_days
    )
    if week_days_only and memory.target is not None:
        first, last = week_of(memory.target.start.date())
        return replace(preference, earliest=first, latest=last)
    return preference


def start_lookup(ctx: Context, memory: Memory, intent: Intent, *before: str) -> Step:
    """Cancel or move: ask the name the appointment was booked under, then the proof."""
    memory = replace(memory, intent=intent, matches=(), target=None, slots=(), chosen=None)
    if memory.name:
        return lookup_with_proof(memory, *before)
    name_state = State.CANCEL_NAME if intent == Intent.CANCEL else State.MODIFY_NAME
    return Step(name_state, (*before, ASK[name_state]), memory)


def lookup_with_proof(memory: Memory, *before: str) -> Step:
    """The name is known: look for the appointment only with a proof that it is the caller's.

    A contact the caller already gave in this conversation, or the number they call from, is
    tried first, silently (the search runs in the name state, so finding nothing only leads to
    the question); otherwise the caller is asked for the phone or e-mail given at booking.
    Nothing about anyone's appointments is said before a search with a proof succeeds.
    """
    cancel = memory.intent == Intent.CANCEL
    contacts = tuple(
        dict.fromkeys(c for c in (memory.phone, memory.email, memory.caller_number) if c)
    )
    if contacts:
        name_state = State.CANCEL_NAME if cancel else State.MODIFY_NAME
        return Step(name_state, before, memory, effects=(FindAppointments(memory.name, contacts),))
    verify = State.CANCEL_VERIFY if cancel else State.MODIFY_VERIFY
    return Step(verify, (*before, ASK[verify]), memory)
