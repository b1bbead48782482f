"""Issue 12 (low): the chat socket compares the whole origin (scheme, host and port).

Any page whose host was in ALLOWED_HOSTS used to pass, whatever its scheme or port (another
service on the same host, plain http beside https).
"""

from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator

from receptionist.asgi import application
from receptionist.origins import origin_of

pytestmark = pytest.mark.django_db(transaction=True)


async def opens(origin: str, host: str = "", scheme: str = "ws") -> bool:
    headers = [(b"origin", origin.encode())]
    if host:
        headers.append((b"host", host.encode()))
    communicator = WebsocketCommunicator(application, "/ws/chat/", headers=headers)
    communicator.scope["scheme"] = scheme
    connected, _ = await communicator.connect()
    await communicator.disconnect()
    return connected


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        ("http://localhost:8000", True),  # listed in WIDGET_ALLOWED_ORIGINS
        ("http://localhost:8001", False),  # same host, another port
        ("https://localhost:8000", False),  # same host and port, another scheme
        ("http://localhost.evil.example:8000", False),
        ("null", False),
    ],
)
async def test_a_listed_origin_must_match_whole(business, origin: str, expected: bool) -> None:
    assert await opens(origin) is expected


async def test_pages_of_this_server_may_open_it_on_its_own_scheme_and_port(business) -> None:
    assert await opens("http://testserver:8123", host="testserver:8123") is True
    assert await opens("http://testserver:9000", host="testserver:8123") is False
    assert await opens("https://testserver:8123", host="testserver:8123") is False
    assert await opens("https://testserver", host="testserver", scheme="wss") is True


async def test_a_host_outside_allowed_hosts_is_not_our_own(business) -> None:
    assert await opens("http://evil.example:8123", host="evil.example:8123") is False


async def test_the_public_base_url_is_our_own(business, settings) -> None:
    settings.PUBLIC_BASE_URL = "https://accueil.example.fr"

    assert await opens("https://accueil.example.fr") is True
    assert await opens("http://accueil.example.fr") is False
    assert await opens("https://accueil.example.fr:8443") is False


async def test_behind_a_tls_proxy_the_forwarded_scheme_counts(business, settings) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    headers = [
        (b"origin", b"https://testserver"),
        (b"host", b"testserver"),
        (b"x-forwarded-proto", b"https"),
    ]
    communicator = WebsocketCommunicator(application, "/ws/chat/", headers=headers)
    connected, _ = await communicator.connect()
    await communicator.disconnect()
    assert connected is True


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.fr", ("https", "www.example.fr", 443)),
        ("HTTPS://WWW.Example.fr:443/", ("https", "www.example.fr", 443)),
        ("http://127.0.0.1:8000", ("http", "127.0.0.1", 8000)),
        ("wss://www.example.fr", ("https", "www.example.fr", 443)),
        ("www.example.fr", None),
        ("ftp://www.example.fr", None),
        ("http://host:notaport", None),
    ],
)
def test_origins_are_read_as_scheme_host_and_port(url: str, expected) -> None:
    assert origin_of(url) == expected
