"""These tests drive the voice endpoints without a secret unless they set one: development mode."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _voice_open_for_development(settings):
    settings.VAPI_ALLOW_UNAUTHENTICATED = True
