"""FAQ_CONFIRM in the engine: an entry proposed, then yes, no, another question or a request."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from booking.preferences import Preference
from conversations.dialogue import engine
from conversations.dialogue.engine import Context, Limits
from conversations.dialogue.memory import Memory
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding
from faq.matcher import FaqMatch

LIKELY = FaqMatch("FAQ_HOURS", 72.0, sure=False)
SURE_PARKING = FaqMatch("FAQ_PARKING", 95.0)
BOOKING = Memory(intent=Intent.BOOKING, name="Marie Curie")
SATURDAY_MORNING = Preference(weekdays=frozenset({6}), before=time(12))


def heard(text: str = "…", **values) -> Understanding:
    return Understanding(text=text, folded=text, **values)


def ctx(state: State, memory: Memory | None = None) -> Context:
    return Context(state=state, memory=memory or Memory(), limits=Limits())


def proposed(state: State = State.START, memory: Memory | None = None) -> engine.Step:
    question = heard("vous ouvrez quand", is_question=True, faq=LIKELY)
    return engine.step(ctx(state, memory), question)


def answer(after: engine.Step, said: Understanding) -> engine.Step:
    return engine.step(Context(after.state, after.memory, limits=Limits()), said)


def test_a_likely_entry_is_proposed_and_named_in_the_payload() -> None:
    step = proposed()
    assert (step.state, step.say, step.faq_id) == (
        State.FAQ_CONFIRM,
        ("MSG_FAQ_CONFIRM",),
        "FAQ_HOURS",
    )
    assert (step.memory.faq_proposed, step.memory.faq_resume) == ("FAQ_HOURS", "START")


def test_a_sure_entry_is_answered_at_once() -> None:
    step = engine.step(ctx(State.START), heard(is_question=True, faq=SURE_PARKING))
    assert (step.state, step.say, step.faq_id) == (
        State.START,
        ("MSG_FAQ_ANSWER", "MSG_ASK_INTENT"),
        "FAQ_PARKING",
    )


def test_yes_answers_the_proposed_entry_and_goes_back() -> None:
    step = answer(proposed(), heard("oui", yes_no=True))
    assert (step.state, step.say, step.faq_id) == (
        State.START,
        ("MSG_FAQ_ANSWER", "MSG_ASK_INTENT"),
        "FAQ_HOURS",
    )
    assert step.memory.faq_proposed == ""
    assert step.memory.intent == Intent.FAQ


def test_no_asks_to_rephrase_then_counts_a_miss() -> None:
    first = answer(proposed(), heard("non", yes_no=False))
    assert (first.state, first.say, first.faq_id) == (State.START, ("MSG_FAQ_REPHRASE",), None)
    assert first.memory.faq_misses == 0
    other = FaqMatch("FAQ_PRICES", 70.0, sure=False)
    offer = engine.step(
        Context(first.state, first.memory, limits=Limits()),
        heard("c'est combien", is_question=True, faq=other),
    )
    again = answer(offer, heard("non", yes_no=False))
    assert again.memory.faq_misses == 1
    assert "MSG_FAQ_NO_MATCH" in again.say


def test_an_entry_refused_is_not_proposed_again() -> None:
    first = answer(proposed(), heard("non", yes_no=False))
    assert first.memory.faq_refused == ("FAQ_HOURS",)
    # The same words again: no proposal going round in circles, a miss instead.
    again = proposed(first.state, first.memory)
    assert again.state == State.START
    assert "MSG_FAQ_CONFIRM" not in again.say
    assert again.memory.faq_misses == 1
    # It survives the round trip through the conversation's JSON.
    assert Memory.from_dict(first.memory.to_dict()).faq_refused == ("FAQ_HOURS",)


def test_another_question_is_matched_anew() -> None:
    step = answer(proposed(), heard("et le parking ?", is_question=True, faq=SURE_PARKING))
    assert (step.state, step.faq_id) == (State.START, "FAQ_PARKING")
    assert step.say == ("MSG_FAQ_ANSWER", "MSG_ASK_INTENT")


def test_a_booking_request_goes_to_the_booking() -> None:
    step = answer(proposed(), heard("non je veux un rendez-vous", intent=Intent.BOOKING))
    assert step.state == State.QUALIF_NAME
    assert step.memory.faq_proposed == ""


# In the middle of a request, an entry the FAQ is not sure of is answered at once, said to be
# about that entry, and the pending question is asked again: no question back.
@pytest.mark.parametrize(
    ("state", "memory", "asked_again"),
    [
        (State.QUALIF_MOTIF, BOOKING, "MSG_ASK_MOTIF"),
        (State.QUALIF_PREF, replace(BOOKING, motif="coupe"), "MSG_ASK_PREF"),
        (State.QUALIF_NAME, Memory(intent=Intent.BOOKING), "MSG_ASK_NAME"),
    ],
)
def test_mid_booking_an_unsure_entry_is_answered_hedged(
    state: State, memory: Memory, asked_again: str
) -> None:
    step = proposed(state, memory)
    assert (step.state, step.say, step.faq_id) == (
        state,
        ("MSG_FAQ_ANSWER_HEDGED", asked_again),
        "FAQ_HOURS",
    )
    assert step.memory.name == memory.name
    assert step.memory.motif == memory.motif
    assert step.memory.last_faq_id == "FAQ_HOURS"


def test_an_entry_just_answered_mid_booking_does_not_hold_up_the_answer() -> None:
    """The same words again (« un bilan après mon accouchement ») answer the question asked."""
    answered = proposed(State.QUALIF_MOTIF, BOOKING)
    again = answer(
        answered,
        heard("un bilan après mon accouchement", motif="bilan accouchement", faq=LIKELY),
    )
    assert again.state == State.QUALIF_PREF
    assert again.memory.motif == "bilan accouchement"


def test_another_entry_mid_booking_is_answered_too() -> None:
    answered = proposed(State.QUALIF_MOTIF, BOOKING)
    other = FaqMatch("FAQ_PRICES", 70.0, sure=False)
    again = answer(answered, heard("et c'est combien ?", is_question=True, faq=other))
    assert (again.state, again.faq_id) == (State.QUALIF_MOTIF, "FAQ_PRICES")
    assert again.say == ("MSG_FAQ_ANSWER_HEDGED", "MSG_ASK_MOTIF")


def test_an_entry_refused_at_the_start_is_not_answered_later() -> None:
    refused = replace(BOOKING, faq_refused=("FAQ_HOURS",))
    step = proposed(State.QUALIF_MOTIF, refused)
    assert step.faq_id is None
    assert step.say[0] == "MSG_FAQ_NO_MATCH_MID_FLOW"


def test_a_guard_in_faq_confirm_asks_again_and_still_names_the_entry() -> None:
    from conversations.dialogue.guards import Guard

    step = answer(proposed(), Understanding(text="", folded="", guard=Guard.EMPTY))
    assert (step.state, step.faq_id) == (State.FAQ_CONFIRM, "FAQ_HOURS")
    assert step.say[-1] == "MSG_FAQ_CONFIRM"


def test_the_same_question_right_after_its_answer_opens_the_menu() -> None:
    """Proposed, answered, then asked again: the answer did not settle it, so no third round."""
    answered = answer(proposed(), heard("oui", yes_no=True))
    assert answered.memory.last_faq_id == "FAQ_HOURS"
    again = answer(answered, heard("vous ouvrez quand", is_question=True, faq=LIKELY))
    assert (again.state, again.say) == (State.INTENT_ROUTER, ("MSG_ANTI_LOOP_MENU",))


def test_a_booking_request_that_says_when_is_not_held_up_by_an_unsure_entry() -> None:
    """« une coupe avec brushing samedi matin si c'est possible »: a request to come."""
    request = heard(
        "une coupe samedi matin si c'est possible",
        intent=Intent.BOOKING,
        is_question=True,
        motif="coupe",
        preference=SATURDAY_MORNING,
        faq=FaqMatch("FAQ_PRICES", 60.0, sure=False),
    )
    step = engine.step(ctx(State.START), request)
    assert step.state == State.QUALIF_NAME
    assert step.memory.intent == Intent.BOOKING
    assert step.memory.preference == SATURDAY_MORNING


def test_a_name_and_a_reason_are_a_request_not_held_up_by_an_unsure_entry() -> None:
    """« Tristan Auger, révision de ma voiture svp »: a caller introducing a need."""
    request = heard(
        "Bonjour, Tristan Auger, révision de ma voiture svp",
        name="Tristan Auger",
        motif="révision",
        faq=FaqMatch("FAQ_PRICES", 55.0, sure=False),
    )
    step = engine.step(ctx(State.START), request)
    assert step.state != State.FAQ_CONFIRM
    assert step.memory.intent == Intent.BOOKING
    assert step.memory.name == "Tristan Auger"


def test_one_of_the_business_reasons_said_plainly_is_a_request() -> None:
    """« j'ai un ongle incarné, ça commence à me lancer »: a motif of the business, no question."""
    request = heard(
        "j'ai un ongle incarné, ça commence à me lancer",
        intent=Intent.BOOKING,
        motif="ongle incarné",
        known_motif=True,
        faq=FaqMatch("FAQ_PRICES", 58.0, sure=False),
    )
    step = engine.step(ctx(State.START), request)
    assert step.state == State.QUALIF_NAME
    assert step.memory.motif == "ongle incarné"
    asked = engine.step(ctx(State.START), replace(request, is_question=True))
    assert (asked.state, asked.faq_id) == (State.FAQ_CONFIRM, "FAQ_PRICES")


def test_a_name_and_a_reason_asked_as_a_question_still_get_the_entry_proposed() -> None:
    question = heard(
        "Tristan Auger, la révision c'est combien ?",
        is_question=True,
        name="Tristan Auger",
        motif="révision",
        faq=FaqMatch("FAQ_PRICES", 55.0, sure=False),
    )
    step = engine.step(ctx(State.START), question)
    assert (step.state, step.faq_id) == (State.FAQ_CONFIRM, "FAQ_PRICES")


def test_a_sure_entry_still_answers_a_request_that_says_when() -> None:
    request = heard(
        "je peux venir samedi sans rendez-vous ?",
        intent=Intent.BOOKING,
        is_question=True,
        preference=SATURDAY_MORNING,
        faq=SURE_PARKING,
    )
    step = engine.step(ctx(State.START), request)
    assert (step.state, step.faq_id) == (State.START, "FAQ_PARKING")


def test_an_unsure_entry_is_still_proposed_for_a_booking_question_without_a_time() -> None:
    request = heard(
        "je voudrais des solaires à ma vue, c'est possible ?",
        intent=Intent.BOOKING,
        is_question=True,
        faq=LIKELY,
    )
    step = engine.step(ctx(State.START), request)
    assert (step.state, step.faq_id) == (State.FAQ_CONFIRM, "FAQ_HOURS")


def test_a_request_said_again_after_no_goes_ahead() -> None:
    """« non » to the entry proposed, then the same request: the request, not a miss."""
    request = heard(
        "une coupe avec brushing si possible",
        intent=Intent.BOOKING,
        is_question=True,
        motif="coupe brushing",
        faq=LIKELY,
    )
    offer = engine.step(ctx(State.START), request)
    assert offer.state == State.FAQ_CONFIRM
    declined = answer(offer, heard("non", yes_no=False))
    again = answer(declined, request)
    assert again.state == State.QUALIF_NAME
    assert again.memory.intent == Intent.BOOKING


def test_as_soon_as_possible_alone_does_not_hold_up_an_unsure_entry() -> None:
    """« au compromis faut sortir combien de sous tout de suite »: no day or hour said."""
    question = heard(
        "au compromis faut sortir combien tout de suite",
        intent=Intent.BOOKING,
        is_question=True,
        preference=Preference(asap=True),
        faq=LIKELY,
    )
    step = engine.step(ctx(State.START), question)
    assert (step.state, step.faq_id) == (State.FAQ_CONFIRM, "FAQ_HOURS")
