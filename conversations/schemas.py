"""OpenAPI examples of the web chat, conversation and statistics APIs (conversations/channels/web.py, conversations/apis.py)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import OpenApiExample

from booking.apis import APPOINTMENT_EXAMPLE


class StrictCharFieldExtension(OpenApiSerializerFieldExtension):
    """DRF's CharField refuses NUL characters (400): the schema says so."""

    target_class = "conversations.serializers.StrictCharField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        # Not a `pattern`: with allow_blank, drf-spectacular would wrap it in a oneOf that ""
        # matches twice, making "" invalid.
        return {**schema, "not": {"pattern": r"\x00"}}


CONVERSATION_ID = "3f2a9c1e0b7d4e5f8a6b9c0d1e2f3a4b"

GREETING = {
    "conversation_id": CONVERSATION_ID,
    "reply": "Bonjour, Garage des Tilleuls, que puis-je faire pour vous ?",
    "state": "START",
    "intent": "UNKNOWN",
    "slots": None,
    "appointment": None,
    "faq_id": None,
    "transfer": False,
    "ended": False,
}
SLOTS_PROPOSED = GREETING | {
    "reply": "Je vous propose : 1. mardi 24 novembre à 9h, 2. mercredi 25 novembre à 14h, "
    "3. jeudi 26 novembre à 17h. Lequel vous convient ?",
    "state": "WAIT_CONFIRM",
    "intent": "BOOKING",
    "slots": [
        {
            "index": 1,
            "start": "2026-11-24T09:00:00+01:00",
            "end": "2026-11-24T10:00:00+01:00",
            "label": "mardi 24 novembre à 9h",
        },
        {
            "index": 2,
            "start": "2026-11-25T14:00:00+01:00",
            "end": "2026-11-25T15:00:00+01:00",
            "label": "mercredi 25 novembre à 14h",
        },
        {
            "index": 3,
            "start": "2026-11-26T17:00:00+01:00",
            "end": "2026-11-26T18:00:00+01:00",
            "label": "jeudi 26 novembre à 17h",
        },
    ],
}
BOOKED = GREETING | {
    "reply": "C'est noté : rendez-vous mardi 24 novembre à 9h. Bonne journée !",
    "state": "CONFIRMED",
    "intent": "BOOKING",
    "appointment": APPOINTMENT_EXAMPLE | {"channel": "web"},
    "ended": True,
}
FAQ_ANSWER = GREETING | {
    "reply": "Du lundi au vendredi de 8h à 12h et de 14h à 18h. Que puis-je faire d'autre ?",
    "intent": "FAQ",
    "faq_id": "FAQ_HOURS",
}

CHAT_TURN_EXAMPLES = [
    OpenApiExample(
        "start a conversation",
        summary="No conversation_id and an empty message: the greeting.",
        value={"message": ""},
        request_only=True,
    ),
    OpenApiExample(
        "a first message",
        summary="No conversation_id: a new conversation starts with this message.",
        value={"message": "Bonjour, je voudrais un rendez-vous pour une vidange mardi matin"},
        request_only=True,
    ),
    OpenApiExample(
        "greeting",
        value=GREETING,
        response_only=True,
        status_codes=[200],
    ),
    OpenApiExample("slots proposed", value=SLOTS_PROPOSED, response_only=True, status_codes=[200]),
    OpenApiExample("appointment booked", value=BOOKED, response_only=True, status_codes=[200]),
    OpenApiExample("FAQ answered", value=FAQ_ANSWER, response_only=True, status_codes=[200]),
]

STREAM_EXAMPLE = (
    'event: token\ndata: {"text": "Bonjour, Garage des Tilleuls, "}\n\n'
    'event: token\ndata: {"text": "que puis-je faire pour vous ?"}\n\n'
    f'event: reply\ndata: {{"conversation_id": "{CONVERSATION_ID}", "reply": "Bonjour, '
    'Garage des Tilleuls, que puis-je faire pour vous ?", "state": "START", "intent": '
    '"UNKNOWN", "slots": null, "appointment": null, "faq_id": null, "transfer": false, '
    '"ended": false}\n\n'
)
# One Server-Sent Event (OpenAPI 3.0 describes each event of a text/event-stream).
CHAT_STREAM_EVENT = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["token", "reply"]},
        "data": {
            "type": "string",
            "description": 'JSON: `{"text": "..."}` for `token`, the turn payload for `reply`.',
        },
    },
}
CHAT_STREAM_EXAMPLES = [
    *CHAT_TURN_EXAMPLES[:2],
    OpenApiExample(
        "token events, then the reply",
        value=STREAM_EXAMPLE,
        response_only=True,
        status_codes=[200],
        media_type="text/event-stream",
    ),
]

CALL_SLOTS_REPLY = (
    "Je vous propose mardi 24 novembre à 9 h, mercredi 25 novembre à 14 h ou jeudi 26 novembre "
    "à 17 h. Lequel vous convient ?"
)
CONVERSATION_DETAIL_EXAMPLES = [
    OpenApiExample(
        "a call waiting for a slot choice",
        summary="Looked up by Vapi's call.id.",
        value=SLOTS_PROPOSED
        | {
            "conversation_id": "5b2e9f0a-7c41-4d8e-b3a6-1f9d2c7e8a40",
            "reply": CALL_SLOTS_REPLY,
            "channel": "voice",
            "turns": [
                {
                    "role": "user",
                    "text": "bonjour, je voudrais une vidange mardi matin",
                    "state": "START",
                    "at": "2026-11-23T09:00:02.100000+01:00",
                },
                {
                    "role": "agent",
                    "text": "Très bien. C'est à quel nom ?",
                    "state": "QUALIF_NAME",
                    "at": "2026-11-23T09:00:02.180000+01:00",
                },
                {
                    "role": "user",
                    "text": "Jean Dupont",
                    "state": "QUALIF_NAME",
                    "at": "2026-11-23T09:00:09.300000+01:00",
                },
                {
                    "role": "agent",
                    "text": CALL_SLOTS_REPLY,
                    "state": "WAIT_CONFIRM",
                    "at": "2026-11-23T09:00:09.420000+01:00",
                },
            ],
        },
        response_only=True,
        status_codes=[200],
    ),
    OpenApiExample(
        "a booked web conversation",
        summary="The appointment with its whole contacts (staff API); the turns abridged.",
        value=BOOKED
        | {
            "appointment": APPOINTMENT_EXAMPLE | {"channel": "web"},
            "channel": "web",
            "turns": [
                {
                    "role": "agent",
                    "text": GREETING["reply"],
                    "state": "START",
                    "at": "2026-11-23T09:00:00.050000+01:00",
                },
                {
                    "role": "user",
                    "text": "oui",
                    "state": "BOOKING_CONFIRM",
                    "at": "2026-11-23T09:03:10.400000+01:00",
                },
                {
                    "role": "agent",
                    "text": BOOKED["reply"],
                    "state": "CONFIRMED",
                    "at": "2026-11-23T09:03:10.520000+01:00",
                },
            ],
        },
        response_only=True,
        status_codes=[200],
    ),
]

BOOKING_STATS_EXAMPLES = [
    OpenApiExample(
        "last 24 hours",
        value={
            "window_hours": 24,
            "total_sessions": 40,
            "confirmed_bookings": 18,
            "moved": 2,
            "cancelled": 3,
            "transferred": 5,
            "intent_router": 1,
            "conversion_rate": 45.0,
            "abandon_rate": 20.0,
            "by_channel": {
                "web": {"total_sessions": 25, "confirmed_bookings": 12, "conversion_rate": 48.0},
                "voice": {"total_sessions": 15, "confirmed_bookings": 6, "conversion_rate": 40.0},
            },
        },
        response_only=True,
        status_codes=[200],
    )
]
