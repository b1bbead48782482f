"""Property tests: French understanding never raises, whatever a visitor or a caller types.

The service guards and cleans a message before understanding it (``guards.check`` then
``guards.clean``); these tests also feed raw text straight to ``understand``, which must cope.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from booking.preferences import Preference
from conversations.dialogue import guards
from conversations.dialogue.nlu.names import merge_name
from conversations.dialogue.states import State
from conversations.dialogue.understanding import Understanding, understand
from faq.matcher import FaqDoc, build_index

PARIS = ZoneInfo("Europe/Paris")
MAX_CHARS = 500  # settings.MESSAGE_MAX_CHARS: longer messages never reach understand()
PROFILE = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "garage_profile.json").read_text(encoding="utf-8")
)
FAQ_INDEX = build_index(
    FaqDoc(f["id"], f["question"], f["answer"], tuple(f.get("alternatives", ())))
    for f in PROFILE["faq"]
)
MOTIFS = [m["name"] for m in PROFILE["motifs"]]
E164 = re.compile(r"\+[1-9]\d{6,14}")

DAYS = """lundi mardi mercredi jeudi vendredi samedi dimanche demain après-demain aujourd'hui
    ce-soir semaine prochaine le 1er le premier le 31 février 29/02 le 12 mars mars décembre
    en août fin de mois début de semaine""".split()
HOURS = """à 14h vers 10h30 9h 9h75 25h 0h midi minuit le matin l'après-midi en soirée
    quatorze heures trente avant 16h après 18 h entre 8h et 9h 12:45 8h-9h""".split()
NUMBERS = """06 12 34 56 78 0612345678 +33 6 12 34 56 78 0033612345678 zéro six douze trente
    quatre-vingt-dix-neuf soixante-dix-huit mille un deux trois premier deuxième dernier 1er
    999999999999999999999 -5 3,14 ½ ² ٣ ௫ 0x1F""".split()
NAMES = """je m'appelle c'est Jean Dupont Marie-Claire O'Neil d'Artagnan de la Fontaine
    Ève Zoë Jacob sans s avec deux l M. Mme. J.-P. N-G-U-Y-E-N""".split()
# Every expression of the time reader's table, and the joints of ranges, as fragments: the
# generated text then strings real dates, ranges and hours together in odd orders.
TIME_TABLE = [
    json.loads(line)["text"]
    for line in (Path(__file__).with_name("time_expressions.jsonl"))
    .read_text(encoding="utf-8")
    .splitlines()
    if line
]
JOINTS = (
    "du au entre et le de à jusqu'au d'ici à partir du pas avant quinzaine mi- fin début".split()
)
WORDS = """bonjour oui non pas du tout d'accord rendez-vous rdv annuler déplacer vidange
    distribution urgent conseiller humain horaires parking combien euh du coup pardon
    marie@exemple.fr arobase point fr ? ! , . … « » ’ - / @ + ( ) 😀 \u200b \ufeff""".split()

fragments = st.one_of(
    st.sampled_from(DAYS + HOURS + NUMBERS + NAMES + WORDS + JOINTS),
    st.sampled_from(TIME_TABLE),
    st.integers(-(10**12), 10**15).map(str),
    st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda hm: f"{hm[0]}h{hm[1]:02d}"),
    st.dates().map(date.isoformat),
)
sentences = st.lists(fragments, max_size=40).map(" ".join).map(lambda s: s[:MAX_CHARS])
mixed = st.text(alphabet="0123456789 éèêëàâçùûôîïÉÀÇ'’-.,;:!?+@()/hH\t\n", max_size=MAX_CHARS)
# Any code point, surrogates included: a JSON body may carry « \ud800 ».
anything = st.text(alphabet=st.characters(exclude_categories=()), max_size=MAX_CHARS)
long_texts = st.text(min_size=MAX_CHARS - 50, max_size=MAX_CHARS)
messages = st.one_of(sentences, mixed, anything, long_texts)

states = st.sampled_from(list(State))
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def slot_starts(draw: st.DrawFn) -> list[datetime]:
    """The 0 to 3 slots the agent proposed, local to the business."""
    first = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)))
    count = draw(st.integers(0, 3))
    gaps = draw(st.lists(st.integers(15, 3 * 24 * 60), min_size=count, max_size=count))
    starts, moment = [], first.replace(tzinfo=PARIS)
    for gap in gaps:
        starts.append(moment)
        moment += timedelta(minutes=gap)
    return starts


def check_understanding(heard: Understanding, starts: list[datetime]) -> None:
    assert isinstance(heard, Understanding)
    assert heard.phone is None or E164.fullmatch(heard.phone), heard.phone
    assert heard.email is None or "@" in heard.email
    assert heard.slot_choice is None or 0 <= heard.slot_choice < len(starts)
    assert heard.yes_no in (None, True, False)
    assert heard.preference is None or isinstance(heard.preference, Preference)
    if heard.preference is not None:
        for bound in (heard.preference.after, heard.preference.before, heard.preference.at):
            assert bound is None or isinstance(bound, time)


@settings(max_examples=300, deadline=None)
@given(text=messages, state=states, today=days, starts=slot_starts())
@example(text="", state=State.START, today=date(2026, 11, 23), starts=[])
@example(
    text="\ud800 06 12 34 56 78", state=State.QUALIF_CONTACT, today=date(2026, 1, 1), starts=[]
)
@example(text="le 31 février à 25h", state=State.QUALIF_PREF, today=date(2024, 2, 29), starts=[])
@example(text="9" * MAX_CHARS, state=State.QUALIF_CONTACT, today=date(2099, 12, 31), starts=[])
@example(text="du 1er au 9 février", state=State.QUALIF_PREF, today=date(2026, 12, 5), starts=[])
@example(
    text="entre le 31 et le 29 février",
    state=State.QUALIF_PREF,
    today=date(2099, 12, 31),
    starts=[],
)
def test_understand_never_raises_on_any_text(
    text: str, state: State, today: date, starts: list[datetime]
) -> None:
    heard = understand(
        text,
        state=state,
        today=today,
        slot_starts=starts,
        faq_index=FAQ_INDEX,
        faq_threshold=80,
        known_motifs=MOTIFS,
    )
    check_understanding(heard, starts)


@settings(max_examples=150, deadline=None)
@given(raw=st.one_of(messages, st.text(max_size=2 * MAX_CHARS)), state=states, today=days)
def test_guard_clean_and_understand_as_the_service_does(
    raw: str, state: State, today: date
) -> None:
    guard = guards.check(raw, max_chars=MAX_CHARS)
    text = guards.clean(raw) if guard != guards.Guard.TOO_LONG else ""
    assert guard is None or isinstance(guard, guards.Guard)
    assert "<" not in text
    assert ">" not in text
    heard = understand(
        text,
        state=state,
        today=today,
        slot_starts=[],
        faq_index=FAQ_INDEX,
        faq_threshold=80,
        guard=guard,
    )
    check_understanding(heard, [])


@settings(max_examples=200, deadline=None)
@given(previous=st.none() | st.text(max_size=60), correction=st.text(min_size=1, max_size=40))
# Found by the engine property tests: a blank remembered name made max() raise.
@example(previous=" ", correction="Jacob")
@example(previous="\u00a0\t", correction="Jacob")
def test_merge_name_never_raises(previous: str | None, correction: str) -> None:
    merged = merge_name(previous, correction)
    assert correction in merged
