"""The FAQ index: every entry analysed once, with IDF weights, postings and spellings."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, TypedDict

from faq.analysis import CONCEPTS, WEAK, analyze, tokens
from faq.lexicon import CONCEPT_WEIGHTS
from receptionist.lib.text import fold

if TYPE_CHECKING:
    from faq.calibration import Bands
    from faq.confidence import Rejects
    from faq.semantic import SemanticIndex
    from faq.sentences import SentenceIndex

# Words found only in an entry's answer count for this share of a word of its question.
ANSWER_CREDIT = 0.5
# Generic verbs and adverbs (« faire », « bientôt ») weigh this share of a topic word.
WEAK_FACTOR = 0.3
# Shorter words are not corrected for typos.
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True)
class FaqDoc:
    id: str
    question: str
    answer: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    faq_id: str
    # token -> 1 when a question or alternative says it, ANSWER_CREDIT when only the answer does
    evidence: Mapping[str, float]
    phrasings: tuple[frozenset[str], ...]
    phrasing_mass: tuple[float, ...]


@dataclass(frozen=True)
class FaqIndex:
    entries: tuple[Entry, ...]
    weights: Mapping[str, float]
    unknown_weight: float
    # token -> entries whose question or an alternative says it, and the weight of the
    # lightest such phrasing (a bound on coverage); token -> entries saying it in the answer only
    postings: Mapping[str, tuple[int, ...]]
    lightest: Mapping[str, float]
    in_answers: Mapping[str, tuple[int, ...]]
    # typo lookup: (first letter, length) -> words of about that length, word -> token,
    # and the words sorted for clipped words (« balnéo », « réduc »)
    spellings: Mapping[tuple[str, int], tuple[str, ...]]
    word_tokens: Mapping[str, str]
    sorted_words: tuple[str, ...]
    # the second opinion and this FAQ's confidence bands (faq.calibration); without them,
    # only the lexical matcher answers
    semantic: SemanticIndex | None = None
    sentences: SentenceIndex | None = None
    rejects: Rejects | None = None  # generic out-of-scope questions
    bands: Bands | None = None


def weight(token: str, idf: float) -> float:
    # a two-letter stem is a prefix (« mi-longs ») or a fragment, rarely the topic
    weak = token in WEAK or len(token) <= 2
    return idf * (WEAK_FACTOR if weak else CONCEPT_WEIGHTS.get(token, 1.0))


def build_index(docs: Iterable[FaqDoc]) -> FaqIndex:
    docs = list(docs)
    parsed = [
        (
            doc.id,
            tuple(p for p in map(tokens, (doc.question, *doc.alternatives)) if p),
            tokens(doc.answer),
        )
        for doc in docs
    ]
    document_frequency: dict[str, int] = defaultdict(int)
    for _, phrasings, answer in parsed:
        for token in frozenset().union(answer, *phrasings):
            document_frequency[token] += 1
    count = len(parsed)
    weights = {
        token: weight(token, math.log((count + 1) / (df + 0.5)))
        for token, df in document_frequency.items()
    }
    entries = tuple(
        _entry(faq_id, phrasings, answer, weights) for faq_id, phrasings, answer in parsed
    )
    words = _vocabulary(docs, weights)
    return FaqIndex(
        entries=entries,
        weights=MappingProxyType(weights),
        unknown_weight=math.log((count + 1) / 1.5),
        **_postings(entries),
        spellings=MappingProxyType(_spellings(words)),
        word_tokens=MappingProxyType(words),
        sorted_words=tuple(sorted(words)),
    )


def _entry(
    faq_id: str,
    phrasings: tuple[frozenset[str], ...],
    answer: frozenset[str],
    weights: Mapping[str, float],
) -> Entry:
    said = frozenset().union(*phrasings)
    evidence = dict.fromkeys(answer, ANSWER_CREDIT) | dict.fromkeys(said, 1.0)
    mass = tuple(sum(weights[t] for t in p) for p in phrasings)
    return Entry(faq_id, MappingProxyType(evidence), phrasings, mass)


class _Postings(TypedDict):
    """FaqIndex's posting lists, built together by :func:`_postings`."""

    postings: Mapping[str, tuple[int, ...]]
    lightest: Mapping[str, float]
    in_answers: Mapping[str, tuple[int, ...]]


def _postings(entries: tuple[Entry, ...]) -> _Postings:
    postings: dict[str, list[int]] = defaultdict(list)
    in_answers: dict[str, list[int]] = defaultdict(list)
    lightest: dict[str, float] = {}
    for position, entry in enumerate(entries):
        for token, evidence in entry.evidence.items():
            (postings if evidence == 1.0 else in_answers)[token].append(position)
        for phrasing, mass in zip(entry.phrasings, entry.phrasing_mass, strict=True):
            for token in phrasing:
                lightest[token] = min(mass, lightest.get(token, math.inf))
    return {
        "postings": MappingProxyType({t: tuple(found) for t, found in postings.items()}),
        "lightest": MappingProxyType(lightest),
        "in_answers": MappingProxyType({t: tuple(found) for t, found in in_answers.items()}),
    }


def _vocabulary(docs: list[FaqDoc], weights: Mapping[str, float]) -> dict[str, str]:
    """Spelling -> token of every word a typo or a clipped word could be aiming at."""
    words: dict[str, str] = {}
    for doc in docs:
        for text in (doc.question, doc.answer, *doc.alternatives):
            words.update(analyze(fold(text)))
    for concept, synonyms in CONCEPTS.items():
        words.update((word, concept) for word in synonyms)
    return {
        word: token
        for word, token in words.items()
        if len(word) >= FUZZY_MIN_LENGTH and token in weights and not word.isupper()
    }


def _spellings(words: Mapping[str, str]) -> dict[tuple[str, int], tuple[str, ...]]:
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for word in words:
        for size in range(len(word) - 1, len(word) + 2):
            buckets[word[0], size].append(word)
    return {key: tuple(found) for key, found in buckets.items()}
