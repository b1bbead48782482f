"""Lexical FAQ matching: pure functions over an in-memory index, no I/O.

The question and every FAQ text go through the same analysis: :func:`fold`, multi-word
expressions, stop words, concepts (synonyms) and a French stemmer; rapidfuzz maps a
misspelt word onto the FAQ's vocabulary. An entry scores 100 * explained**a * covered**b:

- explained: IDF-weighted share of the caller's words that the entry contains (words of its
  answer count half). Unknown words weigh little once the entry matched the question's
  topic (« sur une clio ») and fully when it only matched an aspect such as price or
  opening hours, since they are then the topic (« la boulangerie ouvre à quelle heure »).
- covered: IDF-weighted share of the entry's best question or alternative that the caller
  said, so a one-word question does not match every entry that contains the word.
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
    ASPECT_CONCEPTS,
    CONCEPT_WEIGHTS,
    CONCEPTS,
    EXACT_CONCEPTS,
    MODIFIER_CONCEPTS,
    PHRASES,
    STOP_WORDS,
    WEAK_WORDS,
)

ANSWER_CREDIT = 0.5
# An unknown word weighs like a word of a single entry, times one of these factors.
UNKNOWN_FACTOR = 1.0
UNKNOWN_DETAIL_FACTOR = 0.35
WEAK_FACTOR = 0.3
EXPLAINED_EXPONENT = 0.5
COVERED_EXPONENT = 0.25
# Someone who says « tu » is talking to the assistant, not asking about the business.
INFORMAL_FACTOR = 0.85
FUZZY_MIN_LENGTH = 5
FILL_FACTOR = 0.5
# A topic word found in a handful of entries names the topic; « voiture » in a garage does not.
SPECIFIC_SHARE = 0.6
MISSED_ASPECT_FACTOR = 1.5

_PHRASES = tuple((re.compile(pattern), f" {replacement} ") for pattern, replacement in PHRASES)
_INFORMAL = re.compile(r"\b(?:tu|toi|ton|tes|t (?=as|es|est|sais|peux|veux|fais)\w+)\b")
_FORMAL = re.compile(r"\b(?:vous|votre|vos)\b")
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
    # token -> (entry position, 1 if in a question or alternative, ANSWER_CREDIT if in the answer)
    postings: Mapping[str, tuple[tuple[int, float], ...]]
    unknown_weight: float
    # (first letter, length) -> FAQ words of about that length, for typo lookup
    spellings: Mapping[tuple[str, int], tuple[str, ...]]
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
            token = _CONCEPT_OF.get(word)
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


def _is_topic(token: str) -> bool:
    return token not in ASPECT_CONCEPTS and token not in _WEAK


def build_index(docs: Iterable[FaqDoc]) -> FaqIndex:
    docs = list(docs)
    parsed = [
        (
            doc.id,
            tuple(p for p in map(_tokens, (doc.question, *doc.alternatives)) if p),
            _tokens(doc.answer),
        )
        for doc in docs
    ]
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
    words = _vocabulary(docs, weights)
    return FaqIndex(
        entries=tuple(entries),
        weights=MappingProxyType(weights),
        postings=MappingProxyType(postings),
        unknown_weight=math.log((count + 1) / 1.5),
        spellings=MappingProxyType(_spellings(words)),
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


def _vocabulary(docs: list[FaqDoc], weights: Mapping[str, float]) -> dict[str, str]:
    """Spelling -> token of every word a typo could be aiming at."""
    words: dict[str, str] = {}
    for doc in docs:
        for text in (doc.question, doc.answer, *doc.alternatives):
            words.update(_analyze(fold(text)))
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
    """The FAQ token a misspelt word stands for; real words one letter apart (« argent »,
    « urgent ») are told apart by a stricter cut-off on short words."""
    if len(word) < FUZZY_MIN_LENGTH or token.isupper():
        return token, 0.0
    choices = index.spellings.get((word[0], len(word)), ())
    cutoff = 90.0 if len(word) <= 6 else 85.0
    found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    if found is None:
        return token, 0.0
    return index.word_tokens[found[0]], found[1] / 100


def match(text: str, index: FaqIndex, *, threshold: float = 80) -> FaqMatch | None:
    """The entry that answers the caller's raw text, or None when no entry scores threshold."""
    terms = _query_terms(text, index)
    if all(t in MODIFIER_CONCEPTS or t in _WEAK for t in terms):
        return None
    best_score, best_position = -1.0, -1
    for position, explained in _explained(terms, index):
        if explained <= best_score:
            break
        covered = _covered(index.entries[position], terms, index)
        score = explained * covered**COVERED_EXPONENT
        if score > best_score:
            best_score, best_position = score, position
    folded = fold(text)
    if _INFORMAL.search(folded) and not _FORMAL.search(folded):
        best_score *= INFORMAL_FACTOR
    if best_score < threshold:
        return None
    return FaqMatch(index.entries[best_position].faq_id, round(best_score, 1))


def _explained(
    terms: Mapping[str, tuple[float, float]], index: FaqIndex
) -> list[tuple[int, float]]:
    """Entries sharing a token with the question, best first, with 100 * explained**a.

    A day or a time the entry does not mention is context (« ce matin »), not a missed
    topic, so it only counts when the entry mentions it. An aspect the entry never
    mentions (« le téléphone du centre de contrôle technique ») is a different question.
    """
    counted = {t: wc for t, wc in terms.items() if t not in MODIFIER_CONCEPTS}
    known = sum(w for w, c in counted.values() if c)
    unknown = sum(w for w, c in counted.values() if not c)
    aspects = sum(w for t, (w, c) in counted.items() if c and t in ASPECT_CONCEPTS)
    found: dict[int, float] = defaultdict(float)
    extra: dict[int, float] = defaultdict(float)
    topical: set[int] = set()
    specific = SPECIFIC_SHARE * index.unknown_weight
    for token, (weight, credit) in terms.items():
        for position, evidence in index.postings.get(token, ()):
            found[position] += weight * credit * evidence
            if token in MODIFIER_CONCEPTS:
                extra[position] += weight
            elif token in ASPECT_CONCEPTS:
                extra[position] -= (MISSED_ASPECT_FACTOR - 1) * weight
            elif evidence == 1.0 and _is_topic(token) and weight >= specific:
                topical.add(position)
    shares = []
    for position, mass in found.items():
        factor = UNKNOWN_DETAIL_FACTOR if position in topical else UNKNOWN_FACTOR
        total = known + factor * unknown + (MISSED_ASPECT_FACTOR - 1) * aspects + extra[position]
        shares.append((position, 100 * (mass / total) ** EXPLAINED_EXPONENT))
    return sorted(shares, key=lambda item: -item[1])


def _covered(entry: _Entry, terms: Mapping[str, tuple[float, float]], index: FaqIndex) -> float:
    """Weighted share of the entry's best-covered question or alternative the caller said.

    Words the FAQ does not know may be the caller's own way of saying the missing part
    (« une zoé » for « une voiture »), so they fill part of the gap.
    """
    unknown = sum(w for t, (w, c) in terms.items() if not c and _is_topic(t))
    best = 0.0
    for phrasing, mass in zip(entry.phrasings, entry.phrasing_mass, strict=True):
        said = [t for t in phrasing if t in terms]
        if mass and any(t not in MODIFIER_CONCEPTS for t in said):
            found = sum(index.weights[t] * terms[t][1] for t in said)
            found += FILL_FACTOR * min(unknown, mass - found)
            best = max(best, found / mass)
    return best
