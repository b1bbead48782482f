"""Held-out accuracy of the FAQ matcher on a business profile and a set of labelled queries.

Usage: .venv/bin/python tests/faq/faq_accuracy.py PROFILE.json QUERIES.jsonl [--threshold 80]

QUERIES.jsonl holds one {"query": ..., "expect_faq": id or null} object per line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from faq.matcher import FaqDoc, FaqIndex, build_index, match

SYNTHETIC_SIZE = 500
TIMING_ROUNDS = 20


def load_docs(profile: Path) -> list[FaqDoc]:
    entries = json.loads(profile.read_text(encoding="utf-8"))["faq"]
    return [
        FaqDoc(e["id"], e["question"], e["answer"], tuple(e.get("alternatives", ())))
        for e in entries
    ]


def load_queries(path: Path) -> list[tuple[str, str | None]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [(row["query"], row["expect_faq"]) for row in rows]


def report(index: FaqIndex, queries: list[tuple[str, str | None]], threshold: float) -> None:
    in_scope = [(q, e) for q, e in queries if e is not None]
    out_of_scope = [q for q, e in queries if e is None]
    right = wrong = false_answers = 0
    for query, expected in in_scope:
        found = match(query, index, threshold=threshold)
        if found and found.faq_id == expected:
            right += 1
            continue
        wrong += found is not None
        print(f"  MISS  {query!r}: expected {expected}, got {found}")
    for query in out_of_scope:
        found = match(query, index, threshold=threshold)
        if found:
            false_answers += 1
            print(f"  FALSE {query!r}: got {found}")
    print(f"in-scope accuracy      {_rate(right, len(in_scope))}")
    print(f"wrong-entry rate       {_rate(wrong, len(in_scope))}")
    print(f"out-of-scope answered  {_rate(false_answers, len(out_of_scope))}")


def _rate(count: int, total: int) -> str:
    return f"{count}/{total} = {100 * count / total:.1f} %" if total else "n/a"


def synthetic_docs(count: int) -> list[FaqDoc]:
    """Plausible filler entries sharing the FAQ's everyday words (prix, samedi, délai)."""
    syllables = ("ka", "lo", "mi", "ru", "te", "van", "dor", "pli", "se", "bu", "gra", "fo")
    templates = (
        "Combien coûte le {} ?",
        "Faites-vous le {} le samedi ?",
        "Quel est le délai pour un {} ?",
        "Le {} est-il remboursé ?",
    )
    docs = []
    for number in range(count):
        a, b, c = number % 12, number // 12 % 12, number // 144 % 12
        service = syllables[a] + syllables[b] + syllables[c] + "ine"
        question = templates[number % len(templates)].format(service)
        answer = f"Le {service} se fait sur rendez-vous, à partir de 40 €, en une heure."
        docs.append(FaqDoc(f"synthetic-{number}", question, answer, (f"{service} prix",)))
    return docs


def time_large_index(docs: list[FaqDoc], queries: list[tuple[str, str | None]]) -> None:
    large = [*docs, *synthetic_docs(SYNTHETIC_SIZE - len(docs))]
    started = time.perf_counter()
    index = build_index(large)
    built = time.perf_counter() - started
    texts = [query for query, _ in queries]
    started = time.perf_counter()
    for round_number in range(TIMING_ROUNDS):
        for text in texts:
            # a token with a digit is ignored, but makes each text new to fold's cache
            match(f"{text} n{round_number}", index)
    per_match = (time.perf_counter() - started) / (TIMING_ROUNDS * len(texts))
    print(f"{len(large)}-entry index: build {1000 * built:.0f} ms, match {1e6 * per_match:.0f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path)
    parser.add_argument("queries", type=Path)
    parser.add_argument("--threshold", type=float, default=80)
    args = parser.parse_args()
    docs = load_docs(args.profile)
    queries = load_queries(args.queries)
    report(build_index(docs), queries, args.threshold)
    time_large_index(docs, queries)


if __name__ == "__main__":
    main()
