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
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from faq.analysis import (
    ASPECT_CONCEPTS,
    DISLOCATED,
    ELSEWHERE,
    FORMAL,
    INFORMAL,
    MODIFIER_CONCEPTS,
    OBJECT_ASKED,
    WEAK,
    analyze,
)
from faq.index import FUZZY_MIN_LENGTH, Entry, FaqDoc, FaqIndex, build_index
from faq.index import weight as token_weight
from receptionist.lib.text import fold

# Calibrated on our own FAQs so that 80 separates answers from « I don't know ».
EXPLAINED_EXPONENT = 0.4
COVERED_EXPONENT = 0.15
# An unknown word weighs like a word of a single entry, times one of these factors.
UNKNOWN_FACTOR = 2.0
UNKNOWN_DETAIL_FACTOR = 0.35
# A word found in a handful of entries names a topic; « voiture » in a garage does not.
SPECIFIC_SHARE = 0.6
MISSED_ASPECT_FACTOR = 1.5
FILL_FACTOR = 0.5
# Someone who says « tu » is talking to the assistant, not asking about the business.
INFORMAL_FACTOR = 0.85
CLIPPED_MIN_LENGTH = 4
CLIPPED_CREDIT = 0.8

_CONTEXT, _ASPECT, _TOPIC, _OTHER = range(4)


@dataclass(frozen=True)
class FaqMatch:
    faq_id: str
    score: float
    # False: the entry is likely but not certain, so the agent asks before answering it
    sure: bool = True


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


def _is_topic(token: str) -> bool:
    return token not in ASPECT_CONCEPTS and token not in WEAK


__all__ = [
    "FaqDoc",
    "FaqIndex",
    "FaqMatch",
    "LexicalReading",
    "build_index",
    "lexical_reading",
    "lexical_scores",
    "match",
]


# --- Query ---------------------------------------------------------------------------


def _read(text: str, index: FaqIndex) -> _Query:
    folded = fold(text)
    terms: dict[str, tuple[float, float]] = {}
    for word, token in analyze(folded):
        credit = 1.0
        if token not in index.weights:
            token, credit = _closest(word, token, index)
        weight = index.weights.get(token) or token_weight(token, index.unknown_weight)
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
        informal=bool(INFORMAL.search(folded)) and not FORMAL.search(folded),
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
    """The noun the question is about, when the FAQ does not know it: a subject put first
    (« la boulangerie elle ouvre ») or the object of the business's verb (« vous toilettez les
    lapins »)."""
    for pattern in (DISLOCATED, OBJECT_ASKED, ELSEWHERE):
        subject = pattern.search(folded)
        if subject is None:
            continue
        tokens = [token for _, token in analyze(subject[1])]
        if tokens and terms.get(tokens[0], (0.0, 1.0))[1] == 0:
            return tokens[0]
    return None


# --- Scoring -------------------------------------------------------------------------


def match(text: str, index: FaqIndex, *, threshold: float = 80) -> FaqMatch | None:
    """The entry that answers the caller's raw text, or None when no entry scores threshold."""
    query = _read(text, index)
    if all(t in MODIFIER_CONCEPTS or t in WEAK for t in query.terms):
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


@dataclass(frozen=True)
class LexicalReading:
    scores: dict[str, float]  # every entry's score (0 to 100), left out when it shares no word
    # the noun the question is about when the FAQ does not know it (« vous toilettez les
    # lapins » in a FAQ that only speaks of cats and dogs)
    unknown_subject: str | None
    # share of the question's weight in words of a topic the FAQ never uses (« pneus » asked
    # of a FAQ that never speaks of tyres)
    unknown_share: float = 0.0


def lexical_reading(text: str, index: FaqIndex) -> LexicalReading:
    query = _read(text, index)
    total = sum(weight for weight, _ in query.terms.values())
    share = query.unknown_topic / total if total else 0.0
    return LexicalReading(_scores(query, index), query.foreign, share)


def lexical_scores(text: str, index: FaqIndex) -> dict[str, float]:
    """Every entry's lexical score (0 to 100) for `text`, left out when it shares no word."""
    return _scores(_read(text, index), index)


def _scores(query: _Query, index: FaqIndex) -> dict[str, float]:
    if all(t in MODIFIER_CONCEPTS or t in WEAK for t in query.terms):
        return {}
    factor = INFORMAL_FACTOR if query.informal else 1.0
    totals = _totals(query)
    positions: set[int] = set()
    for token, *_ in query.known:
        positions.update(index.postings.get(token, ()), index.in_answers.get(token, ()))
    scores = {}
    for position in positions:
        entry = index.entries[position]
        explained = _explained(entry, query, totals)
        scores[entry.faq_id] = explained * _covered(entry, query) ** COVERED_EXPONENT * factor
    return scores


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


def _explained(entry: Entry, query: _Query, totals: tuple[float, float]) -> float:
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


def _covered(entry: Entry, query: _Query) -> float:
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
