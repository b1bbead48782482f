"""Each business's FAQ confidence, measured on its own entries when its index is built.

A score means different things on different FAQs: on thirty entries about hair, « combien »
and « cheveux » lift every entry. So the bands come from questions the FAQ must not answer,
read by this very FAQ:

- strangers: a generic out-of-scope set shipped with the product (`data/out_of_scope.txt`:
  the weather, politics, small talk, the assistant itself, prompt injections);
- neighbours: each entry's question and alternatives asked, entry held out, against the
  others (the questions of the trade that the FAQ does not cover score like these);
- and, to check the other side, each alternative held out as a query against the rest of
  the FAQ: how often and how high the right entry comes first.

`answer` sits above nearly all the negatives, `confirm` above most strangers; the lexical
matcher answers alone above what neighbours reach with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from faq.confidence import Reading, Rejects, informal, named_by_both, reading
from faq.index import FaqDoc, FaqIndex, build_index
from faq.semantic import build_semantic
from faq.sentences import build_sentences, remember
from faq.vectors import word_vectors

OUT_OF_SCOPE = Path(__file__).resolve().parent / "data" / "out_of_scope.txt"
FOLDS = 4
# Enough held-out questions to read the distributions; past it, a sample (a 500-entry FAQ
# still calibrates in well under a second).
MAX_TRIALS = 160
# Percentiles of the negatives' scores that place the bands, and the bands' limits.
ANSWER_PERCENTILE = 95
CONFIRM_PERCENTILE = 87
LEXICAL_PERCENTILE = 95
ANSWER_RANGE = (0.75, 0.95)
CONFIRM_RANGE = (0.5, 0.85)
LEXICAL_RANGE = (80.0, 100.0)
# How far ahead of the second entry the best one must stand, named by both opinions, to be
# answered: above most neighbours that stand so far ahead of theirs (on a FAQ of six entries,
# every entry stands far apart, and so do the questions it does not cover). Measured on the
# twelve sets of ../shared/eval and tests/eval_data: 44 more of 735 questions of the FAQ
# answered at once instead of proposed, no out-of-scope question more answered (with a floor
# of 0.18, the first would be).
LEAD_PERCENTILE = 90
LEAD_RANGE = (0.22, 1.0)


@dataclass(frozen=True)
class Bands:
    answer: float  # blended score from which the best entry is answered
    confirm: float  # from which it is proposed first
    lexical: float  # lexical score from which the lexical matcher's entry is answered
    # lead over the second entry from which the best one, named by both opinions, is answered
    lead: float = LEAD_RANGE[0]


@dataclass(frozen=True)
class Samples:
    strangers: tuple[Reading, ...]
    neighbours: tuple[Reading, ...]
    # (held-out alternative's entry, reading)
    alternatives: tuple[tuple[str, Reading], ...]


@lru_cache(maxsize=1)
def out_of_scope() -> tuple[str, ...]:
    lines = OUT_OF_SCOPE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def rejects() -> Rejects:
    questions = out_of_scope()
    index = build_semantic(((str(i), (q,), "") for i, q in enumerate(questions)), word_vectors())
    return Rejects(index, np.array([informal(q) for q in questions], dtype=bool))


@lru_cache(maxsize=1)
def rejects_with_sentences() -> Rejects:
    """The generic questions with their sentence embeddings (a second opinion on refusals)."""
    return replace(rejects(), sentences=remember(out_of_scope()))


def calibrated_index(docs: Iterable[FaqDoc], *, sentences: bool = True) -> FaqIndex:
    """The lexical index with the other opinions and this FAQ's bands (`sentences`: with the
    sentence encoder's opinion)."""
    docs = list(docs)
    index = with_opinions(docs, sentences=sentences)
    if not docs:
        return index
    return replace(index, bands=bands(samples(docs, index)))


def with_opinions(docs: Sequence[FaqDoc], *, sentences: bool = True) -> FaqIndex:
    entries = [(d.id, (d.question, *d.alternatives), d.answer) for d in docs]
    return replace(
        build_index(docs),
        semantic=build_semantic(entries, word_vectors()),
        sentences=build_sentences(entries) if sentences else None,
        rejects=rejects_with_sentences() if sentences else rejects(),
    )


def samples(docs: Sequence[FaqDoc], index: FaqIndex) -> Samples:
    if index.sentences is not None:
        remember(out_of_scope())  # embedded in one batch, once per process
    strangers = tuple(reading(q, index, skip_reject=i) for i, q in enumerate(out_of_scope()))
    sentences = index.sentences is not None
    return Samples(strangers, _neighbours(docs, sentences), _alternatives(docs, sentences))


def bands(seen: Samples) -> Bands:
    strangers = [_score(r) for r in seen.strangers]
    negatives = strangers + [_score(r) for r in seen.neighbours]
    lexical = [r.lexical.score if r.lexical else 0.0 for r in seen.neighbours]
    answer = _bounded(negatives, ANSWER_PERCENTILE, ANSWER_RANGE)
    confirm = min(_bounded(strangers, CONFIRM_PERCENTILE, CONFIRM_RANGE), answer)
    leads = [r.lead if named_by_both(r) and not r.refused else 0.0 for r in seen.neighbours]
    return Bands(
        answer,
        confirm,
        _bounded(lexical, LEXICAL_PERCENTILE, LEXICAL_RANGE),
        _bounded(leads, LEAD_PERCENTILE, LEAD_RANGE),
    )


def _score(seen: Reading) -> float:
    return 0.0 if seen.refused else seen.score


def _bounded(values: list[float], percentile: float, limits: tuple[float, float]) -> float:
    found = float(np.percentile(values, percentile)) if values else limits[1]
    return min(max(found, limits[0]), limits[1])


def _phrasings(doc: FaqDoc) -> tuple[str, ...]:
    return (doc.question, *doc.alternatives)


def _sample(items: list, limit: int) -> list:
    step = max(1, -(-len(items) // limit))
    return items[::step]


def _neighbours(docs: Sequence[FaqDoc], sentences: bool) -> tuple[Reading, ...]:
    """Every entry's phrasings read by the FAQ without that entry, in FOLDS rebuilds."""
    asked = _sample([(i, p) for i, doc in enumerate(docs) for p in _phrasings(doc)], MAX_TRIALS)
    found: list[Reading] = []
    for fold in range(FOLDS):
        kept = [doc for i, doc in enumerate(docs) if i % FOLDS != fold]
        if not kept:
            continue
        index = with_opinions(kept, sentences=sentences)
        found += [reading(text, index) for i, text in asked if i % FOLDS == fold]
    return tuple(found)


def _alternatives(docs: Sequence[FaqDoc], sentences: bool) -> tuple[tuple[str, Reading], ...]:
    """Each alternative read by the FAQ without it (its entry keeps its other phrasings)."""
    held = _sample(
        [(i, j) for i, doc in enumerate(docs) for j in range(1, len(_phrasings(doc)))],
        MAX_TRIALS,
    )
    found: list[tuple[str, Reading]] = []
    for fold in range(FOLDS):
        out = {(i, j) for i, j in held if (i + j) % FOLDS == fold}
        if not out:
            continue
        kept = [
            replace(
                doc,
                alternatives=tuple(
                    a for j, a in enumerate(doc.alternatives, 1) if (i, j) not in out
                ),
            )
            for i, doc in enumerate(docs)
        ]
        index = with_opinions(kept, sentences=sentences)
        found += [(docs[i].id, reading(_phrasings(docs[i])[j], index)) for i, j in out]
    return tuple(found)
