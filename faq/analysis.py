"""Text analysis for the FAQ matcher: folded French text to weighted tokens.

Multi-word expressions are rewritten first (:mod:`faq.lexicon`), then stop words are dropped,
synonyms become concepts (upper-case tokens) and other words are stemmed.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import snowballstemmer

from faq import lexicon
from faq.lexicon import EXACT_CONCEPTS, PHRASES
from receptionist.lib.text import fold

STOP_WORDS = frozenset(lexicon.STOP_WORDS.split())
WEAK_WORDS = frozenset(lexicon.WEAK_WORDS.split())
CONCEPTS = {concept: tuple(words.split()) for concept, words in lexicon.CONCEPTS.items()}
MODIFIER_CONCEPTS = frozenset(lexicon.MODIFIER_CONCEPTS.split())
ASPECT_CONCEPTS = frozenset(lexicon.ASPECT_CONCEPTS.split())

PHRASE_RULES = tuple((re.compile(pattern), f" {replacement} ") for pattern, replacement in PHRASES)
INFORMAL = re.compile(r"\b(?:tu|toi|ton|tes|t (?=as|es|est|sais|peux|veux|fais)\w+)\b")
FORMAL = re.compile(r"\b(?:vous|votre|vos)\b")
# « la boulangerie elle ouvre », « le dentiste du centre il prend »: the sentence is about
# the noun put first, which is someone else when the FAQ does not know it.
DISLOCATED = re.compile(r"\b(?:le|la|les|l) (\w+)(?: \w+){0,4}? (?:il|elle|ils|elles)\b")
# « vous toilettez les lapins », « vous vendez des chiots »: what is asked about is the object
# of the business's verb, the noun after its article; an FAQ that does not know it does not
# answer, whatever verb it shares.
OBJECT_ASKED = re.compile(
    # (the verb, not a preposition: « vous vous déplacez chez les gens » has no object)
    r"\bvous (?:\w+ )?(?!(?:chez|pour|avec|dans|sur|sous|par|vers|entre|contre|sans|apres|avant"
    r"|pendant|a|au|aux|en|de|du|des)\b)\w+ (?:les|des|un|une|du|de la|de l|le|la|l) "
    r"(?!(?:plus|moins|meme|memes"
    r"|autres?|tout|tous|toutes"
    # nouns that name no thing of a trade: « vous avez de la place », « un moment »
    r"|place|places|temps|moment|moments|chose|choses|truc|trucs|possibilite|moyen|choix|idee"
    r"|question|questions|info|infos|information|informations|souci|probleme|besoin|rdv|rendez"
    r"|creneau|creneaux|dispo|disponibilite|disponibilites|jour|jours|heure|heures|semaine"
    r"|matin|soir|apres|prix|tarif|tarifs)\b)(\w+)"
)
# « le tiers payant chez le kiné », « le téléphone du centre de contrôle technique »: somewhere
# or someone else, the noun after « chez » and its article, or the owner of a way to reach
# or find a place; an FAQ that does not know it speaks of the business, not of it. People in
# general are no other place: « chez les gens », « chez les particuliers » is at their home.
ELSEWHERE = re.compile(
    r"\b(?:chez (?:le|la|l|les|un|une|mon|ma|mes|son|sa|ses|leur|leurs)"
    r"|(?:numero|telephone|tel|adresse|coordonnees|contact|mail|site|horaires|parking)"
    r" (?:du|de la|de l|des|d un|d une)) (?!(?:gens|particuliers|personnes|patients|clients"
    r"|familles|habitants)\b)(\w+)"
)
_STEMMER = snowballstemmer.stemmer("french")
_STEMMER_LOCK = threading.Lock()


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
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
            if len(stem(word)) >= 4:
                table[stem(word)] = concept
            table[word] = concept
    return table | EXACT_CONCEPTS


CONCEPT_OF = _concept_table()
WEAK = frozenset(stem(word) for word in WEAK_WORDS) | WEAK_WORDS


@lru_cache(maxsize=4096)
def analyze(folded: str) -> tuple[tuple[str, str], ...]:
    """(word, token) pairs of folded text; a token is a concept or a stem."""
    for pattern, replacement in PHRASE_RULES:
        folded = pattern.sub(replacement, folded)
    pairs = []
    for word in folded.split():
        if word.isupper():
            pairs.append((word, word))
        elif is_content(word):
            token = CONCEPT_OF.get(word)
            if token is None:
                root = stem(word)
                token = CONCEPT_OF.get(root, root)
            pairs.append((word, token))
    return tuple(pairs)


def is_content(word: str) -> bool:
    if len(word) < 2 or word in STOP_WORDS or any(c.isdigit() for c in word):
        return False
    return not (word[-1] == "s" and word[:-1] in STOP_WORDS)


def tokens(text: str) -> frozenset[str]:
    return frozenset(token for _, token in analyze(fold(text)))
