"""Issue 12 (low): /metrics behind a proxy on the same host no longer lets the internet in.

Every proxied request came from the proxy's loopback address, which METRICS_ALLOWED_IPS lets in.
With NUM_PROXIES set, the address checked is the client's, as the trusted proxies forwarded it.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"


@pytest.mark.parametrize(
    ("forwarded_for", "status"),
    [
        ("203.0.113.9", 403),  # a visitor from the internet, through the proxy
        ("127.0.0.1, 203.0.113.9", 403),  # the visitor wrote « 127.0.0.1 » itself
        ("127.0.0.1", 200),  # a scraper on the host, through the proxy
        (None, 200),  # a scraper on the host, straight to the server
    ],
)
def test_the_forwarded_client_is_checked(client, settings, forwarded_for, status) -> None:
    settings.NUM_PROXIES = 1
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}

    assert client.get("/metrics", REMOTE_ADDR=PROXY, **headers).status_code == status


def test_without_proxies_the_header_is_ignored(client, settings) -> None:
    settings.NUM_PROXIES = 0

    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=PROXY)

    assert response.status_code == 403


def test_the_token_still_works_through_the_proxy(client, settings) -> None:
    settings.NUM_PROXIES, settings.METRICS_TOKEN = 1, "x-scrape-token"

    response = client.get(
        "/metrics",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        HTTP_AUTHORIZATION="Bearer x-scrape-token",
    )

    assert response.status_code == 200
