"""Guards: messages the engine must not try to understand, each answered by a fixed sentence.

Pure functions over the raw text. :func:`clean` is what may be stored and understood:
control characters and markup are removed, so nothing a visitor typed is ever kept as HTML.
"""

from __future__ import annotations

import re
from enum import StrEnum

from receptionist.lib.text import fold


class Guard(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    MARKUP = "markup"
    INJECTION = "injection"
    ABUSE = "abuse"
    NOT_FRENCH = "not_french"
    SPAM = "spam"


GUARD_PROMPTS: dict[Guard, str] = {
    Guard.EMPTY: "MSG_EMPTY_MESSAGE",
    Guard.TOO_LONG: "MSG_TOO_LONG",
    Guard.MARKUP: "MSG_SPAM",
    Guard.INJECTION: "MSG_INJECTION",
    Guard.ABUSE: "MSG_TRANSFER_LIMIT",
    Guard.NOT_FRENCH: "MSG_FRENCH_ONLY",
    Guard.SPAM: "MSG_SPAM",
}

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff\ud800-\udfff]"
)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")
_DANGEROUS_MARKUP = re.compile(
    r"<\s*(script|iframe|object|embed|svg|style|img|link|meta)\b|javascript\s*:|\bon[a-z]+\s*=",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://|www\.[a-z0-9-]+\.", re.IGNORECASE)
_REPEATED = re.compile(r"(.)\1{9,}")

INJECTION_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"\b(oublie|ignore|ignorez|oubliez|ne tiens pas compte)\b.*\b(consigne|instruction|regle)s?\b",
        r"\b(message|prompt|invite) (du )?systeme\b",
        r"\bsystem prompt\b",
        r"\bignore (all |the )?(previous|prior|above) instructions\b",
        r"\b(tu es|vous etes|agis comme|fais comme si tu etais) (desormais |maintenant )?"
        r"(un|une) (assistant|ia|intelligence|robot|modele)\b.*\b(sans|libre|aucune)\b",
        r"\bsans (aucune )?(limite|restriction|filtre)s?\b",
        r"\b(mode )?(developpeur|jailbreak|dan mode)\b",
        r"\b(affiche|montre|revele|donne)(s|z)? (moi )?(ton|tes|votre|vos) "
        r"(prompt|instructions|consignes|configuration)\b",
        r"\b(donne|donnez|liste|listez|affiche|envoie)(s|z)? (moi )?(les|la liste des|tous les) "
        r"(numeros|telephones|adresses|coordonnees|donnees|noms|mails|emails)\b.*\bclients?\b",
        r"\b(donne|donnez|envoie|envoyez|affiche|montre|liste)(s|z)?\b.{0,30}\b(liste|fichier|base|"
        r"donnees|dossiers?) (des|de vos|de tes|du|des autres) (clients?|patients?)\b",
    )
)

ABUSIVE_WORDS = frozenset(
    {
        "connard",
        "connards",
        "connasse",
        "salope",
        "salaud",
        "pute",
        "putain de merde",
        "encule",
        "encules",
        "enculer",
        "batard",
        "batards",
        "nique",
        "niquer",
        "fdp",
        "abruti",
        "abrutis",
        "pouffiasse",
        "grognasse",
        "ta gueule",
        "ferme ta gueule",
        "fils de pute",
        "va te faire",
        "tocard",
    }
)
_ABUSE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, ABUSIVE_WORDS), key=len)[::-1]) + r")\b"
)

ENGLISH_WORDS = frozenset(
    """
    the i you is are am would like to an please my what can hello hi want book appointment have
    do does with for and of this that it how when where speak english your me we need could
    tomorrow morning afternoon thanks thank yes no there
    """.split()
)
FRENCH_WORDS = frozenset(
    """
    je j tu il elle nous vous le la les un une des de du et est c ce pour pas ne bonjour merci
    oui non rendez rdv voudrais veux mon ma mes au aux avec sur dans quel quelle quand ou
    comment combien demain matin apres midi svp s il plait annuler est ca moi madame monsieur
    salut allo suis fait faire avez peut
    """.split()
)


def clean(text: str) -> str:
    """Text safe to store and understand: no control characters, no markup, trimmed."""
    text = _CONTROL.sub("", text)
    text = _TAG.sub(" ", text)
    text = text.replace("<", " ").replace(">", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


_SPELLED_RUN = re.compile(r"\b[a-z](?: [a-z]){2,}\b")


def is_not_french(folded: str) -> bool:
    # letters spelled one by one say no language: « hamidi abdelkader h a m i d i » spells a
    # name (« I need a doctor » keeps its « I » and « a »)
    tokens = _SPELLED_RUN.sub(" ", folded).split()
    if len(tokens) < 3:
        return False
    english = sum(t in ENGLISH_WORDS for t in tokens)
    french = sum(t in FRENCH_WORDS for t in tokens)
    return english >= 2 and english > 2 * french


def check(raw: str, *, max_chars: int) -> Guard | None:
    """The guard a raw message trips, if any (in order of precedence)."""
    if not raw or not raw.strip():
        return Guard.EMPTY
    if len(raw) > max_chars:
        return Guard.TOO_LONG
    if _DANGEROUS_MARKUP.search(raw):
        return Guard.MARKUP
    folded = fold(clean(raw))
    if not re.search(r"[a-z0-9]", folded):
        return Guard.SPAM if raw.strip() else Guard.EMPTY
    if any(p.search(folded) for p in INJECTION_PATTERNS):
        return Guard.INJECTION
    if _ABUSE.search(folded):
        return Guard.ABUSE
    if is_not_french(folded):
        return Guard.NOT_FRENCH
    if _URL.search(raw) or _REPEATED.search(raw):
        return Guard.SPAM
    return None
