"""Lexical FAQ matching: pure functions over an in-memory index, no I/O.

A question and every FAQ text go through the same analysis: :func:`fold`, multi-word
expressions, stop words, concepts (synonyms) and a French stemmer. An entry is scored on
how much of the caller's question it explains and how much of one of its own phrasings
the caller said, both weighted by IDF, so a question that only shares a common word with
an entry stays below the threshold.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import snowballstemmer
from rapidfuzz import fuzz, process

from conversations.nlu.normalize import fold
from faq.lexicon import (
    CONCEPT_WEIGHTS,
    CONCEPTS,
    EXACT_CONCEPTS,
    MODIFIER_CONCEPTS,
    PHRASES,
    STOP_WORDS,
    WEAK_WORDS,
)

# Words found only in the answer are evidence, but weaker than the question's own words.
ANSWER_CREDIT = 0.5
# A word the FAQ never uses weighs like a word of a single entry, times this factor.
UNKNOWN_FACTOR = 0.8
# Generic words count this much of an ordinary word.
WEAK_FACTOR = 0.3
# Exponents of coverage of the caller's words and of the entry's phrasing.
QUERY_EXPONENT = 1.0
ENTRY_EXPONENT = 0.5
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 80.0

_PHRASES = tuple((re.compile(pattern), f" {replacement} ") for pattern, replacement in PHRASES)
_STEMMER = snowballstemmer.stemmer("french")
_STEMMER_LOCK = threading.Lock()


@dataclass(frozen=True)
class FaqDoc:
    id: str
    question: str
    answer: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaqMatch:
    faq_id: str
    score: float


@dataclass(frozen=True)
class _Entry:
    faq_id: str
    phrasings: tuple[frozenset[str], ...]
    phrasing_mass: tuple[float, ...]


@dataclass(frozen=True)
class FaqIndex:
    entries: tuple[_Entry, ...]
    weights: Mapping[str, float]
    postings: Mapping[str, tuple[tuple[int, float], ...]]
    unknown_weight: float
    # word length -> words of about that length, and word -> token, for typo lookup
    near_lengths: Mapping[int, tuple[str, ...]]
    word_tokens: Mapping[str, str]


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    with _STEMMER_LOCK:
        stem = _STEMMER.stemWord(word)
    if len(stem) > 4 and stem[-1] in "sx":
        stem = stem[:-1]
    return stem


def _concept_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, words in CONCEPTS.items():
        for word in words:
            # a short stem (« mar » for « mars ») would catch unrelated words
            if len(_stem(word)) >= 4:
                table[_stem(word)] = concept
            table[word] = concept
    table.update(EXACT_CONCEPTS)
    return table


_CONCEPT_OF = _concept_table()
_WEAK = frozenset(_stem(word) for word in WEAK_WORDS) | WEAK_WORDS


@lru_cache(maxsize=4096)
def _analyze(folded: str) -> tuple[tuple[str, str], ...]:
    """(word, token) pairs of folded text; a token is a concept or a stem."""
    for pattern, replacement in _PHRASES:
        folded = pattern.sub(replacement, folded)
    pairs = []
    for word in folded.split():
        if word.isupper():
            pairs.append((word, word))
        elif _is_content(word):
            token = EXACT_CONCEPTS.get(word) or _CONCEPT_OF.get(word)
            if token is None:
                stem = _stem(word)
                token = _CONCEPT_OF.get(stem, stem)
            pairs.append((word, token))
    return tuple(pairs)


def _is_content(word: str) -> bool:
    if len(word) < 2 or word in STOP_WORDS or any(c.isdigit() for c in word):
        return False
    return not (word[-1] == "s" and word[:-1] in STOP_WORDS)


def _tokens(text: str) -> frozenset[str]:
    return frozenset(token for _, token in _analyze(fold(text)))


def _weight(token: str, idf: float) -> float:
    return idf * (WEAK_FACTOR if token in _WEAK else CONCEPT_WEIGHTS.get(token, 1.0))


def build_index(docs: Iterable[FaqDoc]) -> FaqIndex:
    docs = list(docs)
    parsed = []
    for doc in docs:
        phrasings = tuple(_tokens(text) for text in (doc.question, *doc.alternatives))
        parsed.append((doc.id, tuple(p for p in phrasings if p), _tokens(doc.answer)))
    document_frequency: dict[str, int] = defaultdict(int)
    for _, phrasings, answer in parsed:
        for token in frozenset().union(answer, *phrasings):
            document_frequency[token] += 1
    count = len(parsed)
    weights = {
        token: _weight(token, math.log((count + 1) / (df + 0.5)))
        for token, df in document_frequency.items()
    }
    entries, postings = _entries_and_postings(parsed, weights)
    words = _vocabulary(docs)
    return FaqIndex(
        entries=tuple(entries),
        weights=MappingProxyType(weights),
        postings=MappingProxyType(postings),
        unknown_weight=UNKNOWN_FACTOR * math.log((count + 1) / 1.5),
        near_lengths=MappingProxyType(_by_length(words)),
        word_tokens=MappingProxyType(words),
    )


def _entries_and_postings(
    parsed: list[tuple[str, tuple[frozenset[str], ...], frozenset[str]]],
    weights: Mapping[str, float],
) -> tuple[list[_Entry], dict[str, tuple[tuple[int, float], ...]]]:
    entries = []
    lists: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for position, (faq_id, phrasings, answer) in enumerate(parsed):
        in_phrasings = frozenset().union(*phrasings)
        for token in in_phrasings:
            lists[token].append((position, 1.0))
        for token in answer - in_phrasings:
            lists[token].append((position, ANSWER_CREDIT))
        mass = tuple(sum(weights[t] for t in p) for p in phrasings)
        entries.append(_Entry(faq_id=faq_id, phrasings=phrasings, phrasing_mass=mass))
    return entries, {token: tuple(items) for token, items in lists.items()}


def _vocabulary(docs: list[FaqDoc]) -> dict[str, str]:
    words: dict[str, str] = {}
    for doc in docs:
        for text in (doc.question, doc.answer, *doc.alternatives):
            words.update(_analyze(fold(text)))
    for concept, synonyms in CONCEPTS.items():
        words.update((word, concept) for word in synonyms if len(word) >= FUZZY_MIN_LENGTH)
    return {word: token for word, token in words.items() if not word.isupper()}


def _by_length(words: Mapping[str, str]) -> dict[int, tuple[str, ...]]:
    longest = max((len(w) for w in words), default=0)
    return {
        size: tuple(w for w in words if abs(len(w) - size) <= 2)
        for size in range(FUZZY_MIN_LENGTH, longest + 3)
    }


def _query_terms(text: str, index: FaqIndex) -> dict[str, tuple[float, float]]:
    """Token -> (weight, credit) for the caller's words; credit 0 for a word the FAQ lacks."""
    terms: dict[str, tuple[float, float]] = {}
    for word, token in _analyze(fold(text)):
        credit = 1.0
        if token not in index.weights:
            token, credit = _closest(word, token, index)
        weight = index.weights.get(token) or _weight(token, index.unknown_weight)
        if credit >= terms.get(token, (0.0, -1.0))[1]:
            terms[token] = (weight, credit)
    return terms


def _closest(word: str, token: str, index: FaqIndex) -> tuple[str, float]:
    if len(word) < FUZZY_MIN_LENGTH or token.isupper():
        return token, 0.0
    choices = index.near_lengths.get(min(len(word), max(index.near_lengths, default=0)), ())
    found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if found is None or index.word_tokens[found[0]] not in index.weights:
        return token, 0.0
    return index.word_tokens[found[0]], found[1] / 100


def match(text: str, index: FaqIndex, *, threshold: float = 80) -> FaqMatch | None:
    terms = _query_terms(text, index)
    if all(t in MODIFIER_CONCEPTS or t in _WEAK for t in terms):
        return None
    best_score, best_position = -1.0, -1
    for position, query_part in _explained(terms, index):
        if query_part <= best_score:
            break
        coverage = _phrasing_coverage(index.entries[position], terms, index)
        score = query_part * coverage**ENTRY_EXPONENT
        if score > best_score:
            best_score, best_position = score, position
    if best_score < threshold:
        return None
    return FaqMatch(index.entries[best_position].faq_id, round(best_score, 1))


def _explained(
    terms: Mapping[str, tuple[float, float]], index: FaqIndex
) -> list[tuple[int, float]]:
    """Entries sharing a token with the question, best explained first, with 100 * share^k.

    A day or time the entry does not mention is context (« ce matin »), not a missed topic,
    so it only counts when the entry mentions it too.
    """
    core = sum(w for t, (w, _) in terms.items() if t not in MODIFIER_CONCEPTS)
    mass: dict[int, float] = defaultdict(float)
    context: dict[int, float] = defaultdict(float)
    for token, (weight, credit) in terms.items():
        for position, evidence in index.postings.get(token, ()):
            mass[position] += weight * credit * evidence
            if token in MODIFIER_CONCEPTS:
                context[position] += weight
    shares = [
        (position, 100 * (found / (core + context[position])) ** QUERY_EXPONENT)
        for position, found in mass.items()
    ]
    return sorted(shares, key=lambda item: -item[1])


def _phrasing_coverage(
    entry: _Entry, terms: Mapping[str, tuple[float, float]], index: FaqIndex
) -> float:
    """Weighted share of the best-covered question or alternative that the caller said."""
    best = 0.0
    for phrasing, mass in zip(entry.phrasings, entry.phrasing_mass, strict=True):
        said = [t for t in phrasing if t in terms]
        if mass and any(t not in MODIFIER_CONCEPTS for t in said):
            best = max(best, sum(index.weights[t] * terms[t][1] for t in said) / mass)
    return best
