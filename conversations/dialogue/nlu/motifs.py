"""The reason for an appointment (« motif »), from what the caller said.

A motif the business listed wins (« détartrage »); otherwise the content words of the
request, accents kept: « il me faudrait une vidange, vous avez de la place ? » → « vidange ».
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from rapidfuzz import fuzz

from receptionist.lib.text import fold, strip_accents

# A motif is a phrase or two of the caller's, at most this many words in all.
MAX_WORDS = 12

# Words that carry the request, the greeting, time or politeness rather than the reason, and
# the hedges around it (« je ne sais pas si vous faites ça, mais… »).
NOT_MOTIF = frozenset(
    """
    a ai aie al allo alors as au aujourd aurais auriez aussi aux avec avez avoir avant apres bah
    ben besoin bien bientot bon bonjour bonsoir c ca car ce cela celle celui ces cet cette chez
    coucou creneau creneaux d dans de demain des dire dispo disponibilite disponibilites dois
    doit donc du elle en encore est et etre euh faire faudrait faut fois g hello hein ici il ils
    j je jour journee l la le les leur lui m ma madame mademoiselle mais me merci mes midi moi
    mon monsieur n ne nous on ou oui ouais par pas passer peu peut peux place plait plus
    possible pour pourrais pourriez pouvez prendre prochain prochaine qu que quel quelle qui rdv
    rendez reservation reserver s sa salut se semaine ses si slt soir souhaite souhaiterais
    souhaitez sur svp t ta te tes toi ton tot tout tres trouver tu un une urgent venir voir
    voudrais voudrait voulais voulez vous vraiment y matin aprem lundi mardi mercredi jeudi
    vendredi samedi dimanche heure heures h quand fasse passe caler programmer pouvoir trou
    estce prends prend prenez prendrais prendrait reserve reserver fixer aimerais aimerait
    aimerions cherche cherchons recherche
    convenir obtenir organiser planifier
    sais sait savoir savais savez faites
    stp jvoudrai jvoudrais jveux jsuis jaimerais jpeux re rebonjour
    ah oh eh hum hmm dommage meme tant pis revoir accord ok okay non nan bjr bsr cc
    """.split()
)
# Time is never a reason: months (and their abbreviations), parts and spans of the calendar.
TIME_WORDS = frozenset(
    """
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre janv
    fev fevr avr juil sept oct nov dec lun mar mer jeu ven sam dim apres-midi aprem aprems
    matinee soiree debut fin mi quinzaine mois annee vers environ partir entre jusqu jusque
    tard tard plutot ce cet semaines journees minuit quart demi demie pile quinze huit
    aujourd hui lendemain surlendemain prochains prochaines dernier derniere hier jours annees ans
    """.split()
)
# « 16h », « 14h30 », « 9:15 », « 1er », « 3e »: clock times and ordinals.
TIME_TOKEN = re.compile(r"^(\d{1,2}(h|:)\d{0,2}|\d{1,2}(er|e|eme|ieme)|\d+)$")
# Asking to move or cancel is not a reason to come (« bouger », « changer » alone).
ACTION_WORDS = frozenset(
    "annuler annule decaler decale deplacer deplace bouger changer modifier reporter repousser "
    "avancer reculer retarder enlever supprimer".split()
)
# Discourse connectives carry the flow of speech, not its content: « du coup je voudrais un
# rendez-vous pour lui » has no motif.
CONNECTIVES = re.compile(
    r"\b(?:du coup|en fait|en gros|au fait|par contre|en tout cas|de toute fa[cç]on|c'est[- ]à[- ]dire"
    r"|à vrai dire|d'ailleurs|bref|genre|voilà|voila|quoi|écoutez|ecoutez|dites|tiens"
    r"|justement|finalement|effectivement|sinon)\b",
    re.IGNORECASE,
)
# A word qualifying the appointment itself says which one, not why: « un autre rendez-vous »,
# « un petit rdv » have no motif. A first one is a reason of its own (a first visit, a
# first assessment): « un premier rendez-vous » is that motif, whole.
BOOKING_NOUN = r"(?:rendez-vous|rendez vous|rdv)\b"
FIRST_BOOKING = re.compile(r"\b(?:premier|première|premiere|1er)\s+" + BOOKING_NOUN, re.IGNORECASE)
OTHER_BOOKING = re.compile(
    r"\b(?:nouveau|nouvel|autre|petit|deuxième|deuxieme|second|seconde|2e|2ème)\s+" + BOOKING_NOUN,
    re.IGNORECASE,
)
FIRST_VISIT = "premier rendez-vous"
_WORD = re.compile(r"[\w'-]+", re.UNICODE)
# Punctuation ends a phrase: « une vidange, vous avez de la place ? » says « une vidange ».
CLAUSE = re.compile(r"[^,;:.!?()\[\]«»\"/]+")
# Words that hold a phrase together without saying anything of their own (articles,
# prepositions, pronouns, auxiliaries, the commonest verbs): kept between two words that do,
# « couper les griffes de mon chat », never at a phrase's edge.
GLUE_WORDS = frozenset(
    """
    a ai as au aux avec avez avoir avons c ca ce cela ces cet cette chez d dans de depuis des du
    elle elles en es est et etre eu faire fait il ils j je l la le les leur leurs lui m ma me
    mes moi mon n ne nos notre nous on ont ou par pas peu plus pour qu que qui s sa se ses si jai
    son sont suis sur sous t ta te tes toi ton tout toute tous toutes tu un une vos votre vous
    y voir venir passer aussi encore bien tres trop meme sans peut peux pouvez pourrait pourrais
    quand
    """.split()
)
# A subject pronoun may open a phrase: « je me suis fait mal au dos », « elle tire à gauche »,
# « ça coule »; so may a negation, which the phrase must keep (« ne peut plus marcher »).
SUBJECTS = frozenset("j je jai il elle ils elles on ca ne n".split())
# A count may open a phrase, never end it: « quatre pneus », not « depuis deux » of « depuis
# deux mois ».
NUMBER_WORDS = frozenset(
    "deux trois quatre cinq six neuf dix onze douze treize quatorze seize vingt trente "
    "quarante cinquante soixante cent cents mille".split()
)
# In a message of several sentences, the one saying what is wished carries the reason; the
# others introduce the caller or tell a story: « c'est ma fille qui m'a montré comment vous
# écrire. Je voudrais faire toiletter mon petit chien » is about the grooming.
SENTENCE = re.compile(r"[^.!?;]+")
WISH = re.compile(
    r"\b(?:je voudrais|je voulais|j aimerais|je souhaite|je souhaiterais|il me faut|il me faudrait"
    r"|j ai besoin|c est pour|ce serait pour|je viens pour|j appelle pour|je vous appelle pour"
    r"|je vous ecris pour)\b"
)


def _wish_sentence(text: str) -> str:
    """The sentence of `text` saying what is wished, when it has several and one does."""
    sentences = [s for s in SENTENCE.findall(text) if s.strip()]
    if len(sentences) < 2:
        return text
    return next((s for s in sentences if WISH.search(fold(s))), text)


def _known_motif(folded: str, known: Sequence[str]) -> str | None:
    best, best_score = None, 0.0
    for motif in known:
        score = fuzz.partial_ratio(fold(motif), folded)
        if score > best_score:
            best, best_score = motif, score
    return best if best_score >= 90 else None


class _Kind(Enum):
    """What a word does in a phrase."""

    CONTENT = "says something"
    GLUE = "holds a phrase together, inside it only"
    SUBJECT = "a subject pronoun or a negation: may open a phrase"
    NUMBER = "a count: may open a phrase (« quatre pneus »), never close one"
    BREAK = "the request, a greeting, a time: a phrase stops there"


def _kind(token: str, name_words: set[str]) -> _Kind:
    """What `token` does in a phrase."""
    key = strip_accents(token.casefold()).strip("'-")
    if not key or TIME_TOKEN.match(key):
        return _Kind.NUMBER if key.isdigit() else _Kind.BREAK
    parts = [part for part in re.split(r"['-]", key) if part]
    if any(_breaks(part, name_words) for part in parts):
        return _Kind.BREAK
    if all(part in GLUE_WORDS for part in parts):
        return _Kind.SUBJECT if parts[0] in SUBJECTS else _Kind.GLUE
    if len(parts) == 1 and parts[0] in NUMBER_WORDS:
        return _Kind.NUMBER
    return _Kind.CONTENT


def _breaks(part: str, name_words: set[str]) -> bool:
    return (
        part in TIME_WORDS
        or part in ACTION_WORDS
        or part in name_words
        or (part in NOT_MOTIF and part not in GLUE_WORDS)
        or TIME_TOKEN.match(part) is not None
    )


def _phrases(text: str, name_words: set[str]) -> list[list[str]]:
    """The runs of words that say something, each as spoken: from a content word (or a
    count, or a subject pronoun before one) to a content word, the words between them kept."""
    found: list[list[str]] = []
    for clause in CLAUSE.findall(text):
        words = _WORD.findall(clause)
        kinds = [_kind(word, name_words) for word in words]
        run: list[int] = []
        for i, kind in enumerate([*kinds, _Kind.BREAK]):
            if kind == _Kind.BREAK:
                content = [j for j in run if kinds[j] == _Kind.CONTENT]
                if content:
                    first = next(
                        j for j in run if kinds[j] in (_Kind.CONTENT, _Kind.NUMBER, _Kind.SUBJECT)
                    )
                    found.append([w.lower() for w in words[first : content[-1] + 1]])
                run = []
            else:
                run.append(i)
    return found


def _cut(phrase: list[str], name_words: set[str]) -> list[str]:
    """At most MAX_WORDS words, still ending on a word that says something; a phrase whose
    opening words say nothing (« on est deux ou trois ou quatre à avoir eu le même souci… »)
    starts at its first word that does (a phrase always holds one)."""
    cut = phrase[:MAX_WORDS]
    while cut and _kind(cut[-1], name_words) != _Kind.CONTENT:
        cut.pop()
    if cut:
        return cut
    first = next(i for i, w in enumerate(phrase) if _kind(w, name_words) == _Kind.CONTENT)
    return _cut(phrase[first:], name_words)


def content_words(motif: str) -> int:
    """How many words of a motif say the need (not its glue): « dent qui me lance » is two."""
    return sum(_kind(word, set()) == _Kind.CONTENT for word in _WORD.findall(motif))


def extract_motif(text: str, *, known: Sequence[str] = (), name: str | None = None) -> str | None:
    """The motif the text states, in the caller's words, or None when it only asks for an
    appointment: « je me suis fait mal au dos en portant des cartons, vous pourriez me
    prendre ? » → « je me suis fait mal au dos en portant des cartons »."""
    folded = fold(text)
    listed = _known_motif(folded, known)
    if listed:
        return listed
    name_words = set(fold(name).split()) if name else set()
    text = _wish_sentence(text)
    kept = [FIRST_VISIT] if FIRST_BOOKING.search(text) else []
    spoken = OTHER_BOOKING.sub(" , ", FIRST_BOOKING.sub(" , ", CONNECTIVES.sub(" , ", text)))
    words = 0
    for phrase in _phrases(spoken, name_words):
        if words and words + len(phrase) > MAX_WORDS:
            break
        cut = _cut(phrase, name_words)
        kept.append(" ".join(cut))
        words += len(cut)
    if not kept:
        return None
    return ", ".join(kept)
