"""Callers name a practitioner, a kind, anyone or « le même »: the whole turn, on the clinic."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.services import appointment_book
from conversations.services import conversation_handle_turn

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 11, 23, 7, tzinfo=PARIS)


def talk(*lines: str, channel: str = "web"):
    turn = conversation_handle_turn(channel=channel, conversation_id=None, message="")
    key = turn.conversation_id
    for line in lines:
        turn = conversation_handle_turn(channel=channel, conversation_id=key, message=line)
    return turn


def offered(turn) -> set[str]:
    return {slot["practitioner"]["id"] for slot in turn.slots or []}


def test_several_practitioners_for_the_motif_are_offered_by_name(clinic) -> None:
    turn = talk("je voudrais un rendez-vous pour une consultation", "Léa Martin")
    assert turn.state == "QUALIF_PRACTITIONER"
    assert "le docteur Carrère, le docteur Nguyen ou la docteure Lambert" in turn.reply
    turn = talk(
        "je voudrais un rendez-vous pour une consultation",
        "Léa Martin",
        "le docteur Nguyen",
        "mardi",
        "06 12 34 56 78",
    )
    assert turn.state == "WAIT_CONFIRM", turn.reply
    assert offered(turn) == {"dr-nguyen"}
    assert "avec le docteur Nguyen" in turn.reply


def test_a_practitioner_named_in_the_first_message_is_not_asked_again(clinic) -> None:
    turn = talk(
        "bonjour, avec le docteur Carrère pour un renouvellement jeudi",
        "Léa Martin",
        "06 12 34 56 78",
    )
    assert turn.state == "WAIT_CONFIRM", turn.reply
    assert offered(turn) == {"dr-carrere"}
    # Thursday afternoon: the only Thursday hours she has.
    assert all(s["start"].startswith("2026-11-26T1") for s in turn.slots)
    turn = talk(
        "bonjour, avec le docteur Carrère pour un renouvellement jeudi",
        "Léa Martin",
        "06 12 34 56 78",
        "le premier",
    )
    assert turn.appointment["practitioner"]["id"] == "dr-carrere"
    assert turn.appointment["motif"] == "renouvellement"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("peu importe", {"dr-carrere", "dr-nguyen", "dr-lambert"}),
        ("c'est pour le dentiste", {"dr-lambert"}),
        ("un médecin", {"dr-carrere", "dr-nguyen"}),
        ("docteur Lamber", {"dr-lambert"}),
    ],
)
def test_the_answer_to_whom(clinic, answer, expected) -> None:
    turn = talk(
        "un rendez-vous pour une consultation s'il vous plaît",
        "Léa Martin",
        answer,
        "cette semaine",
        "06 12 34 56 78",
    )
    assert turn.state == "WAIT_CONFIRM", turn.reply
    assert offered(turn) <= expected


def test_an_unknown_name_is_said_back_with_the_choices(clinic) -> None:
    turn = talk("un rendez-vous avec le docteur Dupont pour une consultation", "Léa Martin")
    assert turn.state == "QUALIF_PRACTITIONER"
    assert "Dupont" in turn.reply
    assert "le docteur Carrère" in turn.reply
    turn = talk(
        "un rendez-vous avec le docteur Dupont pour une consultation",
        "Léa Martin",
        "alors le docteur Carrère",
        "mardi matin",
        "06 12 34 56 78",
    )
    assert offered(turn) == {"dr-carrere"}


def test_the_same_as_last_time_is_found_by_the_phone(clinic) -> None:
    appointment_book(
        business=clinic,
        start=MONDAY - timedelta(days=30),
        end=MONDAY - timedelta(days=30) + timedelta(minutes=30),
        name="Léa Martin",
        phone="+33612345678",
        practitioner=clinic.practitioners.get(key="dr-nguyen"),
    )
    turn = talk(
        "un rendez-vous pour une consultation avec le même médecin que la dernière fois",
        "Léa Martin",
        "mercredi",
        "06 12 34 56 78",
    )
    assert turn.state == "WAIT_CONFIRM", turn.reply
    assert offered(turn) == {"dr-nguyen"}


def test_on_the_phone_too(clinic) -> None:
    turn = talk(
        "je voudrais un rendez-vous avec la docteure Lambert pour une carie",
        "Léa Martin",
        "vendredi matin",
        "06 12 34 56 78",
        channel="voice",
    )
    assert turn.state == "WAIT_CONFIRM", turn.reply
    assert "avec la docteure Lambert" in turn.reply


def test_a_move_keeps_the_practitioner(clinic) -> None:
    talk(
        "un détartrage",
        "Léa Martin",
        "mardi",
        "06 12 34 56 78",
        "le premier",
    )
    turn = talk("je voudrais déplacer mon rendez-vous", "Léa Martin", "06 12 34 56 78", "vendredi")
    assert turn.state == "WAIT_CONFIRM", turn.reply
    assert offered(turn) == {"dr-lambert"}


@pytest.mark.parametrize(
    ("opening", "state"),
    [
        ("un détartrage", "QUALIF_NAME"),  # one of the business's own reasons: a request
        ("avec le docteur Carrère jeudi", "QUALIF_NAME"),  # someone to see: a request
        ("chez le dentiste", "QUALIF_NAME"),
        ("combien coûte un détartrage ?", "START"),  # a question about it is not
    ],
)
def test_a_known_reason_or_someone_to_see_opens_a_booking(clinic, opening, state) -> None:
    assert talk(opening).state == state


@pytest.mark.parametrize("anyone", ["peu importe", "ça m'est égal", "n'importe lequel"])
def test_anyone_to_whom_is_not_any_time(clinic, anyone) -> None:
    turn = talk("un rendez-vous pour une consultation", "Léa Martin", anyone)
    assert turn.state == "QUALIF_PREF", turn.reply


def test_anyone_with_a_time_keeps_the_time(clinic) -> None:
    turn = talk("un rendez-vous pour une consultation", "Léa Martin", "peu importe, jeudi matin")
    assert turn.state == "QUALIF_CONTACT", turn.reply


def test_a_practitioner_who_does_not_work_that_day_is_said_plainly(clinic) -> None:
    # Dr Carrère works Monday, Tuesday morning and Thursday afternoon, never on Wednesday.
    turn = talk(
        "un renouvellement avec le docteur Carrère mercredi",
        "Léa Martin",
        "06 12 34 56 78",
    )
    assert turn.state == "WAIT_CONFIRM", turn.reply
    assert "Le docteur Carrère ne consulte pas ce jour-là" in turn.reply
    assert "lundi, mardi et jeudi" in turn.reply
    assert offered(turn) == {"dr-carrere"}


def test_an_absence_is_said_too(clinic) -> None:
    # Away from 21 December to 3 January; the 22nd is a Tuesday.
    turn = talk(
        "un renouvellement avec le docteur Carrère le 22 décembre",
        "Léa Martin",
        "06 12 34 56 78",
    )
    assert "ne consulte pas ce jour-là" in turn.reply
    assert all(not s["start"].startswith("2026-12-22") for s in turn.slots)
