"""Opening moves: what the caller wants, the anti-loop menu, and what follows an outcome."""

from __future__ import annotations

from dataclasses import replace

from conversations.dialogue.effects import Correct
from conversations.dialogue.flows.common import (
    Context,
    Step,
    absorb,
    answer_faq,
    apply_corrections,
    fail,
    faq_miss,
    next_booking_step,
    start_lookup,
    transfer,
)
from conversations.dialogue.memory import Memory
from conversations.dialogue.nlu.intents import Intent
from conversations.dialogue.nlu.motifs import content_words
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding


def begin(ctx: Context, heard: Understanding, intent: Intent) -> Step:
    """Start the flow for `intent`, keeping every detail the opening already gave."""
    memory = replace(ctx.memory, intent=intent, faq_misses=0, last_faq_id="", slots=(), chosen=None)
    if heard.name and not memory.name:
        memory = replace(memory, name=heard.name)
    if intent == Intent.BOOKING:
        if heard.motif and not memory.motif:
            memory = replace(memory, motif=heard.motif)
        memory = absorb(replace(memory, preference=None), heard)
        if heard.name and heard.surname_only and not memory.first_name_asked:
            # « monsieur Dupont à l'appareil, je voudrais un rendez-vous »: the first name, once
            memory = replace(memory, first_name_asked=True)
            return Step(State.QUALIF_NAME, ("MSG_ASK_FIRST_NAME",), memory)
        return next_booking_step(ctx, memory)
    if intent in (Intent.CANCEL, Intent.MODIFY):
        memory = replace(
            memory, phone=memory.phone or heard.phone or "", email=memory.email or heard.email or ""
        )
        if intent == Intent.MODIFY and heard.preference is not None:
            memory = replace(memory, preference=heard.preference)
        else:
            memory = replace(memory, preference=None)
        memory = replace(
            memory,
            keeps_day=intent == Intent.MODIFY and heard.keeps_day,
            other_day=intent == Intent.MODIFY and heard.other_day,
            held_shift=heard.held_shift if intent == Intent.MODIFY else None,
        )
        return start_lookup(ctx, memory, intent)
    return transfer(ctx)


# A need told again is a request to come when it says this much, in words that say something
# (« dent … mal » of « une dent qui me fait mal »; « bon, tant pis » says nothing).
MIN_NEED_WORDS = 2


def on_start(ctx: Context, heard: Understanding) -> Step:
    intent = heard.intent
    # A request that says when to come (« une coupe samedi matin si c'est possible », « de la
    # place avant Noël ? ») asks to come: only an FAQ answer the matcher is sure of goes first.
    wished = heard.preference
    # « tout de suite » alone (« faut sortir combien tout de suite ? ») says no day or hour
    says_when = (
        intent == Intent.BOOKING and wished is not None and not replace(wished, asap=False).is_empty
    )
    unsure_faq = heard.faq is None or not heard.faq.sure
    # « Tristan Auger, révision de ma voiture svp »: a name and a reason, asking nothing
    introduces_a_need = bool(heard.motif and heard.name and not heard.is_question)
    # « j'ai un ongle incarné, ça commence à me lancer »: one of the business's own reasons to
    # come, said without a question, asks to come
    names_a_motif = heard.known_motif and not heard.is_question
    asks_to_act = (
        heard.firm_booking
        or heard.change_request
        or ((says_when or introduces_a_need or names_a_motif) and unsure_faq)
    )
    # An entry the caller said was not their question does not stand in the way of a request
    # said again (« non » to « le prix d'une coupe ? », then the same request).
    refused = heard.faq is not None and heard.faq.faq_id in ctx.memory.faq_refused
    # The entry just answered, matched again by a message that asks to act (« je voudrais
    # faire une donation, comment on procède ? » said twice): the answer did not settle it,
    # the request stands.
    answered = heard.faq is not None and heard.faq.faq_id == ctx.memory.last_faq_id
    action = intent if intent in (Intent.BOOKING, Intent.CANCEL, Intent.MODIFY) else None
    if action in (Intent.CANCEL, Intent.MODIFY) and not heard.change_request:
        # « si j'annule la veille au soir, je paie quand même ? » asks about the terms of a
        # cancellation; it cancels nothing
        action = None
    if (refused or answered) and action is not None:
        return begin(ctx, heard, action)
    told_again = bool(ctx.memory.faq_refused)
    tells_a_need = (
        heard.motif is not None
        and content_words(heard.motif) >= MIN_NEED_WORDS
        and not (heard.is_question or heard.is_goodbye or heard.is_greeting)
    )
    if told_again and action is None and tells_a_need:
        # « non » to « Vous souhaitez connaître le prix d'un ourlet ? », then the need told
        # again, asking nothing: the caller wants it seen to
        return begin(ctx, heard, Intent.BOOKING)
    if heard.faq is not None and not asks_to_act and (heard.is_question or intent is None):
        return answer_faq(
            replace(ctx, memory=replace(ctx.memory, intent=Intent.FAQ, faq_misses=0)), heard
        )
    if action is not None:
        return begin(ctx, heard, action)
    if heard.is_goodbye:
        return Step(State.START, ("MSG_GOODBYE",), ctx.memory, ended=True)
    if heard.is_greeting:
        # « allô oui ? »: the caller is there; greet back and ask once, nothing failed yet.
        return Step(State.START, ("MSG_GREETING_BACK",), ctx.memory)
    if introduces_a_need:
        return begin(ctx, heard, Intent.BOOKING)
    whom = heard.practitioner
    if not heard.is_question and (heard.known_motif or (whom and (whom.key or whom.kind))):
        # « un détartrage », « avec le docteur Carrère jeudi »: one of the business's own
        # reasons, or someone to see, is a request to come.
        return begin(ctx, heard, Intent.BOOKING)
    if heard.name and not ctx.memory.name:
        # « Bonjour, c'est Paul Martin » and nothing else yet: keep the name, ask what for.
        return Step(State.START, ("MSG_ASK_INTENT",), replace(ctx.memory, name=heard.name))
    if (heard.preference is not None or heard.phone) and not (heard.motif or heard.is_question):
        # Details without a request (« demain matin ») most likely mean a booking.
        return begin(ctx, heard, Intent.BOOKING)
    fallback = "MSG_FAQ_NO_MATCH" if heard.is_question else "MSG_ASK_INTENT_RETRY"
    return faq_miss(replace(ctx, memory=replace(ctx.memory, intent=Intent.UNKNOWN)), fallback)


def anti_loop(ctx: Context) -> Step:
    memory = replace(ctx.memory, turns_since_menu=0, slots=(), chosen=None, failures={})
    return Step(State.INTENT_ROUTER, ("MSG_ANTI_LOOP_MENU",), memory)


def on_menu(ctx: Context, heard: Understanding) -> Step:
    choice = heard.menu
    if choice is None:
        return fail(ctx, "menu", ctx.limits.choice_failures, "MSG_ANTI_LOOP_MENU")
    memory = replace(ctx.memory, failures={}, turns_since_menu=0)
    ctx = replace(ctx, memory=memory)
    if choice == Intent.TRANSFER:
        return transfer(ctx)
    return begin(ctx, heard, choice)


def reset_for_new_request(memory: Memory) -> Memory:
    """After an outcome the caller may ask something else: keep who they are, drop the rest."""
    return Memory(
        name=memory.name,
        phone=memory.phone,
        email=memory.email,
        caller_number=memory.caller_number,
        caller_number_offered=memory.caller_number_offered,
    )


def on_after_outcome(ctx: Context, heard: Understanding) -> Step:
    booked = ctx.memory.target if ctx.state == State.CONFIRMED else None
    corrected = apply_corrections(ctx.memory, heard)
    if booked is not None and booked.appointment_id is not None and corrected != ctx.memory:
        # « non, c'est Le Goff, sans e » right after the booking: the appointment just made
        fix = Correct(booked.appointment_id, corrected.name, corrected.phone, corrected.email)
        return Step(ctx.state, (), corrected, effects=(fix,))
    # « non merci » ends it; « ah non, finalement annulez-le » asks something
    if heard.is_goodbye or (heard.yes_no is False and heard.intent is None):
        return Step(ctx.state, ("MSG_GOODBYE",), ctx.memory, ended=True)
    fresh = replace(ctx, state=State.START, memory=reset_for_new_request(ctx.memory))
    if heard.yes_no is True and heard.intent is None and heard.faq is None:
        return Step(State.START, ("MSG_ASK_INTENT",), fresh.memory)
    return on_start(fresh, heard)
