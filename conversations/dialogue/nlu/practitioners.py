"""Which practitioner the caller asks for: one by name, a kind (« le dentiste »), anyone, or
« le même que d'habitude ».

Pure, over the business's practitioners as plain data. Names come as people say them and as
speech recognition writes them: accents, case, a title or not (« docteur », « Dr », « madame »),
the family name alone, and misspelt (compared on a rough French sound key as well as on the
letters). A name after « avec », « chez » or a doctor's title that matches no one is kept as
unknown, to be said back with the choices; a title alone (« madame Laurent ») may be the
caller's own name, and counts only when it matches a practitioner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from receptionist.lib.text import fold

# « docteur » and its forms are never a caller's civility; « madame », « monsieur » may be.
DOCTOR_TITLES = frozenset(
    {"docteur", "docteure", "doctoresse", "dr", "drs", "doc", "professeur", "pr"}
)
CIVILITIES = frozenset({"madame", "monsieur", "mme", "mr", "m", "mlle", "mademoiselle", "maitre"})
# Words that introduce whom the appointment is with.
CUES = frozenset({"avec", "chez", "voir", "consulter", "aupres"})
ARTICLES = frozenset({"le", "la", "l", "les", "un", "une", "mon", "ma", "du", "de", "des", "d"})
# What follows a name and ends it.
STOP = frozenset(
    """
    pour et ou a au aux en le la les un une de du des d que qui si car mais donc svp s il plait
    lundi mardi mercredi jeudi vendredi samedi dimanche demain aujourd hui matin soir apres midi
    semaine prochaine prochain c est ce cette je j vous nous merci bonjour oui non
    """.split()
)
ANYONE = re.compile(
    r"\b(n importe (qui|lequel|laquelle|quel|quelle)|peu importe|pas de preference"
    r"|aucune preference|indifferent|qui vous voulez|celui qui est (dispo|libre)"
    r"|le premier (dispo|disponible|libre)|la premiere (dispo|disponible|libre)"
    r"|quelqu un de (dispo|disponible|libre)|tout le monde|ca m est egal|c est egal)\b"
)
# « le même (médecin) que d'habitude / que la dernière fois », « comme d'habitude », « mon
# médecin habituel ». « le même jour », « d'habitude je viens le mardi » are not about whom.
SAME = re.compile(
    r"\b(?:comme d habitude|habituel(?:le)?|(?:le|la) meme(?: \w+){0,2} (?:que|qu)"
    r" (?:d habitude|la derniere fois|l an dernier|l annee derniere|avant))\b"
)


@dataclass(frozen=True)
class Staff:
    """A practitioner as the dialogue knows it."""

    key: str
    name: str  # « Dr Hélène Carrère »
    spoken: str = ""  # « le docteur Carrère »
    kind: str = ""  # « médecin »
    # The business's motifs it handles (their names); None: every motif.
    motifs: frozenset[str] | None = None

    @property
    def said(self) -> str:
        return self.spoken or self.name

    def plain(self) -> str:
        """The display name without its title: « helene carrere »."""
        return " ".join(w for w in fold(self.name).split() if w not in DOCTOR_TITLES | CIVILITIES)

    def family(self) -> str:
        """The family name: the display name's words after any title and first name."""
        words = self.plain().split()
        return " ".join(words[1:]) if len(words) > 1 else " ".join(words)


@dataclass(frozen=True)
class Mention:
    key: str = ""
    kind: str = ""
    anyone: bool = False
    same_as_last: bool = False
    unknown: str = ""
    # The words that said it, to keep out of the motif.
    span: str = ""


def sound(word: str) -> str:
    """A rough French sound key: « Carrère », « carer », « karère » → the same key."""
    key = fold(word).replace(" ", "")
    for written, heard in (
        ("ph", "f"), ("qu", "k"), ("gu", "g"), ("ck", "k"), ("ch", "sh"), ("c", "k"),
        ("y", "i"), ("w", "v"), ("h", ""), ("ee", "e"), ("ai", "e"), ("ei", "e"), ("eau", "o"),
        ("au", "o"), ("en", "an"), ("em", "an"), ("am", "an"), ("z", "s"), ("x", "ks"),
    ):  # fmt: skip
        key = key.replace(written, heard)
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters
    return re.sub(r"[estdx]+$", "", key) or key  # silent endings


def _similar(said: str, known: str) -> float:
    if not said or not known:
        return 0.0
    return max(fuzz.ratio(said, known), fuzz.ratio(sound(said), sound(known)))


def _kind_stem(word: str) -> str:
    """« coiffeuse », « coiffeurs », « coiffeur » → « coiffeu »; « médecins » → « medecin »."""
    word = fold(word)
    for ending, root in (("euses", "eu"), ("euse", "eu"), ("eurs", "eu"), ("eur", "eu"),
                         ("iennes", "ien"), ("ienne", "ien"), ("iens", "ien"), ("es", ""), ("e", ""),
                         ("s", "")):  # fmt: skip
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: len(word) - len(ending)] + root
    return word


def _kind(words: list[str], staff: Sequence[Staff]) -> str:
    kinds = {member.kind for member in staff if member.kind}
    stems = {_kind_stem(w) for w in words}
    for kind in sorted(kinds):
        if _kind_stem(kind) in stems:
            return kind
    return ""


def _named(words: list[str], staff: Sequence[Staff]) -> str:
    """The practitioner whose family (or whole) name these words say, if one clearly does."""
    said = " ".join(words)
    scored = []
    for member in staff:
        plain = member.plain()
        score = max(_similar(said, member.family()), _similar(said, plain))
        if len(words) == 1:  # one word: the family name, or a first name
            score = max(score, *(_similar(said, word) for word in plain.split()))
        scored.append((score, member.key))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < 80:
        return ""
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 5:
        return ""  # two alike: not clear
    return scored[0][1]


def _after(words: list[str], start: int) -> list[str]:
    """The name-like words from `start`: articles skipped, up to a stop word (three at most)."""
    taken: list[str] = []
    for word in words[start:]:
        if word in ARTICLES and not taken:
            continue
        if word in STOP or word in CUES or len(taken) == 3:
            break
        taken.append(word)
    return taken


def read_practitioner(text: str, staff: Sequence[Staff]) -> Mention | None:
    """What the caller says about whom the appointment is with, or None."""
    if not staff:
        return None
    folded = fold(text)
    words = re.findall(r"[a-z0-9]+", folded)
    anyone = ANYONE.search(folded)
    if anyone:
        # « un médecin, peu importe lequel », « n'importe quel dentiste »: anyone of a kind.
        kind = _kind(words, staff)
        return Mention(kind=kind, span=kind) if kind else Mention(anyone=True, span=anyone.group())
    # « le même médecin que d'habitude »: the last one, whatever kind it names.
    same = SAME.search(folded)
    if same:
        return Mention(same_as_last=True, span=same.group())
    # A doctor's title, a cue, or a civility after a cue: a name should follow.
    for n, word in enumerate(words):
        cue = word in CUES
        title = word in DOCTOR_TITLES
        civility = word in CIVILITIES
        if not (cue or title or civility):
            continue
        following = _after(words, n + 1)
        while following and following[0] in DOCTOR_TITLES | CIVILITIES:
            following = following[1:]
            title = True
        if not following:
            continue
        key = _named(following, staff)
        if key:
            return Mention(key=key, span=" ".join(words[n : n + 1 + len(following) + 2]))
        kind = _kind(following, staff)
        if kind:
            return Mention(kind=kind, span=" ".join(words[n : n + 1 + len(following)]))
        if title or (cue and n + 1 < len(words) and words[n + 1] in DOCTOR_TITLES | CIVILITIES):
            return Mention(unknown=" ".join(following).title(), span=" ".join(following))
    # Without a cue: a kind (« un rendez-vous chez le dentiste » is caught above; « pour le
    # dentiste », « le médecin ») or a whole display name.
    kind = _kind(words, staff)
    if kind:
        return Mention(kind=kind, span=kind)
    for member in staff:
        if fold(member.name) in folded or (member.spoken and fold(member.spoken) in folded):
            return Mention(key=member.key, span=fold(member.name))
    return None


def without(text: str, mention: Mention) -> str:
    """The text less the words that named the practitioner (and the cue before them)."""
    drop = (set(mention.span.split()) | CUES | DOCTOR_TITLES) - ARTICLES - STOP
    kept = [w for w in text.split() if not (set(re.findall(r"[a-z0-9]+", fold(w))) & drop)]
    return " ".join(kept)


def names_practitioner(name: str, mention: Mention) -> bool:
    """Whether a « name » read in the text is the practitioner's (« c'est la docteure
    Lambert » corrects whom the appointment is with, not the caller's name)."""
    words = set(re.findall(r"[a-z0-9]+", fold(name))) - ARTICLES - DOCTOR_TITLES
    return bool(words) and words <= set(mention.span.split())
