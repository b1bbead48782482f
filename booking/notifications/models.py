"""The outbox of messages to the people who booked, the business's choices, and opt-outs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_comma_separated_integer_list
from django.db import models
from django.db.models import Q

from booking.models import Appointment, Business


class NotificationPolicy(models.Model):
    """What the business sends: through which channels, how long before, never at night."""

    business = models.OneToOneField(
        Business, models.CASCADE, related_name="notification_policy", verbose_name="établissement"
    )
    email_enabled = models.BooleanField("e-mails", default=True)
    sms_enabled = models.BooleanField("SMS", default=True)
    # Hours before the appointment, e.g. « 48,2 »; empty: no reminder.
    reminder_hours = models.CharField(
        "rappels (heures avant)",
        max_length=60,
        blank=True,
        default="48,2",
        validators=[validate_comma_separated_integer_list],
        help_text="Par exemple « 48,2 » : deux jours avant, puis deux heures avant.",
    )
    quiet_start = models.TimeField("pas de message après", default="20:30")
    quiet_end = models.TimeField("pas de message avant", default="08:00")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réglage des messages"
        verbose_name_plural = "réglages des messages"

    def __str__(self) -> str:
        return f"Messages de {self.business}"

    def clean(self) -> None:
        hours = [h for h in self.reminder_hours.split(",") if h.strip()]
        if any(not h.strip().isdigit() or not 1 <= int(h) <= 24 * 30 for h in hours):
            raise ValidationError(
                {"reminder_hours": "Des heures entre 1 et 720, séparées par des virgules."}
            )


class Notification(models.Model):
    """One message to send (or sent): a row of the outbox.

    Written in the transaction that books, moves or cancels, so that no change goes without
    its message and no message goes without its change. Its content is written when it is
    sent (the appointment as it is then) and dropped after the retention period; the date,
    channel and status stay (`purge_conversations`).
    """

    class Kind(models.TextChoices):
        BOOKED = "booked", "Confirmation"
        MOVED = "moved", "Déplacement"
        CANCELLED = "cancelled", "Annulation"
        REMINDER = "reminder", "Rappel"

    class Medium(models.TextChoices):
        EMAIL = "email", "E-mail"
        SMS = "sms", "SMS"

    class Status(models.TextChoices):
        PENDING = "pending", "À envoyer"
        # Taken by a worker for its batch; SENDING from the moment it is handed to the server.
        CLAIMED = "claimed", "Pris en charge"
        SENDING = "sending", "En cours d'envoi"
        SENT = "sent", "Envoyé"
        FAILED = "failed", "Échec"
        # A worker died while sending it: it may have gone; sent again only by staff.
        UNSURE = "unsure", "Envoi incertain"
        # No longer due: the appointment was moved or cancelled first.
        WITHDRAWN = "withdrawn", "Sans objet"
        # The number asked for no more SMS (STOP).
        SUPPRESSED = "suppressed", "Refusé (STOP)"

    business = models.ForeignKey(Business, models.CASCADE, related_name="+")
    appointment = models.ForeignKey(
        Appointment, models.CASCADE, related_name="notifications", verbose_name="rendez-vous"
    )
    kind = models.CharField("message", max_length=10, choices=Kind.choices)
    medium = models.CharField("canal", max_length=5, choices=Medium.choices)
    # A reminder's distance from the appointment (0 for a confirmation).
    offset_minutes = models.PositiveIntegerField(default=0)
    # Staff asked for it again (the admin's « renvoyer »): a copy of a row already sent.
    resend_of = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    status = models.CharField(
        "statut", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    due_at = models.DateTimeField("à envoyer le")
    next_attempt_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    # What was sent, to whom: written at sending, dropped after the retention period.
    recipient = models.CharField("destinataire", max_length=254, blank=True)
    subject = models.CharField("objet", max_length=200, blank=True)
    body = models.TextField("texte", blank=True)
    # The provider's id for the message (SMTP: our Message-ID), once accepted.
    provider_id = models.CharField("référence d'envoi", max_length=200, blank=True)
    last_error = models.CharField("dernière erreur", max_length=300, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "message envoyé"
        verbose_name_plural = "messages envoyés"
        ordering = ["-due_at"]
        constraints = [
            # Never twice: one message of a kind per appointment, channel and time before it
            # (a resend by staff is a row of its own).
            models.UniqueConstraint(
                fields=["appointment", "kind", "medium", "offset_minutes"],
                condition=Q(resend_of__isnull=True),
                name="notif_once_per_appointment",
            ),
            models.CheckConstraint(
                condition=Q(offset_minutes=0) | Q(kind="reminder"),
                name="notif_offset_only_for_reminders",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="notif_sent_has_date",
            ),
        ]
        indexes = [
            # The worker's query: what is due, soonest first.
            models.Index(fields=["status", "next_attempt_at"], name="notif_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_medium_display()} #{self.pk}"


class MessageTemplate(models.Model):
    """A staff wording of one message (subject and body), overriding the default."""

    key = models.CharField("message", max_length=40, unique=True)
    subject = models.CharField("objet", max_length=200, blank=True)
    body = models.TextField("texte")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "modèle de message"
        verbose_name_plural = "modèles de messages"

    def __str__(self) -> str:
        return self.key


class SmsSuppression(models.Model):
    """A number that asked for no more SMS (a STOP reply or the opt-out link)."""

    class Source(models.TextChoices):
        STOP = "stop", "Réponse STOP"
        LINK = "link", "Lien de désinscription"
        STAFF = "staff", "Accueil"

    phone = models.CharField("numéro", max_length=20, unique=True)
    source = models.CharField("origine", max_length=10, choices=Source.choices)
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "numéro sans SMS"
        verbose_name_plural = "numéros sans SMS"

    def __str__(self) -> str:
        return self.phone


class SelfServiceAction(models.Model):
    """What a person did through their link: confirmed they will come, cancelled, moved."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", "Venue confirmée"
        CANCEL = "cancel", "Annulé par le lien"
        MOVE = "move", "Déplacé par le lien"
        OPT_OUT = "opt_out", "SMS refusés"

    appointment = models.ForeignKey(
        Appointment, models.CASCADE, related_name="self_service", verbose_name="rendez-vous"
    )
    action = models.CharField("action", max_length=10, choices=Action.choices)
    at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "action par le lien"
        verbose_name_plural = "actions par le lien"
        ordering = ["-at"]
        constraints = [
            # Confirming twice is one confirmation.
            models.UniqueConstraint(
                fields=["appointment", "action"],
                condition=Q(action="confirm"),
                name="selfservice_confirm_once",
            ),
        ]

    def __str__(self) -> str:
        return self.get_action_display()
