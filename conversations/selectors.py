"""Reads for the conversation service: staff prompt overrides (a per-process snapshot), the
other live conversations of one client, one conversation as the staff API shows it, and its
thread as the admin shows it (with the questions the FAQ had no answer for), and how often
each FAQ entry answered (for the FAQ's admin list)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from django.db.models import (
    Count,
    Expression,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from booking.models import Motif, Practitioner
from booking.selectors import appointment_by_public_id, business_identity
from conversations.dialogue.spoken import either, phone_label
from conversations.models import FAQ_MISS_PROMPT, Conversation, Prompt, Turn
from conversations.rendering import TurnResult, appointment_payload
from faq.models import FaqEntry
from faq.selectors import FaqCatalogue, faq_catalogue
from receptionist.lib.snapshots import Snapshot

# The key's CharField declares a max_length (the stub's Field.max_length allows None).
KEY_MAX_CHARS = cast(int, Conversation._meta.get_field("key").max_length)
# Outcomes given outside a turn: the call hung up, the session expired. Nothing is open after.
CLOSED_OUTSIDE_A_TURN = (Conversation.Outcome.ABANDONED, Conversation.Outcome.EXPIRED)


def _fingerprint() -> tuple[Any, ...]:
    stats = Prompt.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return (stats["count"], stats["latest"])


def _load() -> dict[tuple[str, str], str]:
    return {(p.key, p.variant): p.text for p in Prompt.objects.all().only("key", "variant", "text")}


_overrides = Snapshot("prompts", _load, _fingerprint)


def prompt_overrides() -> dict[tuple[str, str], str]:
    """{(key, variant): text} for every staff override."""
    return _overrides.get()


def prompt_overrides_clear() -> None:
    """After a staff edit, the next turn of every process reads the new wording.

    Cleared now and again once the transaction commits (with the shared version bumped), so a
    turn running meanwhile cannot keep the old rows.
    """
    _overrides.changed()


def client_neighbours(conversation: Conversation, *, since: datetime) -> list[str]:
    """Keys of the client's other conversations active since `since` (none without a client)."""
    if not conversation.client:
        return []
    return list(
        Conversation.objects.filter(client=conversation.client, updated_at__gte=since)
        .exclude(pk=conversation.pk)
        .values_list("key", flat=True)[:200]
    )


def conversation_detail(*, key: str) -> dict[str, Any] | None:
    """GET /api/conversations/{id}: the last turn payload, `channel` and `turns` (oldest first).

    `key` is the conversation id; a call's conversation is keyed by Vapi's call id. None when
    unknown or malformed. Contacts are whole (staff only); two queries, three with an
    appointment, whatever the number of turns.
    """
    if not 0 < len(key) <= KEY_MAX_CHARS or not key.isprintable():
        return None  # never a key: no query (PostgreSQL refuses NUL characters outright)
    turns = Prefetch("turns", queryset=Turn.objects.order_by("index"))
    conversation = (
        Conversation.objects.filter(key=key)
        .only("key", "channel", "state", "intent", "outcome", "ended_reason")
        .prefetch_related(turns)
        .first()
    )
    if conversation is None:
        return None
    rows = list(conversation.turns.all())
    payload = _last_payload(conversation, rows[-1] if rows else None)
    return {**payload, "channel": conversation.channel, "turns": list(_lines(rows))}


def _last_payload(conversation: Conversation, last: Turn | None) -> dict[str, Any]:
    if last is None:  # a call known from a status update, before its first turn
        payload = TurnResult(
            conversation_id=conversation.key,
            reply="",
            state=conversation.state,
            intent=conversation.intent or "UNKNOWN",
        ).as_payload()
    else:
        payload = TurnResult.from_payload(last.payload).as_payload()
    if conversation.outcome in CLOSED_OUTSIDE_A_TURN or conversation.ended_reason:
        payload.update(slots=None, ended=True)
    shown = payload["appointment"]
    if shown:
        # The appointment as it is now, contacts whole; as the turn showed it if since deleted.
        appointment = appointment_by_public_id(str(shown.get("id", "")))
        payload["appointment"] = (
            appointment_payload(appointment, masked=False) if appointment else shown
        )
    return payload


def _lines(rows: Iterable[Turn]) -> Iterable[dict[str, Any]]:
    """Each turn as the caller's message (none before a greeting), then the reply."""
    for turn in rows:
        if turn.user_text or turn.guard:
            # The message arrived when the turn started: `latency_ms` before its row was saved.
            received = turn.created_at - timedelta(milliseconds=turn.latency_ms)
            yield _line("user", turn.user_text, turn.state_before, received)
        yield _line("agent", turn.reply, turn.state_after, turn.created_at)


def _line(role: str, text: str, state: str, at: datetime) -> dict[str, Any]:
    return {"role": role, "text": text, "state": state, "at": timezone.localtime(at).isoformat()}


@dataclass(frozen=True)
class ThreadTurn:
    turn: Turn
    unanswered: bool  # the FAQ had no answer, and its words are still no entry's phrasing
    added_to: str = ""  # the entry whose phrasing these words have become since


def conversation_thread(
    conversation: Conversation,
) -> tuple[list[ThreadTurn], FaqCatalogue | None]:
    """The turns in order, and the active FAQ entries when a question went unanswered."""
    turns = list(conversation.turns.order_by("index"))
    missed = {t.index for t in turns if FAQ_MISS_PROMPT in t.prompt_keys and t.user_text.strip()}
    if not missed:
        return [ThreadTurn(t, unanswered=False) for t in turns], None
    catalogue = faq_catalogue()
    thread = []
    for turn in turns:
        added_to = catalogue.covering(turn.user_text) if turn.index in missed else ""
        thread.append(ThreadTurn(turn, turn.index in missed and not added_to, added_to))
    return thread, catalogue


def preview_values() -> dict[str, str]:
    """What a prompt preview fills in from this business rather than from a sample: its name,
    its transfer number as written on the web, a motif and an FAQ answer of its own."""
    identity = business_identity()
    values = {"business": identity.name} if identity.name else {}
    if identity.transfer_number:
        values["transfer_number"] = phone_label(identity.transfer_number)
    motif = Motif.objects.order_by("pk").values_list("name", flat=True).first()
    if motif:
        values["motif_part"] = f" (motif : {motif})"
    entry = FaqEntry.objects.filter(active=True).order_by("pk").values("faq_id", "answer").first()
    if entry:
        values["faq_id"], values["faq_answer"] = entry["faq_id"], entry["answer"]
    said = [
        p.spoken or p.name
        for p in Practitioner.objects.filter(active=True, implicit=False).order_by("position")
    ]
    if said:
        values["practitioner_choices"] = either(said)
    return values


def faq_answers_since(since: datetime) -> Expression:
    """How many turns the FAQ entry of the outer row (``faq_id``) answered since `since`."""
    answers = (
        Turn.objects.filter(faq_id=OuterRef("faq_id"), created_at__gte=since)
        .order_by()
        .values("faq_id")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Coalesce(Subquery(answers, output_field=IntegerField()), 0)
