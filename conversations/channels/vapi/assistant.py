"""The transient assistant returned to ``assistant-request``: our greeting, our custom LLM."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from booking.selectors import BusinessProfile
from conversations.dialogue import prompts
from conversations.selectors import prompt_overrides

SERVER_MESSAGES = [
    "status-update",
    "end-of-call-report",
    "tool-calls",
    "transfer-destination-request",
]


def transient_assistant(profile: BusinessProfile) -> dict[str, Any]:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    transfer_number = profile.identity.transfer_number
    greeting = prompts.say(
        prompts.OPENING,
        channel="voice",
        values={"business": profile.identity.name},
        overrides=prompt_overrides(),
    )
    headers = {"X-Vapi-Secret": settings.VAPI_SECRET} if settings.VAPI_SECRET else {}
    tools: list[dict[str, Any]] = [{"type": "endCall"}]
    if transfer_number:
        tools.insert(
            0,
            {
                "type": "transferCall",
                "destinations": [{"type": "number", "number": transfer_number, "message": ""}],
            },
        )
    model: dict[str, Any] = {
        "provider": "custom-llm",
        "url": f"{base}/api/vapi",
        "model": "receptionist",
        "temperature": 0,
        "tools": tools,
        "messages": [{"role": "system", "content": f"Réceptionniste de {profile.identity.name}."}],
    }
    if headers:
        model["headers"] = headers
    server: dict[str, Any] = {"url": f"{base}/api/vapi/webhook"}
    if headers:
        server["headers"] = headers
    return {
        "assistant": {
            "name": f"Accueil {profile.identity.name}"[:40],
            "firstMessage": greeting,
            "firstMessageMode": "assistant-speaks-first",
            "model": model,
            "transcriber": {"provider": "deepgram", "model": "nova-2", "language": "fr"},
            "voice": {"provider": "azure", "voiceId": "fr-FR-DeniseNeural"},
            "server": server,
            "serverMessages": SERVER_MESSAGES,
            "endCallFunctionEnabled": True,
        }
    }
