"""FAQ entries: loading from a profile, and the in-memory index the matcher reads.

Each process keeps one built index (a snapshot), rebuilt when the table's fingerprint (row count
and latest change) moves, so every process (one daphne or several, and the admin or
``load_business`` in other processes) stays in step without a shared cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max

from faq.matcher import FaqDoc, FaqIndex, build_index
from faq.models import FaqEntry
from receptionist.snapshots import Snapshot


class FaqProfileError(ValueError):
    pass


@dataclass(frozen=True)
class _Faq:
    index: FaqIndex
    answers: dict[str, str]


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
    return _Faq(build_index(docs), {e.faq_id: e.answer for e in entries})


_faq = Snapshot(_load, _fingerprint)


def faq_index() -> FaqIndex:
    return _faq.get().index


def faq_answer(faq_id: str) -> str:
    return _faq.get().answers.get(faq_id, "")


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
        seen.add(faq_id)
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
