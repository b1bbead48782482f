"""The FAQ's second opinion: soft word matching with French word vectors.

Each word of the caller's question is matched with its closest word in an entry (cosine of
their vectors, or 1 for the same stem or the same concept of :mod:`faq.lexicon`), words of the
answer counting ANSWER_CREDIT; an entry scores the weighted mean of those best matches, so
« je peux venir avec mon toutou » meets « Peut-on venir avec son chien ? ». Rare words weigh
more than frequent ones, generic verbs and context words (a day, « ici ») less.

Pure: the vectors are an argument, read once per process by :func:`faq.vectors.word_vectors`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from faq.analysis import MODIFIER_CONCEPTS, WEAK, analyze
from faq.index import WEAK_FACTOR
from faq.lexicon import CONCEPT_WEIGHTS
from faq.vectors import WordVectors
from receptionist.lib.text import fold

ANSWER_CREDIT = 0.8


@dataclass(frozen=True)
class Words:
    """The content words of a text: their tokens (stem or concept), vectors and weights."""

    tokens: tuple[str, ...]
    vectors: np.ndarray  # one row per word, zeros when the word has no vector
    weights: np.ndarray
    # only days, times, « ici » or generic verbs: nothing to match on its own
    empty: bool


@dataclass(frozen=True)
class SemanticIndex:
    ids: tuple[str, ...]
    vocabulary: np.ndarray  # (words + 1, dimensions); row 0 is zeros, for entries without words
    same_token: Mapping[str, np.ndarray]  # token -> rows of `vocabulary` with that token
    items: np.ndarray  # row of `vocabulary` of every (entry, word), entry by entry
    credits: np.ndarray  # 1 for a word of a question or alternative, ANSWER_CREDIT for the answer
    weights: np.ndarray  # each item's weight, as a question's words are weighed
    starts: np.ndarray  # first item of each entry

    def scores(self, words: Words) -> np.ndarray:
        """Each entry's score in [0, 1] for the question's words (zeros when there are none)."""
        if words.empty or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        best = np.maximum.reduceat(self._similarity(words) * self.credits, self.starts, axis=1)
        return (words.weights @ best) / words.weights.sum()

    def overlap(self, words: Words) -> np.ndarray:
        """Both ways: how well the question says each entry, and each entry the question.

        For short questions kept as entries (the generic out-of-scope ones): « le
        supermarché ouvre le dimanche » must not catch « vous ouvrez le dimanche ».
        """
        if words.empty or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        similarity = self._similarity(words)
        forward = (words.weights @ np.maximum.reduceat(similarity, self.starts, axis=1)) / (
            words.weights.sum()
        )
        said = similarity.max(axis=0) * self.weights
        total = np.maximum(np.add.reduceat(self.weights, self.starts), 1e-6)
        backward = np.add.reduceat(said, self.starts) / total
        return np.sqrt(forward * backward)

    def _similarity(self, words: Words) -> np.ndarray:
        """(question words, items): cosine of the vectors, 1 for the same token."""
        similarity = np.clip(words.vectors @ self.vocabulary.T, 0.0, None)
        for i, token in enumerate(words.tokens):
            same = self.same_token.get(token)
            if same is not None:
                similarity[i, same] = 1.0
        return similarity[:, self.items]


def read(text: str, vectors: WordVectors) -> Words:
    pairs = analyze(fold(text))
    rows, rarity = vectors.lookup([word for word, _ in pairs])
    matrix = np.zeros((len(pairs), vectors.dimensions), dtype=np.float32)
    known = rows >= 0
    matrix[known] = vectors.vectors[rows[known]]
    tokens = tuple(token for _, token in pairs)
    empty = all(t in WEAK or t in MODIFIER_CONCEPTS for t in tokens)
    return Words(tokens, matrix, _weights(tokens, rarity), empty)


def _weights(tokens: Sequence[str], rarity: np.ndarray) -> np.ndarray:
    return np.array([_weight(token) for token in tokens], dtype=np.float32) * rarity


def _weight(token: str) -> float:
    if token in WEAK:
        return WEAK_FACTOR
    return CONCEPT_WEIGHTS.get(token, 1.0)


def build_semantic(
    entries: Iterable[tuple[str, Sequence[str], str]], vectors: WordVectors
) -> SemanticIndex:
    """Index (id, questions and alternatives, answer) triples."""
    ids: list[str] = []
    vocabulary: dict[str, tuple[int, str]] = {}  # word -> (row, token)
    items: list[int] = []
    credits: list[float] = []
    starts: list[int] = []
    words: list[str] = []
    for faq_id, phrasings, answer in entries:
        ids.append(faq_id)
        starts.append(len(items))
        asked = {w: t for text in phrasings for w, t in analyze(fold(text))}
        told = {w: t for w, t in analyze(fold(answer)) if w not in asked}
        for word_token, credit in ((asked, 1.0), (told, ANSWER_CREDIT)):
            for word, token in word_token.items():
                row, _ = vocabulary.setdefault(word, (len(vocabulary) + 1, token))
                items.append(row)
                credits.append(credit)
                words.append(word)
        if len(items) == starts[-1]:
            items.append(0)
            credits.append(0.0)
            words.append("")
    _, rarity = vectors.lookup(words)
    tokens = [vocabulary[w][1] if w else "" for w in words]
    return SemanticIndex(
        ids=tuple(ids),
        vocabulary=_matrix(vocabulary, vectors),
        same_token=_by_token(vocabulary),
        items=np.array(items, dtype=np.int64),
        credits=np.array(credits, dtype=np.float32),
        weights=_weights(tokens, rarity) * np.array([bool(w) for w in words], dtype=np.float32),
        starts=np.array(starts, dtype=np.int64),
    )


def _matrix(vocabulary: Mapping[str, tuple[int, str]], vectors: WordVectors) -> np.ndarray:
    matrix = np.zeros((len(vocabulary) + 1, vectors.dimensions), dtype=np.float32)
    rows, _ = vectors.lookup(list(vocabulary))
    places = np.array([row for row, _ in vocabulary.values()], dtype=np.int64)
    known = rows >= 0
    matrix[places[known]] = vectors.vectors[rows[known]]
    return matrix


def _by_token(vocabulary: Mapping[str, tuple[int, str]]) -> dict[str, np.ndarray]:
    rows: dict[str, list[int]] = defaultdict(list)
    for row, token in vocabulary.values():
        rows[token].append(row)
    return {token: np.array(found, dtype=np.int64) for token, found in rows.items()}
