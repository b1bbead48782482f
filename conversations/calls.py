"""Voice call lifecycle from Vapi's server messages: status, end, end-of-call report."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from conversations.models import Conversation
from conversations.services import call_conversation
from receptionist.lib import metrics

logger = logging.getLogger("conversations.flow")

MAX_TEXT = 100_000


@transaction.atomic
def call_status_update(
    *,
    call_id: str,
    status: str,
    ended_reason: str = "",
    control_url: str = "",
    now: datetime | None = None,
) -> Conversation:
    """Remember the control URL; on `ended`, close the conversation (abandoned if no outcome)."""
    conversation = call_conversation(call_id)
    fields = []
    if control_url and conversation.control_url != control_url:
        conversation.control_url = control_url
        fields.append("control_url")
    if status == "ended":
        if not conversation.outcome:
            conversation.outcome = Conversation.Outcome.ABANDONED
            fields.append("outcome")
            metrics.conversation_outcome(channel=conversation.channel, outcome=conversation.outcome)
        conversation.ended_reason = ended_reason[:100]
        conversation.ended_at = conversation.ended_at or now or timezone.now()
        fields += ["ended_reason", "ended_at"]
        logger.info(
            "[FLOW] conv_id=%s state=%s intent=%s call_ended reason=%s",
            conversation.key,
            conversation.state,
            conversation.intent or "UNKNOWN",
            conversation.ended_reason or "-",
        )
    if fields:
        conversation.save(update_fields=[*fields, "updated_at"])
    return conversation


@transaction.atomic
def call_report(
    *,
    call_id: str,
    summary: str = "",
    transcript: str = "",
    recording_url: str = "",
    ended_reason: str = "",
) -> Conversation:
    """Store the end-of-call report with the conversation (it may come before or after `ended`)."""
    conversation = call_conversation(call_id)
    conversation.summary = summary[:MAX_TEXT]
    conversation.transcript = transcript[:MAX_TEXT]
    conversation.recording_url = recording_url[:1000]
    fields = ["summary", "transcript", "recording_url"]
    if ended_reason and not conversation.ended_reason:
        conversation.ended_reason = ended_reason[:100]
        fields.append("ended_reason")
    if not conversation.outcome:
        conversation.outcome = Conversation.Outcome.ABANDONED
        fields.append("outcome")
        metrics.conversation_outcome(channel=conversation.channel, outcome=conversation.outcome)
    conversation.save(update_fields=[*fields, "updated_at"])
    return conversation
