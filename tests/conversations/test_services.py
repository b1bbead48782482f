"""Whole conversations through conversation_handle_turn, with the database and a pinned clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from booking.models import Appointment
from booking.services import appointment_book
from conversations import services
from conversations.dialogue.prompts import render
from conversations.dialogue.spoken import phone_label
from conversations.models import Conversation, Prompt, Turn
from conversations.services import ConversationNotFound, conversation_handle_turn
from receptionist.lib.snapshots import clear_all

pytestmark = pytest.mark.django_db


class Chat:
    """A visitor on the web channel (or a caller on the voice channel)."""

    def __init__(self, channel: str = "web", caller_number: str = "") -> None:
        self.channel = channel
        first = conversation_handle_turn(
            channel=channel, conversation_id=None, message="", caller_number=caller_number
        )
        self.id = first.conversation_id
        self.last = first

    def say(self, message: str):
        self.last = conversation_handle_turn(
            channel=self.channel, conversation_id=self.id, message=message
        )
        self.id = self.last.conversation_id
        return self.last


def book(chat: Chat, *lines: str):
    for line in lines:
        chat.say(line)
    return chat.last


def test_greeting_starts_a_conversation(business, clock) -> None:
    chat = Chat()
    assert chat.last.state == "START"
    assert business.name in chat.last.reply
    assert Conversation.objects.get(key=chat.id).turns.count() == 1


def test_opening_with_name_and_preference_skips_those_questions(business, clock) -> None:
    chat = Chat()
    turn = chat.say("bonjour c'est Marie Curie je voudrais un rendez-vous mardi matin")
    assert turn.state == "QUALIF_MOTIF"
    turn = chat.say("une vidange")
    assert turn.state == "QUALIF_CONTACT"


def test_full_booking_confirms_and_stores_the_appointment(business, clock) -> None:
    chat = Chat()
    turn = book(
        chat, "je voudrais prendre rendez-vous", "Paul Ménard", "une vidange", "mardi matin"
    )
    assert turn.state == "QUALIF_CONTACT"
    turn = chat.say("06 12 34 56 78")
    assert turn.state == "WAIT_CONFIRM"
    assert len(turn.slots) == 3
    assert all(datetime.fromisoformat(s["start"]).weekday() == 1 for s in turn.slots)
    assert all(datetime.fromisoformat(s["start"]).hour < 12 for s in turn.slots)
    second = turn.slots[1]
    # on the web the visitor read the slots: the choice books, and the reply recaps it
    turn = chat.say("le deuxième")
    assert turn.state == "CONFIRMED"
    assert "C'est réservé" in turn.reply
    assert "Paul Ménard" in turn.reply
    assert "vidange" in turn.reply
    assert "déplacer ou l'annuler" in turn.reply
    assert turn.ended is True
    assert turn.appointment["start"] == second["start"]
    assert turn.appointment["phone"] == "06 •• •• •• 78"
    stored = Appointment.objects.get(public_id=turn.appointment["id"])
    assert stored.phone == "+33612345678"
    assert (stored.name, stored.motif, stored.status) == ("Paul Ménard", "vidange", "confirmed")
    assert Conversation.objects.get(key=chat.id).outcome == "confirmed"


def test_a_booking_read_back_waits_for_yes(business, clock, settings) -> None:
    settings.BOOKING_READ_BACK_CHANNELS = ("voice", "web")
    chat = Chat()
    turn = book(chat, "un rendez-vous svp", "Paul Ménard", "vidange", "mardi matin", "0612345678")
    second = turn.slots[1]
    turn = chat.say("le deuxième")
    assert turn.state == "BOOKING_CONFIRM"
    assert turn.appointment is None
    assert not Appointment.objects.exists()
    turn = chat.say("oui")
    assert turn.state == "CONFIRMED"
    assert turn.appointment["start"] == second["start"]


def test_a_voice_booking_is_read_back_by_default(business, clock) -> None:
    chat = Chat(channel="voice", caller_number="+33612345678")
    book(chat, "un rendez-vous svp", "Paul Ménard", "vidange", "mardi matin")
    assert chat.last.state == "QUALIF_CONTACT"
    chat.say("oui")  # the number called from
    assert chat.last.state == "WAIT_CONFIRM"
    turn = chat.say("le premier")
    assert turn.state == "BOOKING_CONFIRM"
    assert chat.say("oui").state == "CONFIRMED"


@pytest.mark.parametrize(
    ("read_back", "lines"),
    [
        # on the web the choice books: the slot is taken before it
        (("voice",), ["le premier"]),
        # with a read-back, between the choice and « oui »
        (("voice", "web"), ["le premier", "oui"]),
    ],
    ids=["before the choice", "between read-back and yes"],
)
def test_a_slot_taken_under_the_conversation_reproposes(
    business, clock, caplog, settings, read_back, lines
) -> None:
    settings.BOOKING_READ_BACK_CHANNELS = read_back
    chat = Chat()
    turn = book(chat, "un rendez-vous svp", "Paul Ménard", "vidange", "mardi matin", "0612345678")
    first = turn.slots[0]
    book(chat, *lines[:-1])
    # Another conversation books the same slot before this one's last word.
    appointment_book(
        business=business,
        start=datetime.fromisoformat(first["start"]),
        end=datetime.fromisoformat(first["end"]),
        name="Someone Else",
    )
    turn = chat.say(lines[-1])
    assert turn.state == "WAIT_CONFIRM"
    assert first["start"] not in [s["start"] for s in turn.slots]
    assert "[BOOKING_RETRY]" in caplog.text
    assert Appointment.objects.filter(start=datetime.fromisoformat(first["start"])).count() == 1


def test_slot_taken_too_often_transfers(business, clock, settings) -> None:
    settings.CONFIRM_RETRY_MAX = 0
    settings.BOOKING_READ_BACK_CHANNELS = ("voice", "web")
    chat = Chat()
    turn = book(
        chat,
        "un rendez-vous svp",
        "Paul Ménard",
        "vidange",
        "mardi matin",
        "0612345678",
        "le premier",
    )
    slot = chat.last.slots if chat.last.slots else None
    assert turn.state == "BOOKING_CONFIRM"
    assert slot is None
    memory = Conversation.objects.get(key=chat.id).data
    chosen = memory["chosen"]
    appointment_book(
        business=business,
        start=datetime.fromisoformat(chosen["start"]),
        end=datetime.fromisoformat(chosen["end"]),
        name="Someone Else",
    )
    turn = chat.say("oui")
    assert (turn.state, turn.transfer) == ("TRANSFERRED", True)
    assert phone_label(business.transfer_number) in turn.reply  # « 01 23 45 67 89 »


def test_cancel_by_name_with_confirmation(business, clock) -> None:
    book(
        Chat(),
        "rendez-vous",
        "Gwenaëlle Quéré",
        "vidange",
        "jeudi",
        "06 40 28 19 37",
        "le premier",
        "oui",
    )
    chat = Chat()
    turn = chat.say("bonjour il faut annuler mon rendez-vous")
    assert turn.state == "CANCEL_NAME"
    turn = chat.say("gwenaelle quere")
    assert turn.state == "CANCEL_VERIFY"
    turn = chat.say("c'est le 06.40.28.19.37")
    assert turn.state == "CANCEL_CONFIRM"
    turn = chat.say("oui")
    assert turn.state == "CANCELLED"
    assert turn.appointment["status"] == "cancelled"
    assert not Appointment.objects.filter(status="confirmed").exists()


def test_an_order_to_cancel_answers_the_cancellation_question(business, clock) -> None:
    book(
        Chat(), "rendez-vous", "Pauline Texier", "vidange", "jeudi", "06 27 83 14 59", "le premier"
    )
    chat = Chat()
    chat.say("je peux annuler mon rdv de jeudi ?")
    chat.say("Pauline Texier")
    assert chat.say("06 27 83 14 59").state == "CANCEL_CONFIRM"
    turn = chat.say("oui, annulez-le")
    assert turn.state == "CANCELLED"
    assert not Appointment.objects.filter(status="confirmed").exists()


def test_cancel_unknown_name_asks_the_proof_then_transfers(business, clock) -> None:
    chat = Chat()
    chat.say("je veux annuler mon rdv")
    turn = chat.say("Jean Inconnu")
    assert turn.state == "CANCEL_VERIFY"
    assert chat.say("0612345678").state == "CANCEL_VERIFY"
    assert chat.say("jean@example.fr").state == "CANCEL_VERIFY"
    turn = chat.say("06 12 34 56 79")
    assert (turn.state, turn.transfer) == ("TRANSFERRED", True)


def test_cancel_with_several_matches_asks_which(business, clock) -> None:
    for day in ("mardi", "jeudi"):
        book(
            Chat(), "rendez-vous", "Jean Dupont", "vidange", day, "0612345678", "le premier", "oui"
        )
    chat = Chat()
    chat.say("annuler un rendez-vous")
    chat.say("Jean Dupont")
    turn = chat.say("06 12 34 56 78")
    assert turn.state == "CANCEL_SELECT"
    assert len(turn.slots) == 2
    turn = chat.say("le deuxième")
    assert turn.state == "CANCEL_CONFIRM"


def test_modify_books_new_slot_then_releases_old(business, clock) -> None:
    old = book(
        Chat(),
        "rendez-vous",
        "Aline Dubreuil",
        "vidange",
        "vendredi",
        "0660294731",
        "le premier",
    )
    chat = Chat()
    turn = chat.say("bonjour est-ce qu'on peut repousser mon rdv à samedi ?")
    assert turn.state == "MODIFY_NAME"
    turn = chat.say("Aline Dubreuil")
    assert turn.state == "MODIFY_VERIFY"
    turn = chat.say("0660294731")
    assert turn.state == "WAIT_CONFIRM"
    assert all(datetime.fromisoformat(s["start"]).weekday() == 5 for s in turn.slots)
    chat.say("le deuxième")
    turn = chat.say("oui")
    assert turn.state == "CONFIRMED"
    confirmed = Appointment.objects.filter(name="Aline Dubreuil", status="confirmed")
    assert [a.start.isoformat() for a in confirmed] != [old.appointment["start"]]
    assert confirmed.count() == 1
    assert Appointment.objects.get(public_id=old.appointment["id"]).status == "moved"


def test_a_move_a_little_later_in_the_morning_keeps_the_day_and_starts_after_its_hour(
    business, clock
) -> None:
    """« un peu plus tard dans la matinée »: the appointment's own day, after its own hour (read
    in the business's time, not the database's UTC)."""
    old = book(
        Chat(),
        "rendez-vous",
        "Aline Dubreuil",
        "vidange",
        "jeudi matin",
        "0660294731",
        "le premier",
    )
    held = datetime.fromisoformat(old.appointment["start"])
    chat = Chat()
    turn = chat.say("je voudrais décaler mon rendez-vous un peu plus tard dans la matinée")
    assert turn.state == "MODIFY_NAME"
    chat.say("Aline Dubreuil")
    turn = chat.say("0660294731")
    assert turn.state == "WAIT_CONFIRM"
    starts = [datetime.fromisoformat(s["start"]) for s in turn.slots]
    assert starts
    assert all(start.date() == held.date() for start in starts)
    assert all(held < start for start in starts)
    assert all(start.hour < 12 for start in starts)


def test_an_appointment_found_for_a_change_is_read_in_the_business_time(business, clock) -> None:
    """Its day and hour are the local ones a move keeps or shifts, not the database's UTC."""
    from django.utils import timezone

    from booking.selectors import business_profile
    from conversations.dialogue.effects import FindAppointments
    from conversations.dialogue.memory import Memory
    from conversations.executor import Executor

    old = book(
        Chat(),
        "rendez-vous",
        "Aline Dubreuil",
        "vidange",
        "jeudi matin",
        "0660294731",
        "le premier",
    )
    held = datetime.fromisoformat(old.appointment["start"])
    executor = Executor(
        profile=business_profile(), conversation=Conversation.objects.last(), now=timezone.now()
    )
    found = executor.run(FindAppointments("Aline Dubreuil", ("+33660294731",)), Memory())
    (ref,) = found.appointments
    assert ref.start == held
    assert (ref.start.hour, ref.start.utcoffset()) == (held.hour, held.utcoffset())


def test_faq_interruption_answers_and_resumes_the_same_question(business, clock) -> None:
    chat = Chat()
    book(chat, "rendez-vous", "Paul Ménard", "vidange", "mardi")
    turn = chat.say("vous prenez la carte ?")
    assert (turn.state, turn.faq_id) == ("QUALIF_CONTACT", "FAQ_PAYMENT")
    assert "Source : FAQ_PAYMENT" in turn.reply
    turn = chat.say("06 12 34 56 78")
    assert turn.state == "WAIT_CONFIRM"


def test_an_unsure_entry_mid_booking_is_answered_and_said_to_be_about_it(business, clock) -> None:
    """Not « Vous souhaitez connaître… ? » in the middle of a booking: the answer, said to be
    about that entry, and the same question again."""
    chat = Chat()
    book(chat, "rendez-vous", "Paul Ménard", "vidange", "mardi")
    turn = chat.say("c'est quand que vous bossez ?")
    assert (turn.state, turn.faq_id) == ("QUALIF_CONTACT", "FAQ_HOURS")
    assert turn.reply.startswith("À propos de « ")
    assert "Source : FAQ_HOURS" in turn.reply
    assert "{" not in turn.reply


def test_faq_question_at_start(business, clock) -> None:
    turn = Chat().say("quels sont vos horaires ?")
    assert (turn.state, turn.faq_id, turn.intent) == ("START", "FAQ_HOURS", "FAQ")


def test_two_unanswerable_questions_transfer(business, clock) -> None:
    chat = Chat()
    assert chat.say("il va neiger demain ?").state == "START"
    turn = chat.say("et le prix de l'essence ?")
    assert (turn.state, turn.transfer) == ("TRANSFERRED", True)


def test_human_request_transfers_with_the_number(business, clock) -> None:
    turn = Chat().say("je veux parler à un humain")
    assert (turn.state, turn.transfer, turn.ended) == ("TRANSFERRED", True, True)
    assert phone_label(business.transfer_number) in turn.reply  # « 01 23 45 67 89 »
    assert "+33" not in turn.reply  # never the international form in a sentence


def test_the_goodbye_on_the_web_thanks_no_caller(business, clock) -> None:
    assert "appel" not in render("MSG_GOODBYE", channel="web", values={})
    assert "appel" in render("MSG_GOODBYE", channel="voice", values={})


def test_name_failures_transfer_after_the_limit(business, clock) -> None:
    chat = Chat()
    chat.say("un rendez-vous svp")
    assert chat.say("je sais pas").state == "QUALIF_NAME"
    assert chat.say("je préfère pas").state == "TRANSFERRED"


def test_phone_failures_transfer_after_three(business, clock) -> None:
    chat = Chat()
    book(chat, "rendez-vous", "Paul Ménard", "vidange", "mardi")
    assert chat.say("06 12").state == "QUALIF_CONTACT"
    assert chat.say("06 12 34").state == "QUALIF_CONTACT"
    assert chat.say("06").state == "TRANSFERRED"


def test_anti_loop_menu_after_too_many_turns(business, clock, settings, caplog) -> None:
    settings.MAX_TURNS_ANTI_LOOP = 3
    chat = Chat()
    chat.say("rendez-vous")
    states = [chat.say("vous ouvrez quand ?").state for _ in range(3)]
    assert states == ["QUALIF_NAME", "QUALIF_NAME", "INTENT_ROUTER"]
    assert "[ANTI_LOOP]" in caplog.text
    assert chat.say("1").state == "QUALIF_NAME"


def test_guards_answer_fixed_messages_without_echo(business, clock) -> None:
    chat = Chat()
    turn = chat.say("<script>alert('x')</script>")
    assert "<script>" not in turn.reply
    assert turn.state == "START"
    turn = chat.say("Hello, I would like to book an appointment please")
    assert turn.state == "START"
    assert "français" in turn.reply
    turn = chat.say("x" * 5000)
    assert turn.state == "START"
    stored = Turn.objects.filter(conversation__key=chat.id).values_list("user_text", flat=True)
    assert not any("<" in text for text in stored)


def test_markup_in_a_name_is_never_stored(business, clock) -> None:
    chat = Chat()
    book(
        chat,
        "rendez-vous",
        "<b>Victor</b> Lenoir",
        "vidange",
        "mardi",
        "0612345678",
        "le premier",
    )
    assert chat.last.state == "CONFIRMED"
    assert "<" not in Appointment.objects.get().name


def test_unknown_conversation_raises(business, clock) -> None:
    with pytest.raises(ConversationNotFound):
        conversation_handle_turn(channel="web", conversation_id="nope", message="bonjour")


def test_expired_conversation_starts_afresh(business, clock, settings) -> None:
    chat = Chat()
    chat.say("rendez-vous")
    clock.shift(timedelta(minutes=settings.SESSION_TTL_MINUTES + 1))
    old_id = chat.id
    turn = chat.say("Paul Ménard")
    assert turn.state == "START"
    assert turn.conversation_id != old_id
    assert "expiré" in turn.reply
    assert Conversation.objects.get(key=old_id).outcome == "expired"


def test_conversation_lives_in_the_database_and_survives_a_restart(business, clock) -> None:
    chat = Chat()
    chat.say("un rendez-vous")
    stored = Conversation.objects.get(key=chat.id)
    assert (stored.state, stored.data["intent"]) == ("QUALIF_NAME", "BOOKING")
    clear_all()  # a new process starts with no copy of anything
    assert chat.say("Paul Ménard").state == "QUALIF_MOTIF"


def test_staff_prompt_override_is_used(business, clock) -> None:
    Prompt.objects.create(key="MSG_ASK_NAME", variant="", text="Votre nom, s'il vous plaît ?")
    turn = Chat().say("un rendez-vous")
    assert turn.reply == "Votre nom, s'il vous plaît ?"


def test_engine_failure_logs_and_transfers(business, clock, monkeypatch, caplog) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services.engine, "step", broken)
    turn = Chat().say("bonjour")
    assert (turn.state, turn.transfer) == ("TRANSFERRED", True)
    assert "boom" in caplog.text


def test_voice_offers_the_caller_number(business, clock) -> None:
    chat = Chat(channel="voice", caller_number="+33612345678")
    turn = book(chat, "rendez-vous", "Paul Ménard", "vidange", "mardi")
    assert turn.state == "QUALIF_CONTACT"
    assert "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit" in turn.reply
    assert chat.say("oui").state == "WAIT_CONFIRM"


def test_logs_carry_tags_and_no_personal_data(business, clock, caplog) -> None:
    book(
        Chat(),
        "rendez-vous",
        "Paul Ménard",
        "vidange",
        "mardi",
        "06 12 34 56 78",
        "le premier",
        "oui",
    )
    text = caplog.text
    for tag in (
        "[FLOW]",
        "[STATE_CHANGE]",
        "[SLOTS_SENT]",
        "[BOOKING_ATTEMPT]",
        "[BOOKING_RESULT]",
        "[RDV_CONFIRMED]",
    ):
        assert tag in text
    for line in text.splitlines():
        if "conv_id=" in line:
            assert "state=" in line
            assert "intent=" in line
    assert "0612345678" not in text.replace(" ", "")
    assert "+33612345678" not in text


def test_logs_never_show_an_email_address(business, clock, caplog) -> None:
    chat = Chat()
    book(
        chat,
        "rendez-vous",
        "Elsa Renard",
        "vidange",
        "mardi",
        "elsa point renard arobase sfr point fr",
    )
    assert chat.last.state == "WAIT_CONFIRM"
    book(chat, "le premier", "oui")
    assert Appointment.objects.get().email == "elsa.renard@sfr.fr"
    assert "elsa.renard@sfr.fr" not in caplog.text
    assert "@" not in caplog.text


@pytest.mark.parametrize(
    ("request_text", "refusal"),
    [
        ("je voudrais déplacer mon rendez-vous", "je ne peux pas le déplacer moi-même"),
        ("je voudrais annuler mon rendez-vous", "je ne peux pas l'annuler moi-même"),
    ],
)
def test_an_appointment_within_the_notice_cannot_be_changed_by_the_agent(
    business, clock, request_text, refusal
) -> None:
    # Tomorrow 9:00 is within the garage's 24-hour notice.
    book(
        Chat(),
        "rendez-vous",
        "Aline Dubreuil",
        "vidange",
        "demain 9h",
        "0660294731",
        "le premier",
    )
    chat = Chat()
    chat.say(request_text)
    chat.say("Aline Dubreuil")
    # Said as soon as the appointment is proven hers, before any slot or confirmation.
    turn = chat.say("06 60 29 47 31")
    assert (turn.state, turn.transfer) == ("TRANSFERRED", True)
    assert "moins de 24 heures" in turn.reply
    assert refusal in turn.reply
    assert not turn.slots
    assert Appointment.objects.filter(name="Aline Dubreuil", status="confirmed").count() == 1


def test_a_spelling_given_later_corrects_the_name(business, clock) -> None:
    chat = Chat()
    book(chat, "je voudrais un rendez-vous pour une vidange", "Dimitri Papadopoulo")
    assert chat.last.state == "QUALIF_PREF"
    turn = chat.say("non, Papadopoulos, avec un s à la fin")
    assert turn.state == "QUALIF_PREF"
    done = book(chat, "mardi matin", "06 12 34 56 78", "le premier")
    assert done.state == "CONFIRMED"
    assert Appointment.objects.get().name == "Dimitri Papadopoulos"


def test_a_booking_made_on_the_choice_is_undone_in_the_same_conversation(business, clock) -> None:
    chat = Chat()
    done = book(
        chat,
        "un rendez-vous svp",
        "Paul Ménard",
        "vidange",
        "jeudi en quinze",
        "0612345678",
        "le premier",
    )
    assert done.state == "CONFIRMED"
    # the name and the number are known: no question before the appointment is found
    turn = chat.say("ah non, finalement je préfère l'annuler")
    assert turn.state == "CANCEL_CONFIRM"
    assert chat.say("oui").state == "CANCELLED"
    assert Appointment.objects.get(public_id=done.appointment["id"]).status == "cancelled"


def test_a_name_corrected_right_after_a_booking_on_the_choice_corrects_it(business, clock) -> None:
    chat = Chat()
    done = book(chat, "je voudrais un rendez-vous", "Dimitri Papadopoulo", "vidange", "mardi matin")
    done = book(chat, "06 12 34 56 78", "le premier")
    assert done.state == "CONFIRMED"
    turn = chat.say("non pardon, Papadopoulos, avec un s à la fin")
    assert turn.state == "CONFIRMED"
    assert "C'est corrigé" in turn.reply
    assert "Dimitri Papadopoulos" in turn.reply
    assert turn.appointment["name"] == "Dimitri Papadopoulos"
    stored = Appointment.objects.get(public_id=done.appointment["id"])
    assert (stored.name, stored.phone, stored.status) == (
        "Dimitri Papadopoulos",
        "+33612345678",
        "confirmed",
    )


def test_a_correction_after_a_cancellation_changes_no_appointment(business, clock) -> None:
    book(
        Chat(),
        "rendez-vous",
        "Aline Dubreuil",
        "vidange",
        "jeudi en quinze",
        "0660294731",
        "le premier",
    )
    chat = Chat()
    done = book(chat, "je voudrais annuler mon rendez-vous", "Aline Dubreuil", "0660294731", "oui")
    assert done.state == "CANCELLED"
    turn = chat.say("non pardon, Dubreuil avec deux l")
    assert turn.state != "CONFIRMED"
    assert Appointment.objects.get().name == "Aline Dubreuil"


def test_a_correction_after_staff_cancelled_the_booking_hands_over(business, clock) -> None:
    chat = Chat()
    book(chat, "je voudrais un rendez-vous", "Dimitri Papadopoulo", "vidange", "mardi matin")
    done = book(chat, "06 12 34 56 78", "le premier")
    Appointment.objects.filter(public_id=done.appointment["id"]).update(status="cancelled")
    turn = chat.say("non pardon, Papadopoulos, avec un s à la fin")
    assert (turn.state, turn.transfer) == ("TRANSFERRED", True)
    assert Appointment.objects.get().name == "Dimitri Papadopoulo"


def test_the_callers_own_name_is_not_the_relatives_appointment_name(business, clock) -> None:
    chat = Chat()
    turn = chat.say(
        "bonjour, monsieur de Montalembert à l'appareil, je voudrais faire voir mon fils"
    )
    assert turn.state == "QUALIF_NAME"  # the son's name is asked
    turn = chat.say("c'est pour mon fils, Augustin de Montalembert")
    assert turn.state != "QUALIF_NAME"
    done = book(chat, "vidange", "jeudi en quinze", "06 12 34 56 78", "le premier")
    assert done.state == "CONFIRMED"
    assert Appointment.objects.get().name == "Augustin de Montalembert"


def test_a_number_corrected_while_slots_are_proposed_is_the_one_booked(business, clock) -> None:
    chat = Chat()
    turn = book(chat, "rendez-vous", "Thibault Carré", "vidange", "jeudi", "07 50 16 43 82")
    assert turn.state == "WAIT_CONFIRM"
    turn = chat.say("non attendez, j'ai inversé deux chiffres : 07 50 16 34 82")
    assert turn.state == "WAIT_CONFIRM"
    assert chat.say("le premier").state == "CONFIRMED"
    assert Appointment.objects.get(status="confirmed").phone == "+33750163482"
