"""The words of confirmations and reminders: the defaults, the staff's own, their placeholders.

Each message has a key (« booked.email », « reminder.sms »…), a subject (e-mail only) and a
body with ``{placeholders}``. Staff rewrite them in the admin (`MessageTemplate`); a wording
may use only the placeholders its channel allows, and must keep the link. An SMS carries no
personal data beyond the first name: no family name, no motif.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime

from booking.models import Appointment
from booking.notifications.models import MessageTemplate
from receptionist.lib.french import clock_label, day_label


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str


SIGNATURE = "\n\n{entreprise}\n{adresse}"

DEFAULTS: dict[str, Wording] = {
    "booked.email": Wording(
        "Votre rendez-vous du {date} à {heure}",
        "Bonjour {prenom},\n\nVotre rendez-vous est confirmé le {date} à {heure}{praticien}, "
        "pour {duree}.\n\nPour le confirmer, l'annuler ou le déplacer : {lien}" + SIGNATURE,
    ),
    "moved.email": Wording(
        "Votre rendez-vous est déplacé au {date} à {heure}",
        "Bonjour {prenom},\n\nVotre rendez-vous est déplacé au {date} à {heure}{praticien}, "
        "pour {duree}.\n\nPour le confirmer, l'annuler ou le déplacer : {lien}" + SIGNATURE,
    ),
    "cancelled.email": Wording(
        "Votre rendez-vous du {date} est annulé",
        "Bonjour {prenom},\n\nVotre rendez-vous du {date} à {heure} est annulé. "
        "Pour en prendre un autre, contactez-nous." + SIGNATURE,
    ),
    "reminder.email": Wording(
        "Rappel : rendez-vous le {date} à {heure}",
        "Bonjour {prenom},\n\nNous vous rappelons votre rendez-vous le {date} à {heure}"
        "{praticien}.\n\nVous ne pouvez pas venir ? Prévenez-nous ici : {lien}" + SIGNATURE,
    ),
    "booked.sms": Wording(
        "", "{entreprise} : RDV confirmé le {date} à {heure}. Gérer votre RDV : {lien} STOP SMS"
    ),
    "moved.sms": Wording(
        "", "{entreprise} : RDV déplacé au {date} à {heure}. Gérer votre RDV : {lien} STOP SMS"
    ),
    "cancelled.sms": Wording("", "{entreprise} : votre RDV du {date} à {heure} est annulé."),
    "reminder.sms": Wording(
        "",
        "{entreprise} : rappel, RDV le {date} à {heure}. Empêché ? {lien} STOP SMS",
    ),
}

EMAIL_PLACEHOLDERS = frozenset(
    {
        "prenom",
        "nom",
        "entreprise",
        "adresse",
        "date",
        "heure",
        "duree",
        "praticien",
        "motif",
        "lien",
    }
)
# Nothing personal beyond the first name in a text message.
SMS_PLACEHOLDERS = frozenset(
    {"prenom", "entreprise", "adresse", "date", "heure", "praticien", "lien"}
)


def key_of(kind: str, medium: str) -> str:
    return f"{kind}.{medium}"


def allowed_placeholders(key: str) -> frozenset[str]:
    return SMS_PLACEHOLDERS if key.endswith(".sms") else EMAIL_PLACEHOLDERS


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a wording uses; ValueError for a brace left open."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def wording_errors(key: str, subject: str, body: str) -> list[str]:
    """What is wrong with a staff wording of `key` (empty: it can be used)."""
    errors = []
    used: set[str] = set()
    for text in (subject, body):
        try:
            used |= placeholders(text)
        except ValueError:
            return ["Une accolade n'est pas fermée : écrivez les variables ainsi : {prenom}."]
    if unknown := used - allowed_placeholders(key):
        listed = ", ".join("{" + name + "}" for name in sorted(unknown))
        errors.append(f"Variables inconnues ou interdites dans ce message : {listed}.")
    if "lien" in placeholders(DEFAULTS[key].body) and "lien" not in used:
        errors.append("Le lien {lien} doit rester : c'est par lui qu'on confirme ou annule.")
    if key.endswith(".email") and not subject.strip():
        errors.append("Un e-mail a besoin d'un objet.")
    return errors


def first_name(name: str) -> str:
    """The first word of the name given (« Léa Martin » → « Léa »); the whole if one word."""
    return name.split()[0] if name.split() else name


def duration_label(minutes: int) -> str:
    """« 30 minutes », « 1 heure », « 1 h 30 »."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    if not rest:
        return "1 heure" if hours == 1 else f"{hours} heures"
    return f"{hours} h {rest:02d}"


def values(appointment: Appointment, *, link: str) -> dict[str, str]:
    """Every placeholder's value for an appointment, on the business's clock."""
    business = appointment.business
    local: datetime = appointment.start.astimezone(business.zone)
    practitioner = appointment.practitioner
    named = practitioner and not practitioner.implicit
    return {
        "prenom": first_name(appointment.name),
        "nom": appointment.name,
        "entreprise": business.name,
        "adresse": business.address,
        "date": day_label(local),
        "heure": clock_label(local),
        "duree": duration_label(int((appointment.end - appointment.start).total_seconds() // 60)),
        "praticien": f" avec {practitioner.spoken or practitioner.name}" if named else "",
        "motif": appointment.motif,
        "lien": link,
    }


def render(text: str, filled: dict[str, str]) -> str:
    """The wording with its placeholders filled; a line left empty (no address) is dropped."""
    out = string.Formatter().vformat(text, (), filled)
    lines = out.split("\n")
    kept = [line for i, line in enumerate(lines) if line.strip() or _blank_between(lines, i)]
    return "\n".join(kept).strip()


def _blank_between(lines: list[str], i: int) -> bool:
    """A blank line kept as a paragraph break (text before and after it, not doubled)."""
    return 0 < i < len(lines) - 1 and bool(lines[i - 1].strip()) and bool(lines[i + 1].strip())


def wordings() -> dict[str, Wording]:
    """The wordings in use: the staff's where they wrote a valid one, else the defaults."""
    chosen = dict(DEFAULTS)
    for row in MessageTemplate.objects.filter(key__in=DEFAULTS):
        if not wording_errors(row.key, row.subject, row.body):
            chosen[row.key] = Wording(row.subject, row.body)
    return chosen
