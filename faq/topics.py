"""What an FAQ entry is about, said back to the caller: « Vous souhaitez {topic} ? ».

The topic comes from the entry's own question by a few facts of French grammar, each a row of
TOPIC_RULES: an open question becomes « connaître » and its noun phrase, a yes/no question
« savoir si » and its clause. The agent speaks for the business and to the caller, so the
question's persons turn round: « vos horaires » are « nos horaires », « puis-je » is « vous
pouvez », « ma voiture » is « votre voiture ».

>>> faq_topic("Quels sont vos horaires ?")
'connaître nos horaires'
>>> faq_topic("Combien coûte une vidange ?")
"connaître le prix d'une vidange"
>>> faq_topic("Faites-vous la carrosserie ?")
'savoir si nous faisons la carrosserie'
"""

from __future__ import annotations

import re
from collections.abc import Callable

# « -vous » verbs whose « nous » form is not the « -ez » form with « -ons ».
NOUS_FORMS = {"faites": "faisons", "êtes": "sommes", "etes": "sommes", "dites": "disons"}
# « je » verbs whose « vous » form is not the « -e » form with « -ez ».
VOUS_FORMS = {
    "suis": "êtes",
    "ai": "avez",
    "vais": "allez",
    "peux": "pouvez",
    "puis": "pouvez",
    "dois": "devez",
    "veux": "voulez",
    "fais": "faites",
    "sais": "savez",
    "viens": "venez",
    "perds": "perdez",
    "prends": "prenez",
    "mets": "mettez",
    "reçois": "recevez",
}
# Possessives and pronouns of the caller (« ma voiture ») and of the business (« vos prix »),
# turned round in one pass so that neither is turned twice.
TURNED = {"votre": "notre", "vos": "nos", "ma": "votre", "mon": "votre", "mes": "vos", "me": "vous"}
_TURNED = re.compile(r"\b(" + "|".join(TURNED) + r")\b")
_VOWEL = "aeéèêhiouy"


def _de(phrase: str) -> str:
    """« de » before a noun phrase: « du garage », « des pneus », « d'une vidange »."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith(("les ", "des ")):
        return "des " + phrase[4:]
    return ("d'" if phrase[:1] in _VOWEL else "de ") + phrase


def _nous(verb: str) -> str:
    if verb in NOUS_FORMS:
        return NOUS_FORMS[verb]
    if not verb.endswith("ez"):
        return verb
    stem = verb[:-2]
    # « rechargeons », « commençons »: the sound of g and c is kept before « o »
    if stem.endswith("g"):
        return stem + "eons"
    if stem.endswith("c"):
        return stem[:-1] + "çons"
    return stem + "ons"


def _vous(verb: str) -> str:
    if verb in VOUS_FORMS:
        return VOUS_FORMS[verb]
    if verb.endswith("rai"):  # the future: « aurai », « pourrai » → « aurez », « pourrez »
        return verb[:-2] + "ez"
    return verb + "z" if verb.endswith("e") else verb


# Inverted questions said back as statements, the persons turned round, in this order.
STATEMENT_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"(?<![-\w])(?:je |j')(\S+)"), lambda m: f"vous {_vous(m[1])}"),
    (re.compile(r"\b(\S+)-je\b"), lambda m: f"vous {_vous(m[1])}"),
    (re.compile(r"\bvous (?!rendez-)(\S+)-vous\b"), lambda m: f"nous nous {_nous(m[1])}"),
    (re.compile(r"\b(?!rendez-)(\S+)-vous\b"), lambda m: f"nous {_nous(m[1])}"),
    (re.compile(r"\b(\S+)-on\b"), lambda m: f"on {m[1]}"),
    # A clause opening on its verb (or on « et » or a question word) has no other subject:
    # the pronoun stays (« faut-il un passeport » → « il faut un passeport »); after a subject
    # it repeats it and goes (« le devis est-il gratuit » → « le devis est gratuit »).
    (
        re.compile(
            r"(^|\b(?:et|quand|où|comment|pourquoi|combien de temps|combien) )"
            r"(\S+?)-(?:t-)?(il|elle|ils|elles)\b"
        ),
        lambda m: f"{m[1]}{m[3]} {m[2]}",
    ),
    (re.compile(r"\b(\S+?)-(?:t-)?(il|elle|ils|elles)\b"), lambda m: m[1]),
)


def _statement(clause: str) -> str:
    for pattern, build in STATEMENT_RULES:
        clause = pattern.sub(build, clause)
    return clause


def _ce_que(clause: str) -> str:
    """« ce que » before a clause: « ce que nous proposons », « ce qu'il faut apporter »."""
    clause = _statement(clause)
    return ("ce qu'" if clause[:1] in _VOWEL else "ce que ") + clause


def _si(clause: str) -> str:
    """« si » before a clause: « si vous gardez … », « s'il y a … »."""
    clause = _statement(clause)
    return ("s'" if clause.startswith(("il ", "ils ")) else "si ") + clause


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

TOPIC_RULES: tuple[Rule, ...] = (
    # « Quels sont les horaires du salon » → « connaître les horaires du salon »
    (re.compile(r"^quel(?:le)?s? (?:est|sont) (.+)$"), lambda m: f"connaître {m[1]}"),
    # « Combien coûte une coupe » → « connaître le prix d'une coupe »
    (
        re.compile(r"^combien (?:co[uû]tent|co[uû]te) (.+)$"),
        lambda m: f"connaître le prix {_de(m[1])}",
    ),
    # « Quels moyens de paiement acceptez-vous » → « connaître les moyens de paiement que
    # nous acceptons »
    (
        re.compile(r"^(quel(?:le)?s?) (.+?) (\S+ez)-vous(.*)$"),
        lambda m: (
            f"connaître {'les' if m[1].endswith('s') else 'le'} {m[2]} que nous {_nous(m[3])}{m[4]}"
        ),
    ),
    # « Que se passe-t-il si … » → « savoir ce qui se passe si … »
    (re.compile(r"^que se passe-t-il(.*)$"), lambda m: f"savoir ce qui se passe{_statement(m[1])}"),
    # « Qu'est-ce que je dois apporter » → « savoir ce que vous devez apporter »
    (re.compile(r"^qu'est-ce qu(?:e |')(.+)$"), lambda m: f"savoir {_ce_que(m[1])}"),
    # « Que faut-il apporter », « Que proposez-vous » → « savoir ce qu'il faut apporter »,
    # « savoir ce que nous proposons » (« que » object of an inverted verb)
    (
        re.compile(r"^(?:que |qu')(\S+-(?:je|on|vous|t-il|t-elle|il|elle|ils|elles)\b.*)$"),
        lambda m: f"savoir {_ce_que(m[1])}",
    ),
    # « Que faire si … » → « savoir quoi faire si … »
    (re.compile(r"^que faire(.*)$"), lambda m: f"savoir quoi faire{_statement(m[1])}"),
    # « Quand l'atelier est-il ouvert » → « savoir quand l'atelier est ouvert »
    (
        re.compile(r"^(combien de temps|combien|comment|quand|où|pourquoi)\b(.*)$"),
        lambda m: f"savoir {_statement(m[1] + m[2])}",
    ),
    # « Y a-t-il un parking » → « savoir s'il y a un parking »
    (re.compile(r"^y a-t-il (.+)$"), lambda m: f"savoir s'il y a {m[1]}"),
    # « Est-ce que je garde la garantie » → « savoir si vous gardez la garantie »
    (re.compile(r"^est-ce qu(?:e |')(.+)$"), lambda m: f"savoir {_si(m[1])}"),
    # « Peut-on venir », « Puis-je déposer », « Faites-vous », « Le devis est-il gratuit »
    (
        re.compile(r"^(.*\S-(?:je|on|vous|t-il|t-elle|il|elle|ils|elles)\b.*)$"),
        lambda m: f"savoir {_si(m[1])}",
    ),
)


def faq_topic(question: str) -> str:
    """The topic of an entry, from its question; the question quoted when no rule applies.

    A question of several sentences (« Ça fait mal ? Est-ce que ça craque ? ») is named by its
    first one: a topic is said inside a sentence of the agent's own.
    """
    # (split on « ? » and « ! » only: « M. Dupont », « Dr. Martin » hold a full stop)
    first = re.split(r"(?<=[?!])\s+(?=\S)", question.strip(), maxsplit=1)[0]
    text = re.sub(r"\s+", " ", first.replace("’", "'")).strip().rstrip(" ?.!").strip()
    lowered = text[:1].lower() + text[1:]
    for pattern, build in TOPIC_RULES:
        found = pattern.match(lowered)
        if found:
            return _TURNED.sub(lambda m: TURNED[m[1]], build(found))
    return f"savoir : « {text} »"
