"""Issue 12, item 8: without DEBUG, the settings refuse a development, placeholder or short key;
an unset key is a random one made once per installation and kept, never a public default.

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
KEY = (
    "import hashlib, django; django.setup(); from django.conf import settings; "
    "print(hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest())"
)


def load_settings(code: str = LOAD, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "receptionist.settings"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


REFUSED = {
    "the old public development key": "!!!dev-only-set-SECRET_KEY-in-production!!!",
    "change-me": "change-me",
    "changeme, made long": "changeme" + secrets.token_urlsafe(50),
    "your-secret-key": "your-secret-key",
    "secret": "secret",
    "django-insecure-": "django-insecure-" + secrets.token_urlsafe(50),
    "49 characters": secrets.token_hex(25)[:49],
    "one character repeated": "x" * 64,
}


@pytest.mark.parametrize("key", list(REFUSED.values()), ids=list(REFUSED))
def test_a_weak_key_stops_the_server_without_debug(key: str) -> None:
    result = load_settings(DEBUG="false", SECRET_KEY=key)

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


def test_an_unset_key_is_made_once_per_installation_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    first = load_settings(KEY, DEBUG="false", SECRET_KEY_FILE=str(path))
    again = load_settings(KEY, DEBUG="false", SECRET_KEY_FILE=str(path))

    assert first.returncode == again.returncode == 0, first.stderr
    assert first.stdout == again.stdout  # the same key after a restart: sessions survive
    assert path.stat().st_mode & 0o777 == 0o600
    assert len(path.read_text()) >= 50


def test_two_installations_get_different_keys(tmp_path: Path) -> None:
    keys = {
        load_settings(KEY, DEBUG="false", SECRET_KEY_FILE=str(tmp_path / name)).stdout
        for name in ("one", "two")
    }
    assert len(keys) == 2


def test_an_unset_key_is_refused_where_one_must_be_shared(tmp_path: Path) -> None:
    result = load_settings(
        DEBUG="false", REQUIRE_SECRET_KEY="true", SECRET_KEY_FILE=str(tmp_path / "k")
    )
    assert result.returncode != 0
    assert "REQUIRE_SECRET_KEY" in result.stderr
    assert not (tmp_path / "k").exists()


def test_an_unwritable_key_file_says_what_to_set(tmp_path: Path) -> None:
    result = load_settings(DEBUG="false", SECRET_KEY_FILE=str(tmp_path / "missing" / "k"))
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr


def test_a_tampered_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k"
    path.write_text("short")
    result = load_settings(DEBUG="false", SECRET_KEY_FILE=str(path))
    assert result.returncode != 0
    assert "no usable secret key" in result.stderr
