"""Debian's Chromium for the browser tests: where it is, how it starts, what they share."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "garage_profile.json"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> str:
    """Chromium's path; the calling test module is skipped without it, except in CI."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            raise RuntimeError(
                "Chromium must be installed in CI (.ci/run installs Debian's chromium)"
            )
        pytest.skip(
            "no Chromium on this machine (apt-get install chromium)", allow_module_level=True
        )
    return path
