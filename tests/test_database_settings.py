"""Database settings read from the environment: a bounded connection pool on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRINT = (
    "import json, django; django.setup(); from django.conf import settings; "
    "d = settings.DATABASES['default']; "
    "print(json.dumps({'pool': d.get('OPTIONS', {}).get('pool'), 'age': d['CONN_MAX_AGE']}))"
)


def database_settings(**environment: str) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "receptionist.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", PRINT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        (
            {"DATABASE_URL": "postgres://u@127.0.0.1:5432/db"},
            {"pool": {"min_size": 1, "max_size": 10, "timeout": 10.0}, "age": 0},
        ),
        (
            {"DATABASE_URL": "postgres://u@127.0.0.1:5432/db", "DB_POOL_MAX_SIZE": "4"},
            {"pool": {"min_size": 1, "max_size": 4, "timeout": 10.0}, "age": 0},
        ),
        (
            {"DATABASE_URL": "postgres://u@127.0.0.1:5432/db", "DB_POOL_MAX_SIZE": "0"},
            {"pool": None, "age": 60},  # no pool (e.g. behind PgBouncer): persistent connections
        ),
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, {"pool": None, "age": 60}),
    ],
    ids=["postgres-default", "postgres-sized", "postgres-no-pool", "sqlite"],
)
def test_postgres_connections_are_pooled_and_bounded(environment, expected) -> None:
    assert database_settings(**environment) == expected
