"""`python manage.py bench_turns`: the latency bench the issue's proof names, run for real on
a few dialogues (its own throwaway database, never the one it is pointed at)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PERCENTILES = r"p50=\d+\.\d+ ms  p99=\d+\.\d+ ms"


def test_bench_turns_prints_the_turn_and_faq_figures(tmp_path: Path) -> None:
    database = tmp_path / "business.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "receptionist.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "FAQ_SENTENCE_ENCODER": "false",  # the bench's logic, not the encoder's load time
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "bench_turns", "--dialogues", "3", "--faq-entries", "40"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    out = result.stdout
    assert re.search(r"dialogues: 3, outcomes: \{", out)
    assert re.search(r"turn, pure path \(guards \+ understanding \+ engine\): " + PERCENTILES, out)
    assert re.search(r"FAQ match \(word opinions only, bands\) on 40 entries: " + PERCENTILES, out)
    assert "[FLOW]" not in out + result.stderr  # no log line per turn
    # the database pointed at holds no conversation of the bench
    if database.exists():
        with sqlite3.connect(database) as db:
            tables = {row[0] for row in db.execute("select name from sqlite_master")}
            if "conversations_conversation" in tables:
                assert (
                    db.execute("select count(*) from conversations_conversation").fetchone()[0] == 0
                )
