"""The engine as a table: (state, memory, what was heard) → (next state, prompt keys, effects)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

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
    FindAppointments,
    FindSlots,
    Move,
    SlotsFound,
    SlotTaken,
)
from conversations.dialogue.engine import HANDLERS, Context, Limits, Step
from conversations.dialogue.flows import common
from conversations.dialogue.guards import Guard
from conversations.dialogue.memory import Memory, SlotRef
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding
from faq.matcher import FaqMatch

PARIS = ZoneInfo("Europe/Paris")
S1 = SlotRef(datetime(2026, 11, 24, 9, tzinfo=PARIS), datetime(2026, 11, 24, 10, tzinfo=PARIS))
S2 = SlotRef(datetime(2026, 11, 24, 10, tzinfo=PARIS), datetime(2026, 11, 24, 11, tzinfo=PARIS))
S3 = SlotRef(datetime(2026, 11, 25, 14, tzinfo=PARIS), datetime(2026, 11, 25, 15, tzinfo=PARIS))
APPT = SlotRef(S1.start, S1.end, appointment_id=7)
MORNING = Preference(before=time(12))
FAQ = FaqMatch(faq_id="FAQ_HOURS", score=92.0)

FULL = Memory(intent=Intent.BOOKING, name="Marie Curie", motif="détartrage", preference=MORNING)
PROPOSED = replace(FULL, phone="+33612345678", slots=(S1, S2, S3))
CHOSEN = replace(PROPOSED, chosen=S2)
CANCELLING = Memory(intent=Intent.CANCEL, name="Marie Curie", target=APPT)
MOVING = Memory(
    intent=Intent.MODIFY, name="Marie Curie", target=APPT, slots=(S1, S2, S3), chosen=S3
)


def heard(text: str = "…", **values) -> Understanding:
    return Understanding(text=text, folded=text, **values)


def ctx(state: State, memory: Memory | None = None, channel: str = "web") -> Context:
    return Context(state=state, memory=memory or Memory(), channel=channel, limits=Limits())


CASES = [
    # id, state, memory, heard, expected state, expected prompt keys, expected effects
    (
        "cancel-asked-as-a-question-starts-the-cancellation-not-the-policy",
        State.START,
        Memory(),
        heard(intent=Intent.CANCEL, is_question=True, change_request=True, faq=FAQ),
        State.CANCEL_NAME,
        ("MSG_ASK_CANCEL_NAME",),
        (),
    ),
    (
        "a-question-on-the-terms-of-cancelling-is-answered-from-the-faq",
        State.START,
        Memory(),
        heard(intent=Intent.CANCEL, is_question=True, change_request=False, faq=FAQ),
        State.START,
        ("MSG_FAQ_ANSWER", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "a-question-the-faq-cannot-answer-mid-booking-lets-the-booking-go-on",
        State.QUALIF_PREF,
        Memory(intent=Intent.BOOKING, name="Marie Curie", motif="détartrage"),
        heard(is_question=True),
        State.QUALIF_PREF,
        ("MSG_FAQ_NO_MATCH_MID_FLOW", "MSG_ASK_PREF"),
        (),
    ),
    (
        "a-question-the-faq-cannot-answer-at-the-start-lists-the-requests",
        State.START,
        Memory(),
        heard(is_question=True),
        State.START,
        ("MSG_FAQ_NO_MATCH", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "a-greeting-alone-is-greeted-back-without-a-miss",
        State.START,
        Memory(),
        heard(is_greeting=True),
        State.START,
        ("MSG_GREETING_BACK",),
        (),
    ),
    (
        "greeting-booking-all-known",
        State.START,
        Memory(),
        heard(intent=Intent.BOOKING, name="Marie Curie", motif="détartrage", preference=MORNING),
        State.QUALIF_CONTACT,
        ("MSG_ASK_CONTACT",),
        (),
    ),
    (
        "booking-asks-name-first",
        State.START,
        Memory(),
        heard(intent=Intent.BOOKING),
        State.QUALIF_NAME,
        ("MSG_ASK_NAME",),
        (),
    ),
    (
        "booking-skips-known-name",
        State.START,
        Memory(),
        heard(intent=Intent.BOOKING, name="Marie Curie"),
        State.QUALIF_MOTIF,
        ("MSG_ASK_MOTIF",),
        (),
    ),
    (
        "faq-at-start-stays",
        State.START,
        Memory(),
        heard(faq=FAQ, is_question=True),
        State.START,
        ("MSG_FAQ_ANSWER", "MSG_ASK_INTENT"),
        (),
    ),
    # The same entry answered twice in a row at the start did not help: the menu.
    (
        "same-faq-twice-at-start-opens-the-menu",
        State.START,
        Memory(last_faq_id=FAQ.faq_id),
        heard(faq=FAQ),
        State.INTENT_ROUTER,
        ("MSG_ANTI_LOOP_MENU",),
        (),
    ),
    # …unless the message asks to act: the answer did not settle it, the request stands.
    # A question about the terms of a cancellation cancels nothing, even unanswered.
    (
        "cancellation-terms-asked-cancel-nothing",
        State.START,
        Memory(),
        heard(intent=Intent.CANCEL, is_question=True, change_request=False),
        State.START,
        ("MSG_FAQ_NO_MATCH", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "same-faq-again-with-a-request-begins-it",
        State.START,
        Memory(last_faq_id=FAQ.faq_id),
        heard(faq=FAQ, intent=Intent.BOOKING, is_question=True, motif="donation"),
        State.QUALIF_NAME,
        ("MSG_ASK_NAME",),
        (),
    ),
    (
        "another-faq-at-start-is-answered",
        State.START,
        Memory(last_faq_id="FAQ_PRICES"),
        heard(faq=FAQ, is_question=True),
        State.START,
        ("MSG_FAQ_ANSWER", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "unknown-at-start-retries",
        State.START,
        Memory(),
        heard(),
        State.START,
        ("MSG_ASK_INTENT_RETRY", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "unmatched-question",
        State.START,
        Memory(),
        heard(is_question=True),
        State.START,
        ("MSG_FAQ_NO_MATCH", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "second-miss-transfers",
        State.START,
        Memory(faq_misses=1),
        heard(is_question=True),
        State.TRANSFERRED,
        ("MSG_FAQ_NO_MATCH_BEFORE_TRANSFER", "MSG_TRANSFER_LIMIT"),
        (),
    ),
    (
        "human-asked",
        State.QUALIF_PREF,
        FULL,
        heard(intent=Intent.TRANSFER),
        State.TRANSFERRED,
        ("MSG_TRANSFER",),
        (),
    ),
    (
        "emergency",
        State.START,
        Memory(),
        heard(intent=Intent.EMERGENCY),
        State.TRANSFERRED,
        ("MSG_TRANSFER_EMERGENCY",),
        (),
    ),
    (
        "abuse-transfers",
        State.QUALIF_NAME,
        FULL,
        heard(guard=Guard.ABUSE),
        State.TRANSFERRED,
        ("MSG_TRANSFER_LIMIT",),
        (),
    ),
    (
        "empty-keeps-state",
        State.QUALIF_PREF,
        FULL,
        heard(guard=Guard.EMPTY),
        State.QUALIF_PREF,
        ("MSG_EMPTY_MESSAGE", "MSG_ASK_PREF"),
        (),
    ),
    (
        "english-keeps-state",
        State.QUALIF_NAME,
        Memory(),
        heard(guard=Guard.NOT_FRENCH),
        State.QUALIF_NAME,
        ("MSG_FRENCH_ONLY", "MSG_ASK_NAME"),
        (),
    ),
    (
        # « can someone help me in English »: the FAQ's entry on languages answers it
        "english-answered-by-the-faq",
        State.START,
        Memory(),
        heard(guard=Guard.NOT_FRENCH, faq=FAQ),
        State.START,
        ("MSG_FAQ_ANSWER", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "english-with-an-unsure-entry-is-french-only",
        State.START,
        Memory(),
        heard(guard=Guard.NOT_FRENCH, faq=FaqMatch("FAQ_HOURS", 60.0, sure=False)),
        State.START,
        ("MSG_FRENCH_ONLY", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "injection-keeps-state",
        State.START,
        Memory(),
        heard(guard=Guard.INJECTION),
        State.START,
        ("MSG_INJECTION", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "name-given",
        State.QUALIF_NAME,
        Memory(intent=Intent.BOOKING),
        heard(name="Paul Ménard"),
        State.QUALIF_MOTIF,
        ("MSG_ASK_MOTIF",),
        (),
    ),
    (
        "name-missing-retries",
        State.QUALIF_NAME,
        Memory(intent=Intent.BOOKING),
        heard(),
        State.QUALIF_NAME,
        ("MSG_ASK_NAME_RETRY",),
        (),
    ),
    (
        "name-second-failure-transfers",
        State.QUALIF_NAME,
        Memory(failures={"name": 1}),
        heard(),
        State.TRANSFERRED,
        ("MSG_TRANSFER_LIMIT",),
        (),
    ),
    (
        "faq-during-name",
        State.QUALIF_NAME,
        Memory(intent=Intent.BOOKING),
        heard(faq=FAQ, is_question=True),
        State.QUALIF_NAME,
        ("MSG_FAQ_ANSWER", "MSG_ASK_NAME"),
        (),
    ),
    (
        "motif-given",
        State.QUALIF_MOTIF,
        Memory(name="A B"),
        heard("une vidange", motif="vidange"),
        State.QUALIF_PREF,
        ("MSG_ASK_PREF",),
        (),
    ),
    (
        "preference-given",
        State.QUALIF_PREF,
        replace(FULL, preference=None),
        heard(preference=MORNING),
        State.QUALIF_CONTACT,
        ("MSG_ASK_CONTACT",),
        (),
    ),
    (
        "preference-missing",
        State.QUALIF_PREF,
        replace(FULL, preference=None),
        heard(),
        State.QUALIF_PREF,
        ("MSG_ASK_PREF_RETRY",),
        (),
    ),
    (
        "preference-missing-twice-proposes",
        State.QUALIF_PREF,
        replace(FULL, preference=None, phone="+33612345678", failures={"preference": 1}),
        heard(),
        State.QUALIF_PREF,
        (),
        (FindSlots(Preference()),),
    ),
    (
        "phone-given-finds-slots",
        State.QUALIF_CONTACT,
        FULL,
        heard(phone="+33612345678"),
        State.QUALIF_CONTACT,
        (),
        (FindSlots(MORNING),),
    ),
    (
        "email-given-finds-slots",
        State.QUALIF_CONTACT,
        FULL,
        heard(email="a@b.fr"),
        State.QUALIF_CONTACT,
        (),
        (FindSlots(MORNING),),
    ),
    (
        "phone-invalid",
        State.QUALIF_CONTACT,
        FULL,
        heard(phone_attempt=True),
        State.QUALIF_CONTACT,
        ("MSG_ASK_CONTACT_RETRY",),
        (),
    ),
    (
        "phone-third-failure-transfers",
        State.QUALIF_CONTACT,
        replace(FULL, failures={"phone": 2}),
        heard(phone_attempt=True),
        State.TRANSFERRED,
        ("MSG_TRANSFER_LIMIT",),
        (),
    ),
    (
        "caller-id-accepted",
        State.QUALIF_CONTACT,
        replace(FULL, caller_number="+33612345678", caller_number_offered=True),
        heard(yes_no=True),
        State.QUALIF_CONTACT,
        (),
        (FindSlots(MORNING),),
    ),
    (
        "caller-id-refused",
        State.QUALIF_CONTACT,
        replace(FULL, caller_number="+33612345678", caller_number_offered=True),
        heard(yes_no=False),
        State.QUALIF_CONTACT,
        ("MSG_ASK_CONTACT",),
        (),
    ),
    (
        "slot-chosen",
        State.WAIT_CONFIRM,
        PROPOSED,
        heard(slot_choice=1),
        State.BOOKING_CONFIRM,
        ("MSG_CONFIRM_BOOKING",),
        (),
    ),
    (
        "slot-choice-out-of-range",
        State.WAIT_CONFIRM,
        PROPOSED,
        heard(slot_choice=5),
        State.WAIT_CONFIRM,
        ("MSG_SLOT_CHOICE_RETRY",),
        (),
    ),
    (
        "slot-choice-second-failure",
        State.WAIT_CONFIRM,
        replace(PROPOSED, failures={"choice": 1}),
        heard(),
        State.TRANSFERRED,
        ("MSG_TRANSFER_LIMIT",),
        (),
    ),
    (
        "new-preference-at-choice",
        State.WAIT_CONFIRM,
        PROPOSED,
        heard(preference=Preference(weekdays=frozenset({4}))),
        State.WAIT_CONFIRM,
        (),
        (FindSlots(Preference(weekdays=frozenset({4}), before=time(12))),),
    ),
    (
        "rejects-all-slots",
        State.WAIT_CONFIRM,
        PROPOSED,
        heard(rejects_slots=True),
        State.WAIT_CONFIRM,
        (),
        (FindSlots(MORNING),),
    ),
    (
        "faq-during-choice",
        State.WAIT_CONFIRM,
        PROPOSED,
        heard(faq=FAQ, is_question=True),
        State.WAIT_CONFIRM,
        ("MSG_FAQ_ANSWER", "MSG_REASK_SLOTS"),
        (),
    ),
    (
        "confirm-yes-books",
        State.BOOKING_CONFIRM,
        CHOSEN,
        heard(yes_no=True),
        State.BOOKING_CONFIRM,
        (),
        (Book(S2),),
    ),
    (
        "confirm-no-asks-again",
        State.BOOKING_CONFIRM,
        CHOSEN,
        heard(yes_no=False),
        State.QUALIF_PREF,
        ("MSG_BOOKING_DECLINED",),
        (),
    ),
    (
        "confirm-other-slot",
        State.BOOKING_CONFIRM,
        CHOSEN,
        heard(slot_choice=2),
        State.BOOKING_CONFIRM,
        ("MSG_CONFIRM_BOOKING",),
        (),
    ),
    (
        "confirm-unclear",
        State.BOOKING_CONFIRM,
        CHOSEN,
        heard(),
        State.BOOKING_CONFIRM,
        ("MSG_CONFIRM_RETRY",),
        (),
    ),
    (
        "cancel-with-known-name-asks-the-proof",
        State.START,
        Memory(name="Marie Curie"),
        heard(intent=Intent.CANCEL, change_request=True),
        State.CANCEL_VERIFY,
        ("MSG_ASK_VERIFY",),
        (),
    ),
    (
        "cancel-with-known-name-and-phone-searches-with-it",
        State.START,
        Memory(name="Marie Curie", phone="+33612345678"),
        heard(intent=Intent.CANCEL, change_request=True),
        State.CANCEL_NAME,
        (),
        (FindAppointments("Marie Curie", ("+33612345678",)),),
    ),
    (
        "cancel-in-the-opening-with-name-and-phone",
        State.START,
        Memory(),
        heard(intent=Intent.CANCEL, change_request=True, name="Marie Curie", phone="+33612345678"),
        State.CANCEL_NAME,
        (),
        (FindAppointments("Marie Curie", ("+33612345678",)),),
    ),
    (
        "cancel-asks-name",
        State.START,
        Memory(),
        heard(intent=Intent.CANCEL, change_request=True),
        State.CANCEL_NAME,
        ("MSG_ASK_CANCEL_NAME",),
        (),
    ),
    (
        "cancel-name-given-asks-the-proof",
        State.CANCEL_NAME,
        Memory(intent=Intent.CANCEL),
        heard(name="Marie Curie"),
        State.CANCEL_VERIFY,
        ("MSG_ASK_VERIFY",),
        (),
    ),
    (
        "cancel-name-given-on-a-call-tries-the-caller-number",
        State.CANCEL_NAME,
        Memory(intent=Intent.CANCEL, caller_number="+33612345678"),
        heard(name="Marie Curie"),
        State.CANCEL_NAME,
        (),
        (FindAppointments("Marie Curie", ("+33612345678",)),),
    ),
    (
        "cancel-name-and-phone-given-together",
        State.CANCEL_NAME,
        Memory(intent=Intent.CANCEL),
        heard(name="Marie Curie", phone="+33612345678"),
        State.CANCEL_NAME,
        (),
        (FindAppointments("Marie Curie", ("+33612345678",)),),
    ),
    (
        "cancel-proof-by-phone",
        State.CANCEL_VERIFY,
        Memory(intent=Intent.CANCEL, name="Marie Curie"),
        heard(phone="+33612345678"),
        State.CANCEL_VERIFY,
        (),
        (FindAppointments("Marie Curie", ("+33612345678",)),),
    ),
    (
        "modify-proof-by-email",
        State.MODIFY_VERIFY,
        Memory(intent=Intent.MODIFY, name="Marie Curie"),
        heard(email="marie@example.fr"),
        State.MODIFY_VERIFY,
        (),
        (FindAppointments("Marie Curie", ("marie@example.fr",)),),
    ),
    (
        "proof-replaces-an-earlier-contact",
        State.CANCEL_VERIFY,
        Memory(intent=Intent.CANCEL, name="Marie Curie", phone="+33611111111"),
        heard(phone="+33612345678", is_correction=True),
        State.CANCEL_VERIFY,
        (),
        (FindAppointments("Marie Curie", ("+33612345678",)),),
    ),
    (
        "proof-missing-is-asked-again",
        State.CANCEL_VERIFY,
        Memory(intent=Intent.CANCEL, name="Marie Curie"),
        heard("je ne sais plus"),
        State.CANCEL_VERIFY,
        ("MSG_ASK_VERIFY_RETRY",),
        (),
    ),
    (
        "proof-missing-too-often-hands-over",
        State.CANCEL_VERIFY,
        Memory(intent=Intent.CANCEL, name="Marie Curie", failures={"verify": 2}),
        heard("je ne sais plus"),
        State.TRANSFERRED,
        ("MSG_TRANSFER_LIMIT",),
        (),
    ),
    (
        "proof-step-corrects-the-name",
        State.MODIFY_VERIFY,
        Memory(intent=Intent.MODIFY, name="Marie Curie"),
        heard(name="Marie Curry", is_correction=True),
        State.MODIFY_VERIFY,
        ("MSG_CORRECTION_NOTED", "MSG_ASK_VERIFY"),
        (),
    ),
    (
        "proof-step-switches-to-modify",
        State.CANCEL_VERIFY,
        Memory(intent=Intent.CANCEL, name="Marie Curie"),
        heard(intent=Intent.MODIFY),
        State.MODIFY_VERIFY,
        ("MSG_ASK_VERIFY",),
        (),
    ),
    (
        "cancel-confirmed",
        State.CANCEL_CONFIRM,
        CANCELLING,
        heard(yes_no=True),
        State.CANCEL_CONFIRM,
        (),
        (Cancel(7),),
    ),
    (
        "cancel-declined",
        State.CANCEL_CONFIRM,
        CANCELLING,
        heard(yes_no=False),
        State.START,
        ("MSG_CANCEL_KEPT", "MSG_ANYTHING_ELSE"),
        (),
    ),
    # « non » to a proposed entry, then the need told again asking nothing: a request to come
    (
        "need-told-again-after-a-refused-proposal-books",
        State.START,
        Memory(faq_refused=("FAQ_HOURS",)),
        heard(motif="fermeture blouson lâché"),
        State.QUALIF_NAME,
        ("MSG_ASK_NAME",),
        (),
    ),
    # a few words after it tell no need (« bon, tant pis »)
    (
        "few-words-after-a-refused-proposal-are-no-request",
        State.START,
        Memory(faq_refused=("FAQ_HOURS",)),
        heard(motif="tant pis"),
        State.START,
        ("MSG_ASK_INTENT_RETRY", "MSG_ASK_INTENT"),
        (),
    ),
    # ... but a question said after it is still a question
    (
        "question-after-a-refused-proposal-is-no-request",
        State.START,
        Memory(faq_refused=("FAQ_HOURS",)),
        heard(motif="tarif ourlet", is_question=True),
        State.START,
        ("MSG_FAQ_NO_MATCH", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "cancel-unclear-asks-again-about-the-cancellation",
        State.CANCEL_CONFIRM,
        CANCELLING,
        heard(),
        State.CANCEL_CONFIRM,
        ("MSG_CANCEL_CONFIRM_RETRY",),
        (),
    ),
    (
        "modify-asks-name",
        State.START,
        Memory(),
        heard(intent=Intent.MODIFY, change_request=True),
        State.MODIFY_NAME,
        ("MSG_ASK_MODIFY_NAME",),
        (),
    ),
    # « changer l'heure »: the appointment's own day, at the wished hours.
    (
        "modify-hour-only-keeps-the-day",
        State.QUALIF_PREF,
        Memory(intent=Intent.MODIFY, name="Marie Curie", target=APPT, keeps_day=True),
        heard(preference=Preference(after=time(17))),
        State.QUALIF_PREF,
        (),
        (FindSlots(Preference(dates=frozenset({S1.start.date()}), after=time(17))),),
    ),
    # « plutôt le soir » said when asked when, in a move: the appointment's own day
    (
        "modify-another-part-of-the-day-keeps-the-day",
        State.QUALIF_PREF,
        Memory(intent=Intent.MODIFY, name="Marie Curie", target=APPT),
        heard(preference=Preference(after=time(17)), keeps_day=True),
        State.QUALIF_PREF,
        (),
        (FindSlots(Preference(dates=frozenset({S1.start.date()}), after=time(17))),),
    ),
    (
        "modify-hour-only-but-a-day-said",
        State.QUALIF_PREF,
        Memory(intent=Intent.MODIFY, name="Marie Curie", target=APPT, keeps_day=True),
        heard(preference=Preference(weekdays=frozenset({3}), after=time(17))),
        State.QUALIF_PREF,
        (),
        # a weekday alone, in a move, is that of the appointment's week (23 to 29 November)
        (
            FindSlots(
                Preference(
                    weekdays=frozenset({3}),
                    after=time(17),
                    earliest=date(2026, 11, 23),
                    latest=date(2026, 11, 29),
                )
            ),
        ),
    ),
    (
        "modify-any-day",
        State.QUALIF_PREF,
        Memory(intent=Intent.MODIFY, name="Marie Curie", target=APPT),
        heard(preference=Preference(after=time(17))),
        State.QUALIF_PREF,
        (),
        (FindSlots(Preference(after=time(17))),),
    ),
    (
        "modify-slot-chosen",
        State.WAIT_CONFIRM,
        replace(MOVING, chosen=None),
        heard(slot_choice=2),
        State.MODIFY_CONFIRM,
        ("MSG_MODIFY_CONFIRM",),
        (),
    ),
    (
        "modify-confirmed",
        State.MODIFY_CONFIRM,
        MOVING,
        heard(yes_no=True),
        State.MODIFY_CONFIRM,
        (),
        (Move(7, S3),),
    ),
    (
        "modify-declined",
        State.MODIFY_CONFIRM,
        MOVING,
        heard(yes_no=False),
        State.START,
        ("MSG_MODIFY_KEPT", "MSG_ANYTHING_ELSE"),
        (),
    ),
    (
        "switch-to-cancel-mid-booking",
        State.QUALIF_PREF,
        replace(FULL, preference=None),
        heard(intent=Intent.CANCEL),
        State.CANCEL_VERIFY,
        ("MSG_ASK_VERIFY",),
        (),
    ),
    (
        "menu-booking",
        State.INTENT_ROUTER,
        Memory(),
        heard(menu=Intent.BOOKING),
        State.QUALIF_NAME,
        ("MSG_ASK_NAME",),
        (),
    ),
    (
        "menu-human",
        State.INTENT_ROUTER,
        Memory(),
        heard(menu=Intent.TRANSFER),
        State.TRANSFERRED,
        ("MSG_TRANSFER",),
        (),
    ),
    (
        "menu-unclear",
        State.INTENT_ROUTER,
        Memory(),
        heard(),
        State.INTENT_ROUTER,
        ("MSG_ANTI_LOOP_MENU",),
        (),
    ),
    (
        "after-outcome-goodbye",
        State.CONFIRMED,
        CHOSEN,
        heard(is_goodbye=True),
        State.CONFIRMED,
        ("MSG_GOODBYE",),
        (),
    ),
    (
        "after-outcome-new-question",
        State.CONFIRMED,
        CHOSEN,
        heard(faq=FAQ, is_question=True),
        State.START,
        ("MSG_FAQ_ANSWER", "MSG_ASK_INTENT"),
        (),
    ),
    (
        "late-phone-correction",
        State.WAIT_CONFIRM,
        PROPOSED,
        heard(is_correction=True, phone="+33699999999"),
        State.WAIT_CONFIRM,
        ("MSG_CORRECTION_NOTED", "MSG_REASK_SLOTS"),
        (),
    ),
    # a second number, said alone without a cue, replaces the first
    (
        "late-phone-without-a-cue",
        State.WAIT_CONFIRM,
        PROPOSED,
        heard(phone="+33699999999", contact_alone=True),
        State.WAIT_CONFIRM,
        ("MSG_CORRECTION_NOTED", "MSG_REASK_SLOTS"),
        (),
    ),
]


@pytest.mark.parametrize(
    ("state", "memory", "understanding", "next_state", "say", "effects"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_step(state, memory, understanding, next_state, say, effects) -> None:
    result = engine.step(ctx(state, memory), understanding)
    assert (result.state, result.say, result.effects) == (next_state, say, effects)


def test_a_surname_alone_in_the_opening_asks_the_first_name() -> None:
    opening = heard(intent=Intent.BOOKING, name="Dupont", surname_only=True, motif="vidange")
    result = engine.step(ctx(State.START), opening)
    assert (result.state, result.say) == (State.QUALIF_NAME, ("MSG_ASK_FIRST_NAME",))
    assert result.memory.first_name_asked
    answered = engine.step(ctx(State.QUALIF_NAME, result.memory), heard(name="Claire"))
    assert answered.memory.name == "Claire Dupont"


# Without a read-back (the web's default), the choice among the written slots books; a move,
# or a choice said with a question, is still read back.
WITHOUT_READ_BACK = [
    ("choice-books", PROPOSED, heard(slot_choice=1), State.WAIT_CONFIRM, (), (Book(S2),)),
    (
        "choice-with-a-question-is-read-back",
        PROPOSED,
        heard(slot_choice=1, faq=FAQ, is_question=True),
        State.BOOKING_CONFIRM,
        ("MSG_CONFIRM_BOOKING",),
        (),
    ),
    (
        "a-move-is-read-back",
        replace(PROPOSED, intent=Intent.MODIFY),
        heard(slot_choice=1),
        State.MODIFY_CONFIRM,
        ("MSG_MODIFY_CONFIRM",),
        (),
    ),
]


@pytest.mark.parametrize(
    ("memory", "understanding", "next_state", "say", "effects"),
    [case[1:] for case in WITHOUT_READ_BACK],
    ids=[case[0] for case in WITHOUT_READ_BACK],
)
def test_choice_without_read_back(memory, understanding, next_state, say, effects) -> None:
    context = replace(ctx(State.WAIT_CONFIRM, memory), read_back=False)
    result = engine.step(context, understanding)
    assert (result.state, result.say, result.effects) == (next_state, say, effects)


def test_booked_on_the_choice_recaps_it() -> None:
    pending = Step(State.WAIT_CONFIRM, (), replace(PROPOSED, chosen=S2), effects=(Book(S2),))
    after = engine.resume(pending, Booked(APPT), ctx(State.WAIT_CONFIRM, PROPOSED))
    assert (after.state, after.say, after.ended) == (
        State.CONFIRMED,
        ("MSG_BOOKED_ON_CHOICE",),
        True,
    )


def test_after_a_booking_no_with_a_request_is_that_request() -> None:
    # « ah non, finalement annulez-le » right after the booking: not a goodbye
    done = replace(FULL, intent=Intent.BOOKING)
    result = engine.step(
        ctx(State.CONFIRMED, done), heard(yes_no=False, intent=Intent.CANCEL, change_request=True)
    )
    assert result.intent == Intent.CANCEL
    assert not result.ended
    goodbye = engine.step(ctx(State.CONFIRMED, done), heard(yes_no=False))
    assert (goodbye.say, goodbye.ended) == (("MSG_GOODBYE",), True)


def test_a_correction_right_after_a_booking_corrects_the_appointment() -> None:
    booked = replace(FULL, name="Maëva Le Goffe", phone="+33612345678", target=APPT)
    correction = heard(is_correction=True, name="Le Goff", corrected_name="Le Goff")
    result = engine.step(ctx(State.CONFIRMED, booked), correction)
    assert result.effects == (Correct(7, "Maëva Le Goff", "+33612345678", ""),)
    after = engine.resume(result, Corrected(APPT), ctx(State.CONFIRMED, booked))
    assert (after.state, after.say, after.ended) == (
        State.CONFIRMED,
        ("MSG_BOOKING_CORRECTED",),
        True,
    )
    # changed by staff in between: no longer this conversation's to correct
    gone = engine.resume(result, Corrected(None), ctx(State.CONFIRMED, booked))
    assert (gone.state, gone.transfer) == (State.TRANSFERRED, True)


def test_every_state_has_a_handler() -> None:
    assert set(HANDLERS) == set(State)


def test_faq_answer_carries_its_source() -> None:
    result = engine.step(ctx(State.QUALIF_CONTACT, FULL), heard(faq=FAQ, is_question=True))
    assert result.faq_id == "FAQ_HOURS"
    assert result.state == State.QUALIF_CONTACT


def test_transfer_sets_the_flag_and_ends() -> None:
    result = engine.step(ctx(State.START), heard(intent=Intent.TRANSFER))
    assert (result.transfer, result.ended) == (True, True)


def test_anti_loop_opens_the_menu_past_the_limit() -> None:
    memory = replace(FULL, turns_since_menu=Limits().anti_loop_turns)
    result = engine.step(ctx(State.QUALIF_PREF, memory), heard())
    assert (result.state, result.say) == (State.INTENT_ROUTER, ("MSG_ANTI_LOOP_MENU",))
    assert result.memory.turns_since_menu == 0


def test_a_second_number_said_alone_replaces_the_first() -> None:
    result = engine.step(
        ctx(State.WAIT_CONFIRM, PROPOSED), heard(phone="+33750163482", contact_alone=True)
    )
    assert result.memory.phone == "+33750163482"


def test_a_number_given_with_a_request_replaces_nothing() -> None:
    # « je voudrais aussi un rendez-vous pour ma fille, son numéro c'est le … »
    result = engine.step(
        ctx(State.WAIT_CONFIRM, PROPOSED), heard(phone="+33750163482", intent=Intent.BOOKING)
    )
    assert result.memory.phone == PROPOSED.phone


def test_a_name_said_again_without_a_cue_changes_nothing() -> None:
    memory = Memory(intent=Intent.BOOKING, name="Steve Jacobs", motif="vidange")
    result = engine.step(ctx(State.QUALIF_PREF, memory), heard("Jacob", name="Jacob"))
    assert result.memory.name == "Steve Jacobs"


def test_name_correction_replaces_the_similar_word() -> None:
    memory = Memory(intent=Intent.BOOKING, name="Steve Jacobs", motif="vidange")
    result = engine.step(
        ctx(State.QUALIF_PREF, memory),
        heard("pardon jacob sans s", is_correction=True, corrected_name="Jacob"),
    )
    assert result.memory.name == "Steve Jacob"
    assert result.say == ("MSG_CORRECTION_NOTED", "MSG_ASK_PREF")


RESUMES = [
    (
        "slots-proposed",
        State.QUALIF_CONTACT,
        FULL,
        SlotsFound((S1, S2, S3)),
        State.WAIT_CONFIRM,
        ("MSG_PROPOSE_SLOTS",),
        (),
    ),
    (
        "slots-relaxed",
        State.QUALIF_CONTACT,
        FULL,
        SlotsFound((S1,), relaxed=True),
        State.WAIT_CONFIRM,
        ("MSG_PROPOSE_SLOTS_RELAXED",),
        (),
    ),
    (
        "no-slot-transfers",
        State.QUALIF_CONTACT,
        FULL,
        SlotsFound(()),
        State.TRANSFERRED,
        ("MSG_NO_SLOTS", "MSG_TRANSFER"),
        (),
    ),
    (
        "booked",
        State.BOOKING_CONFIRM,
        CHOSEN,
        Booked(APPT),
        State.CONFIRMED,
        ("MSG_BOOKING_CONFIRMED",),
        (),
    ),
    (
        "slot-taken-reproposes",
        State.BOOKING_CONFIRM,
        CHOSEN,
        SlotTaken(),
        State.BOOKING_CONFIRM,
        ("MSG_SLOT_ALREADY_BOOKED",),
        (FindSlots(MORNING),),
    ),
    (
        "slot-taken-too-often",
        State.BOOKING_CONFIRM,
        replace(CHOSEN, booking_retries=2),
        SlotTaken(),
        State.TRANSFERRED,
        ("MSG_SLOT_ALREADY_BOOKED", "MSG_TRANSFER_LIMIT"),
        (),
    ),
    (
        "cancelled",
        State.CANCEL_CONFIRM,
        CANCELLING,
        Cancelled(APPT),
        State.CANCELLED,
        ("MSG_CANCELLED",),
        (),
    ),
    (
        "cancel-too-late",
        State.CANCEL_CONFIRM,
        CANCELLING,
        CancelRefused(),
        State.TRANSFERRED,
        ("MSG_CANCEL_TOO_LATE", "MSG_TRANSFER"),
        (),
    ),
    ("moved", State.MODIFY_CONFIRM, MOVING, Booked(APPT), State.CONFIRMED, ("MSG_MOVED",), ()),
    (
        "none-found-with-the-known-contact-asks-the-proof",
        State.CANCEL_NAME,
        Memory(intent=Intent.CANCEL, name="X", caller_number="+33612345678"),
        AppointmentsFound(()),
        State.CANCEL_VERIFY,
        ("MSG_ASK_VERIFY",),
        (),
    ),
    (
        "none-found-with-the-proof",
        State.MODIFY_VERIFY,
        Memory(intent=Intent.MODIFY, name="X", phone="+33612345678"),
        AppointmentsFound(()),
        State.MODIFY_VERIFY,
        ("MSG_VERIFY_NOT_FOUND",),
        (),
    ),
    (
        "none-found-with-the-proof-too-often-hands-over",
        State.CANCEL_VERIFY,
        Memory(intent=Intent.CANCEL, name="X", failures={"verify": 2}),
        AppointmentsFound(()),
        State.TRANSFERRED,
        ("MSG_TRANSFER_LIMIT",),
        (),
    ),
    (
        "gone-before-the-confirmation",
        State.CANCEL_CONFIRM,
        CANCELLING,
        AppointmentsFound(()),
        State.CANCEL_CONFIRM,
        ("MSG_APPOINTMENT_NOT_FOUND",),
        (),
    ),
    (
        "one-found-with-the-proof",
        State.CANCEL_VERIFY,
        Memory(intent=Intent.CANCEL, name="X", phone="+33612345678"),
        AppointmentsFound((APPT,)),
        State.CANCEL_CONFIRM,
        ("MSG_CANCEL_CONFIRM",),
        (),
    ),
    (
        "one-found-cancel",
        State.CANCEL_NAME,
        Memory(intent=Intent.CANCEL, name="X"),
        AppointmentsFound((APPT,)),
        State.CANCEL_CONFIRM,
        ("MSG_CANCEL_CONFIRM",),
        (),
    ),
    (
        "one-found-modify",
        State.MODIFY_NAME,
        Memory(intent=Intent.MODIFY, name="X"),
        AppointmentsFound((APPT,)),
        State.QUALIF_PREF,
        ("MSG_MODIFY_FOUND",),
        (),
    ),
    (
        # « l'après-midi ça va plus le faire »: what no longer suits, not yet when to come
        "one-found-modify-refused-hours-only-asks-when",
        State.MODIFY_NAME,
        Memory(
            intent=Intent.MODIFY,
            name="X",
            preference=Preference(before=time(12), refused_hours=True),
        ),
        AppointmentsFound((APPT,)),
        State.QUALIF_PREF,
        ("MSG_MODIFY_FOUND",),
        (),
    ),
    (
        "one-found-within-the-notice-cancel-said-at-once",
        State.CANCEL_VERIFY,
        Memory(intent=Intent.CANCEL, name="X", phone="+33612345678"),
        AppointmentsFound((replace(APPT, locked=True),)),
        State.TRANSFERRED,
        ("MSG_CANCEL_TOO_LATE", "MSG_TRANSFER"),
        (),
    ),
    (
        "one-found-within-the-notice-move-said-before-asking-when",
        State.MODIFY_VERIFY,
        Memory(intent=Intent.MODIFY, name="X", phone="+33612345678", preference=MORNING),
        AppointmentsFound((replace(APPT, locked=True),)),
        State.TRANSFERRED,
        ("MSG_MODIFY_TOO_LATE", "MSG_TRANSFER"),
        (),
    ),
    (
        "several-found",
        State.CANCEL_NAME,
        Memory(intent=Intent.CANCEL, name="X"),
        AppointmentsFound((APPT, replace(APPT, appointment_id=8))),
        State.CANCEL_SELECT,
        ("MSG_APPOINTMENT_SELECT",),
        (),
    ),
]


@pytest.mark.parametrize(
    ("state", "memory", "outcome", "next_state", "say", "effects"),
    [case[1:] for case in RESUMES],
    ids=[case[0] for case in RESUMES],
)
def test_resume(state, memory, outcome, next_state, say, effects) -> None:
    pending = Step(state, (), memory)
    result = engine.resume(pending, outcome, ctx(state, memory))
    assert (result.state, result.say, result.effects) == (next_state, say, effects)


def test_resume_keeps_what_was_already_said() -> None:
    pending = Step(State.BOOKING_CONFIRM, ("MSG_SLOT_ALREADY_BOOKED",), CHOSEN)
    result = engine.resume(pending, SlotsFound((S1, S2)), ctx(State.BOOKING_CONFIRM, CHOSEN))
    assert result.say == ("MSG_SLOT_ALREADY_BOOKED", "MSG_PROPOSE_SLOTS")


def test_memory_round_trips_through_json() -> None:
    memory = replace(
        MOVING, preference=Preference(weekdays=frozenset({2}), after=time(14)), failures={"name": 1}
    )
    assert Memory.from_dict(memory.to_dict()) == memory


def test_greetings_never_lead_to_a_transfer() -> None:
    memory = Memory()
    for _ in range(5):
        step = engine.step(ctx(State.START, memory), heard(is_greeting=True))
        assert not step.transfer
        memory = step.memory
    assert memory.faq_misses == 0


SURNAME_FIRST = Memory(intent=Intent.BOOKING, motif="détartrage")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("Claire", "Claire Laurent"), ("Claire Laurent", "Claire Laurent"), (None, "Laurent")],
)
def test_a_surname_with_civility_asks_the_first_name_once(answer, expected) -> None:
    asked = engine.step(
        ctx(State.QUALIF_NAME, SURNAME_FIRST),
        heard("madame Laurent", name="Laurent", surname_only=True),
    )
    assert (asked.state, asked.say) == (State.QUALIF_NAME, ("MSG_ASK_FIRST_NAME",))
    then = engine.step(ctx(State.QUALIF_NAME, asked.memory), heard("…", name=answer))
    assert then.memory.name == expected
    assert then.state == State.QUALIF_PREF


# An absence said along the way (« on part en février ») rules days out but is no wish: the
# agent still asks when to come, once; asked, an absence alone is the whole answer.
FEBRUARY = Preference(away=((date(2027, 2, 1), date(2027, 2, 28)),))


def test_an_absence_said_along_the_way_still_asks_when() -> None:
    memory = Memory(intent=Intent.BOOKING, motif="vaccin", preference=FEBRUARY)
    asked = engine.step(ctx(State.QUALIF_NAME, memory), heard(name="Inès Aït-Taleb"))
    assert (asked.state, asked.say) == (State.QUALIF_PREF, ("MSG_ASK_PREF",))
    assert asked.memory.preference_asked
    tuesday = Preference(weekdays=frozenset({2}), after=time(13))
    answered = engine.step(ctx(State.QUALIF_PREF, asked.memory), heard(preference=tuesday))
    assert answered.state == State.QUALIF_CONTACT
    assert answered.memory.preference == Preference(
        weekdays=frozenset({2}), after=time(13), away=FEBRUARY.away
    )


def test_refused_hours_said_along_the_way_still_ask_when_and_are_kept() -> None:
    not_mornings = Preference(after=time(12), refused_hours=True)
    memory = Memory(intent=Intent.BOOKING, motif="vaccin", preference=not_mornings)
    asked = engine.step(ctx(State.QUALIF_NAME, memory), heard(name="Inès Aït-Taleb"))
    assert (asked.state, asked.say) == (State.QUALIF_PREF, ("MSG_ASK_PREF",))
    next_week = Preference(earliest=date(2026, 12, 14), latest=date(2026, 12, 20))
    answered = engine.step(ctx(State.QUALIF_PREF, asked.memory), heard(preference=next_week))
    assert answered.memory.preference == replace(next_week, after=time(12), refused_hours=True)


def test_asked_when_an_absence_alone_is_the_answer() -> None:
    memory = Memory(intent=Intent.BOOKING, name="Inès Aït-Taleb", motif="vaccin")
    asked = engine.step(ctx(State.QUALIF_MOTIF, replace(memory, motif="")), heard(motif="vaccin"))
    assert asked.state == State.QUALIF_PREF
    answered = engine.step(ctx(State.QUALIF_PREF, asked.memory), heard(preference=FEBRUARY))
    assert answered.state == State.QUALIF_CONTACT
    assert answered.memory.preference == FEBRUARY


# A late correction of the name is read whatever was asked, when it resembles the name.
@pytest.mark.parametrize(
    ("state", "said", "corrected", "expected"),
    [
        (State.QUALIF_MOTIF, "pardon, Ibrahima, avec un a à la fin : Ibrahima Diallo",
         "Ibrahima Diallo", "Ibrahima Diallo"),
        (State.QUALIF_PREF, "non pardon, Jacob sans s", "Jacob", "Steve Jacob"),
        (State.QUALIF_MOTIF, "non pardon, détartrage", "Détartrage", None),
        (State.QUALIF_PREF, "non, au nom de Julie Durand", "Julie Durand", "Julie Durand"),
        (State.QUALIF_PREF, "pardon, je me suis mal fait comprendre : Aubineau, A U B I N E A U",
         "Aubineau", "Corinne Aubineau"),
        (State.QUALIF_PREF, "non pardon rouxel r o u x e l", "Rouxel", "Anaïs Rouxel"),
    ],
)  # fmt: skip
def test_a_late_name_correction(state, said, corrected, expected) -> None:
    names = {
        "Ibrahima Diallo": "Ibrahim Diallo",
        "Jacob": "Steve Jacobs",
        "Détartrage": "Léa Martin",
        "Julie Durand": "Paul Durand",
        "Aubineau": "Corinne Obineau",
        "Rouxel": "Anaïs Rousselle",
    }
    memory = Memory(intent=Intent.BOOKING, name=names[corrected], motif="examen")
    if state == State.QUALIF_MOTIF:
        memory = replace(memory, motif="")
    introduced = corrected if said.startswith("non, au nom") else None
    understanding = heard(said, is_correction=True, corrected_name=corrected, name=introduced)
    step = engine.step(ctx(state, memory), understanding)
    if expected is None:
        assert step.memory.name == memory.name
    else:
        assert (step.state, step.memory.name) == (state, expected)


# Days of the week said for a move, without a week, are those of the appointment's own week:
# « mon rendez-vous de mercredi tombe mal, on pourrait l'avancer au début de la semaine ? ».
@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (Preference(weekdays=frozenset({1, 2})), ("week", frozenset({1, 2}))),
        (Preference(weekdays=frozenset({4}), after=time(14)), ("week", frozenset({4}))),
        # a week or a date said keeps its own days; refused weekdays are not a wish
        (Preference(weekdays=frozenset({1}), earliest=date(2026, 12, 1),
                    latest=date(2026, 12, 6)), ("said", None)),
        (Preference(weekdays=frozenset({1, 3, 4, 5, 6, 7}), refused_days=True), ("said", None)),
    ],
)  # fmt: skip
def test_a_moves_weekdays_are_those_of_the_appointments_week(said, expected) -> None:
    memory = Memory(intent=Intent.MODIFY, name="X", target=APPT, preference=said)
    wished = common.move_preference(memory)
    if expected[0] == "said":
        assert wished == said
        return
    monday = APPT.start.date() - timedelta(days=APPT.start.isoweekday() - 1)
    assert (wished.earliest, wished.latest) == (monday, monday + timedelta(days=6))
    assert wished.weekdays == expected[1]


# « on peut le mettre un autre jour en fin de journée ? »: the day held is ruled out of the
# move, whatever else is said; without it, that day may be offered again.
@pytest.mark.parametrize("other_day", [True, False])
def test_another_day_rules_the_appointments_own_day_out(other_day: bool) -> None:
    said = Preference(after=time(17))
    memory = Memory(
        intent=Intent.MODIFY, name="X", target=APPT, preference=said, other_day=other_day
    )
    wished = common.move_preference(memory)
    held = APPT.start.date()
    assert wished.after == time(17)
    assert ((held, held) in wished.away) is other_day
    # its day of the week too, no other being said
    assert (held.isoweekday() not in wished.weekdays and wished.refused_days) is other_day


def test_another_day_keeps_a_day_of_the_week_said() -> None:
    said = Preference(weekdays=frozenset({APPT.start.isoweekday()}))
    memory = Memory(intent=Intent.MODIFY, name="X", target=APPT, preference=said, other_day=True)
    wished = common.move_preference(memory)
    assert APPT.start.isoweekday() in wished.weekdays
    assert (APPT.start.date(), APPT.start.date()) in wished.away


# « un autre jour » is kept from the opening of a move, and from the answer to « when? »
def test_another_day_is_remembered_for_the_move() -> None:
    opening = heard(intent=Intent.MODIFY, change_request=True, other_day=True)
    assert engine.step(ctx(State.START), opening).memory.other_day is True
    found = Memory(intent=Intent.MODIFY, name="X", target=APPT)
    answer = heard(preference=Preference(after=time(17)), other_day=True)
    assert engine.step(ctx(State.QUALIF_PREF, found), answer).memory.other_day is True
    assert (
        engine.step(
            ctx(State.START), heard(intent=Intent.MODIFY, change_request=True)
        ).memory.other_day
        is False
    )


# « un peu plus tard dans la matinée »: the move keeps the day held and starts after its hour;
# « plus tôt », before it; an hour said wins when it already lies beyond the one held.
@pytest.mark.parametrize(
    ("shift", "said", "expected"),
    [
        ("later", Preference(before=time(12)), ("after", "held+1")),
        ("earlier", Preference(), ("before", "held")),
        ("later", Preference(after=time(23)), ("after", time(23))),
        (None, Preference(), ("after", None)),
    ],
)
def test_later_or_earlier_than_the_hour_held(shift, said, expected) -> None:
    memory = Memory(
        intent=Intent.MODIFY,
        name="X",
        target=APPT,
        preference=said,
        keeps_day=True,
        held_shift=shift,
    )
    wished = common.move_preference(memory)
    assert wished.dates == frozenset({APPT.start.date()})
    held = APPT.start.time()
    value = {"held": held, "held+1": (APPT.start + timedelta(minutes=1)).time()}.get(
        expected[1], expected[1]
    )
    assert getattr(wished, expected[0]) == value
