"""Reads of the FAQ that other screens share: the entries staff pick from, and what they cover."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from faq.models import FaqEntry
from receptionist.lib.text import fold


@dataclass(frozen=True)
class FaqCatalogue:
    """The active entries, as a manager picks one, and the phrasings they already hold."""

    choices: tuple[tuple[str, str], ...]  # (faq_id, question), by question
    covered: Mapping[str, str]  # folded question or alternative → faq_id

    def covering(self, text: str) -> str:
        """The entry `text` is already a phrasing of (same folded words), or ""."""
        return self.covered.get(fold(text), "")


def faq_catalogue() -> FaqCatalogue:
    """One query over the active entries."""
    rows = FaqEntry.objects.filter(active=True).values_list("faq_id", "question", "alternatives")
    covered: dict[str, str] = {}
    choices = []
    for faq_id, question, alternatives in rows.order_by("question", "faq_id"):
        choices.append((faq_id, question))
        for phrasing in (question, *(alternatives or ())):
            covered.setdefault(fold(phrasing), faq_id)
    covered.pop("", None)
    return FaqCatalogue(tuple(choices), covered)
