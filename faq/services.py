"""FAQ entries: loading from a profile, and the in-memory index the matcher reads.

Each process keeps one built index (a snapshot), rebuilt when the table's fingerprint (row count
and latest change) moves, so every process (one daphne or several, and the admin or
``load_business`` in other processes) stays in step without a shared cache.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from faq.calibration import calibrated_index
from faq.confidence import judge
from faq.exchange import QUESTION_MAX, FaqRow
from faq.matcher import FaqDoc, FaqIndex, FaqMatch, match
from faq.models import FaqEntry
from faq.selectors import faq_catalogue
from receptionist.lib.redaction import redact
from receptionist.lib.snapshots import Snapshot
from receptionist.lib.text import fold

logger = logging.getLogger(__name__)


class FaqProfileError(ValueError):
    pass


@dataclass(frozen=True)
class _Faq:
    index: FaqIndex
    answers: dict[str, str]
    questions: dict[str, str]


def _fingerprint() -> tuple[Any, ...]:
    stats = FaqEntry.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return (stats["count"], stats["latest"])


def _load() -> _Faq:
    entries = list(FaqEntry.objects.filter(active=True))
    docs = [
        FaqDoc(
            id=e.faq_id,
            question=e.question,
            answer=e.answer,
            alternatives=tuple(e.alternatives or ()),
        )
        for e in entries
    ]
    return _Faq(
        calibrated_index(docs, sentences=settings.FAQ_SENTENCE_ENCODER),
        {e.faq_id: e.answer for e in entries},
        {e.faq_id: e.question for e in entries},
    )


_faq = Snapshot("faq", _load, _fingerprint)


def faq_index() -> FaqIndex:
    return _faq.get().index


def faq_answer(faq_id: str) -> str:
    return _faq.get().answers.get(faq_id, "")


def faq_question(faq_id: str) -> str:
    return _faq.get().questions.get(faq_id, "")


def faq_changed() -> None:
    """Every process rebuilds its index on its next read (shared version, see snapshots)."""
    _faq.changed()


@dataclass(frozen=True)
class FaqTrial:
    best: FaqMatch | None  # the closest entry, however low its score
    threshold: float
    answered: bool  # whether a conversation would answer with it
    proposed: bool = False  # whether it would ask first (« Vous souhaitez connaître … ? »)


def faq_trial(text: str) -> FaqTrial:
    """How the live index reads `text`, as the engine would (same threshold)."""
    index = faq_index()
    threshold = settings.FAQ_MATCH_THRESHOLD
    found = judge(text, index, threshold=threshold)
    best = found or match(text, index, threshold=0)
    return FaqTrial(
        best=best,
        threshold=threshold,
        answered=found is not None and found.sure,
        proposed=found is not None and not found.sure,
    )


@dataclass(frozen=True)
class FaqImport:
    created: int
    updated: int
    unchanged: int


class FaqPhrasingError(ValueError):
    """A question that cannot become a phrasing; the message is for staff, in French."""


@dataclass(frozen=True)
class FaqPhrasing:
    entry: FaqEntry
    text: str  # as stored (cleaned)
    added: bool  # False when the entry already held these words


# Whitespace of any kind, and the CSV export's separator of alternatives (faq.exchange).
_BLANKS = re.compile(r"[\s|]+")


def faq_phrasing_clean(text: str) -> str:
    """`text` on one line, trimmed, at most QUESTION_MAX characters (cut between words).

    >>> faq_phrasing_clean("  vous ouvrez   quand | le samedi ?  ")
    'vous ouvrez quand le samedi ?'
    """
    text = _BLANKS.sub(" ", text).strip()
    if len(text) > QUESTION_MAX:
        cut = text[: QUESTION_MAX + 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut[:QUESTION_MAX]).rstrip()
    return text


def _phrasing_checked(text: str) -> str:
    clean = faq_phrasing_clean(text)
    if not fold(clean):
        raise FaqPhrasingError("La question est vide : il n'y a rien à ajouter.")
    if redact(clean) != clean:
        raise FaqPhrasingError(
            "La question contient un numéro de téléphone ou une adresse e-mail : "
            "retirez-les avant de l'ajouter à la FAQ."
        )
    return clean


@transaction.atomic
def faq_phrasing_add(*, entry: FaqEntry, text: str) -> FaqPhrasing:
    """Append `text` (cleaned) to the entry's alternatives, unless its folded words are there.

    Words another active entry already holds are refused: the matcher could not tell the two
    apart. The live index is rebuilt once the transaction commits.
    """
    clean = _phrasing_checked(text)
    entry = FaqEntry.objects.select_for_update().get(pk=entry.pk)
    folded = fold(clean)
    if folded in {fold(p) for p in (entry.question, *(entry.alternatives or ()))}:
        return FaqPhrasing(entry, clean, added=False)
    owner = faq_catalogue().covered.get(folded)
    if owner and owner != entry.faq_id:
        raise FaqPhrasingError(
            f"« {clean} » est déjà une formulation de « {owner} » : "
            "retirez-la de cette question avant de l'ajouter ici."
        )
    entry.alternatives = [*(entry.alternatives or ()), clean]
    entry.save(update_fields=["alternatives", "updated_at"])
    faq_changed()
    # The words stay out of the log: a caller's question may name people.
    logger.info(
        "[FAQ_PHRASING_ADDED] faq_id=%s alternatives=%d", entry.faq_id, len(entry.alternatives)
    )
    return FaqPhrasing(entry, clean, added=True)


@transaction.atomic
def faq_import(*, rows: Sequence[FaqRow]) -> FaqImport:
    """Upsert rows by id (an admin upload); entries the rows do not name are left alone."""
    current = FaqEntry.objects.in_bulk([row.faq_id for row in rows], field_name="faq_id")
    created = updated = 0
    for row in rows:
        values = {
            "question": row.question,
            "answer": row.answer,
            "alternatives": list(row.alternatives),
            "active": row.active,
        }
        entry = current.get(row.faq_id)
        if entry is None:
            FaqEntry.objects.create(faq_id=row.faq_id, **values)
            created += 1
        elif any(getattr(entry, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(entry, name, value)
            entry.save(update_fields=[*values, "updated_at"])
            updated += 1
    if created or updated:
        faq_changed()
    return FaqImport(created, updated, len(rows) - created - updated)


def faq_set_active(*, entries: QuerySet[FaqEntry], active: bool) -> int:
    """Switch entries on or off; returns how many changed.

    `updated_at` moves too, so that other processes' fingerprints notice.
    """
    changed = entries.exclude(active=active).update(active=active, updated_at=timezone.now())
    if changed:
        faq_changed()
    return changed


def _validated(entries: Any) -> list[dict[str, Any]]:
    if not isinstance(entries, list):
        raise FaqProfileError("faq: expected a list of entries")
    seen: set[str] = set()
    clean = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise FaqProfileError("faq: each entry must be an object")
        faq_id, question, answer = entry.get("id"), entry.get("question"), entry.get("answer")
        if not all(isinstance(v, str) and v.strip() for v in (faq_id, question, answer)):
            raise FaqProfileError(f"faq: entry {faq_id!r} needs id, question and answer")
        alternatives = entry.get("alternatives", [])
        if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
            raise FaqProfileError(f"faq: entry {faq_id!r} alternatives must be a list of strings")
        if faq_id in seen:
            raise FaqProfileError(f"faq: duplicate id {faq_id!r}")
        seen.add(cast(str, faq_id))  # a str: checked by the all(...) above
        clean.append(
            {"faq_id": faq_id, "question": question, "answer": answer, "alternatives": alternatives}
        )
    return clean


@transaction.atomic
def faq_upsert_from_profile(
    entries: Iterable[dict[str, Any]] | Any, *, replace: bool = False
) -> int:
    """Upsert entries by id; with `replace`, delete the entries the profile does not name."""
    clean = _validated(entries)
    changed = 0
    for entry in clean:
        defaults = {k: entry[k] for k in ("question", "answer", "alternatives")} | {"active": True}
        current = FaqEntry.objects.filter(faq_id=entry["faq_id"]).first()
        if current and all(getattr(current, k) == v for k, v in defaults.items()):
            continue
        FaqEntry.objects.update_or_create(faq_id=entry["faq_id"], defaults=defaults)
        changed += 1
    if replace:
        deleted, _ = FaqEntry.objects.exclude(faq_id__in=[e["faq_id"] for e in clean]).delete()
        changed += deleted
    return changed
