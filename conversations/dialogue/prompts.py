"""Every sentence the receptionist says, keyed, with a web and a voice variant where they differ.

The engine only names keys; :func:`render` turns a key and its values into the channel's
wording. Staff overrides (the ``Prompt`` model) are passed in as a mapping, so this module
stays pure. French date and time wording lives here too.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    web: str
    voice: str | None = None

    def for_channel(self, channel: str) -> str:
        return self.voice if channel == "voice" and self.voice is not None else self.web


PROMPTS: dict[str, Wording] = {
    # Opening and routing.
    "MSG_GREETING": Wording(
        "Bonjour et bienvenue chez {business} ! Je suis l'assistant virtuel : je peux prendre, "
        "déplacer ou annuler un rendez-vous, et répondre à vos questions pratiques. "
        "Que puis-je faire pour vous ?",
        "Bonjour, {business}, je suis l'assistant virtuel. Je peux prendre, déplacer ou annuler "
        "un rendez-vous, ou répondre à vos questions. Que puis-je faire pour vous ?",
    ),
    # Said right after the greeting: the privacy notice (recording, data kept, rights). Empty
    # by default, which says nothing; staff write it in the admin.
    "MSG_CONSENT": Wording(""),
    "MSG_ASK_INTENT": Wording("Que puis-je faire pour vous ?"),
    # The caller only greeted (« allô oui ? »): greet back and ask, one question.
    "MSG_GREETING_BACK": Wording(
        "Bonjour ! Que puis-je faire pour vous : prendre, déplacer ou annuler un rendez-vous, "
        "ou répondre à une question ?",
        "Bonjour, je vous écoute. C'est pour prendre, déplacer ou annuler un rendez-vous, ou "
        "pour une question ?",
    ),
    # (the state's own question follows it: « Que puis-je faire pour vous ? »)
    "MSG_ASK_INTENT_RETRY": Wording(
        "Je n'ai pas bien compris. Je peux prendre, déplacer ou annuler un rendez-vous, ou "
        "répondre à une question pratique."
    ),
    "MSG_ANYTHING_ELSE": Wording("Puis-je faire autre chose pour vous ?"),
    "MSG_GOODBYE": Wording(
        # A web visitor did not call: « Merci de votre appel » is for the phone only.
        "Merci, bonne journée !",
        "Merci de votre appel, bonne journée, au revoir !",
    ),
    # Qualification.
    "MSG_ASK_NAME": Wording("À quel nom dois-je enregistrer le rendez-vous ?"),
    # Only a surname with « madame » / « monsieur »: the first name, asked once.
    "MSG_ASK_FIRST_NAME": Wording("Et votre prénom, s'il vous plaît ?"),
    "MSG_ASK_NAME_RETRY": Wording(
        "Je n'ai pas bien saisi votre nom. Pouvez-vous me donner votre prénom et votre nom ?",
        "Je n'ai pas bien saisi votre nom. Pouvez-vous le répéter, ou l'épeler lettre par lettre ?",
    ),
    "MSG_NAME_NOTED": Wording("Merci {name}."),
    "MSG_CORRECTION_NOTED": Wording("C'est corrigé, merci."),
    "MSG_ASK_MOTIF": Wording("Quel est le motif de votre rendez-vous ?"),
    "MSG_ASK_PREF": Wording(
        "Quand souhaiteriez-vous venir ? Par exemple « mardi matin », « demain après 16h » ou "
        "« le plus tôt possible ».",
        "Quand souhaiteriez-vous venir ? Par exemple mardi matin, ou le plus tôt possible.",
    ),
    "MSG_ASK_PREF_RETRY": Wording(
        "Je n'ai pas compris le moment qui vous arrange. Dites-moi un jour ou une période, "
        "par exemple « jeudi après-midi » ou « la semaine prochaine ».",
        "Pardon, quel jour ou quel moment vous arrange ? Par exemple jeudi après-midi.",
    ),
    "MSG_ASK_PRACTITIONER": Wording(
        "Avec qui souhaitez-vous prendre rendez-vous : {practitioner_choices} ? "
        "Vous pouvez aussi dire « peu importe ».",
        "Avec qui souhaitez-vous prendre rendez-vous : {practitioner_choices}, ou peu importe ?",
    ),
    "MSG_PRACTITIONER_AWAY": Wording(
        "{practitioner_away} ne consulte pas ce jour-là (jours de consultation : "
        "{practitioner_days}). Voici les créneaux les plus proches : {slot_list}. "
        "Lequel vous convient ?",
        "{practitioner_away} ne consulte pas ce jour-là ; je vous propose plutôt {slot_list}. "
        "Lequel vous convient ?",
    ),
    "MSG_PRACTITIONER_UNKNOWN": Wording(
        "Je ne trouve pas « {practitioner_asked} » parmi nous. Vous pouvez prendre rendez-vous "
        "avec {practitioner_choices}, ou dire « peu importe ».",
        "Je ne trouve pas {practitioner_asked} parmi nous. Je peux vous proposer "
        "{practitioner_choices}, ou peu importe ?",
    ),
    "MSG_ASK_CONTACT": Wording(
        "À quel numéro de téléphone (ou adresse e-mail) pouvons-nous vous joindre ?",
        "À quel numéro de téléphone pouvons-nous vous joindre ?",
    ),
    "MSG_ASK_CONTACT_CALLER_ID": Wording(
        "Puis-je vous joindre au {caller_number} ?",
        "Je peux vous rappeler au {caller_number} ?",
    ),
    "MSG_ASK_CONTACT_RETRY": Wording(
        "Ce numéro ne semble pas valide. Pouvez-vous me donner un numéro à 10 chiffres, "
        "par exemple 06 12 34 56 78, ou une adresse e-mail ?",
        "Je n'ai pas bien noté le numéro. Pouvez-vous le redire, chiffre par chiffre ?",
    ),
    # Slots.
    "MSG_PROPOSE_SLOTS": Wording(
        "Voici les créneaux disponibles : {slot_list}. Lequel vous convient ?",
        "Je vous propose {slot_list}. Lequel vous convient ?",
    ),
    "MSG_PROPOSE_SLOTS_RELAXED": Wording(
        "Je n'ai rien de libre exactement à ce moment-là, mais je peux vous proposer : "
        "{slot_list}. Lequel vous convient ?",
        "Rien de libre exactement à ce moment-là. Je vous propose {slot_list}. "
        "Lequel vous convient ?",
    ),
    "MSG_SLOT_CHOICE_RETRY": Wording(
        "Lequel de ces créneaux préférez-vous : {slot_list} ? Répondez par exemple « le premier » "
        "ou « celui de 14h », ou dites-moi un autre moment.",
        "Lequel préférez-vous : {slot_list} ? Dites par exemple le premier, ou un autre moment.",
    ),
    "MSG_REASK_SLOTS": Wording(
        "Lequel de ces créneaux vous convient : {slot_list} ?",
        "Lequel vous convient : {slot_list} ?",
    ),
    "MSG_NO_SLOTS": Wording(
        "Je suis désolé, je n'ai plus de créneau disponible dans les prochaines semaines."
    ),
    "MSG_CONFIRM_BOOKING": Wording(
        "Je récapitule : rendez-vous le {slot} au nom de {name}{motif_part}. Je confirme ?",
        "Je récapitule : le {slot}, au nom de {name}{contact_part}. Je confirme ?",
    ),
    "MSG_BOOKING_CONFIRMED": Wording(
        "C'est confirmé : votre rendez-vous est le {slot}. À bientôt !",
        "C'est confirmé pour le {slot}. À bientôt !",
    ),
    "MSG_BOOKED_ON_CHOICE": Wording(
        "C'est réservé : rendez-vous le {slot} au nom de {name}{motif_part}. Une erreur ? "
        "Dites-le-moi, je peux le déplacer ou l'annuler. À bientôt !",
        "C'est réservé pour le {slot}, au nom de {name}. Une erreur ? Dites-le-moi, je peux "
        "le déplacer ou l'annuler. À bientôt !",
    ),
    "MSG_BOOKING_CORRECTED": Wording(
        "C'est corrigé : votre rendez-vous du {slot} est au nom de {name}. À bientôt !",
        "C'est corrigé : le {slot}, au nom de {name}{contact_part}. À bientôt !",
    ),
    "MSG_BOOKING_DECLINED": Wording(
        "D'accord, je n'ai rien réservé. Quel autre moment vous arrangerait ?"
    ),
    "MSG_SLOT_ALREADY_BOOKED": Wording(
        "Ce créneau vient d'être pris par quelqu'un d'autre, désolé.",
    ),
    "MSG_CONFIRM_RETRY": Wording("Je confirme ce rendez-vous ? Répondez par oui ou par non."),
    # Cancel and move.
    "MSG_ASK_CANCEL_NAME": Wording("Bien sûr. À quel nom le rendez-vous a-t-il été pris ?"),
    "MSG_ASK_MODIFY_NAME": Wording("Bien sûr. À quel nom le rendez-vous a-t-il été pris ?"),
    "MSG_ASK_VERIFY": Wording(
        "Pour vérifier qu'il s'agit bien de votre rendez-vous, quel numéro de téléphone ou quelle "
        "adresse e-mail avez-vous donné en le prenant ?",
        "Pour vérifier qu'il s'agit bien de votre rendez-vous, quel numéro de téléphone avez-vous "
        "donné en le prenant ?",
    ),
    "MSG_ASK_VERIFY_RETRY": Wording(
        "Je n'ai pas reconnu de numéro ni d'adresse e-mail. Quel numéro de téléphone ou quelle "
        "adresse e-mail avez-vous donné en prenant le rendez-vous ?",
        "Je n'ai pas bien compris le numéro. Pouvez-vous me le redonner, chiffre par chiffre ?",
    ),
    "MSG_VERIFY_NOT_FOUND": Wording(
        "Je ne trouve aucun rendez-vous à venir au nom de {name} avec ces coordonnées. Quel "
        "numéro de téléphone ou quelle adresse e-mail avez-vous donné en prenant le rendez-vous ?",
        "Je ne trouve aucun rendez-vous à venir à ce nom avec ce numéro. Quel numéro avez-vous "
        "donné en prenant le rendez-vous ?",
    ),
    "MSG_APPOINTMENT_NOT_FOUND": Wording(
        "Je ne trouve aucun rendez-vous à venir au nom de {name}. Pouvez-vous me redonner le nom "
        "utilisé lors de la réservation ?",
    ),
    "MSG_APPOINTMENT_SELECT": Wording(
        "J'ai trouvé plusieurs rendez-vous : {slot_list}. Lequel est le vôtre ?"
    ),
    "MSG_CANCEL_CONFIRM": Wording(
        "Vous avez rendez-vous le {appointment}. Je l'annule ?",
    ),
    "MSG_CANCEL_CONFIRM_RETRY": Wording(
        "Je confirme l'annulation de votre rendez-vous du {appointment} ? Répondez par oui ou "
        "par non."
    ),
    "MSG_CANCELLED": Wording("C'est fait : votre rendez-vous du {appointment} est annulé."),
    "MSG_CANCEL_KEPT": Wording("Très bien, je garde votre rendez-vous du {appointment}."),
    "MSG_CANCEL_TOO_LATE": Wording(
        "Ce rendez-vous est dans moins de {notice_hours} heures : je ne peux pas l'annuler moi-même."
    ),
    "MSG_MODIFY_TOO_LATE": Wording(
        "Ce rendez-vous est dans moins de {notice_hours} heures : je ne peux pas le déplacer moi-même."
    ),
    "MSG_MODIFY_FOUND": Wording(
        "Votre rendez-vous est le {appointment}. Quel nouveau moment vous arrangerait ?"
    ),
    "MSG_MODIFY_CONFIRM": Wording(
        "Je déplace votre rendez-vous du {appointment} au {slot}. Je confirme ?",
    ),
    "MSG_MODIFY_FOUND_SHORT": Wording("Votre rendez-vous actuel est le {appointment}."),
    "MSG_MOVED": Wording(
        "C'est fait : votre rendez-vous est déplacé au {slot}. À bientôt !",
    ),
    "MSG_MODIFY_KEPT": Wording(
        "Très bien, je ne change rien : votre rendez-vous reste le {appointment}."
    ),
    # Questions.
    "MSG_FAQ_ANSWER": Wording("{faq_answer} (Source : {faq_id})", "{faq_answer}"),
    "MSG_FAQ_NO_MATCH": Wording(
        "Je n'ai pas d'information sur ce point. Je peux prendre, déplacer ou annuler un "
        "rendez-vous, ou vous passer un membre de l'équipe."
    ),
    "MSG_FAQ_NO_MATCH_BEFORE_TRANSFER": Wording("Je n'ai pas d'information sur ce point."),
    # mid-flow, the request under way goes on: no list of what the agent can do
    "MSG_FAQ_NO_MATCH_MID_FLOW": Wording(
        "Je n'ai pas d'information sur ce point ; vous pourrez poser la question à l'équipe."
    ),
    "MSG_FAQ_CONFIRM": Wording("Vous souhaitez {faq_topic} ?"),
    # mid-flow, an entry the FAQ is not sure of: answered, said to be about that entry
    "MSG_FAQ_ANSWER_HEDGED": Wording(
        "À propos de « {faq_question} » : {faq_answer} (Source : {faq_id})",
        "À propos de la question « {faq_question} » : {faq_answer}",
    ),
    "MSG_FAQ_REPHRASE": Wording("D'accord. Pouvez-vous reformuler votre question ?"),
    # Handover.
    "MSG_TRANSFER": Wording(
        "Je vous mets en relation avec un membre de l'équipe. Vous pouvez aussi appeler "
        "directement le {transfer_number}.",
        "Je vous passe un membre de l'équipe, ne quittez pas.",
    ),
    "MSG_TRANSFER_EMERGENCY": Wording(
        "Cela semble urgent : je vous mets tout de suite en relation avec l'équipe, au "
        "{transfer_number}. En cas de danger immédiat, appelez le 112.",
        "Cela semble urgent, je vous passe tout de suite l'équipe. En cas de danger immédiat, "
        "appelez le 112.",
    ),
    "MSG_TRANSFER_LIMIT": Wording(
        "Je préfère vous mettre en relation avec un membre de l'équipe, qui pourra mieux vous "
        "aider. Vous pouvez aussi appeler le {transfer_number}.",
        "Je vous passe un membre de l'équipe, qui pourra mieux vous aider. Ne quittez pas.",
    ),
    "MSG_TECHNICAL_ERROR": Wording(
        "Un incident technique m'empêche de continuer. Je vous mets en relation avec l'équipe, "
        "au {transfer_number}.",
        "Un incident technique m'empêche de continuer. Je vous passe l'équipe, ne quittez pas.",
    ),
    # Guards and housekeeping.
    # (a guard's words come before the pending question, asked again: they ask none of their own)
    "MSG_EMPTY_MESSAGE": Wording("Je n'ai rien reçu."),
    "MSG_TOO_LONG": Wording(
        "Votre message est un peu long pour moi : en une phrase, s'il vous plaît."
    ),
    "MSG_FRENCH_ONLY": Wording(
        "Je ne parle que français, désolé. I can only help in French.",
    ),
    "MSG_SPAM": Wording("Je n'ai pas compris votre message."),
    "MSG_INJECTION": Wording(
        "Je ne peux pas répondre à cette demande. Je peux prendre, déplacer ou annuler un "
        "rendez-vous, ou répondre à vos questions pratiques."
    ),
    "MSG_SESSION_EXPIRED": Wording(
        "Notre conversation précédente a expiré, reprenons depuis le début."
    ),
    "MSG_ANTI_LOOP_MENU": Wording(
        "Reprenons simplement. Tapez 1 pour prendre rendez-vous, 2 pour annuler, 3 pour déplacer "
        "un rendez-vous, 4 pour parler à quelqu'un.",
        "Reprenons simplement. Dites 1 pour prendre rendez-vous, 2 pour annuler, 3 pour déplacer "
        "un rendez-vous, 4 pour parler à quelqu'un.",
    ),
}

# The first turn: the greeting, then the privacy notice when staff wrote one.
OPENING = ("MSG_GREETING", "MSG_CONSENT")


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def template(key: str, channel: str, overrides: Mapping[tuple[str, str], str]) -> str:
    """The wording of `key` for `channel`: a staff override if any, else the built-in one."""
    for variant in (channel, ""):
        if (key, variant) in overrides:
            return overrides[(key, variant)]
    return PROMPTS[key].for_channel(channel)


def render(
    key: str,
    *,
    channel: str,
    values: Mapping[str, str],
    overrides: Mapping[tuple[str, str], str] | None = None,
) -> str:
    text = template(key, channel, overrides or {})
    try:
        return string.Formatter().vformat(text, (), _Values(values))
    except (ValueError, IndexError, KeyError):
        # A malformed staff override must not break a conversation: fall back to the default.
        return string.Formatter().vformat(PROMPTS[key].for_channel(channel), (), _Values(values))


def render_all(
    keys: Sequence[str],
    *,
    channel: str,
    values: Mapping[str, str],
    overrides: Mapping[tuple[str, str], str] | None = None,
) -> list[tuple[str, str]]:
    """(key, sentence) for each key that says something: an empty wording adds nothing."""
    said = ((key, render(key, channel=channel, values=values, overrides=overrides)) for key in keys)
    return [(key, text.strip()) for key, text in said if text.strip()]


def say(
    keys: Sequence[str],
    *,
    channel: str,
    values: Mapping[str, str],
    overrides: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """The sentences of `keys` as one reply, one space apart."""
    said = render_all(keys, channel=channel, values=values, overrides=overrides)
    return " ".join(text for _, text in said)


# Plausible values for every placeholder: what staff see when they preview a wording.
SAMPLE_VALUES: dict[str, str] = {
    "business": "Garage du Centre",
    "name": "Marie Curie",
    "motif_part": " (motif : vidange)",
    "slot_list": "1) mardi 24 novembre à 9h ; 2) mardi 24 novembre à 10h",
    "slot": "mardi 24 novembre à 9h",
    "appointment": "jeudi 26 novembre à 14h",
    "faq_answer": "Nous sommes ouverts du lundi au samedi, de 8h à 18h.",
    "faq_id": "FAQ_HORAIRES",
    "faq_topic": "connaître nos horaires",
    "faq_question": "Quels sont vos horaires ?",
    "transfer_number": "01 23 45 67 89",
    "caller_number": "06 12 34 56 78",
    "notice_hours": "24",
    "contact_part": ", joignable au 06 12 34 56 78",
    "practitioner_choices": "le docteur Carrère, le docteur Nguyen ou la docteure Lambert",
    "practitioner_asked": "Dupont",
    "practitioner_away": "Le docteur Carrère",
    "practitioner_days": "lundi, mardi et jeudi",
}
# Known at every turn, so any wording may name it.
ALWAYS_AVAILABLE = frozenset({"business"})


def placeholders(text: str) -> set[str]:
    """The names between braces in `text` (« {} » gives ""); ValueError if a brace is unbalanced."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def default_text(key: str, variant: str) -> str:
    """The built-in wording an override of `variant` replaces ("" = every channel: the web one)."""
    return PROMPTS[key].for_channel(variant or "web")


def required_placeholders(key: str, variant: str) -> set[str]:
    """What an override must keep: the default's placeholders (both channels' for variant "")."""
    wording = PROMPTS[key]
    if variant:
        return placeholders(wording.for_channel(variant))
    return placeholders(wording.web) & placeholders(wording.for_channel("voice"))


def allowed_placeholders(key: str) -> set[str]:
    """What an override of `key` may name: the engine fills these for this sentence."""
    wording = PROMPTS[key]
    return placeholders(wording.web) | placeholders(wording.for_channel("voice")) | ALWAYS_AVAILABLE


def preview(text: str, values: Mapping[str, str] | None = None) -> str:
    """`text` filled with SAMPLE_VALUES, or with `values` where given (the business's own name,
    number, motif, FAQ answer). Raises ValueError, IndexError or KeyError if malformed."""
    return string.Formatter().vformat(text, (), _Values({**SAMPLE_VALUES, **(values or {})}))
