"""Property tests: the engine answers every understanding in every state, and never raises.

The service swallows an engine exception into « technical error » and a transfer, so a crash
here would only show up in production as lost callers: hypothesis looks for one.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from booking.preferences import Preference
from conversations.dialogue import engine
from conversations.dialogue.effects import (
    AppointmentsFound,
    Book,
    Booked,
    Cancel,
    Cancelled,
    CancelRefused,
    Correct,
    Corrected,
    Effect,
    FindAppointments,
    FindSlots,
    Move,
    Outcome,
    SlotsFound,
    SlotTaken,
)
from conversations.dialogue.engine import Context, Limits, Step
from conversations.dialogue.guards import Guard
from conversations.dialogue.memory import Memory, SlotRef
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.prompts import PROMPTS
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding
from faq.matcher import FaqMatch

PARIS = ZoneInfo("Europe/Paris")
MAX_EFFECTS_PER_TURN = 6  # as conversations.services

moments = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2040, 1, 1),
    timezones=st.just(PARIS),
    allow_imaginary=False,
)
times = st.times().map(lambda t: t.replace(second=0, microsecond=0))
small = st.integers(0, 5)


@st.composite
def slot_refs(draw: st.DrawFn, *, booked: bool | None = None) -> SlotRef:
    start = draw(moments)
    minutes = draw(st.sampled_from([15, 30, 45, 60, 120]))
    has_id = draw(st.booleans()) if booked is None else booked
    return SlotRef(
        start=start,
        end=start + timedelta(minutes=minutes),
        appointment_id=draw(st.integers(1, 10_000)) if has_id else None,
    )


preferences = st.builds(
    Preference,
    dates=st.frozensets(st.dates(date(2020, 1, 1), date(2040, 1, 1)), max_size=3),
    weekdays=st.frozensets(st.integers(1, 7), max_size=3),
    earliest=st.none() | st.dates(date(2020, 1, 1), date(2040, 1, 1)),
    latest=st.none() | st.dates(date(2020, 1, 1), date(2040, 1, 1)),
    after=st.none() | times,
    before=st.none() | times,
    at=st.none() | times,
    asap=st.booleans(),
)
short_text = st.sampled_from(["", "Jean Dupont", "vidange", "Ève d'Artagnan"]) | st.text(
    max_size=40
)
intents = st.sampled_from(list(Intent))


@st.composite
def memories(draw: st.DrawFn) -> Memory:
    slots = tuple(draw(st.lists(slot_refs(booked=False), max_size=3)))
    matches = tuple(draw(st.lists(slot_refs(booked=True), max_size=3)))
    return Memory(
        intent=draw(st.just("") | intents),
        name=draw(short_text),
        motif=draw(short_text),
        phone=draw(st.sampled_from(["", "+33612345678"])),
        email=draw(st.sampled_from(["", "jean@exemple.fr"])),
        caller_number=draw(st.sampled_from(["", "+33698765432"])),
        caller_number_offered=draw(st.booleans()),
        preference=draw(st.none() | preferences),
        slots=slots,
        chosen=draw(st.none() | st.sampled_from(slots) if slots else st.none() | slot_refs()),
        matches=matches,
        target=draw(st.none() | slot_refs()),
        failures=draw(
            st.dictionaries(
                st.sampled_from(["name", "choice", "phone", "confirm", "preference", "lookup"]),
                small,
            )
        ),
        booking_retries=draw(small),
        faq_misses=draw(st.integers(0, 3)),
        turns_since_menu=draw(st.integers(0, 30)),
    )


limits = st.just(Limits()) | st.builds(
    Limits,
    name_failures=st.integers(1, 4),
    choice_failures=st.integers(1, 4),
    phone_failures=st.integers(1, 4),
    faq_misses=st.integers(1, 4),
    confirm_retries=st.integers(0, 3),
    anti_loop_turns=st.integers(1, 30),
)
contexts = st.builds(
    Context,
    state=st.sampled_from(list(State)),
    memory=memories(),
    channel=st.sampled_from(["web", "voice"]),
    limits=limits,
)
understandings = st.builds(
    Understanding,
    text=short_text,
    folded=short_text,
    guard=st.none() | st.sampled_from(list(Guard)),
    intent=st.none() | intents,
    is_question=st.booleans(),
    firm_booking=st.booleans(),
    is_goodbye=st.booleans(),
    is_correction=st.booleans(),
    name=st.none() | st.sampled_from(["Jean Dupont", "Jacob", "Ève"]),
    corrected_name=st.none() | st.sampled_from(["Jacobs", "Dupond"]),
    motif=st.none() | st.sampled_from(["vidange", "bruit au freinage"]),
    phone=st.none() | st.sampled_from(["+33612345678", "+33123456789"]),
    phone_attempt=st.booleans(),
    email=st.none() | st.just("marie@exemple.fr"),
    preference=st.none() | preferences,
    yes_no=st.none() | st.booleans(),
    slot_choice=st.none() | st.integers(-1, 4),
    rejects_slots=st.booleans(),
    menu=st.none() | intents,
    faq=st.none() | st.builds(FaqMatch, faq_id=st.just("FAQ_HOURS"), score=st.floats(80, 100)),
)


def outcomes_for(effect: Effect) -> st.SearchStrategy[Outcome]:
    """What the service may report back after running `effect`."""
    match effect:
        case FindSlots():
            return st.builds(
                SlotsFound,
                slots=st.lists(slot_refs(booked=False), max_size=3).map(tuple),
                relaxed=st.booleans(),
            )
        case Book() | Move():
            return st.builds(Booked, appointment=slot_refs(booked=True)) | st.just(SlotTaken())
        case Cancel():
            return st.builds(Cancelled, appointment=slot_refs(booked=True)) | st.just(
                CancelRefused()
            )
        case FindAppointments():
            return st.builds(
                AppointmentsFound,
                appointments=st.lists(slot_refs(booked=True), max_size=4).map(tuple),
            )
        case Correct():
            return st.builds(Corrected, appointment=slot_refs(booked=True)) | st.just(
                Corrected(None)
            )
    raise AssertionError(f"unknown effect {effect!r}")


def check_step(step: Step) -> None:
    assert isinstance(step.state, State)
    assert all(key in PROMPTS for key in step.say), step.say
    assert not step.transfer or step.state == State.TRANSFERRED
    assert all(isinstance(effect, Effect) for effect in step.effects)
    # What the service stores between turns comes back the same from the JSON column. (Compared
    # as JSON: a Paris time of the repeated autumn hour never equals its fixed-offset copy.)
    stored = json.loads(json.dumps(step.memory.to_dict()))
    assert Memory.from_dict(stored).to_dict() == stored


def play(ctx: Context, heard: Understanding, data: st.DataObject) -> Step:
    """One turn as the service plays it: step, then each effect's outcome through resume."""
    step = engine.step(ctx, heard)
    check_step(step)
    for _ in range(MAX_EFFECTS_PER_TURN):
        if not step.effects:
            break
        effect, rest = step.effects[0], step.effects[1:]
        outcome = data.draw(outcomes_for(effect), label="outcome")
        step = engine.resume(replace(step, effects=rest), outcome, ctx)
        check_step(step)
    return step


@settings(max_examples=250, deadline=None)
@given(ctx=contexts, heard=understandings, data=st.data())
def test_step_and_resume_never_raise(ctx: Context, heard: Understanding, data) -> None:
    play(ctx, heard, data)


@settings(max_examples=60, deadline=None)
@given(
    ctx=contexts,
    turns=st.lists(understandings, min_size=2, max_size=8),
    data=st.data(),
)
def test_conversations_of_several_turns_never_raise(
    ctx: Context, turns: list[Understanding], data
) -> None:
    for heard in turns:
        step = play(ctx, heard, data)
        # The next turn reads the memory back from the JSON column, as the service does.
        memory = Memory.from_dict(json.loads(json.dumps(step.memory.to_dict())))
        ctx = replace(ctx, state=step.state, memory=memory)


def test_every_state_has_a_handler() -> None:
    assert set(engine.HANDLERS) == set(State)
