"""The Redis channel layer: its reads outlast the blocking pop it waits on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT = (
    "import json, django; django.setup(); from channels.layers import get_channel_layer; "
    "layer = get_channel_layer(); pool = layer.create_pool(0); "
    "print(json.dumps({'read': pool.connection_kwargs.get('socket_timeout'), "
    "'pop': layer.brpop_timeout, 'prefix': layer.prefix}))"
)


def channel_layer(**environment: str) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "receptionist.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", PRINT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_socket_idle_longer_than_the_blocking_pop_is_not_closed() -> None:
    # Building the pool opens no connection: no Redis is needed to read its settings.
    layer = channel_layer(REDIS_URL="redis://127.0.0.1:6379/0", REDIS_PREFIX="t")
    assert layer["read"] is not None
    assert layer["read"] > layer["pop"] + 5
    assert layer["prefix"] == "t:asgi"
