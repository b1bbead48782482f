"""The secret key when none is configured: a random one, made once per installation and kept.

The contract keeps every setting optional, and a public default key would make sessions and
signed values forgeable. So an unset ``SECRET_KEY`` means: read the key this installation made
on its first start (``SECRET_KEY_FILE``), or make it now. Several machines must share one key:
set ``SECRET_KEY`` there (``REQUIRE_SECRET_KEY=true`` refuses to start without it).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 50
# Known public or placeholder keys: refused without DEBUG, whatever their length.
PLACEHOLDERS = ("change-me", "changeme", "change_me", "your-secret-key", "your_secret")
MIN_LENGTH = 50


def weak(key: str, *, public_keys: tuple[str, ...] = ()) -> bool:
    """A key anyone could guess: public, a placeholder, short, or of a few characters."""
    return (
        key in public_keys
        or any(marker in key.lower() for marker in PLACEHOLDERS)
        or key.startswith("django-insecure")
        or len(key) < MIN_LENGTH
        or len(set(key)) < 5
    )


def installation_key(path: Path) -> str:
    """The key kept in `path`, made (owner-only, atomically) if the file does not exist yet."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(KEY_BYTES)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)  # another process made it first: use theirs
    except OSError as exc:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not set and {path} cannot be written ({exc.strerror}): set "
            "SECRET_KEY, or SECRET_KEY_FILE to a writable path."
        ) from None
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(key)
    return key


def _read(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if weak(key):
        raise ImproperlyConfigured(f"{path} holds no usable secret key: delete it to make one.")
    return key
