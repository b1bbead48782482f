"""E-mail addresses, typed (« Jean.Dupont@Gmail.com ») or spelled out on the phone.

>>> extract_email("Mon mail : Jean.Dupont@Gmail.com")
'jean.dupont@gmail.com'
>>> extract_email("c'est jean point dupont arobase gmail point com")
'jean.dupont@gmail.com'
"""

from __future__ import annotations

import re

from receptionist.lib.text import numerize, strip_accents


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Longest phrases first: « tiret du bas » must win over « tiret ».
SPOKEN_SYMBOLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:tiret du bas|tiret bas|tiret du (?:huit|8)|trait du bas|under ?score|souligne)\b"
        ),
        " _ ",
    ),
    (re.compile(r"\b(?:tiret du (?:six|6)|tiret|trait d union)\b"), " - "),
    (re.compile(r"\b(?:arr?obase?s?|arr?obaz|at|a commercial)\b"), " @ "),
    (re.compile(r"\b(?:point|dot)\b"), " . "),
)
# Said while spelling, never part of the address.
SPELLING_NOISE = re.compile(
    r"\b(?:tout attache|attache|tout colle|colle|sans espaces?|en minuscules?|en un seul mot)\b"
)
LEAD_WORDS = _words(
    """
    mon ma mes son sa votre vos mail mails email mel courriel adresse electronique est cest
    voici voila alors donc oui ouais ok bien sur euh heu bon ben bah je vous il le la les de
    du des ecrire ecrivez note notez noter contact contacter par plait merci pardon non ca
    """
)
SEPARATORS = frozenset("._-+")
MAX_LOCAL_TOKENS = 24
MAX_FIRST_LABEL_WORDS = 3

TYPED = re.compile(r"[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
TOKEN = re.compile(r"[a-z0-9+]+|[.@_-]")
VALID = re.compile(
    r"[a-z0-9](?:[a-z0-9._+-]*[a-z0-9])?@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}"
)


def _prepare(text: str) -> str:
    text = strip_accents(text.casefold()).replace("’", " ").replace("'", " ")
    return " ".join(text.split())


def _spoken_tokens(prepared: str) -> list[str]:
    text = SPELLING_NOISE.sub(" ", prepared)
    for pattern, symbol in SPOKEN_SYMBOLS:
        text = pattern.sub(symbol, text)
    return TOKEN.findall(text)


# An address once its spoken symbols are read: words joined by « . », « @ », « _ », « - ».
ADDRESS = re.compile(r"[a-z0-9]+(?: ?[._-] ?[a-z0-9]+)* ?@ ?[a-z0-9]+(?: ?[._-] ?[a-z0-9]+)*")


def without_address(text: str) -> str:
    """The text with its e-mail address, typed or spelled, taken out: what is said beside it
    (« mon mail c'est marie point dupont arobase gmail point com » → « mon mail c est »)."""
    prepared = SPELLING_NOISE.sub(" ", _prepare(text))
    for pattern, symbol in SPOKEN_SYMBOLS:
        prepared = pattern.sub(symbol, prepared)
    return " ".join(ADDRESS.sub(" ", " ".join(prepared.split())).split())


def _local_part(tokens: list[str]) -> str:
    """Tokens right before « @ », read backwards until the lead-in (« mon mail c'est »)."""
    kept: list[str] = []
    for token in reversed(tokens[-MAX_LOCAL_TOKENS:]):
        if token in LEAD_WORDS or token == "@":
            break
        kept.append(token)
    kept.reverse()
    words = numerize(" ".join(kept)).split()
    return "".join(words).strip("._-+")


def _is_spelled(words: list[str]) -> bool:
    return all(len(word) == 1 for word in words)


def _domain(tokens: list[str]) -> str:
    """Labels after « @ »: « gmail . com merci » → « gmail.com »."""
    labels: list[str] = []
    current: list[str] = []
    for token in tokens:
        if token == ".":
            if not current:
                break
            labels.append("".join(current))
            current = []
        elif token in SEPARATORS or token == "@":
            if token != "-" or not current:
                break
            current.append(token)
        elif current and current[-1] != "-" and labels and not _is_spelled([*current, token]):
            break  # the word after the top-level domain starts a new sentence
        elif not labels and len(current) >= MAX_FIRST_LABEL_WORDS and not _is_spelled(current):
            break
        else:
            current.append(token)
    if current:
        labels.append("".join(current))
    return ".".join(labels)


def _spoken(prepared: str) -> str | None:
    tokens = _spoken_tokens(prepared)
    if "@" not in tokens:
        return None
    at = len(tokens) - 1 - tokens[::-1].index("@")
    return f"{_local_part(tokens[:at])}@{_domain(tokens[at + 1 :])}"


def extract_email(text: str) -> str | None:
    """The address in the raw text, lowercase, or None when none is plausible."""
    prepared = _prepare(text)
    typed = TYPED.findall(prepared)
    candidate = typed[-1] if typed else _spoken(prepared)
    if candidate and VALID.fullmatch(candidate) and ".." not in candidate:
        return candidate
    return None
