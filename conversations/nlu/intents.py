"""What the caller wants, from folded text. Rules are data: one table per decision."""

from __future__ import annotations

import re
from enum import StrEnum


class Intent(StrEnum):
    BOOKING = "BOOKING"
    CANCEL = "CANCEL"
    MODIFY = "MODIFY"
    FAQ = "FAQ"
    TRANSFER = "TRANSFER"
    EMERGENCY = "EMERGENCY"
    GOODBYE = "GOODBYE"
    UNKNOWN = "UNKNOWN"


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_APPT = r"(rdv|rendez vous|rendezvous|rv|creneau|reservation|consultation|seance|visite)"
_VISIT_VERB = r"(passer|venir|deposer|amener|emmener)"
_DETERMINER = r"(mon|ma|mes|le|la|les|l|un|une|du|des|son|sa|ses|votre|vos|ce|cette)"

EMERGENCY = _rx(
    r"\b(fumee|flammes?|feu|incendie|explos\w*|brule)\b",
    r"\b(saigne\w*|hemorragie|inconscient\w*|evanoui\w*|malaise|convuls\w*)\b",
    r"\b(respire plus|n arrive plus a respirer|etouffe\w*|crise cardiaque|douleur (a la|dans la) poitrine)\b",
    r"\b(avc|samu|pompiers|au secours|a l aide|en danger|danger de mort)\b",
    r"\b(en panne|bloque\w*|arrete\w*|immobilise\w*)\b.*\b(autoroute|voie rapide|periph\w*|bande d arret)\b",
    r"\b(autoroute|voie rapide|bande d arret)\b.*\b(en panne|bloque\w*|enfants?|bebe)\b",
    r"\bc est (tres )?(grave|urgent) (il|elle) (faut|saigne)\b",
)

HUMAN = _rx(
    r"\b(parler|discuter|avoir)\b.{0,12}\b(a|au|avec) (un|une|quelqu un|le|la|l|votre|vos|"
    r"des|du)?\s?(vrai|vraie)?\s?(humain|personne|conseill\w*|secretaire|docteur|medecin|"
    r"dentiste|responsable|chef|patron\w*|garagiste|mecanicien|coiffeu\w*|quelqu un|standard|"
    r"operat\w*|gerant\w*|equipe|accueil|employe|agent|vrai)\b",
    r"\b(un|une) (vrai |vraie )?(humain|personne reelle|vraie personne|etre humain)\b",
    r"\b(passez|passe|passer|mettez|mets|transferez|transfere)(z)? moi\b",
    r"\bmettre en relation\b|\ben relation avec\b",
    r"\b(je veux|je voudrais|je souhaite) parler\b",
    r"\bpas (a )?un (robot|automate|ordinateur)\b|\barrete (le|ton) robot\b",
)

CANCEL = _rx(
    r"\b(annul\w*|decommand\w*|desist\w*)\b",
    r"\b(ne pourrai|ne pourrais|ne peux|peux|pourrai) (plus |pas )(venir|passer|etre la|me deplacer|y aller)\b",
    r"\b(supprim\w*|retir\w*) (mon|le|ma) " + _APPT,
)

MODIFY = _rx(
    r"\b(deplacer|deplace|decaler|decale|reporter|reporte|repousser|repousse|modifier|modifie)\b",
    r"\b(le|la|l) (bouger|changer|avancer)\b",
    r"\b(changer|change|avancer|avance)\b.{0,20}\b(" + _APPT[1:-1] + r"|date|heure|horaire|jour)\b",
    r"\b(mon|le) "
    + _APPT
    + r"\b.{0,25}\b(ne (me )?va plus|ne (me )?convient plus|tombe mal|pose probleme)\b",
    r"\b(trouver|avoir|prendre) un autre (" + _APPT[1:-1] + r"|horaire|jour|moment)\b",
)

BOOKING_STRONG = _rx(
    r"\b" + _APPT + r"\b",
    r"\b(reserv\w*|disponibilit\w*|de la place|une place|un trou|dispo)\b",
    r"\b" + _VISIT_VERB + r"\b(?! " + _DETERMINER + r"\b)",
    r"\bprendre (un |une )?(rdv|rendez vous|rendezvous|rv)\b",
)

BOOKING_WEAK = _rx(
    r"\b(il me faudrait|il me faut|j ai besoin|j aurais besoin|faudrait|faut que|il faut que)\b",
    r"\b(je voudrais|je voudrai|je souhaite|je souhaiterais|j aimerais|je veux|voudrais)\b",
    r"^(bonjour |allo |oui |salut |slt |bonsoir |ouais )*c est pour\b",
    r"\b(faire|caler|programmer|planifier) (un|une|la|le|les|des|l|mon|ma|mes)\b",
    r"\bil (me |nous )?faut \w+(er|ir|re)\b",
)

INFO_QUESTION = _rx(
    r"\b(combien|prix|tarifs?|couts?|coute\w*|gratuit\w*|payant\w*|rembours\w*)\b",
    r"\b(horaires?|ouvert\w*|ferme\w*|ouvre\w*|adresse|situe\w*|acces\w*|parking)\b",
    r"\b(comment|pourquoi|jusqu a quand|a quelle heure|quel|quelle|quels|quelles)\b",
    r"\b(est ce que vous|est ce qu on|vous faites|vous acceptez|vous prenez|y a t il|il y a)\b",
    r"\b(si je|si j|si on|c est grave|je voudrais savoir|je voulais savoir|renseignement|"
    r"information|question)\b",
)

# Spoken questions carry no « ? »: « vous prêtez une voiture », « est-ce que », « on peut… ».
SPOKEN_QUESTION = _rx(
    r"^(et |mais |sinon |au fait |d ailleurs |euh )?vous (?!(n|ne|pouvez noter|le|la|les)\b)\w+",
    r"\best ce qu|\by a t il\b|\bc est (gratuit|payant|combien|ou|quand|possible|cher)\b",
    r"^(et )?(je|on) (peux|peut|pourrais|pourrait|dois|doit)\b",
)

GOODBYE = _rx(
    r"^(non )?(merci )?(c est tout|ce sera tout|rien d autre|au revoir|bonne journee|"
    r"bonne soiree|a bientot|salut)( merci)?( au revoir| bonne journee)?$",
    r"^(non )?merci( beaucoup| bien)?( au revoir| bonne journee| c est tout)?$",
    r"^non (merci|ca ira|c est bon)$",
)

MENU = {
    1: _rx(
        r"^(1|un|le 1|le un|premier|le premier|prendre\b.*)$",
        r"\bprendre (un )?(rdv|rendez vous)\b",
    ),
    2: _rx(r"^(2|deux|le 2|le deux|deuxieme|le deuxieme)$", r"\bannul\w*"),
    3: _rx(
        r"^(3|trois|le 3|le trois|troisieme|le troisieme)$", r"\b(deplac\w*|modifi\w*|decal\w*)"
    ),
    4: _rx(r"^(4|quatre|le 4|le quatre|quatrieme|le quatrieme)$", r"\b(parler|humain|personne)\b"),
}
MENU_INTENTS = {1: Intent.BOOKING, 2: Intent.CANCEL, 3: Intent.MODIFY, 4: Intent.TRANSFER}


def is_emergency(folded: str) -> bool:
    return bool(EMERGENCY.search(folded))


def wants_human(folded: str) -> bool:
    return bool(HUMAN.search(folded))


def is_info_question(raw: str, folded: str) -> bool:
    return "?" in raw or bool(INFO_QUESTION.search(folded) or SPOKEN_QUESTION.search(folded))


def asks_information(folded: str) -> bool:
    """A question about the business (price, hours, place…) rather than a request to come."""
    return bool(INFO_QUESTION.search(folded))


def is_firm_booking(folded: str) -> bool:
    """An explicit request for a visit (« un créneau », « je peux passer », « de la place »)."""
    return bool(BOOKING_STRONG.search(folded))


def is_goodbye(folded: str) -> bool:
    return bool(GOODBYE.search(folded))


def detect_intent(folded: str) -> Intent | None:
    """The request the text makes, if any (emergency and handover first)."""
    if is_emergency(folded):
        return Intent.EMERGENCY
    if wants_human(folded):
        return Intent.TRANSFER
    if CANCEL.search(folded):
        return Intent.CANCEL
    if MODIFY.search(folded):
        return Intent.MODIFY
    if BOOKING_STRONG.search(folded) or BOOKING_WEAK.search(folded):
        return Intent.BOOKING
    return None


def menu_choice(folded: str) -> Intent | None:
    """The 1/2/3/4 menu of the anti-loop router."""
    for number, pattern in MENU.items():
        if pattern.search(folded):
            return MENU_INTENTS[number]
    return None
