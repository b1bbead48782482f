"""The reason for an appointment (« motif »), from what the caller said.

A motif the business listed wins (« détartrage »); otherwise the content words of the
request, accents kept: « il me faudrait une vidange, vous avez de la place ? » → « vidange ».
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from receptionist.lib.text import fold, strip_accents

MAX_WORDS = 8

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
    estce prends prend prenez prendrais prendrait reserve reserver fixer
    convenir obtenir organiser planifier
    sais sait savoir savais savez faites
    stp jvoudrai jvoudrais jveux jsuis jaimerais jpeux re rebonjour
    ah oh eh hum hmm dommage meme tant pis revoir accord ok okay
    """.split()
)
# Time is never a reason: months (and their abbreviations), parts and spans of the calendar.
TIME_WORDS = frozenset(
    """
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre janv
    fev fevr avr juil sept oct nov dec lun mar mer jeu ven sam dim apres-midi aprem aprems
    matinee soiree debut fin mi quinzaine mois annee vers environ partir entre jusqu jusque
    tard tard plutot ce cet semaines journees minuit quart demi demie pile quinze huit
    aujourd hui lendemain surlendemain prochains prochaines dernier derniere
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


def _not_motif(word: str, name_words: set[str]) -> bool:
    return (
        word in NOT_MOTIF
        or word in TIME_WORDS
        or word in ACTION_WORDS
        or word in name_words
        or len(word) < 2
        or TIME_TOKEN.match(word) is not None
    )


def extract_motif(text: str, *, known: Sequence[str] = (), name: str | None = None) -> str | None:
    """The motif the text states, or None when it only asks for an appointment."""
    folded = fold(text)
    listed = _known_motif(folded, known)
    if listed:
        return listed
    name_words = set(fold(name).split()) if name else set()
    text = _wish_sentence(text)
    kept = [FIRST_VISIT] if FIRST_BOOKING.search(text) else []
    spoken = OTHER_BOOKING.sub(" ", FIRST_BOOKING.sub(" ", CONNECTIVES.sub(" ", text)))
    for word in _WORD.findall(spoken):
        key = strip_accents(word.casefold()).strip("'-")
        parts = re.split(r"['-]", key)
        if TIME_TOKEN.match(key) or all(_not_motif(p, name_words) for p in parts):
            continue
        kept.append(word.lower())
    if not kept:
        return None
    return " ".join(kept[:MAX_WORDS])
