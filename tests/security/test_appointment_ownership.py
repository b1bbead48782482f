"""Nobody cancels or moves another person's appointment: a name is not a proof.

Before the fix, « annuler, Gwenaëlle Quéré » listed her appointment's time and then cancelled
it, and the payload returned her phone number. Now the caller proves the appointment is theirs
with the phone or e-mail it was booked with (or, on a call, the number they call from), and no
public payload carries a whole phone number or e-mail address.
"""

from __future__ import annotations

import pytest

from booking.models import Appointment
from booking.services import appointment_book
from conversations.services import conversation_handle_turn
from tests.conftest import NOW

pytestmark = pytest.mark.django_db

PHONE = "+33640281937"
EMAIL = "Gwen.Quere@Example.fr"


@pytest.fixture
def hers(business, clock) -> Appointment:
    """Gwenaëlle's appointment on Thursday at 9:00, booked with her phone and e-mail."""
    start = NOW.replace(day=26)
    return appointment_book(
        business=business,
        start=start,
        end=start.replace(hour=10),
        name="Gwenaëlle Quéré",
        phone=PHONE,
        email=EMAIL,
        motif="vidange",
    )


class Chat:
    def __init__(self, channel: str = "web", caller_number: str = "") -> None:
        self.channel = channel
        self.last = conversation_handle_turn(
            channel=channel, conversation_id=None, message="", caller_number=caller_number
        )
        self.replies = [self.last.reply]

    def say(self, message: str):
        self.last = conversation_handle_turn(
            channel=self.channel, conversation_id=self.last.conversation_id, message=message
        )
        self.replies.append(self.last.reply)
        return self.last


def said_nothing_about(chat: Chat, appointment: Appointment) -> bool:
    """No reply mentioned the appointment's day or hour, and no payload listed it."""
    words = ("jeudi", "26 novembre", "9h", "9 h")
    return not any(w in r for r in chat.replies for w in words) and not chat.last.slots


@pytest.mark.parametrize("intent", ["je voudrais annuler mon rendez-vous", "déplacer mon rdv"])
def test_a_name_alone_reveals_nothing_and_acts_on_nothing(hers, intent) -> None:
    chat = Chat()
    chat.say(intent)
    turn = chat.say("Gwenaëlle Quéré")
    assert turn.state in ("CANCEL_VERIFY", "MODIFY_VERIFY")
    assert said_nothing_about(chat, hers)
    assert turn.appointment is None


def test_a_wrong_contact_is_answered_as_for_an_unknown_name(hers) -> None:
    known, unknown = Chat(), Chat()
    for chat, name in ((known, "Gwenaëlle Quéré"), (unknown, "Jean Inconnu")):
        chat.say("annuler mon rendez-vous")
        chat.say(name)
        chat.say("06 11 22 33 44")
    assert known.last.state == unknown.last.state == "CANCEL_VERIFY"
    assert known.last.reply.replace("Gwenaëlle Quéré", "X") == unknown.last.reply.replace(
        "Jean Inconnu", "X"
    )
    assert said_nothing_about(known, hers)


def test_wrong_contacts_hand_over_and_the_appointment_stays(hers) -> None:
    chat = Chat()
    chat.say("annuler mon rendez-vous")
    chat.say("Gwenaëlle Quéré")
    for wrong in ("06 11 22 33 44", "gwen@example.fr", "06 40 28 19 38"):
        turn = chat.say(wrong)
    assert (turn.state, turn.transfer) == ("TRANSFERRED", True)
    hers.refresh_from_db()
    assert hers.status == "confirmed"


@pytest.mark.parametrize(
    "proof",
    [
        "06 40 28 19 37",
        "0640281937",
        "+33 6 40 28 19 37",
        "c'est le zéro six quarante vingt-huit dix-neuf trente-sept",
        "gwen.quere@example.fr",
        "GWEN.QUERE@EXAMPLE.FR",
    ],
)
def test_the_contact_given_at_booking_proves_it_in_any_written_form(hers, proof) -> None:
    chat = Chat()
    chat.say("je dois annuler mon rendez-vous")
    chat.say("Gwenaëlle Quéré")
    assert chat.say(proof).state == "CANCEL_CONFIRM"
    turn = chat.say("oui")
    assert (turn.state, turn.appointment["id"]) == ("CANCELLED", str(hers.public_id))


def test_part_of_an_address_is_no_proof(hers) -> None:
    chat = Chat()
    chat.say("annuler mon rendez-vous")
    chat.say("Gwenaëlle Quéré")
    assert chat.say("quere@example.fr").state == "CANCEL_VERIFY"
    assert said_nothing_about(chat, hers)


def test_a_call_from_the_booked_number_needs_no_other_proof(hers) -> None:
    chat = Chat(channel="voice", caller_number=PHONE)
    chat.say("je voudrais annuler mon rendez-vous")
    assert chat.say("Gwenaëlle Quéré").state == "CANCEL_CONFIRM"


def test_a_call_from_another_number_is_asked_the_proof(hers) -> None:
    chat = Chat(channel="voice", caller_number="+33611223344")
    chat.say("je voudrais annuler mon rendez-vous")
    assert chat.say("Gwenaëlle Quéré").state == "CANCEL_VERIFY"
    assert said_nothing_about(chat, hers)
    assert chat.say("zéro six quarante vingt-huit dix-neuf trente-sept").state == "CANCEL_CONFIRM"


def test_the_cancelled_appointment_in_the_payload_is_masked(hers) -> None:
    chat = Chat()
    chat.say("annuler mon rendez-vous")
    chat.say("Gwenaëlle Quéré")
    chat.say("06 40 28 19 37")
    appointment = chat.say("oui").appointment
    assert (appointment["phone"], appointment["email"]) == ("06 •• •• •• 37", "G•••@E•••.fr")
    assert PHONE not in str(chat.last.as_payload())
    assert EMAIL.lower() not in str(chat.last.as_payload()).lower()
