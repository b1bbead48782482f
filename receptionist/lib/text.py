"""Normalisation of French text as people type it and as speech recognition transcribes it.

Every extractor works on the output of :func:`fold`, computed once per turn:

>>> fold("Euh… Bonjour, c'est pour un Rendez-vous à 14:30 !")
'bonjour c est pour un rendez vous a 14h30'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from text_to_num import alpha2digit, text2num

FILLERS: tuple[str, ...] = (
    "euh",
    "euuh",
    "heu",
    "hum",
    "hmm",
    "bah",
    "ben",
    "du coup",
    "en fait",
    "genre",
    "voila",
    "ouais enfin",
)

# Written shorthand of texting French, spelled out (« bjr c pr 1 vaccin » is « bonjour c'est
# pour un vaccin »). Only forms that are no French word of their own (« cb » is a bank card,
# « tel » a word: both stay).
SHORTHAND: dict[str, str] = {
    "bjr": "bonjour", "bsr": "bonsoir", "slt": "salut", "cc": "coucou", "pr": "pour",
    "pk": "pourquoi", "pq": "pourquoi", "qd": "quand", "cmb": "combien",
    "tjrs": "toujours", "tjs": "toujours", "bcp": "beaucoup", "mtn": "maintenant",
    "dc": "donc", "ds": "dans", "vs": "vous", "ns": "nous", "tt": "tout", "tte": "toute",
    "ttes": "toutes", "ts": "tous",
    "qq": "quelque", "qqn": "quelqu un", "qqch": "quelque chose", "dsl": "desole",
    "jsp": "je sais pas", "jpp": "je peux pas", "jpeux": "je peux", "jvoudrais": "je voudrais",
    "jveux": "je veux", "chui": "je suis", "jsuis": "je suis", "mr": "monsieur",
    "mme": "madame", "mlle": "mademoiselle", "dem1": "demain", "ajd": "aujourd hui",
    "auj": "aujourd hui",
    # words clipped in speech and texts (apocope)
    "decla": "declaration", "declas": "declarations", "appart": "appartement",
    "apparts": "appartements", "compta": "comptabilite", "proprio": "proprietaire",
    "proprios": "proprietaires", "exam": "examen", "exams": "examens",
}  # fmt: skip
_SHORTHAND = re.compile(r"\b(?:" + "|".join(sorted(SHORTHAND, key=len, reverse=True)) + r")\b")
# « j' » glued to the verb, as texts write it (« jpourrai pas venir », « jai une robe »): the
# verb after « je », or after « j » before a vowel.
_J_GLUED = re.compile(
    r"\bj(?P<verb>pourrai|pourrais|dois|devrai|vais|viens|viendrai|sais|crois|pense|voudrai"
    r"|voulais|serai|serais|fais|ferai|reviens|passe|passerai|prends|prendrai|travaille|bosse"
    r"|peux|suis|veux|voudrais|ne)\b"
)
_J_VOWEL = re.compile(
    r"\bj(?P<verb>ai|avais|aurai|aurais|arrive|aimerais|aimerai|aime|habite|appelle|etais"
    r"|attends|espere|essaie)\b"
)
# « c pour… », « c quand » : « c » before these words is « c'est » (spelled letters stay).
_C_EST = re.compile(
    r"\bc (?=(?:pour|quand|combien|ou|possible|bon|ok|pas|quoi|qui|moi|lui|au|mon|ma|mes|le|la"
    r"|un|une|urgent|grave|gratuit|cher|normal|\d)\b)"
)

# « avc » before a plural article is texting's « avec » (« tt noir avc des lignes »); anywhere
# else it may be the stroke (« il a fait un avc », « AVC mon père parle plus »), an emergency
# that must never be read away.
_AVEC = re.compile(
    r"(?<!\bun )(?<!\bl )(?<!\bson )(?<!\bmon )(?<!\bsa )(?<!\bdu )(?<!\bd )(?<!\bdes )"
    r"(?<!\bleur )\bavc (?=(?:des|les)\b)"
)
# « + » between words is texting's « plus » (« le + vite possible »); in a number (« +33 »), a
# sign.
_PLUS = re.compile(r"(?<![\w+])\+(?![\d+])")
_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'", "‘": "'"})
_CLOCK = re.compile(r"\b([01]?\d|2[0-3])\s?[:h]\s?([0-5]\d)\b")
_NOT_WORD = re.compile(r"[^a-z0-9+@]+")
_FILLER = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in FILLERS) + r")\b")
_SPACES = re.compile(r"\s+")
_ZERO = re.compile(r"\bzero\b")
# « neuf » is also the adjective « new », and the number reader leaves it as a word after an
# article (« le matin avant neuf heures »); before a unit of time it is only ever the number.
_NINE_OCLOCK = re.compile(r"(?<![\w-])neuf(?= (?:heures?|h)\b)")
# Hyphens join the words of one French number (« quatre-vingt-treize », « trente-et-un »):
# read them before folding drops the hyphens, so that « quarante quatre-vingt-treize » stays
# 40 93 and is not heard as 44 20 13.
_NUMERAL_WORD = (
    r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
    r"|quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante"
    r"|nonante|cents?)"
)
_HYPHENATED_NUMERAL = re.compile(rf"\b{_NUMERAL_WORD}(?:-(?:et-)?{_NUMERAL_WORD})+\b(?!-)")


def strip_accents(text: str) -> str:
    """Remove diacritics, keep the base letters: « Quéré » → « Quere »."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe")


def _numeral(match: re.Match[str]) -> str:
    try:
        return str(text2num(match.group(0).replace("-", " "), "fr"))
    except ValueError:
        return match.group(0)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase, accent-free, punctuation-free text without fillers, single-spaced."""
    text = strip_accents(text.translate(_APOSTROPHES).casefold())
    text = _HYPHENATED_NUMERAL.sub(_numeral, text)
    text = _CLOCK.sub(r"\1h\2", text)
    text = _PLUS.sub(" plus ", text)
    text = _NOT_WORD.sub(" ", text)
    text = _FILLER.sub(" ", text)
    text = _SHORTHAND.sub(lambda m: SHORTHAND[m.group(0)], text)
    text = _J_VOWEL.sub(r"j \g<verb>", _J_GLUED.sub(r"je \g<verb>", text))
    text = _C_EST.sub("c est ", _AVEC.sub("avec ", text))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def numerize(folded: str) -> str:
    """Spoken numbers as digits, on folded text: « zero six douze » → « 0 6 12 »."""
    digits = alpha2digit(folded, "fr")
    return _NINE_OCLOCK.sub("9", _ZERO.sub("0", digits))


def words(folded: str) -> list[str]:
    return folded.split()


def named_in(said: str, names: Iterable[str]) -> str | None:
    """The first of `names` that the words `said` contain, accents and case aside (« une
    vidange svp » names « Vidange »); None when they contain none."""
    wanted = fold(said)
    return next((name for name in names if fold(name) and fold(name) in wanted), None)
