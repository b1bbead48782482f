"""Issue 12, item 11: Live Call Control posts only to Vapi's own hosts (VAPI_CONTROL_HOSTS), over
https, and never to a private, loopback or link-local address, whatever `controlUrl` says."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from conversations.channels.vapi import control
from receptionist.asgi import application
from tests.conversations.vapi.test_completions import ControlServer

VAPI_CONTROL = (
    "https://phone-call-websocket.aws-us-west-2-backend-production2.vapi.ai/"
    "73daba4d-2bcc-4cca-8e49-3d7903467ade/control"
)

REFUSED = {
    "plain-http": "http://phone-call-websocket.aws-us-west-2-backend-production2.vapi.ai/c/control",
    "other-host": "https://attacker.example.com/control",
    "suffix-trick": "https://vapi.ai.attacker.example.com/control",
    "lookalike": "https://evilvapi.ai/control",
    "loopback": "https://127.0.0.1/control",
    "localhost": "https://localhost:8000/control",
    "ipv6-loopback": "https://[::1]/control",
    "link-local-metadata": "https://169.254.169.254/latest/meta-data/",
    "private": "https://10.0.0.5/control",
    "credentials": "https://user:pw@phone.vapi.ai/control",
    "bad-port": "https://phone.vapi.ai:99999/control",
    "not-a-url": "javascript:alert(1)",
    "file": "file:///etc/passwd",
}


@pytest.mark.parametrize("url", REFUSED.values(), ids=REFUSED.keys())
def test_urls_off_the_allow_list_are_refused(url: str) -> None:
    assert control.allowed_url(url) is False


def test_vapis_control_url_is_accepted() -> None:
    assert control.allowed_url(VAPI_CONTROL) is True


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
        "not-an-ip",
    ],
)
def test_private_loopback_and_link_local_addresses_are_not_public(address: str) -> None:
    assert control.public_address(address) is False


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111"])
def test_internet_addresses_are_public(address: str) -> None:
    assert control.public_address(address) is True


async def test_an_allowed_name_that_resolves_to_loopback_is_not_posted_to(settings) -> None:
    settings.VAPI_CONTROL_HOSTS = ["localhost"]

    assert control.allowed_url("https://localhost/control") is True
    assert await control.resolves_publicly("https://localhost/control") is False
    assert await control.send("https://localhost/control", control.end_call_command()) is None


@pytest.fixture
def listener():
    """A loopback server that records what it is sent: where an attacker would point."""
    server = ControlServer()
    yield server
    server.close()


async def transfer_request(control_url: str) -> httpx.Response:
    body = {
        "model": "receptionist",
        "stream": False,
        "messages": [{"role": "user", "content": "passez-moi quelqu'un s'il vous plaît"}],
        "call": {"id": "call-ssrf", "monitor": {"controlUrl": control_url}},
    }
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        return await http.post("/api/vapi/chat/completions", json=body)


@pytest.mark.django_db(transaction=True)
async def test_a_control_url_on_an_internal_address_is_never_posted_to(
    business, clock, settings, listener
) -> None:
    settings.VAPI_ALLOW_UNAUTHENTICATED = True
    settings.VAPI_CONTROL_SECONDS_PER_CHAR = 0

    response = await transfer_request(listener.url)
    await asyncio.sleep(0.3)

    assert response.status_code == 200
    assert "transferCall" in response.text
    assert listener.received == []


@pytest.mark.django_db(transaction=True)
async def test_a_loopback_server_is_reached_only_when_tests_allow_it_deliberately(
    business, clock, settings, listener
) -> None:
    settings.VAPI_ALLOW_UNAUTHENTICATED = True
    settings.VAPI_CONTROL_SECONDS_PER_CHAR = 0
    settings.VAPI_CONTROL_HOSTS = ["127.0.0.1"]
    settings.VAPI_CONTROL_ALLOW_PRIVATE = True

    await transfer_request(listener.url)
    for _ in range(100):
        if listener.received:
            break
        await asyncio.sleep(0.02)

    assert [command["type"] for command in listener.received] == ["transfer"]
