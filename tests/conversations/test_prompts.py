from __future__ import annotations

import string
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from conversations.dialogue.flows.common import ASK
from conversations.dialogue.guards import GUARD_PROMPTS, Guard
from conversations.dialogue.prompts import PROMPTS, render
from conversations.dialogue.spoken import phone_label, slot_label, slot_list
from conversations.dialogue.states import State

PARIS = ZoneInfo("Europe/Paris")
VALUES = {
    "business": "Cabinet",
    "name": "Marie",
    "motif_part": "",
    "slot_list": "1) x",
    "slot": "mardi",
    "appointment": "mardi",
    "faq_answer": "Réponse.",
    "faq_id": "FAQ_X",
    "faq_topic": "connaître nos horaires",
    "faq_question": "Quels sont vos horaires ?",
    "transfer_number": "+331",
    "caller_number": "06",
    "notice_hours": "24",
    "contact_part": "",
    "practitioner_choices": "le docteur Carrère ou la docteure Lambert",
    "practitioner_asked": "Dupont",
    "practitioner_away": "Le docteur Carrère",
    "practitioner_days": "lundi, mardi et jeudi",
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(PROMPTS))
@pytest.mark.parametrize("channel", ["web", "voice"])
def test_every_prompt_renders_with_known_values(key: str, channel: str) -> None:
    text = PROMPTS[key].for_channel(channel)
    assert placeholders(text) <= set(VALUES)
    assert "{" not in render(key, channel=channel, values=VALUES)


def test_every_key_the_engine_names_exists() -> None:
    assert set(ASK.values()) <= set(PROMPTS)
    assert set(GUARD_PROMPTS.values()) <= set(PROMPTS)


def test_override_wins_and_a_broken_one_falls_back() -> None:
    overrides = {("MSG_ASK_NAME", ""): "Nom ?", ("MSG_GREETING", "voice"): "Allô {business"}
    assert render("MSG_ASK_NAME", channel="web", values=VALUES, overrides=overrides) == "Nom ?"
    assert "Cabinet" in render("MSG_GREETING", channel="voice", values=VALUES, overrides=overrides)


@pytest.mark.parametrize(
    ("moment", "channel", "expected"),
    [
        (datetime(2026, 11, 24, 9, tzinfo=PARIS), "web", "mardi 24 novembre à 9h"),
        (datetime(2026, 12, 1, 14, 30, tzinfo=PARIS), "web", "mardi 1er décembre à 14h30"),
        (datetime(2026, 11, 24, 12, tzinfo=PARIS), "voice", "mardi 24 novembre à midi"),
        (datetime(2026, 11, 24, 9, 30, tzinfo=PARIS), "voice", "mardi 24 novembre à 9 heures 30"),
    ],
)
def test_slot_label(moment: datetime, channel: str, expected: str) -> None:
    assert slot_label(moment, channel) == expected


def test_slot_list_is_numbered_on_the_web_and_short_on_the_phone() -> None:
    starts = [datetime(2026, 11, 24, h, tzinfo=PARIS) for h in (9, 10)] + [
        datetime(2026, 11, 25, 14, tzinfo=PARIS)
    ]
    assert slot_list(starts, "web").startswith("1) mardi 24 novembre à 9h ; 2) ")
    assert slot_list(starts, "voice") == (
        "mardi 24 novembre à 9 heures, à 10 heures ou mercredi 25 novembre à 14 heures"
    )


@pytest.mark.parametrize(
    ("e164", "spoken"), [("+33612345678", "06 12 34 56 78"), ("+41221234567", "+41221234567")]
)
def test_phone_label(e164: str, spoken: str) -> None:
    assert phone_label(e164) == spoken


@pytest.mark.parametrize("channel", ["web", "voice"])
def test_the_retry_at_the_start_asks_one_question(channel: str) -> None:
    # the retry is followed by the state's own question: it must not ask one of its own
    values = {"business": "Garage du Centre"}
    said = " ".join(
        render(key, channel=channel, values=values)
        for key in ("MSG_ASK_INTENT_RETRY", ASK[State.START])
    )
    assert said.count("?") == 1


@pytest.mark.parametrize("channel", ["web", "voice"])
@pytest.mark.parametrize("guard", sorted(GUARD_PROMPTS, key=str))
@pytest.mark.parametrize("state", [State.START, State.QUALIF_NAME, State.QUALIF_PREF])
def test_a_guard_asks_only_the_pending_question(channel: str, guard: Guard, state: State) -> None:
    # a guard's words come before the state's question, asked again: one question in all
    values = {"business": "Garage du Centre", "name": "Paul"}
    said = " ".join(
        render(key, channel=channel, values=values) for key in (GUARD_PROMPTS[guard], ASK[state])
    )
    assert said.count("?") <= 1, said
