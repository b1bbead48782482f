"""The FAQ's sentence encoder: whole questions meet entries they share no word with."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from faq import sentences
from faq.calibration import calibrated_index
from faq.confidence import decide, judge, reading
from faq.sentences import SentenceIndex, build_sentences, embed_question, embed_questions
from tests.faq.test_confidence import KINE

ENTRIES = [(d.id, (d.question, *d.alternatives), d.answer) for d in KINE]


@pytest.fixture(scope="module")
def index() -> SentenceIndex:
    return build_sentences(ENTRIES)


# A paraphrase says the entry's topic in other words: the encoder alone ranks it first.
PARAPHRASES = [
    ("vous êtes situés où", "adresse"),
    ("vous finissez tard le soir ?", "horaires"),
    ("la sécurité sociale rembourse combien", "remboursement"),
    ("le kiné peut venir à la maison ?", "domicile"),
    ("je mets quels vêtements pour venir", "tenue"),
    ("où est-ce que je laisse ma voiture", "parking"),
]


@pytest.mark.parametrize(("question", "expected"), PARAPHRASES)
def test_the_encoder_ranks_a_paraphrase_first(
    index: SentenceIndex, question: str, expected: str
) -> None:
    scores = index.scores(embed_question(question))
    assert index.ids[int(scores.argmax())] == expected


def test_an_entry_scores_its_closest_phrasing_and_a_share_of_its_answer(
    index: SentenceIndex,
) -> None:
    question = embed_question("vous êtes ouverts le samedi ?")
    at = index.ids.index("horaires")
    phrasings = index.phrasings[index.starts[at] : index.starts[at + 1]] @ question
    expected = phrasings.max() + sentences.ANSWER_SHARE * float(index.answers[at] @ question)
    assert index.scores(question)[at] == pytest.approx(expected, abs=1e-5)
    assert phrasings.max() == pytest.approx(1.0, abs=1e-4)  # the alternative itself


def test_an_empty_faq_has_no_scores() -> None:
    empty = build_sentences([])
    assert empty.phrasings.shape == (0, sentences.DIMENSIONS)
    assert empty.scores(embed_question("bonjour")).shape == (0,)


def test_an_entry_without_phrasing_is_read_by_its_answer() -> None:
    index = build_sentences([("gps", (), "Notre adresse : 4 rue des Lilas, à Nantes.")])
    assert index.phrasings.shape == (1, sentences.DIMENSIONS)


def test_entry_texts_are_embedded_once_and_the_cache_keeps_the_latest() -> None:
    cache = sentences._Cache(2)
    first = cache.embed(["un", "deux", "trois", "un"])
    assert first.shape == (4, sentences.DIMENSIONS)
    assert np.array_equal(first[0], first[3])
    assert list(cache.rows) == ["trois", "un"]  # more texts than room: the last ones stay
    again = cache.embed(["un"])
    assert np.array_equal(again[0], first[0])
    assert cache.embed([]).shape == (0, sentences.DIMENSIONS)


def test_a_remembered_text_is_read_from_the_cache() -> None:
    sentences.remember(["il va pleuvoir demain ?"])
    cached = sentences._entries.rows["il va pleuvoir demain ?"]
    assert embed_question("il va pleuvoir demain ?") is cached
    fresh = embed_question("il va neiger ce week-end ?")
    assert fresh.shape == (sentences.DIMENSIONS,)
    assert "il va neiger ce week-end ?" not in sentences._entries.rows


def test_the_encoder_loads_once_even_when_asked_from_several_threads() -> None:
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(sentences.encoder())) for _ in range(4)]
    sentences.load_in_background()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(model) for model in found}) == 1


def test_a_forked_child_gets_a_free_lock() -> None:
    held = sentences._loading
    with held:
        sentences._after_fork()
        assert sentences._loading is not held
        assert not sentences._loading.locked()
    sentences._loading = held


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("le kiné peut venir à la maison ?", "domicile"),
        ("je peux me plaindre auprès de qui", "contact"),
        ("je dois voir mon médecin avant ?", "ordonnance"),
    ],
)
def test_the_encoder_finds_a_paraphrase_the_words_miss(question: str, expected: str) -> None:
    with_encoder = calibrated_index(KINE)
    words_only = calibrated_index(KINE, sentences=False)
    assert with_encoder.sentences is not None
    assert words_only.sentences is None
    assert judge(question, words_only) is None
    found = judge(question, with_encoder)
    assert found is not None
    assert found.faq_id == expected


def test_without_the_encoder_only_a_sure_lexical_match_is_answered() -> None:
    index = calibrated_index(KINE)
    question = "la sécurité sociale rembourse combien"
    whole = reading(question, index)
    assert whole.whole
    assert whole.best == "remboursement"
    partial = reading(question, index, whole=False)
    assert not partial.whole
    # the blended score is not compared with bands measured with the encoder
    assert decide(partial, index) is None or decide(partial, index) == partial.lexical
    sure = reading("vous êtes ouverts le samedi ?", index, whole=False)
    found = decide(sure, index)
    assert found is not None
    assert found.faq_id == "horaires"


def test_a_reading_says_how_far_the_best_entry_leads() -> None:
    index = calibrated_index(KINE)
    clear = reading("à quelle heure vous fermez le soir ?", index)
    assert clear.best == "horaires"
    assert clear.lead > 0.1
    vague = reading("et sinon ça se passe comment", index)
    assert vague.lead < clear.lead


_SERVER_START = """
import threading
import django
django.setup()
import receptionist.asgi
from faq import sentences
loading = any(t.name == "sentence-encoder" for t in threading.enumerate())
print(loading or sentences._encoder is not None)
"""


@pytest.mark.parametrize(("setting", "expected"), [("true", "True"), ("false", "False")])
def test_a_server_process_starts_loading_the_encoder_unless_turned_off(
    setting: str, expected: str
) -> None:
    root = Path(__file__).resolve().parents[2]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "receptionist.settings",
        "FAQ_SENTENCE_ENCODER": setting,
        "LOG_LEVEL": "ERROR",
    }
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", _SERVER_START],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == expected


@pytest.fixture
def read_by_encoder(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the FAQ's judge hands to the sentence encoder, in order."""
    from faq import confidence

    read: list[str] = []

    def counted(texts: Sequence[str]) -> dict[str, np.ndarray]:
        read.extend(texts)
        return embed_questions(texts)

    monkeypatch.setattr(confidence, "embed_questions", counted)
    return read


def test_the_encoder_reads_questions_and_open_messages_not_answers_mid_booking(
    read_by_encoder: list[str],
) -> None:
    from datetime import date

    from conversations.dialogue.understanding import understand

    index = calibrated_index(KINE)
    read = read_by_encoder
    read.clear()  # what calibration read

    def hear(text: str, state: str) -> None:
        understand(
            text,
            state=state,
            today=date(2026, 12, 7),
            slot_starts=[],
            faq_index=index,
            faq_threshold=80,
        )

    hear("mardi matin", "QUALIF_PREF")  # an answer, mid-booking
    hear("Paul Martin", "QUALIF_NAME")
    hear("je voudrais annuler mon rendez-vous", "START")  # an action asked
    # nothing to match on its own (days, times, yes), whatever the state
    hear("mardi matin", "START")
    hear("oui d'accord", "START")
    # a firm request at the start is acted on whatever the FAQ says, even asked as a question
    hear("Bonjour, vous auriez un créneau cette semaine ?", "START")
    assert read == []
    hear("vous êtes ouverts le samedi ?", "QUALIF_PREF")  # the lexical matcher is sure of it
    assert read == []
    hear("le kiné peut venir à la maison ?", "QUALIF_PREF")  # a question, anywhere
    hear("et avec les tout-petits alors", "START")  # asks no action, in an open state
    assert read == ["le kiné peut venir à la maison ?", "et avec les tout-petits alors"]


def test_a_message_and_its_parts_are_read_by_the_encoder_in_one_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from faq import confidence

    index = calibrated_index(KINE)
    batches: list[list[str]] = []

    def counted(texts: Sequence[str]) -> dict[str, np.ndarray]:
        batches.append(list(texts))
        return embed_questions(texts)

    monkeypatch.setattr(confidence, "embed_questions", counted)
    message = "je viens de loin. je me gare où en arrivant ? il y a de la place ?"

    confidence.judge(message, index)

    assert batches == [
        [message, "je me gare où en arrivant ?", "il y a de la place ?"],
    ]


def test_questions_embedded_together_are_those_embedded_one_by_one() -> None:
    texts = ["vous êtes ouverts le samedi ?", "c'est remboursé ?"]

    together = embed_questions(texts)

    for text in texts:
        assert np.allclose(together[text], embed_question(text), atol=1e-5)


def test_a_question_naming_only_a_day_is_still_read_by_the_encoder(
    read_by_encoder: list[str],
) -> None:
    """« mardi matin » asks nothing and spares the encoder; « et le samedi ? » asks."""
    from faq import confidence

    index = calibrated_index(KINE)
    read_by_encoder.clear()  # what calibration read
    confidence.judge("mardi matin", index)
    assert read_by_encoder == []
    confidence.judge("et le samedi ?", index)
    assert read_by_encoder == ["et le samedi ?"]
