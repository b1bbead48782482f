from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models


class Channel(models.TextChoices):
    WEB = "web", "Web"
    VOICE = "voice", "Téléphone"


# The turns that answered « no information » to a question: the engine's FAQ-miss prompts
# (MSG_FAQ_NO_MATCH, and MSG_FAQ_NO_MATCH_BEFORE_TRANSFER when a repeated miss hands over).
FAQ_MISS_PROMPT = "MSG_FAQ_NO_MATCH"
FAQ_MISSED = models.Q(prompt_keys__contains=FAQ_MISS_PROMPT)


class ConversationManager(models.Manager["Conversation"]):
    def by_key(self, key: str) -> Conversation | None:
        return self.filter(key=key).first()


class Conversation(models.Model):
    class Outcome(models.TextChoices):
        NONE = "", "En cours"
        CONFIRMED = "confirmed", "Rendez-vous pris"
        CANCELLED = "cancelled", "Rendez-vous annulé"
        MOVED = "moved", "Rendez-vous déplacé"
        TRANSFERRED = "transferred", "Transféré"
        ABANDONED = "abandoned", "Abandonné"
        EXPIRED = "expired", "Expiré"

    key = models.CharField("identifiant", max_length=100, unique=True)
    channel = models.CharField("canal", max_length=10, choices=Channel.choices, default=Channel.WEB)
    state = models.CharField("état", max_length=32, default="START")
    intent = models.CharField("intention", max_length=20, blank=True)
    data = models.JSONField("mémoire", default=dict, blank=True)
    turn_count = models.PositiveIntegerField("tours", default=0)
    outcome = models.CharField(
        "issue", max_length=12, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    reached_router = models.BooleanField("menu anti-boucle atteint", default=False)
    ended_reason = models.CharField("raison de fin", max_length=100, blank=True)
    summary = models.TextField("résumé", blank=True)
    transcript = models.TextField("transcription", blank=True)
    recording_url = models.URLField("enregistrement", max_length=1000, blank=True)
    # Voice: Vapi's Live Call Control URL, and how many caller messages have been answered.
    control_url = models.URLField(max_length=1000, blank=True)
    user_messages_seen = models.PositiveIntegerField(default=0)
    # Web: a digest of the visitor's address (never the address), to cap the slots that one
    # client holds across conversations.
    client = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField("début", auto_now_add=True)
    updated_at = models.DateTimeField("dernière activité", auto_now=True)
    ended_at = models.DateTimeField("fin", null=True, blank=True)

    objects = ConversationManager()

    class Meta:
        verbose_name = "conversation"
        ordering = ["-created_at"]
        permissions = [
            ("view_report", "Peut consulter les rapports de conversion"),
            ("erase_personal_data", "Peut exporter et effacer les données d'une personne"),
        ]
        indexes = [
            # Conversion report and stats (conversations.reports): conversations of a time
            # window. It covers every column they count on, so SQLite reads the index alone,
            # without a lookup into the table per conversation.
            models.Index(
                fields=[
                    "created_at",
                    "channel",
                    "outcome",
                    "state",
                    "turn_count",
                    "reached_router",
                    "updated_at",
                ],
                name="conv_report_window",
            ),
            # Slot holds per client: the other live conversations of one address.
            models.Index(
                fields=["client", "updated_at"],
                condition=models.Q(client__gt=""),
                name="conv_client_recent",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def is_expired(self, now: datetime, ttl: timedelta) -> bool:
        return self.updated_at + ttl < now


class Turn(models.Model):
    """One exchange: the audit trail, and the source of the managers' reports."""

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="turns")
    index = models.PositiveIntegerField("n°")
    user_text = models.TextField("message", blank=True)
    reply = models.TextField("réponse", blank=True)
    state_before = models.CharField("état avant", max_length=32)
    state_after = models.CharField("état après", max_length=32)
    intent = models.CharField("intention", max_length=20, blank=True)
    prompt_keys = models.CharField("messages", max_length=300, blank=True)
    faq_id = models.CharField(max_length=80, blank=True)
    transfer = models.BooleanField(default=False)
    guard = models.CharField("garde", max_length=20, blank=True)
    latency_ms = models.FloatField("latence (ms)", default=0)
    request_key = models.CharField(max_length=64, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tour"
        ordering = ["conversation", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "index"], name="conv_turn_unique_index"
            ),
            # A web client's message id answers once per conversation (retries are idempotent).
            models.UniqueConstraint(
                fields=["conversation", "request_key"],
                condition=models.Q(request_key__startswith="msg:"),
                name="conv_turn_message_once",
            ),
        ]
        indexes = [
            # Conversion report (conversations.reports): the turns of a time window that the
            # FAQ answered, and those it had no answer for. Partial: only those turns are in them.
            models.Index(
                fields=["created_at", "faq_id"],
                condition=models.Q(faq_id__gt=""),
                name="conv_turn_faq_answered",
            ),
            models.Index(fields=["created_at"], condition=FAQ_MISSED, name="conv_turn_faq_missed"),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}#{self.index}"


class VapiEvent(models.Model):
    """A webhook delivery already handled: the same call, type and timestamp change nothing."""

    call_id = models.CharField(max_length=100)
    type = models.CharField(max_length=60)
    timestamp = models.CharField(max_length=40)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "événement Vapi"
        constraints = [
            models.UniqueConstraint(
                fields=["call_id", "type", "timestamp"], name="conv_vapi_event_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_id} {self.type}"


class Prompt(models.Model):
    """A staff override of one sentence of conversations/dialogue/prompts.py."""

    class Variant(models.TextChoices):
        ANY = "", "Tous canaux"
        WEB = "web", "Web"
        VOICE = "voice", "Téléphone"

    key = models.CharField("clé", max_length=64)
    variant = models.CharField(
        "canal", max_length=10, choices=Variant.choices, default=Variant.ANY, blank=True
    )
    text = models.TextField("texte")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "message personnalisé"
        verbose_name_plural = "messages personnalisés"
        constraints = [
            models.UniqueConstraint(fields=["key", "variant"], name="conv_prompt_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.variant or 'tous'})"
