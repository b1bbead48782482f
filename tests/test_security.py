"""Security headers (receptionist/csp.py, SecurityMiddleware) and the HTTPS settings block."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# (page, who asks): the reports need a staff session, the login page wants none.
PAGES = [("/", "client"), ("/admin/login/", "client"), ("/admin/reports/", "admin_client")]

# What an operator sets for production (README, « Production »).
PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DEBUG": "false",
    "ALLOWED_HOSTS": "accueil.example.fr",
    "PUBLIC_BASE_URL": "https://accueil.example.fr",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "VAPI_SECRET": secrets.token_urlsafe(32),
}
# Settings this file drives from the environment: a developer's shell must not leak into them.
OURS = {
    *PRODUCTION_ENV,
    "HTTPS",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "REQUIRE_SECRET_KEY",
    "VAPI_ALLOW_UNAUTHENTICATED",
    "VAPI_CONTROL_ALLOW_PRIVATE",
}

SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in (
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER",
)}))
"""


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def run(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in OURS}
    env["DJANGO_SETTINGS_MODULE"] = "receptionist.settings"
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={"SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"], **env, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_under(**environment: str) -> dict[str, object]:
    result = run("-c", SHOW_SETTINGS, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "who"), PAGES, ids=[path for path, _ in PAGES])
def test_every_page_carries_the_policy_and_the_anti_framing_headers(db, request, path, who) -> None:
    response = request.getfixturevalue(who).get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_chat_socket_is_allowed_by_scheme_over_http(db, client) -> None:
    policy = directives(client.get("/"))

    assert policy["connect-src"] == ["'self'", "ws://testserver", "wss://testserver"]


def test_only_the_secure_socket_is_allowed_over_https(db, client) -> None:
    policy = directives(client.get("/", secure=True))

    assert policy["connect-src"] == ["'self'", "wss://testserver"]


def test_an_unknown_host_still_gets_a_policy_without_its_socket(db, client) -> None:
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert directives(response)["connect-src"] == ["'self'"]


def test_no_template_needs_an_inline_script() -> None:
    """script-src 'self' would block them: scripts come from static files."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|javascript:", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if inline.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []


# --- the widget, embedded by other sites ------------------------------------------------


async def test_the_widget_script_is_served_for_any_site_to_embed(async_client) -> None:
    response = await async_client.get("/static/receptionist/widget.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"receptionist-widget" in response.getvalue()
    # A script loaded by <script src> from another site: nothing here may refuse that.
    assert "Cross-Origin-Resource-Policy" not in response
    assert "Cross-Origin-Embedder-Policy" not in response
    assert "Content-Security-Policy" not in response
    assert response["Access-Control-Allow-Origin"] == "*"


# --- HTTPS ------------------------------------------------------------------------------


def test_hsts_is_sent_over_https_once_configured(db, client, settings) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    assert client.get("/", secure=True)["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )
    assert "Strict-Transport-Security" not in client.get("/")


def test_no_hsts_without_https(db, client, settings) -> None:
    settings.SECURE_HSTS_SECONDS = 0

    assert "Strict-Transport-Security" not in client.get("/", secure=True)


def test_the_https_redirect_spares_the_health_check(db, client, settings) -> None:
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/admin/login/")["Location"] == "https://testserver/admin/login/"
    assert client.get("/health").status_code == 200


def test_an_https_public_address_turns_on_secure_cookies_and_hsts() -> None:
    assert settings_under(PUBLIC_BASE_URL="https://accueil.example.fr") == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_the_dev_defaults_stay_on_plain_http() -> None:
    """`make run` on http://127.0.0.1: cookies without Secure, no HSTS, no redirect."""
    assert settings_under() == {
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }
    assert run("manage.py", "check", "--fail-level", "WARNING").returncode == 0


def test_a_load_balancer_header_is_read_only_when_named() -> None:
    proxied = settings_under(SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https")

    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert "SECURE_PROXY_SSL_HEADER" in run("-c", SHOW_SETTINGS, SECURE_PROXY_SSL_HEADER="x").stderr


def test_the_production_settings_pass_the_deploy_checks() -> None:
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
