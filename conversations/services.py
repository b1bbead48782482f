"""One turn of conversation, whatever the channel: load, guard, understand, step, act, render, save."""

from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from booking import availability
from booking.selectors import BusinessProfile, business_profile
from conversations.dialogue import engine, guards, prompts
from conversations.dialogue.flows.common import Context, Limits, Step, transfer
from conversations.dialogue.memory import Memory
from conversations.dialogue.states import State
from conversations.dialogue.understanding import understand
from conversations.executor import Executor
from conversations.journal import record_turn
from conversations.models import Channel, Conversation
from conversations.rendering import TurnResult, staff_of
from faq.services import faq_index
from receptionist.lib import metrics
from receptionist.lib.errors import DomainError, RateLimited
from receptionist.lib.writes import serialized_writes

logger = logging.getLogger("conversations.flow")

MAX_EFFECTS_PER_TURN = 6
MESSAGE_KEY_PREFIX = "msg:"
MESSAGE_ID_MAX_CHARS = 60
# What a client's message id may be: a UUID, a counter, a timestamp.
MESSAGE_ID_PATTERN = re.compile(rf"[A-Za-z0-9._:-]{{1,{MESSAGE_ID_MAX_CHARS}}}")


class ConversationNotFound(DomainError):
    code, status, message = "conversation_not_found", 404, "Unknown conversation_id."


class CallIdTaken(DomainError):
    """A voice call id equal to the key of a conversation of another channel."""

    code, status, message = "call_id_conflict", 409, "This call id names another conversation."


def limits_from_settings() -> Limits:
    return Limits(
        name_failures=settings.NAME_FAILURES_MAX,
        choice_failures=settings.SLOT_CHOICE_FAILURES_MAX,
        phone_failures=settings.PHONE_FAILURES_MAX,
        faq_misses=settings.FAQ_MISSES_MAX,
        confirm_retries=settings.CONFIRM_RETRY_MAX,
        anti_loop_turns=settings.MAX_TURNS_ANTI_LOOP,
    )


def session_ttl(channel: str) -> timedelta:
    minutes = (
        settings.VOICE_SESSION_TTL_MINUTES
        if channel == Channel.VOICE
        else settings.SESSION_TTL_MINUTES
    )
    return timedelta(minutes=minutes)


def conversation_start(
    *, channel: str, key: str | None = None, caller_number: str = "", client: str = ""
) -> Conversation:
    """A new conversation; `client` is a digest of the web visitor's address (never the address)."""
    memory = Memory(caller_number=caller_number)
    return Conversation.objects.create(
        key=key or uuid.uuid4().hex,
        channel=channel,
        state=State.START,
        data=memory.to_dict(),
        client=client,
    )


def conversation_handle_turn(
    *,
    channel: str,
    conversation_id: str | None,
    message: str,
    caller_number: str = "",
    message_id: str = "",
    client: str = "",
    now: datetime | None = None,
    admit_new: Callable[[], int] | None = None,
) -> TurnResult:
    """Answer one message. Raises ConversationNotFound for an unknown conversation id.

    The one policy for an unknown id, whatever the channel: it is never taken for another
    conversation nor silently replaced here. The HTTP API answers 404 (the client chose the
    id and decides to start again, as the widget does); the WebSocket, whose conversation is
    the server's own, starts a new one (counted as a new conversation of its address) when
    its conversation was erased or purged while the socket was open. An expired one starts
    afresh under the same rule on every channel (`admit_new`).

    A `message_id` (chosen by the client) makes the turn idempotent: the same id again in the
    same conversation returns the stored answer and changes nothing. `admit_new` counts a
    conversation that starts afresh because the old one expired, as the channel counts new
    ones (seconds to wait, 0 to go): past the limit, RateLimited.
    """
    started = time.perf_counter()
    now = now or timezone.now()
    profile = business_profile()
    conversation: Conversation | None
    with serialized_writes(), transaction.atomic():
        if conversation_id is None:
            conversation = conversation_start(
                channel=channel, caller_number=caller_number, client=client
            )
            if not message.strip():
                return _greet(conversation, profile, started, now)
        else:
            conversation = (
                Conversation.objects.select_for_update()
                .filter(key=conversation_id, channel=channel)
                .first()
            )
            if conversation is None:
                raise ConversationNotFound(conversation_id)
            if message_id:
                answered = conversation.turns.filter(request_key=message_key(message_id)).first()
                if answered is not None:
                    return TurnResult.from_payload(answered.payload)
            if conversation.is_expired(now, session_ttl(conversation.channel)):
                if admit_new is not None and (wait := admit_new()):
                    raise RateLimited(wait)
                return _expire(conversation, profile, started, now)
        key = message_key(message_id) if message_id else ""
        return _turn(conversation, profile, message, started, now, request_key=key)


def message_key(message_id: str) -> str:
    """The turn's request key for a client's message id (voice keys never start so)."""
    return MESSAGE_KEY_PREFIX + message_id


def conversation_handle_voice_turn(
    *,
    call_id: str,
    user_messages: list[str],
    caller_number: str = "",
    control_url: str = "",
    now: datetime | None = None,
) -> TurnResult:
    """Answer a voice request, which carries the whole call history.

    The same history twice (a retry) gets the stored answer and advances nothing; an older
    history arriving late gets the latest answer; caller messages not yet answered (a
    barge-in) are taken in order and the answer to the last one is returned: at most the last
    VOICE_MAX_TURNS_PER_REQUEST of them, the older ones are counted as seen and never run.
    Raises CallIdTaken when the call id is the key of a web conversation.
    """
    started = time.perf_counter()
    now = now or timezone.now()
    profile = business_profile()
    key = _request_key(len(user_messages), user_messages[-1] if user_messages else "")
    with serialized_writes(), transaction.atomic():
        conversation = _voice_conversation(call_id, caller_number, control_url, now)
        answered = conversation.turns.filter(request_key=key).order_by("-index").first()
        if answered is not None:
            return TurnResult.from_payload(answered.payload)
        seen = conversation.user_messages_seen
        if not user_messages:
            return _greet(conversation, profile, started, now, request_key=key)
        if len(user_messages) < seen:
            latest = conversation.turns.order_by("-index").first()
            if latest is not None:
                return TurnResult.from_payload(latest.payload)
        count = len(user_messages)
        first = seen if count > seen else count - 1
        # A request runs a bounded number of turns, the newest: the same ones on every retry.
        first = max(first, count - max(1, settings.VOICE_MAX_TURNS_PER_REQUEST))
        if first > seen:
            logger.info(
                "[INTERRUPTION] conv_id=%s state=%s intent=%s skipped_messages=%s",
                call_id,
                conversation.state,
                conversation.intent or "UNKNOWN",
                first - seen,
            )
        conversation.user_messages_seen = max(seen, count)  # saved with the turn
        result = None
        for number in range(first + 1, count + 1):
            message = user_messages[number - 1]
            result = _turn(
                conversation,
                profile,
                message,
                started,
                now,
                request_key=key if number == count else _request_key(number, message),
            )
        assert result is not None  # first < count: the loop ran at least once
        result.extra["control_url"] = conversation.control_url
        return result


def _request_key(count: int, last_message: str) -> str:
    digest = hashlib.sha256(last_message.encode("utf-8", "replace")).hexdigest()[:16]
    return f"{count}:{digest}"


def call_conversation(call_id: str, *, caller_number: str = "") -> Conversation:
    """The call's conversation, created on the call's first message and locked (in a transaction).

    Raises CallIdTaken when the id is the key of a conversation of another channel.
    """
    calls = Conversation.objects.select_for_update().filter(channel=Channel.VOICE)
    conversation = calls.filter(key=call_id).first()
    if conversation is None:
        if Conversation.objects.filter(key=call_id).exists():
            raise CallIdTaken(call_id)
        try:
            with transaction.atomic():
                conversation_start(channel=Channel.VOICE, key=call_id, caller_number=caller_number)
        except IntegrityError:
            pass  # two first messages of one call: the other one created it
        conversation = calls.filter(key=call_id).first()
        if conversation is None:
            raise CallIdTaken(call_id)
    return conversation


def _voice_conversation(
    call_id: str, caller_number: str, control_url: str, now: datetime
) -> Conversation:
    """The call's conversation for this turn, started afresh when it expired."""
    conversation = call_conversation(call_id, caller_number=caller_number)
    if conversation.is_expired(now, session_ttl(Channel.VOICE)):
        # A call keeps its id: start the dialogue afresh in place.
        conversation.state = State.START
        conversation.data = Memory(caller_number=caller_number).to_dict()
        conversation.save(update_fields=["state", "data", "updated_at"])
    if control_url and conversation.control_url != control_url:
        conversation.control_url = control_url
        conversation.save(update_fields=["control_url"])
    if caller_number and not conversation.data.get("caller_number"):
        # The call began before its first turn (a status update): learn the caller now.
        conversation.data = {**conversation.data, "caller_number": caller_number}
        conversation.save(update_fields=["data"])
    return conversation


def _greet(
    conversation: Conversation,
    profile: BusinessProfile,
    started: float,
    now: datetime,
    request_key: str = "",
) -> TurnResult:
    step = Step(State.START, prompts.OPENING, Memory.from_dict(conversation.data))
    return record_turn(
        conversation,
        profile,
        step,
        user_text="",
        state_before=State.START,
        started=started,
        now=now,
        executor=None,
        request_key=request_key,
    )


def _expire(
    conversation: Conversation, profile: BusinessProfile, started: float, now: datetime
) -> TurnResult:
    """The old conversation is closed as expired; a fresh one answers."""
    availability.holds_release(holder=conversation.key)
    if not conversation.outcome:
        conversation.outcome = Conversation.Outcome.EXPIRED
        metrics.conversation_outcome(channel=conversation.channel, outcome=conversation.outcome)
    conversation.ended_at = conversation.ended_at or now
    conversation.save(update_fields=["outcome", "ended_at", "updated_at"])
    caller = Memory.from_dict(conversation.data).caller_number
    fresh = conversation_start(
        channel=conversation.channel, caller_number=caller, client=conversation.client
    )
    step = Step(
        State.START, ("MSG_SESSION_EXPIRED", "MSG_ASK_INTENT"), Memory.from_dict(fresh.data)
    )
    return record_turn(
        fresh,
        profile,
        step,
        user_text="",
        state_before=State.START,
        started=started,
        now=now,
        executor=None,
    )


def _turn(
    conversation: Conversation,
    profile: BusinessProfile,
    message: str,
    started: float,
    now: datetime,
    request_key: str = "",
) -> TurnResult:
    state_before = State(conversation.state)
    guard = guards.check(message, max_chars=settings.MESSAGE_MAX_CHARS)
    text = guards.clean(message) if guard != guards.Guard.TOO_LONG else ""
    memory = Memory.from_dict(conversation.data)
    ctx = Context(
        state=state_before,
        memory=memory,
        channel=conversation.channel,
        limits=limits_from_settings(),
        staff=staff_of(profile),
        read_back=conversation.channel in settings.BOOKING_READ_BACK_CHANNELS,
    )
    executor = Executor(profile=profile, conversation=conversation, now=now)
    try:
        step = _think(ctx, text, guard, profile, executor, now)
    except Exception:
        logger.exception(
            "[FLOW] conv_id=%s state=%s intent=%s engine failure",
            conversation.key,
            state_before,
            conversation.intent or "UNKNOWN",
        )
        step = transfer(ctx, "MSG_TECHNICAL_ERROR")
    if step.transfer or step.ended:
        # Whoever takes over (the team, or nobody) needs no slot kept for this conversation.
        availability.holds_release(holder=conversation.key)
    return record_turn(
        conversation,
        profile,
        step,
        user_text=text,
        state_before=state_before,
        started=started,
        now=now,
        executor=executor,
        guard=guard,
        request_key=request_key,
    )


def _think(
    ctx: Context, text: str, guard, profile: BusinessProfile, executor: Executor, now: datetime
) -> Step:
    tz = profile.tz
    options = (
        ctx.memory.matches
        if ctx.state in (State.CANCEL_SELECT, State.MODIFY_SELECT)
        else ctx.memory.slots
    )
    heard = understand(
        text,
        state=ctx.state,
        today=now.astimezone(tz).date(),
        slot_starts=[s.start.astimezone(tz) for s in options],
        faq_index=faq_index(),
        faq_threshold=settings.FAQ_MATCH_THRESHOLD,
        known_motifs=[name for name, _ in profile.motifs],
        guard=guard,
        staff=ctx.staff,
        booking_for=ctx.memory.motif,
    )
    step = engine.step(ctx, heard)
    for _ in range(MAX_EFFECTS_PER_TURN):
        if not step.effects:
            break
        outcome = executor.run(step.effects[0], step.memory)
        step = engine.resume(replace(step, effects=step.effects[1:]), outcome, ctx)
    return step
