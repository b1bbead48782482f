"""When the receptionist says each sentence: the prompts grouped by conversation step, each
with a line for the staff who personalise them (the admin's « Tous les messages » page).

Staff-facing words, beside the catalogue they describe (`prompts.PROMPTS`); a test holds
every key of one to a line of the other.
"""

from __future__ import annotations

# The conversation's steps, in the order a caller meets them.
STEPS: tuple[str, ...] = (
    "Accueil et orientation",
    "Prise de rendez-vous : nom, motif, disponibilités, coordonnées",
    "Choix du créneau et confirmation",
    "Annulation et déplacement",
    "Questions pratiques (FAQ)",
    "Passage à l'équipe",
    "Messages inattendus et incidents",
)
WELCOME, BOOKING, SLOTS, CHANGES, FAQ, HANDOVER, GUARDS = STEPS

# key → (step, when it is said)
WHEN: dict[str, tuple[str, str]] = {
    "MSG_GREETING": (WELCOME, "Au début de chaque conversation."),
    "MSG_CONSENT": (
        WELCOME,
        "Juste après l'accueil, si vous le remplissez (mention d'enregistrement, données "
        "personnelles) ; vide par défaut.",
    ),
    "MSG_ASK_INTENT": (WELCOME, "Quand l'assistant attend la demande du visiteur."),
    "MSG_GREETING_BACK": (
        WELCOME,
        "Quand le visiteur dit seulement bonjour : l'assistant salue et rappelle ce qu'il sait faire.",
    ),
    "MSG_ASK_INTENT_RETRY": (WELCOME, "Quand la demande n'a pas été comprise."),
    "MSG_ANYTHING_ELSE": (WELCOME, "Après une demande traitée, pour proposer la suite."),
    "MSG_GOODBYE": (WELCOME, "Quand le visiteur dit au revoir ou qu'il n'a plus besoin de rien."),
    "MSG_ASK_NAME": (BOOKING, "Quand le nom du rendez-vous manque."),
    "MSG_ASK_FIRST_NAME": (
        BOOKING,
        "Quand le visiteur n'a donné que son nom de famille (ou « madame Laurent »).",
    ),
    "MSG_ASK_NAME_RETRY": (BOOKING, "Quand la réponse ne contient pas de nom reconnaissable."),
    "MSG_NAME_NOTED": (
        BOOKING,
        "Réservé à un accusé de réception du nom : les parcours actuels ne le disent pas.",
    ),
    "MSG_CORRECTION_NOTED": (
        BOOKING,
        "Quand le visiteur corrige une information déjà donnée (« non, c'est Martin »).",
    ),
    "MSG_ASK_MOTIF": (BOOKING, "Quand le motif du rendez-vous manque."),
    "MSG_ASK_PREF": (BOOKING, "Quand il faut savoir quand le visiteur souhaite venir."),
    "MSG_ASK_PREF_RETRY": (BOOKING, "Quand le moment souhaité n'a pas été compris."),
    "MSG_ASK_PRACTITIONER": (
        BOOKING,
        "Avec plusieurs praticiens, quand le visiteur n'a dit ni un nom, ni un métier, ni « peu "
        "importe » (une fois, après le motif).",
    ),
    "MSG_PRACTITIONER_AWAY": (
        SLOTS,
        "Quand le praticien demandé ne consulte pas le jour souhaité (absence, ou pas ce jour de "
        "la semaine) : ses jours, puis les créneaux les plus proches avec lui.",
    ),
    "MSG_PRACTITIONER_UNKNOWN": (
        BOOKING,
        "Quand le nom demandé n'est celui d'aucun praticien : les choix sont redits.",
    ),
    "MSG_ASK_CONTACT": (BOOKING, "Quand il manque un numéro de téléphone ou une adresse e-mail."),
    "MSG_ASK_CONTACT_CALLER_ID": (
        BOOKING,
        "Au téléphone, pour proposer de rappeler le numéro d'où vient l'appel.",
    ),
    "MSG_ASK_CONTACT_RETRY": (BOOKING, "Quand le numéro ou l'adresse donnés ne sont pas valides."),
    "MSG_PROPOSE_SLOTS": (SLOTS, "Pour proposer les créneaux libres qui répondent à la demande."),
    "MSG_PROPOSE_SLOTS_RELAXED": (
        SLOTS,
        "Quand rien n'est libre au moment demandé : l'assistant propose les plus proches.",
    ),
    "MSG_SLOT_CHOICE_RETRY": (SLOTS, "Quand le choix parmi les créneaux n'a pas été compris."),
    "MSG_REASK_SLOTS": (
        SLOTS,
        "Après une question posée en cours de choix, pour revenir aux créneaux proposés.",
    ),
    "MSG_NO_SLOTS": (SLOTS, "Quand aucun créneau n'est libre dans l'horizon de réservation."),
    "MSG_CONFIRM_BOOKING": (SLOTS, "Le récapitulatif, avant de réserver le créneau choisi."),
    "MSG_BOOKING_CONFIRMED": (SLOTS, "Quand le rendez-vous est enregistré."),
    "MSG_BOOKING_CORRECTED": (
        SLOTS,
        "Quand le nom ou le contact d'un rendez-vous tout juste pris est corrigé par le visiteur.",
    ),
    "MSG_BOOKED_ON_CHOICE": (
        SLOTS,
        "Quand le choix d'un créneau écrit réserve sans récapitulatif (le web, par défaut) : "
        "le récapitulatif vient alors, avec le moyen de corriger.",
    ),
    "MSG_BOOKING_DECLINED": (SLOTS, "Quand le visiteur refuse le récapitulatif."),
    "MSG_SLOT_ALREADY_BOOKED": (
        SLOTS,
        "Quand quelqu'un d'autre a pris le créneau juste avant la confirmation.",
    ),
    "MSG_CONFIRM_RETRY": (SLOTS, "Quand la réponse au récapitulatif n'est ni oui ni non."),
    "MSG_ASK_CANCEL_NAME": (CHANGES, "Au début d'une annulation, pour trouver le rendez-vous."),
    "MSG_ASK_MODIFY_NAME": (CHANGES, "Au début d'un déplacement, pour trouver le rendez-vous."),
    "MSG_ASK_VERIFY": (
        CHANGES,
        "Avant d'annuler ou de déplacer : le visiteur prouve que le rendez-vous est le sien.",
    ),
    "MSG_ASK_VERIFY_RETRY": (CHANGES, "Quand la preuve donnée n'est ni un numéro ni une adresse."),
    "MSG_VERIFY_NOT_FOUND": (
        CHANGES,
        "Quand aucun rendez-vous à ce nom n'a été pris avec ces coordonnées.",
    ),
    "MSG_APPOINTMENT_NOT_FOUND": (CHANGES, "Quand aucun rendez-vous à venir ne porte ce nom."),
    "MSG_APPOINTMENT_SELECT": (CHANGES, "Quand plusieurs rendez-vous correspondent."),
    "MSG_CANCEL_CONFIRM": (CHANGES, "Avant d'annuler, pour confirmer le rendez-vous trouvé."),
    "MSG_CANCELLED": (CHANGES, "Quand l'annulation est faite."),
    "MSG_CANCEL_CONFIRM_RETRY": (
        CHANGES,
        "Quand la réponse à « Je l'annule ? » n'est ni oui ni non.",
    ),
    "MSG_CANCEL_KEPT": (CHANGES, "Quand le visiteur renonce à annuler."),
    "MSG_CANCEL_TOO_LATE": (
        CHANGES,
        "Quand le rendez-vous est trop proche pour être annulé par l'assistant (préavis).",
    ),
    "MSG_MODIFY_TOO_LATE": (
        CHANGES,
        "Quand le rendez-vous est trop proche pour être déplacé par l'assistant (préavis).",
    ),
    "MSG_MODIFY_FOUND": (
        CHANGES,
        "Quand le rendez-vous à déplacer est trouvé, pour demander le nouveau moment souhaité.",
    ),
    "MSG_MODIFY_CONFIRM": (
        CHANGES,
        "Avant de déplacer, pour confirmer l'ancien et le nouvel horaire.",
    ),
    "MSG_MODIFY_FOUND_SHORT": (
        CHANGES,
        "Le rendez-vous à déplacer est trouvé et le nouveau moment est déjà connu.",
    ),
    "MSG_MOVED": (CHANGES, "Quand le déplacement est fait."),
    "MSG_MODIFY_KEPT": (CHANGES, "Quand le visiteur renonce à déplacer."),
    "MSG_FAQ_ANSWER": (
        FAQ,
        "Pour répondre avec une question fréquente (sa réponse, puis sa source).",
    ),
    "MSG_FAQ_ANSWER_HEDGED": (
        FAQ,
        "Pendant une prise, un déplacement ou une annulation de rendez-vous, pour répondre avec "
        "une question fréquente probable mais pas certaine, en disant de quoi parle la réponse "
        "(la question en cours suit).",
    ),
    "MSG_FAQ_NO_MATCH": (FAQ, "Quand aucune question fréquente ne répond à la question posée."),
    "MSG_FAQ_NO_MATCH_MID_FLOW": (
        FAQ,
        "Quand aucune question fréquente ne répond à une question posée pendant une prise, un "
        "déplacement ou une annulation de rendez-vous (la question en cours suit).",
    ),
    "MSG_FAQ_NO_MATCH_BEFORE_TRANSFER": (
        FAQ,
        "Quand la FAQ n'a pas de réponse et que l'assistant passe ensuite la main à l'équipe.",
    ),
    "MSG_FAQ_CONFIRM": (
        FAQ,
        "Quand la question ressemble à une question fréquente sans certitude : l'assistant vérifie.",
    ),
    "MSG_FAQ_REPHRASE": (FAQ, "Quand le visiteur dit que ce n'était pas sa question."),
    "MSG_TRANSFER": (HANDOVER, "Quand le visiteur demande à parler à quelqu'un."),
    "MSG_TRANSFER_EMERGENCY": (HANDOVER, "Quand le message évoque une urgence."),
    "MSG_TRANSFER_LIMIT": (
        HANDOVER,
        "Après plusieurs incompréhensions de suite : l'assistant passe la main.",
    ),
    "MSG_TECHNICAL_ERROR": (HANDOVER, "Quand un incident technique empêche de continuer."),
    "MSG_EMPTY_MESSAGE": (GUARDS, "Quand le message reçu est vide."),
    "MSG_TOO_LONG": (GUARDS, "Quand le message est trop long pour être lu."),
    "MSG_FRENCH_ONLY": (GUARDS, "Quand le message est écrit dans une autre langue."),
    "MSG_SPAM": (GUARDS, "Quand le message ressemble à du spam ou à une suite de caractères."),
    "MSG_INJECTION": (
        GUARDS,
        "Quand le message essaie de détourner l'assistant (« ignore tes instructions… »).",
    ),
    "MSG_SESSION_EXPIRED": (
        GUARDS,
        "Quand le visiteur revient après l'expiration de la conversation.",
    ),
    "MSG_ANTI_LOOP_MENU": (
        GUARDS,
        "Après deux incompréhensions : un menu simple à choix numérotés.",
    ),
}
