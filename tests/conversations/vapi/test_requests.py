"""Reading a Custom LLM request (conversations/channels/vapi/requests.py): which call it belongs to."""

from __future__ import annotations

import pytest

from conversations.channels.vapi.requests import BadRequest, parse_completion


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ({"id": "call-1"}, "call-1"),
        ({"id": " call-1\t"}, "call-1"),
        ({"callId": "legacy"}, "legacy"),
        ({"id": "", "callId": "legacy"}, "legacy"),
        ({"id": None, "callId": "legacy"}, "legacy"),
        # Found by schemathesis: NEL is no blank for the schema's pattern, so none here either.
        ({"callId": "\x85"}, "\x85"),
        ({"id": "x" * 100}, "x" * 100),
    ],
)
def test_the_call_id_is_id_else_call_id(call: dict, expected: str) -> None:
    assert parse_completion({"messages": [], "call": call}).call_id == expected


@pytest.mark.parametrize(
    "call",
    [{}, {"id": " \t\n "}, {"id": "x" * 101}, {"id": 5, "callId": "legacy"}, {"callId": ["x"]}],
    ids=["missing", "blank", "too-long", "id-not-text", "call-id-not-text"],
)
def test_a_request_without_a_usable_call_id_is_refused(call: dict) -> None:
    with pytest.raises(BadRequest, match="call.id"):
        parse_completion({"messages": [], "call": call})
