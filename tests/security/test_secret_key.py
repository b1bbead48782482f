"""Issue 12, item 8: without DEBUG, the settings refuse a development, placeholder or short key.

Run in a fresh interpreter each time: the check happens when the settings are imported.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOAD = "import django; django.setup(); print('loaded')"


def load_settings(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "receptionist.settings"
    return subprocess.run(
        [sys.executable, "-c", LOAD],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


REFUSED = {
    "unset (the development key)": None,
    "change-me": "change-me",
    "changeme, made long": "changeme" + secrets.token_urlsafe(50),
    "your-secret-key": "your-secret-key",
    "secret": "secret",
    "django-insecure-": "django-insecure-" + secrets.token_urlsafe(50),
    "49 characters": secrets.token_hex(25)[:49],
    "one character repeated": "x" * 64,
}


@pytest.mark.parametrize("key", list(REFUSED.values()), ids=list(REFUSED))
def test_a_weak_key_stops_the_server_without_debug(key: str | None) -> None:
    result = load_settings(DEBUG="false", **({"SECRET_KEY": key} if key is not None else {}))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr
    if key and len(key) >= 20:
        assert key not in result.stderr  # the message never repeats the key


@pytest.mark.parametrize(
    "key",
    [secrets.token_urlsafe(48), secrets.token_urlsafe(50), secrets.token_hex(25)],
    ids=["the eval runner's (64 characters)", "the README's", "50 hex digits"],
)
def test_a_random_key_of_50_characters_or_more_is_accepted(key: str) -> None:
    result = load_settings(DEBUG="false", SECRET_KEY=key)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "loaded"


def test_debug_keeps_the_development_key_for_a_developer() -> None:
    result = load_settings(DEBUG="true")

    assert result.returncode == 0, result.stderr
