"""Yes or no, as French callers confirm or refuse.

The input is folded text (« c est », « d accord », « ca me va »):

>>> parse_yes_no("oui c est parfait merci")
True
>>> parse_yes_no("ca ne me va pas")
False
>>> parse_yes_no("euh je sais pas") is None
True
"""

from __future__ import annotations

import re


def _any(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b")


# Idioms that say yes with a negative word in them; removed before negation is looked for.
YES_IDIOMS = _any(
    r"pas de (?:souci|soucis|probleme|problemes)",
    r"aucun (?:souci|probleme)",
    r"sans (?:souci|probleme)",
    r"pourquoi pas",
    r"ca ne me derange pas",
    r"n importe (?:lequel|laquelle|quand)",
)
YES = _any(
    r"oui",
    r"ouais",
    r"ouep",
    r"ouaip",
    r"yes",
    r"ok(?:ay|e)?",
    r"d accord",
    r"dac",
    r"d ac",
    # acceptance: « je veux bien », « c'est validé », « on fait comme ça », « on part là-dessus »
    r"je veux bien(?= merci\b| oui\b|$)",
    r"c est valide",
    r"^valide",
    r"on (?:fait|part sur) (?:comme )?ca",
    r"on part (?:la dessus|sur ca)",
    r"c est (?:bon|ca|correct|parfait|exact|juste|nickel|super|top|ok)",
    # « c'est bien ça », « c'est tout bon », « c'est bien moi »
    r"c est (?:bien|tout) (?:ca|bon|cela|moi|lui|elle|exact|juste|correct)",
    r"parfait",
    r"tres bien",
    r"exact(?:ement)?",
    r"tout a fait",
    r"absolument",
    r"bien (?:sur|entendu)",
    r"volontiers",
    r"avec plaisir",
    r"je (?:le )?(?:confirme|valide)",
    r"confirme",
    r"ca (?:me )?(?:marche|va|convient)",
    r"ca m arrange",
    r"ca (?:me )?semble (?:bien|bon|parfait)",
    r"va pour ca",
    r"allez y",
    r"vas y",
    r"go",
    r"carrement",
    r"impeccable",
    r"nickel",
    r"entendu",
    r"affirmatif",
    r"evidemment",
    r"^si",
    r"banco",
    r"ca roule",
    # an interjection opening the answer, not an adverb (« il est super calme », « j'ai super
    # mal »)
    r"(?:^|(?<=\boui )|(?<=\bouais )|(?<=\bah )|(?<=\bok )|(?<=\bc est )|(?<=\bmerci ))super",
    r"genial",
    r"top",
)
NO = _any(
    r"non",
    r"nan",
    r"nope",
    r"no",
    r"pas du tout",
    r"surtout pas",
    r"jamais",
    r"pas vraiment",
    r"annul(?:ez|er|e)",
    r"laisse[zr]? tomber",
    r"tant pis",
    r"je (?:ne )?(?:veux|souhaite) (?:plus|pas)",
    r"pas (?:ca|bon|correct|exact|juste|d accord|ok|le bon|la bonne)",
    r"pas (?:possible|dispo|disponible|libre)",
    r"(?:ne )?(?:me )?(?:va|convient|marche|arrange) pas",
    r"je (?:ne )?(?:peux|pourrai|confirme) pas",
    # « je pense pas », « j'crois pas »: the speaker's doubt is a no
    r"(?:je|j) (?:ne |n )?(?:pense|crois) pas(?: non| merci)?$",
    r"negatif",
    r"faux",
    r"incorrect",
)
# « pas », « ne … plus », « jamais » turn a yes phrase into a no: « c est pas bon ».
NEGATION = re.compile(r"\bpas\b|\bjamais\b|\bn(?:e)?\b(?:\s+\w+){0,3}?\s+(?:plus|point|rien)\b")
UNSURE = _any(
    r"peut etre",
    r"je (?:ne )?sais (?:pas|plus)",
    r"sais pas",
    r"j sais pas",
    r"chais pas",
    r"aucune idee",
    r"je (?:vais|dois) (?:reflechir|voir|verifier)",
    r"je reflechis",
    r"j hesite",
    r"bof",
    r"pas sur",
    r"pas certain",
    r"ca depend",
    r"on verra",
)
QUESTION = _any(
    r"combien", r"pourquoi", r"comment", r"quand", r"quel(?:le)?s?", r"est ce que", r"qu est ce"
)
# When the agent asks « Je l'annule ? », the caller's order to cancel is the yes: « oui,
# annulez-le », « vas-y annule », « vous pouvez l'annuler ». Elsewhere « annulez » refuses what
# was read back (a booking, a move).
CANCEL_ORDER = _any(
    # (not the participle: « j'ai déjà annulé »)
    r"(?<!\bai )(?<!\ba )(?<!\bdeja )(?<!\bavez )(?<!\bete )annul(?:ez|e)(?: le| la)?",
    r"(?:vous pouvez|tu peux|je veux|je voudrais|je souhaite) (?:bien )?(?:l )?annuler",
    r"on (?:l )?annule",
)
CANCEL_WORD = _any(r"annul\w*")
# An order to cancel another one than the one read back (« annulez plutôt celui de jeudi »):
# no answer to « Je l'annule ? ».
CANCEL_ANOTHER = _any(
    r"annul\w* (?:plutot |donc |alors )?(?:celui|celle|ceux|celles|l autre|les deux|le rendez vous de"
    r"|le rdv de|la seance de|celui de|celle de)"
)
STRONG_YES = _any(r"oui", r"ouais", r"ouep", r"yes", r"^si")
STRONG_NO = _any(r"non", r"nan", r"nope", r"no")


def parse_yes_no(folded: str, *, confirming_cancel: bool = False) -> bool | None:
    """True for yes, False for no, None when unsure, mixed or unrelated.

    `confirming_cancel`: the agent asked whether to cancel, so an order to cancel says yes
    (« oui annulez-le »), and « n'annulez pas » no.
    """
    if UNSURE.search(folded) or (STRONG_YES.search(folded) and STRONG_NO.search(folded)):
        return None
    said_yes = bool(YES_IDIOMS.search(folded))
    rest = YES_IDIOMS.sub(" ", folded)
    if confirming_cancel and CANCEL_ANOTHER.search(rest):
        return None
    if confirming_cancel and CANCEL_ORDER.search(rest):
        said_yes = True
        rest = CANCEL_ORDER.sub(" ", rest)
    if confirming_cancel:
        rest = CANCEL_WORD.sub(" ", rest)  # cancelling said otherwise refuses nothing
    said_yes = said_yes or bool(YES.search(rest))
    if NO.search(rest):
        return None if STRONG_YES.search(rest) else False
    if NEGATION.search(rest):
        return False if said_yes else None
    if said_yes and QUESTION.search(rest) and not STRONG_YES.search(rest):
        return None
    return True if said_yes else None
