"""People's names, from explicit introductions or, when the agent asked, a bare answer.

The input is the raw text so that accents and hyphens survive in the result:

>>> extract_name("bonjour c'est Marie Curie je voudrais un rendez-vous", expecting=False)
'Marie Curie'
>>> extract_name("euh martine gros g r o s", expecting=True)
'Martine Gros'
>>> merge_name("Steve Jacobs", "Jacob")
'Steve Jacob'
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from conversations.dialogue.nlu.name_words import (
    CIVILITIES,
    CLAUSE_STARTS,
    COMMON_WORDS,
    CORRECTION_CUES,
    DESCRIPTIVE_ENDINGS,
    DISCOURSE,
    ELIDED_PARTICLES,
    FOR_SOMEONE_ELSE,
    GREETINGS,
    LEADING_PARTICLES,
    NAMING_LINKS,
    NEVER_CAPITALISED_NAME,
    ON_THE_LINE,
    PARTICLES,
    POLITE_TAIL,
    PREDICATES,
    RELATIVES,
    ROLE_COMPLEMENTS,
    STRONG_INTROS,
    WEAK_INTROS,
    Keys,
)
from receptionist.lib.text import fold, strip_accents

Token = tuple[str, str]  # (raw, key); key is folded, without the elision apostrophe


CORRECTION = re.compile(r"\b(?:" + "|".join(" ".join(c) for c in CORRECTION_CUES[:-1]) + r")\b")
SPELLING_HINT = re.compile(
    r"\b(?:sans|avec)\s+(?:(?:un|une|deux|trois|double|le|la|l'|les)\s*)?"
    r"(?:[a-z]|accents?(?:\s+(?:aigu|grave|circonflexe))?|tr[ée]mas?|c[ée]dille|tiret"
    r"|trait d'union|majuscules?|minuscules?|capitales?)\b(?:\s+grec)?"
    r"(?:\s+(?:majuscules?|minuscules?|capitales?))?"
    r"(?:\s+(?:[àa]\s+la\s+fin|au\s+d[ée]but|final))?"
    # « tout attaché », « en minuscules », « le V en majuscule »
    # (« Colle », « Collé » are surnames: only with « tout »)
    r"|\btout\s+(?:attach[ée]s?|coll[ée]s?)\b|\ben\s+(?:majuscules?|minuscules?|capitales?)\b"
    # « avec un seul r », « et un accent aigu sur le e »
    r"|\b(?:sans|avec|et)\s+(?:un|une)\s+(?:seule?\s+[a-z]|accents?(?:\s+(?:aigu|grave"
    r"|circonflexe))?)\b(?:\s+sur\s+(?:le|la|l')\s*[a-z]\b)?"
    r"|\ben\s+(?:un\s+seul|un|deux)\s+mots?\b"
    # « t comme Thomas », « avec un b comme Bernard »: a letter made clear by a word.
    r"|\b(?:(?:avec\s+)?(?:un|une)\s+)?[a-z]\s+comme\s+[^\W\d_]+",
    re.IGNORECASE,
)
# « deux r », « double l »: the letter is doubled in the written name.
DOUBLED_LETTER = re.compile(
    r"\b(?:avec\s+)?(?:deux|double|2)\s+([a-z])\b(?:\s+(?:au\s+milieu|a\s+la\s+fin))?",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]*>|[<>]")
# A word, hyphens inside; an apostrophe inside that is no elision (« Le Floc'h », « O'Neill »,
# not « d'Aubigné », « l'ami ») stays in it.
TOKEN = re.compile(
    r"(?!(?:[dljmnstc]|qu|jusqu|lorsqu|puisqu|quelqu)')[^\W\d_]+'[^\W\d_]+(?:-[^\W\d_]+)*"
    r"|[^\W\d_]+(?:-[^\W\d_]+)*'?|\d+|[^\w\s]",
    re.IGNORECASE,
)
MAX_WORDS = 5
MIN_SPELLED = 3
SIMILAR = 60


# Punctuation spelled out, as callers spell a name aloud: « Hervé tiret Lucas » is
# Hervé-Lucas, « o apostrophe n e i l l » is o'neill; « n e i deux l », inside a spelling,
# is « n e i l l ».
SPOKEN_HYPHEN = re.compile(r"(?<=[^\W\d_]) tiret (?=[^\W\d_])", re.IGNORECASE)
SPOKEN_APOSTROPHE = re.compile(r"\b([a-z]) apostrophe (?=[a-z]\b)", re.IGNORECASE)
# « le floc apostrophe h »: a word, then what follows its apostrophe (Le Floc'h).
SPOKEN_INNER_APOSTROPHE = re.compile(r"\b([^\W\d_]{2,}) apostrophe ([^\W\d_]+)\b", re.IGNORECASE)
SPELLED_DOUBLE = re.compile(r"(?<=\b[a-z] )(?:deux|double) ([a-z])\b", re.IGNORECASE)


# « Tran Thi Mai, Tran c'est le nom de famille », « …, Zahra c'est mon prénom »: which word
# is which, said after the name.
WHICH_WORD = re.compile(
    r"(?:,\s*)?\b(?P<words>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+c'est\s+(?:le|mon|son|notre)\s+"
    r"(?:nom|pr[ée]nom)(?:\s+de\s+famille|\s+compos[ée])?\b",
    re.IGNORECASE,
)


def _which_word_notes(text: str) -> str:
    """Drop the note, and the words it names when the name said them already; « Jean Dupont
    c'est mon nom » keeps the name."""

    def note(m: re.Match[str]) -> str:
        said_before = fold(text[: m.start()]).split()
        named = fold(m["words"]).split()
        return " " if named and all(w in said_before for w in named) else f" {m['words']} "

    return WHICH_WORD.sub(note, text)


def _spoken_punctuation(text: str) -> str:
    text = SPELLED_DOUBLE.sub(lambda m: f"{m[1]} {m[1]}", text)
    text = SPOKEN_INNER_APOSTROPHE.sub(lambda m: f"{m[1]}'{m[2]}", text)
    text = SPOKEN_APOSTROPHE.sub(lambda m: f"{m[1]} ' ", text)
    return SPOKEN_HYPHEN.sub("-", text)


def _tokens(text: str) -> list[Token]:
    text = _which_word_notes(_spoken_punctuation(text.replace("’", "'")))
    text = SPELLING_HINT.sub(" ", TAG.sub(" ", text.replace("’", "'")))
    text = DOUBLED_LETTER.sub(" ", text)
    tokens = [(raw, strip_accents(raw.casefold()).rstrip("'")) for raw in TOKEN.findall(text)]
    return _drop_repeated_words(_drop_announced_surname(_collapse_spelling(tokens)))


def _drop_repeated_words(tokens: list[Token]) -> list[Token]:
    """A word said again, punctuation between, is said once: « Ibrahima, … : Ibrahima Diallo »,
    « Ibrahima Ibrahima Diallo » (a stutter, or the first name then the whole name); and a
    surname of two or three words said again at once (« Dylan Le Corre, Le Corre en deux
    mots »)."""
    return _drop_repeated_runs(_drop_repeated_single(tokens))


def _drop_repeated_runs(tokens: list[Token]) -> list[Token]:
    words = [i for i, token in enumerate(tokens) if _is_word(token)]
    keys = [tokens[i][1] for i in words]
    for size in (3, 2):
        for at in range(len(words) - 2 * size + 1):
            if keys[at : at + size] == keys[at + size : at + 2 * size]:
                drop = set(range(words[at + size - 1] + 1, words[at + 2 * size - 1] + 1))
                return [t for i, t in enumerate(tokens) if i not in drop]
        # « fatima zahra benali, fatima zahra »: the first names said again to close
        tail = keys[-size:]
        if len(keys) > 2 * size and any(
            keys[at : at + size] == tail for at in range(len(keys) - 2 * size + 1)
        ):
            return tokens[: words[-size]]
    return tokens


def _drop_repeated_single(tokens: list[Token]) -> list[Token]:
    kept: list[Token] = []
    for token in tokens:
        if (
            "-" in token[1]
            and kept
            and not _is_word(kept[-1])
            and any(key == token[1] for _, key in kept)
        ):
            # « madame Morvan-Dupuis Henriette, Morvan tiret Dupuis »: a compound word said
            # again after a pause, its hyphen spelled, confirms the one said
            continue
        if token[1].replace("-", "").replace("'", "").isalpha():
            at = len(kept)
            while at and not kept[at - 1][1].replace("-", "").replace("'", "").isalpha():
                at -= 1
            if at and kept[at - 1][1] == token[1]:
                del kept[at - 1 :]
        kept.append(token)
    return kept


def _drop_announced_surname(tokens: list[Token]) -> list[Token]:
    """« Kerbrat, Yann Kerbrat », « Léa, Léa Martin », « Monsieur Gohier, Raymond Gohier »: one
    word (a civility before it or not), then the whole name; keep that."""
    at = 1 if tokens and tokens[0][1] in CIVILITIES else 0
    at += at < len(tokens) and at > 0 and tokens[at][1] == "."
    if len(tokens) < at + 4 or tokens[at + 1][1] != "," or not tokens[at][1].isalpha():
        return tokens
    clause = []
    for token in tokens[at + 2 : at + 2 + MAX_WORDS]:
        if not _is_word(token):
            break
        clause.append(token[1])
    if len(clause) >= 2 and tokens[at][1] in clause:
        return tokens[at + 2 :]
    return tokens


def _is_letter(token: Token) -> bool:
    raw, key = token
    return len(raw) == 1 and key.isascii() and key.isalpha()


def _hyphened_letters(token: Token) -> bool:
    """« A L V E S tiret P I N T O »: the hyphen said between two letters joins them (« s-p »)."""
    parts = token[1].split("-")
    return len(parts) > 1 and all(len(part) == 1 and part.isalpha() for part in parts)


def _spelled_run(tokens: list[Token], i: int) -> tuple[str, int]:
    """Letters spelled from tokens[i], commas between them allowed: (word, end)."""
    letters, j = "", i
    while j < len(tokens) and (_is_letter(tokens[j]) or (letters and _hyphened_letters(tokens[j]))):
        letters += tokens[j][1]
        j += 1
        if (
            j + 1 < len(tokens)
            and tokens[j][0] in (",", ".", "-", "'")
            and _is_letter(tokens[j + 1])
        ):
            letters += "'" if tokens[j][0] == "'" else ""  # « o apostrophe n … » keeps it
            j += 1
    return letters, j


def _collapse_spelling(tokens: list[Token]) -> list[Token]:
    """« gros g r o s » → « gros »; « d u p o n t » → « dupont »."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        raw, key = tokens[i]
        if "-" in raw and all(len(part) == 1 for part in key.split("-")):
            letters, end = key.replace("-", ""), i + 1
        else:
            letters, end = _spelled_run(tokens, i)
        # two letters spell a word only when it was just said (« vu ngoc anh v u »): else they
        # are initials or stray letters
        short_spelling = len(letters) == 2 and any(key == letters for _, key in out)
        if len(letters) < MIN_SPELLED and not short_spelling:
            out.append(tokens[i])
            i += 1
            continue
        while out and out[-1][1] in ",.:-":
            out.pop()  # « Dupont, D-U-P-O-N-T »: the spelling belongs to the word before
        if _spells_the_last_words(out, letters):
            # « Le Bris, l e b r i s »: a surname of several words spelled as one confirms them
            i = end
            continue
        # « o apostrophe n e i l l »: the elided particle (« o' ») is a word of its own
        letters = letters.rsplit("'", 1)[-1]
        similar = _most_similar(out, letters)
        if similar is not None:
            # « o'neill … n e i deux l » spells the word after the elided « o' »
            head, _, tail = out[similar][1].rpartition("'")
            if tail != letters:
                spelled = f"{head}'{letters}" if head else letters
                out[similar] = (spelled, spelled)
        else:
            out.append((letters, letters))
        i = end
    return out


def _two_words_apart(tokens: list[Token]) -> str | None:
    """Two name words a comma apart, once a spelling that confirmed one is read: the surname,
    then the first name, as forms list them (« Dupont, D U P O N T, Marie » is Marie Dupont,
    « madame Marty-Cabrol, Odette, Marty tiret Cabrol » is Odette Marty-Cabrol)."""
    while tokens and not _is_word(tokens[-1]):
        tokens = tokens[:-1]
    civility = bool(tokens) and tokens[0][1] in CIVILITIES
    words = tokens[1:] if civility else tokens
    if (
        len(words) != 3
        or words[1][1] != ","
        or not all(_is_name_word(t) and t[1] not in COMMON_WORDS for t in (words[0], words[2]))
        or not _valid([words[0], words[2]])
    ):
        return None
    return _display([words[2], words[0]])


def _spells_the_last_words(tokens: list[Token], letters: str) -> bool:
    """The letters are the last two or three words said, written together (« le bris »)."""
    for count in (2, 3):
        said = [key.replace("'", "").replace("-", "") for _, key in tokens[-count:]]
        spelled = letters.replace("-", "")  # « L E tiret G O F F » spells « Le Goff »
        if len(said) == count and all(map(str.isalpha, said)) and "".join(said) == spelled:
            return True
    return False


def _most_similar(tokens: list[Token], letters: str) -> int | None:
    """The word a spelling confirms: « Nguyen Thi Hoa, N G U Y E N » spells Nguyen."""
    best, best_score = None, float(SIMILAR)
    for index, (raw, key) in enumerate(tokens):
        if raw.replace("'", "").replace("-", "").isalpha() and len(raw) > 1:
            score = fuzz.ratio(key.rpartition("'")[2], letters)
            if score >= best_score:
                best, best_score = index, score
    return best


def _apply_doubled(name: str, letters: list[str]) -> str:
    """« Balot, deux l » → « Ballot »: double a letter written once, when only one place fits.

    Only inside a word, in words that do not already double it (« Gilles » is left alone).
    """
    words = name.split()
    for letter in letters:
        places = [
            (w, i)
            for w, word in enumerate(words)
            if letter * 2 not in word.lower()
            for i, c in enumerate(word.lower())
            if c == letter and 0 < i < len(word) - 1
        ]
        if len(places) == 1:
            w, i = places[0]
            words[w] = words[w][: i + 1] + words[w][i] + words[w][i + 1 :]
    return " ".join(words)


def _is_word(token: Token) -> bool:
    return token[0][0].isalpha()


def _is_name_word(token: Token) -> bool:
    raw, key = token
    if not _is_word(token) or (raw.endswith("'") and key not in ELIDED_PARTICLES):
        return False
    return key not in COMMON_WORDS and not all(part in COMMON_WORDS for part in key.split("-"))


def _particle_ok(tokens: list[Token], i: int, first: bool) -> bool:
    """A particle belongs to the name when a name word follows (« de Gaulle »)."""
    if first and tokens[i][1] not in LEADING_PARTICLES:
        return False
    j = i
    while j < len(tokens) and tokens[j][1] in PARTICLES and j - i < 2:
        j += 1
    return j < len(tokens) and tokens[j][1] not in PARTICLES and _is_name_word(tokens[j])


# Particles that are also whole surnames (Lê, Lâ, Du), when they close the answer.
SURNAME_PARTICLES = frozenset({"le", "la", "du"})


def _closing_surname(tokens: list[Token], i: int) -> bool:
    rest = tokens[i + 1 :]
    return tokens[i][1] in SURNAME_PARTICLES and all(not _is_word(t) for t in rest)


def _name_run(tokens: list[Token], i: int) -> tuple[list[Token], int]:
    """Name-shaped tokens from tokens[i], civility skipped: (words, end)."""
    civility = i < len(tokens) and tokens[i][1] in CIVILITIES
    if civility:
        i += 1 + (i + 1 < len(tokens) and tokens[i + 1][0] == ".")
        # a couple: « monsieur et madame Caradec », « M. et Mme Le Gall »
        if i + 1 < len(tokens) and tokens[i][1] == "et" and tokens[i + 1][1] in CIVILITIES:
            i += 2 + (i + 2 < len(tokens) and tokens[i + 2][0] == ".")
    run: list[Token] = []
    while i < len(tokens):
        token = tokens[i]
        if token[1] in PARTICLES and _is_word(token):
            if run and _closing_surname(tokens, i):
                # « Tuan Le », « Anne Du »: Vietnamese and Chinese surnames look like particles.
                run.append(token)
                i += 1
                break
            # after a civility any particle opens the surname: « monsieur de Montalembert »
            if not _particle_ok(tokens, i, first=not run and not civility):
                break
        elif not _is_name_word(token):
            break
        run.append(token)
        i += 1
    return run, i


# « de », « du », « des », « d' » are written small even first (« M. de Montalembert »),
# unlike the article of a surname, written with a capital however it was said (« Le Goff »,
# « de La Fontaine », « El Amrani », « Ben Saïd »).
SMALL_PARTICLES = frozenset({"de", "du", "des", "d"})
CAPITAL_PARTICLES = frozenset({"le", "la", "les", "el", "al", "ben"})


def _display(run: list[Token]) -> str:
    parts: list[str] = []
    for index, (raw, key) in enumerate(run):
        if key in SMALL_PARTICLES and len(run) > 1 and index < len(run) - 1:
            word = raw.lower()
        elif key in CAPITAL_PARTICLES and index < len(run) - 1:
            word = raw[:1].upper() + raw[1:].lower()
        elif index and key in PARTICLES and index < len(run) - 1:  # a closing one is a surname
            word = raw if raw.istitle() else raw.lower()
        else:
            word = "-".join(_capitalise(part) for part in raw.split("-"))
        glue = "" if parts and parts[-1].endswith("'") else " "
        parts.append(glue + word if parts else word)
    return "".join(parts)


def _capitalise(word: str) -> str:
    if word.islower() or word.isupper():
        head, apostrophe, tail = word.lower().partition("'")
        if apostrophe and len(head) == 1:  # O'Neill, D'Angelo (but Le Floc'h)
            return head.upper() + "'" + tail[:1].upper() + tail[1:]
        return word[:1].upper() + word[1:].lower()
    return word


def _valid(run: list[Token]) -> bool:
    return 0 < len(run) <= MAX_WORDS and any(key not in PARTICLES for _, key in run)


def _ends_clause(tokens: list[Token], end: int) -> bool:
    if end >= len(tokens):
        return True
    key = tokens[end][1]
    return key in CLAUSE_STARTS or (not _is_word(tokens[end]) and key != "?" and not key.isdigit())


def _doubtful(tokens: list[Token], run: list[Token]) -> bool:
    """A lowercase « name » after « c'est » / « je suis »: « Bonjour c'est urgent »."""
    if any(raw[:1].isupper() for raw, _ in run):
        return False
    has_capitals = any(raw[:1].isupper() for raw, _ in tokens)
    single = len(run) == 1 and (run[0][0].endswith(DESCRIPTIVE_ENDINGS) or run[0][1] in PREDICATES)
    return has_capitals or single


def _predicate(run: list[Token]) -> bool:
    """One lowercase word that says what one is or how a thing is (« diabétique », « long »)."""
    return len(run) == 1 and run[0][0].islower() and run[0][1] in PREDICATES


def _role(tokens: list[Token], run: list[Token], end: int) -> bool:
    """One lowercase word that a place or a whole follows (« témoin à un mariage »)."""
    return (
        len(run) == 1
        and run[0][0].islower()
        and end < len(tokens)
        and tokens[end][1] in ROLE_COMPLEMENTS
    )


def _by_first_word(phrases: tuple[Keys, ...]) -> dict[str, tuple[Keys, ...]]:
    """The phrases grouped by their first word, in their order: only those can start at a
    token (a message is read against a hundred phrases in a few dictionary look-ups)."""
    grouped: dict[str, list[Keys]] = {}
    for phrase in phrases:
        grouped.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in grouped.items()}


_FOR_SOMEONE_ELSE_AT = _by_first_word(FOR_SOMEONE_ELSE)
_INTROS_AT = _by_first_word(STRONG_INTROS + WEAK_INTROS)


def _starts_with(tokens: list[Token], i: int, phrase: Keys) -> bool:
    keys = tuple(key for _, key in tokens[i : i + len(phrase)])
    return keys == phrase


def _skip_link(tokens: list[Token], i: int) -> int:
    """After « pour ma fille »: skip « , » and « elle s'appelle » before the name."""
    while i < len(tokens) and tokens[i][1] in ",:-":
        i += 1
    for link in NAMING_LINKS:
        if _starts_with(tokens, i, link):
            return i + len(link)
    return i


def _for_someone_else(tokens: list[Token]) -> str | None:
    """« c'est pour mon fils, Hugo Petit »: the appointment is in the relative's name."""
    for i, (_, key) in enumerate(tokens):
        for phrase in _FOR_SOMEONE_ELSE_AT.get(key, ()):
            if _starts_with(tokens, i, phrase):
                run, _ = _name_run(tokens, _skip_link(tokens, i + len(phrase)))
                if _valid(run) and not _doubtful(tokens, run):
                    return _display(run)
    return None


# The one an appointment is for, named by kinship: « je voudrais faire voir mon fils », « c'est
# pour ma mère », « amener ma fille ».
FOR_A_RELATIVE = re.compile(
    r"\b(?:pour|voir|amener|emmener|ramener|inscrire|accompagner|examiner|soigner|suivre)"
    r" (?:mon|ma|notre) (?:"
    + "|".join(sorted((r.replace("-", " ") for r in RELATIVES), key=len, reverse=True))
    + r")\b"
)


def caller_for_a_relative(text: str, name: str | None) -> bool:
    """The name heard is the caller's own, and the appointment is for a relative named by
    kinship only (« monsieur de Montalembert à l'appareil, je voudrais faire voir mon fils »):
    the relative's name is still to be asked. « c'est pour mon fils, Hugo Petit » names him."""
    if not name or not FOR_A_RELATIVE.search(fold(text)):
        return False
    return _for_someone_else(_tokens(text)) is None


# A kinship or a title after an article names no one: « je suis la maman de Lucas », « c'est
# le docteur Mercier qui m'envoie ».
_NOT_A_NAME_AFTER_ARTICLE = RELATIVES | frozenset(
    {"docteur", "docteure", "dr", "maitre", "professeur", "kine", "medecin", "dentiste"}
)


def _after_intro(tokens: list[Token], *, expecting: bool) -> str | None:
    """The name after an introduction; one said plainly (« je m'appelle Paul Girard ») wins
    over « c'est … » or « je suis … » said before it."""
    strong = _after_intro_of(tokens, expecting=expecting, weak_ones=False)
    return strong if strong is not None else _after_intro_of(tokens, expecting=expecting)


def _after_intro_of(tokens: list[Token], *, expecting: bool, weak_ones: bool = True) -> str | None:
    for i, (_, key) in enumerate(tokens):
        for phrase in _INTROS_AT.get(key, ()):
            if not _starts_with(tokens, i, phrase):
                continue
            weak = phrase in WEAK_INTROS
            if weak and not weak_ones:
                continue
            run, end = _name_run(tokens, i + len(phrase))
            if (
                weak
                and len(run) > 1
                and run[0][1] in ("le", "la", "les", "l")
                and run[1][1] in _NOT_A_NAME_AFTER_ARTICLE
            ):
                # « je suis la maman de Lucas Fontaine »: the one whose relative calls
                after = i + len(phrase) + 2
                if (
                    run[1][1] in RELATIVES
                    and after < len(tokens)
                    and tokens[after][1] in ("de", "d")
                ):
                    named, named_end = _name_run(tokens, after + 1)
                    if _valid(named) and _ends_clause(tokens, named_end):
                        return _display(named)
                continue
            if not _valid(run) or end < len(tokens) and tokens[end][1].isdigit():
                continue
            if weak and not _ends_clause(tokens, end):
                continue
            if weak and not expecting and _doubtful(tokens, run):
                continue
            if weak and _predicate(run):
                continue  # « je suis diabétique », even when a name is expected
            if weak and _role(tokens, run, end):
                continue  # « je suis témoin à un mariage »
            return _display(run)
    return None


def _before_on_the_line(tokens: list[Token]) -> str | None:
    """« Marie Curie à l'appareil »."""
    for end in range(1, len(tokens)):
        if not _starts_with(tokens, end, ON_THE_LINE):
            continue
        for start in range(max(0, end - MAX_WORDS), end):
            run, stop = _name_run(tokens, start)
            if stop == end and _valid(run):
                return _display(run)
    return None


def _skip_lead(tokens: list[Token], i: int = 0) -> int:
    while i < len(tokens) and (tokens[i][1] in DISCOURSE or not _is_word(tokens[i])):
        if tokens[i][1].isdigit():
            break
        i += 1
    return i


def _after_greeting(tokens: list[Token]) -> str | None:
    """« Bonjour ! Léna Roussel, j'ai besoin… »: two name words between greeting and comma."""
    if not tokens or tokens[0][1] not in GREETINGS:
        return None
    run, end = _name_run(tokens, _skip_lead(tokens, 1))
    if len(run) < 2 or end >= len(tokens) or tokens[end][0] not in ",.!;":
        return None
    return None if not _valid(run) or _doubtful(tokens, run) else _display(run)


def _capitalised_answer(tokens: list[Token]) -> list[Token] | None:
    """« Dinh Thi Mai »: every word capitalised, as written proper nouns are, is the name.

    In French, months and weekdays take no capital, so a capitalised « Mai » is a name.
    """
    start = _skip_lead(tokens)
    if start < len(tokens) and tokens[start][1] in CIVILITIES:
        start += 1
    end = start
    while end < len(tokens) and _is_word(tokens[end]) and tokens[end][1] not in POLITE_TAIL:
        end += 1
    run = tokens[start:end]
    tail_ok = all(
        not _is_word(t) and not t[1].isdigit() or t[1] in POLITE_TAIL for t in tokens[end:]
    )
    if not (2 <= len(run) <= MAX_WORDS and tail_ok):
        return None
    if not all(raw[:1].isupper() and key not in NEVER_CAPITALISED_NAME for raw, key in run):
        return None
    return run


def _bare(tokens: list[Token]) -> str | None:
    """The answer is a name: « Paul Ménard », « madame Leroy merci », « Léa Martin, 06… »."""
    if any(key == "?" for _, key in tokens):
        return None
    capitalised = _capitalised_answer(tokens)
    if capitalised:
        return _display(capitalised)
    run, end = _name_run(tokens, _skip_lead(tokens))
    tail = tokens[end:]
    ends_first_clause = bool(tail) and (tail[0][1] in ",;:" or tail[0][1].isdigit())
    if ends_first_clause and len(run) >= 2:
        # « Léa Martin, 06 12 34 56 78 », « Martin Léa, c'est pour un détartrage ».
        return _display(run) if _valid(run) else None
    if any(_is_word(t) and t[1] not in POLITE_TAIL or t[1].isdigit() for t in tail):
        return None
    return _display(run) if _valid(run) else None


def _extract(tokens: list[Token], *, expecting: bool) -> str | None:
    colon = max((i for i, (_, key) in enumerate(tokens) if key == ":"), default=None)
    if expecting and colon is not None and 0 < colon < len(tokens) - 1:
        # « je me suis mal fait comprendre : Aubineau »: a colon introduces the answer
        announced = _bare(tokens[colon + 1 :])
        if announced:
            return announced
    found = _for_someone_else(tokens)
    found = found or _after_intro(tokens, expecting=expecting) or _before_on_the_line(tokens)
    found = found or _after_greeting(tokens)
    return found or (_bare(tokens) if expecting else None)


def _split_on_last_cue(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    for i in range(len(tokens) - 1, -1, -1):
        for cue in CORRECTION_CUES:
            if _starts_with(tokens, i, cue):
                before = tokens[:i]
                while before and (before[-1][1] in DISCOURSE or not _is_word(before[-1])):
                    before.pop()
                return before, tokens[i + len(cue) :]
    return None


def extract_name(text: str, *, expecting: bool) -> str | None:
    """The caller's name, capitalised, or None when in doubt.

    With ``expecting`` (the agent just asked for the name) a bare name counts; otherwise
    only an explicit introduction does. A self-correction keeps the corrected part.
    """
    if expecting and (listed := _listed(text)):
        return listed
    tokens = _tokens(text)
    if expecting and (apart := _two_words_apart(tokens)) is not None:
        return apart
    # « deux s » inside a spelling (« b o i deux s i è r e ») is read with it, not as a note
    doubled = [m.group(1).lower() for m in DOUBLED_LETTER.finditer(SPELLED_DOUBLE.sub("", text))]
    split = _split_on_last_cue(tokens)
    if split is None:
        name = _extract(tokens, expecting=expecting)
    else:
        before = _extract(split[0], expecting=expecting)
        after = _extract(split[1], expecting=expecting or before is not None)
        if after is None and expecting:
            # « pardon, de Villiers »: only a surname that spells the one said (not « …,
            # pardon, du Crédit Agricole », « …, pardon, de Paris »)
            particle = _surname_with_particle(split[1])
            if particle and (before is None or _resembles_surname(before, particle)):
                after = particle
        name = before if after is None else merge_name(before, after) if before else after
    if name is None:
        return None
    return _surname_last(_apply_doubled(name, doubled) if doubled else name, text)


# « Le Bihan, Corentin »: the surname, a comma, then one first name, as lists and forms
# write a name. Stored the usual way round.
SPELLED = re.compile(r"^(?:[^\W\d_]-)+[^\W\d_]$")
LISTED = re.compile(r"^\s*(?P<surname>[^,\d]+?)\s*,\s*(?P<first>[^\W\d_][\w'-]*)\s*[.!]?\s*$")
# A sentence ends at « . », « ! » or « ? » followed by a space: « Jean-Philippe. C'est moi… ».
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Za-z]\.)(?<!\bMr\.)(?<!\bDr\.)\s+")
PARTICLE_START = re.compile(r"^\s*(?:de|du|des|d')\s*\S", re.IGNORECASE)
# « Madame Perrin, Odile », « M. Durand, Paul »: the civilities the name reader knows
CIVILITY_START = re.compile(
    r"^\s*(?:" + "|".join(sorted(CIVILITIES, key=len, reverse=True)) + r")\.?\s+", re.IGNORECASE
)


def _listed(text: str) -> str | None:
    """« Le Bihan, Corentin », « Madame Perrin, Odile », or « Grosjean, Jean-Philippe. C'est
    moi qui l'accompagne. »: the first sentence, civility aside."""
    first_sentence = _spoken_punctuation(SENTENCE_END.split(text, maxsplit=1)[0])
    civility = CIVILITY_START.match(strip_accents(first_sentence))
    match = LISTED.match(first_sentence[civility.end() :] if civility else first_sentence)
    if match is None or fold(match["first"]) in COMMON_WORDS:
        return None
    if (
        SPELLED.match(match["first"])
        or f" {fold(match['first'])} " in f" {fold(match['surname'])} "
    ):
        # a word of the name spelled or said again (« Dupont, D-U-P-O-N-T », « Morvan-Dupuis
        # Henriette, Morvan tiret Dupuis »)
        return None
    first = _extract(_tokens(match["first"]), expecting=True)
    if first is None or len(first.split()) != 1:
        return None
    if PARTICLE_START.match(match["surname"]):
        # « de Saint-Aubin, Antoine »: a particle is read with the whole name
        whole = _extract(_tokens(f"{match['first']} {match['surname']}"), expecting=True)
        said = fold(f"{match['first']} {match['surname']}")
        return whole if whole is not None and fold(whole) == said else None
    surname = _extract(_tokens(match["surname"]), expecting=True)
    if surname is None or fold(surname) != fold(match["surname"]):
        return None  # more than a name before the comma (« je suis Léa, Martin »)
    return f"{first} {surname}"


def _surname_last(name: str, text: str) -> str:
    """« MARTIN Léa »: a word written in capitals is the surname (French forms), put last."""
    words = name.split()
    capitals = [
        w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text) if len(w) > 1 and w.isupper()
    ]
    if len(words) < 2 or len(capitals) != 1 or len(capitals) == len(words):
        return name
    surname = next(
        (w for w in words if strip_accents(w.lower()) == strip_accents(capitals[0].lower())), None
    )
    if surname is None or words[-1] == surname:
        return name
    return " ".join([w for w in words if w != surname] + [surname])


def correction_core(text: str) -> str | None:
    """The name said in a correction, spelling hints dropped: « pardon, Jacob sans s »."""
    tokens = _tokens(text)
    split = _split_on_last_cue(tokens)
    said = split[1] if split else tokens
    return _extract(said, expecting=True) or _surname_with_particle(said)


_SAYING = frozenset({"c", "est", "ca", "s", "ecrit", "plutot", "donc"})


def _resembles_surname(name: str, surname: str) -> bool:
    """Whether a surname said with its particle spells the end of a name (« de Villiers » and
    « Hélène Devilliers »), spaces and accents aside."""
    said = strip_accents(surname.lower()).replace(" ", "")
    words = name.split()
    return any(
        fuzz.ratio(strip_accents("".join(words[-k:]).lower()), said) >= SIMILAR
        for k in range(1, len(words) + 1)
    )


def _surname_with_particle(tokens: list[Token]) -> str | None:
    """A surname corrected with its small particle, as written: « pardon, de Villiers en deux
    mots » (« de » opens no other answer: « je suis de Lyon », « de la part de… »)."""
    words = [t for t in tokens if _is_word(t) and t[1] not in DISCOURSE]
    while words and words[0][1] in _SAYING:  # « c'est de Villiers », « ça s'écrit de… »
        words = words[1:]
    if len(words) < 2 or words[0][1] not in SMALL_PARTICLES or not words[1][0][:1].isupper():
        return None
    run = [words[0]]
    for token in words[1:]:
        if not (_is_name_word(token) and token[0][:1].isupper()):
            break
        run.append(token)
    return _display(run) if _valid(run[1:]) else None


# The first word of a surname said with its particle (« de Villiers », « Le Goff »).
SURNAME_OPENERS = frozenset({"de", "du", "des", "d'", "le", "la", "van", "von", "di", "da", "del"})


def merge_name(previous: str | None, correction: str) -> str:
    """Apply a corrected name: one word replaces the most similar word of the previous name;
    a few words that resemble its last ones (a surname with its particle: « Le Goff » after
    « Maëva Le Goffe », « de Villiers » after « Hélène Devilliers ») replace them; as many
    words or more replace it all (« Marc Dupont » after « Jean Dupont »)."""
    new_words = correction.split()
    old_words = (previous or "").split()
    if not old_words:
        return correction
    if 1 < len(new_words) <= len(old_words) and new_words[0].lower() in SURNAME_OPENERS:
        # a surname said with its particle replaces the last words it spells, spaces aside
        said = strip_accents(correction.lower()).replace(" ", "")
        tails = {
            k: fuzz.ratio(strip_accents("".join(old_words[-k:]).lower()), said)
            for k in range(1, len(old_words))
        }
        last = max(tails, key=lambda k: (tails[k], -k))
        if tails[last] >= SIMILAR:
            return " ".join([*old_words[:-last], correction])
    if 1 < len(new_words) < len(old_words):
        said = strip_accents(correction.lower())
        tail = fuzz.ratio(strip_accents(" ".join(old_words[-len(new_words) :]).lower()), said)
        whole = fuzz.ratio(strip_accents(" ".join(old_words).lower()), said)
        if tail >= SIMILAR and tail > whole:
            return " ".join([*old_words[: -len(new_words)], correction])
        # « Jean-Paul Martin » after « Jean Paul Martin »: all of it, written otherwise
    if len(new_words) != 1:
        return correction
    scores = [
        fuzz.ratio(strip_accents(w.lower()), strip_accents(correction.lower())) for w in old_words
    ]
    best = max(range(len(old_words)), key=scores.__getitem__)
    index = best if scores[best] >= SIMILAR else len(old_words) - 1
    old_words[index] = correction
    return " ".join(old_words)


def is_correction(folded: str) -> bool:
    """Whether the caller corrects what they just said: « non pardon », « oups », or how a
    name is written (« non, Papadopoulos, avec un s à la fin », « Jacob sans s »): a
    spelling only ever fixes a name."""
    return CORRECTION.search(folded) is not None or SPELLING_HINT.search(folded) is not None


def surname_only(text: str, name: str | None) -> bool:
    """« madame Laurent », « M. Durand », « monsieur de Montalembert »: a civility and one
    word, with its particles, i.e. a surname alone."""
    if not name:
        return False
    words = strip_accents(name.casefold()).split()
    if len([w for w in words if w not in PARTICLES]) != 1:
        return False
    keys = [key for _, key in _tokens(text) if key not in ".,"]
    target = words[0]
    return any(
        key in CIVILITIES and following == target
        for key, following in zip(keys, keys[1:], strict=False)
    )


def complete_name(surname: str, answer: str) -> str:
    """The first name asked after a surname: « Claire » → « Claire Laurent », never doubled;
    an answer that holds the surname, or a compound of it (« Monique Lacombe-Dupuy » after
    « Lacombe »), is the whole name."""
    words = strip_accents(answer.casefold()).split()
    # (a compound first name, « Jean-Pierre » after « Pierre », holds no surname: only the last
    # word of a name of several is split on its hyphens)
    said = set(words[:-1]) | set(words[-1].split("-") if len(words) > 1 else words)
    if all(word in said for word in strip_accents(surname.casefold()).split()):
        return answer
    return f"{answer} {surname}"


# How a French surname sounds, roughly: spellings that sound alike meet (« Rousselle » and
# « Rouxel », « Obineau » and « Aubineau », « Moreaux » and « Moreau »).
_SOUNDS = (
    (re.compile(r"eau|au"), "o"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"qu|c(?=[aou])|ck"), "k"),
    (re.compile(r"c(?=[eiy])|x(?=.)"), "s"),
    (re.compile(r"h"), ""),
    (re.compile(r"y"), "i"),
    (re.compile(r"ai|ei"), "e"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(?<=.)[estxdz]+$"), ""),
)


def sounds(word: str) -> str:
    """A rough French phonetic key of a name word (lower case, no accents)."""
    key = strip_accents(word.casefold())
    for pattern, replacement in _SOUNDS:
        key = pattern.sub(replacement, key)
    return key
