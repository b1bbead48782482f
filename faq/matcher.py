"""Lexical FAQ matching: pure functions over an in-memory index, no I/O.

The question and every FAQ text go through the same analysis: :func:`fold`, multi-word
expressions, stop words, concepts (synonyms, :mod:`faq.lexicon`) and a French stemmer;
rapidfuzz maps a misspelt word onto the FAQ's vocabulary. An entry then scores
100 * explained**a * covered**b, where both parts are IDF-weighted:

- explained: the share of the caller's words that the entry contains (words of its answer
  count half). A word the FAQ never uses weighs little once the entry matched the topic of
  the question (« une vidange sur une clio ») and a lot when the entry only matched an
  aspect such as a price or opening hours, since it is then the topic (« la boulangerie
  elle ouvre à quelle heure »).
- covered: the share of the entry's best question or alternative that the caller said, so
  a one-word question does not match every entry that contains the word.
"""

from __future__ import annotations

import bisect
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
from faq import lexicon
from faq.lexicon import CONCEPT_WEIGHTS, EXACT_CONCEPTS, PHRASES

# Calibrated on our own FAQs so that 80 separates answers from « I don't know ».
EXPLAINED_EXPONENT = 0.4
COVERED_EXPONENT = 0.15
ANSWER_CREDIT = 0.5
WEAK_FACTOR = 0.3
# An unknown word weighs like a word of a single entry, times one of these factors.
UNKNOWN_FACTOR = 2.0
UNKNOWN_DETAIL_FACTOR = 0.35
# A word found in a handful of entries names a topic; « voiture » in a garage does not.
SPECIFIC_SHARE = 0.6
MISSED_ASPECT_FACTOR = 1.5
FILL_FACTOR = 0.5
# Someone who says « tu » is talking to the assistant, not asking about the business.
INFORMAL_FACTOR = 0.85
FUZZY_MIN_LENGTH = 5
CLIPPED_MIN_LENGTH = 4
CLIPPED_CREDIT = 0.8

STOP_WORDS = frozenset(lexicon.STOP_WORDS.split())
WEAK_WORDS = frozenset(lexicon.WEAK_WORDS.split())
CONCEPTS = {concept: tuple(words.split()) for concept, words in lexicon.CONCEPTS.items()}
MODIFIER_CONCEPTS = frozenset(lexicon.MODIFIER_CONCEPTS.split())
ASPECT_CONCEPTS = frozenset(lexicon.ASPECT_CONCEPTS.split())

_PHRASES = tuple((re.compile(pattern), f" {replacement} ") for pattern, replacement in PHRASES)
_INFORMAL = re.compile(r"\b(?:tu|toi|ton|tes|t (?=as|es|est|sais|peux|veux|fais)\w+)\b")
_FORMAL = re.compile(r"\b(?:vous|votre|vos)\b")
# « la boulangerie elle ouvre », « le dentiste du centre il prend »: the sentence is about
# the noun put first, which is someone else when the FAQ does not know it.
_DISLOCATED = re.compile(r"\b(?:le|la|les|l) (\w+)(?: \w+){0,4}? (?:il|elle|ils|elles)\b")
_STEMMER = snowballstemmer.stemmer("french")
_STEMMER_LOCK = threading.Lock()
_CONTEXT, _ASPECT, _TOPIC, _OTHER = range(4)


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
    # token -> 1 when a question or alternative says it, ANSWER_CREDIT when only the answer does
    evidence: Mapping[str, float]
    phrasings: tuple[frozenset[str], ...]
    phrasing_mass: tuple[float, ...]


@dataclass(frozen=True)
class FaqIndex:
    entries: tuple[_Entry, ...]
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


@dataclass(frozen=True)
class _Query:
    # token -> (weight, credit in [0, 1]); credit 0 for a word the FAQ does not use
    terms: Mapping[str, tuple[float, float]]
    # (token, weight, weight * credit, role) of the words the FAQ uses
    known: tuple[tuple[str, float, float, int], ...]
    # an unknown noun the sentence is about (« la boulangerie elle ouvre »)
    foreign: str | None
    informal: bool
    # weight of the unknown topic words, which may say an entry's words differently
    unknown_topic: float


# --- Analysis ------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    with _STEMMER_LOCK:
        stem = _STEMMER.stemWord(word)
    if len(stem) > 4 and stem[-1] in "sx":
        stem = stem[:-1]
    if len(stem) >= 7 and stem.endswith("ag"):
        stem = stem[:-2]  # the act and its verb: « détartrage », « détartrer »
    return stem


def _concept_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, words in CONCEPTS.items():
        for word in words:
            # a short stem (« mar » for « mars ») would catch unrelated words
            if len(_stem(word)) >= 4:
                table[_stem(word)] = concept
            table[word] = concept
    return table | EXACT_CONCEPTS


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
    # a two-letter stem is a prefix (« mi-longs ») or a fragment, rarely the topic
    weak = token in _WEAK or len(token) <= 2
    return idf * (WEAK_FACTOR if weak else CONCEPT_WEIGHTS.get(token, 1.0))


def _is_topic(token: str) -> bool:
    return token not in ASPECT_CONCEPTS and token not in _WEAK


# --- Index ---------------------------------------------------------------------------


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
) -> _Entry:
    said = frozenset().union(*phrasings)
    evidence = dict.fromkeys(answer, ANSWER_CREDIT) | dict.fromkeys(said, 1.0)
    mass = tuple(sum(weights[t] for t in p) for p in phrasings)
    return _Entry(faq_id, MappingProxyType(evidence), phrasings, mass)


def _postings(entries: tuple[_Entry, ...]) -> dict[str, Mapping]:
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


# --- Query ---------------------------------------------------------------------------


def _read(text: str, index: FaqIndex) -> _Query:
    folded = fold(text)
    terms: dict[str, tuple[float, float]] = {}
    for word, token in _analyze(folded):
        credit = 1.0
        if token not in index.weights:
            token, credit = _closest(word, token, index)
        weight = index.weights.get(token) or _weight(token, index.unknown_weight)
        if credit >= terms.get(token, (0.0, -1.0))[1]:
            terms[token] = (weight, credit)
    specific = SPECIFIC_SHARE * index.unknown_weight
    known = tuple(
        (token, weight, weight * credit, _role(token, weight, specific))
        for token, (weight, credit) in terms.items()
        if credit
    )
    return _Query(
        terms=terms,
        known=known,
        foreign=_foreign_subject(folded, terms),
        informal=bool(_INFORMAL.search(folded)) and not _FORMAL.search(folded),
        unknown_topic=sum(w for t, (w, c) in terms.items() if not c and _is_topic(t)),
    )


def _role(token: str, weight: float, specific: float) -> int:
    if token in MODIFIER_CONCEPTS:
        return _CONTEXT
    if token in ASPECT_CONCEPTS:
        return _ASPECT
    return _TOPIC if _is_topic(token) and weight >= specific else _OTHER


def _closest(word: str, token: str, index: FaqIndex) -> tuple[str, float]:
    """The FAQ token a misspelt or clipped word stands for, with a credit below 1."""
    if len(word) >= FUZZY_MIN_LENGTH and not token.isupper():
        choices = index.spellings.get((word[0], len(word)), ())
        # real words a letter apart (« argent », « urgent ») need a stricter cut-off when short
        cutoff = 90.0 if len(word) <= 6 else 85.0
        found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is not None:
            return index.word_tokens[found[0]], found[1] / 100
    if len(word) >= CLIPPED_MIN_LENGTH and not token.isupper():
        return _unclipped(word, index) or (token, 0.0)
    return token, 0.0


def _unclipped(word: str, index: FaqIndex) -> tuple[str, float] | None:
    """The token of the only FAQ word that a clipped word (« balnéo », « réduc ») starts."""
    start = bisect.bisect_left(index.sorted_words, word)
    longer = [w for w in index.sorted_words[start : start + 8] if w.startswith(word)]
    tokens = {index.word_tokens[w] for w in longer}
    return (tokens.pop(), CLIPPED_CREDIT) if len(tokens) == 1 and len(longer) < 8 else None


def _foreign_subject(folded: str, terms: Mapping[str, tuple[float, float]]) -> str | None:
    subject = _DISLOCATED.search(folded)
    if subject is None:
        return None
    tokens = [token for _, token in _analyze(subject[1])]
    if tokens and terms.get(tokens[0], (0.0, 1.0))[1] == 0:
        return tokens[0]
    return None


# --- Scoring -------------------------------------------------------------------------


def match(text: str, index: FaqIndex, *, threshold: float = 80) -> FaqMatch | None:
    """The entry that answers the caller's raw text, or None when no entry scores threshold."""
    query = _read(text, index)
    if all(t in MODIFIER_CONCEPTS or t in _WEAK for t in query.terms):
        return None
    factor = INFORMAL_FACTOR if query.informal else 1.0
    needed = threshold / factor
    totals = _totals(query)
    best_score, best_position = 0.0, -1
    for position in sorted(_candidates(query, index, totals, needed)):
        entry = index.entries[position]
        explained = _explained(entry, query, totals)
        if explained > best_score and explained >= needed:
            score = explained * _covered(entry, query) ** COVERED_EXPONENT
            if score > best_score:
                best_score, best_position = score, position
    if best_position < 0 or best_score < needed:
        return None
    return FaqMatch(index.entries[best_position].faq_id, round(best_score * factor, 1))


def _totals(query: _Query) -> tuple[float, float]:
    """Weight of the question against an entry that missed its topic, and one that found it.

    A day or a time is context (« ce matin »): it only counts when the entry mentions it.
    An aspect weighs extra until the entry mentions it: an entry about the same thing
    that never mentions the aspect asked (« le téléphone du centre de contrôle
    technique ») answers another question.
    """
    base = unknown = 0.0
    for token, (weight, credit) in query.terms.items():
        if token in MODIFIER_CONCEPTS:
            continue
        if credit:
            base += weight * (MISSED_ASPECT_FACTOR if token in ASPECT_CONCEPTS else 1.0)
        elif token == query.foreign:
            base += UNKNOWN_FACTOR * weight
        else:
            unknown += weight
    return base + UNKNOWN_FACTOR * unknown, base + UNKNOWN_DETAIL_FACTOR * unknown


def _candidates(
    query: _Query, index: FaqIndex, totals: tuple[float, float], floor: float
) -> set[int]:
    """Positions of the entries that may reach floor.

    Only an entry whose question or an alternative says one of the caller's words can be
    covered, so candidates come from those words' postings, heaviest word first. Once the
    words left are too light to explain enough of the question on their own, they only
    bring entries that also hold a heavier word; and a word found only in phrasings too
    heavy to be covered enough (« prix » in a price list) brings none.
    """
    least_share = (floor / 100) ** (1 / EXPLAINED_EXPONENT)
    least_cover = (floor / 100) ** (1 / COVERED_EXPONENT)
    aspects = sum(weight for _, weight, _, role in query.known if role == _ASPECT)
    context = sum(weight for _, weight, _, role in query.known if role == _CONTEXT)
    smallest = totals[1] - (MISSED_ASPECT_FACTOR - 1) * aspects + context
    gains = sorted(
        ((gain, token) for token, _, gain, role in query.known if role != _CONTEXT),
        reverse=True,
    )
    left = sum(gain for gain, _ in gains)
    coverable = left + FILL_FACTOR * query.unknown_topic
    positions: set[int] = set()
    with_heavier: set[int] = set()
    for gain, token in gains:
        postings = index.postings.get(token, ())
        if coverable >= least_cover * index.lightest.get(token, math.inf):
            if (left + context) / smallest >= least_share:
                positions.update(postings)
            else:
                positions.update(with_heavier.intersection(postings))
        with_heavier.update(postings, index.in_answers.get(token, ()))
        left -= gain
    return positions


def _explained(entry: _Entry, query: _Query, totals: tuple[float, float]) -> float:
    """100 * (IDF-weighted share of the caller's words that the entry contains)**a."""
    mass = extra = 0.0
    topical = False
    for token, weight, gain, role in query.known:
        evidence = entry.evidence.get(token)
        if evidence is None:
            continue
        mass += gain * evidence
        if role == _CONTEXT:
            extra += weight
        elif role == _ASPECT:
            extra -= (MISSED_ASPECT_FACTOR - 1) * weight
        elif role == _TOPIC and evidence == 1.0:
            topical = True
    return 100 * (mass / (totals[topical] + extra)) ** EXPLAINED_EXPONENT


def _covered(entry: _Entry, query: _Query) -> float:
    """Weighted share of the entry's best-covered question or alternative the caller said.

    Words the FAQ does not know may be the caller's own way of saying the missing part
    (« une zoé » for « une voiture »), so they fill part of the gap.
    """
    best = 0.0
    for phrasing, mass in zip(entry.phrasings, entry.phrasing_mass, strict=True):
        found, topical = 0.0, False
        for token, _, gain, role in query.known:
            if token in phrasing:
                found += gain
                topical = topical or role != _CONTEXT
        if topical and mass:
            found += FILL_FACTOR * min(query.unknown_topic, mass - found)
            best = max(best, found / mass)
    return best
