"""Per-process snapshots follow every change at once: a shared version in the cache (Redis)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import httpx

from receptionist.lib.snapshots import Snapshot
from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer

PROFILE = Path(__file__).resolve().parent / "fixtures" / "garage_profile.json"


class Source:
    """Content that changes, and a count of how often a snapshot rebuilt from it."""

    def __init__(self) -> None:
        self.content = "v1"
        self.builds = 0

    def build(self) -> str:
        self.builds += 1
        return self.content


def two_processes(source: Source, name: str) -> tuple[Snapshot, Snapshot]:
    """The same snapshot as two server processes hold it (one per process)."""
    return Snapshot(name, source.build), Snapshot(name, source.build)


def test_a_change_reaches_the_other_process_at_once(
    db, settings, django_capture_on_commit_callbacks
) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    source = Source()
    here, there = two_processes(source, f"test-{uuid.uuid4().hex}")
    assert (here.get(), there.get()) == ("v1", "v1")
    source.content = "v2"
    assert there.get() == "v1"  # nothing said yet: the copy holds until the next check
    with django_capture_on_commit_callbacks(execute=True):
        here.changed()
    assert (here.get(), there.get()) == ("v2", "v2")
    builds = source.builds
    assert (here.get(), there.get()) == ("v2", "v2")
    assert source.builds == builds  # no rebuild without a change


def test_nothing_moves_before_the_commit(db, settings, django_capture_on_commit_callbacks) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    source = Source()
    here, there = two_processes(source, f"test-{uuid.uuid4().hex}")
    there.get()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        here.changed()
        source.content = "v2"
        assert there.get() == "v1"
    assert len(callbacks) == 1


def test_without_a_word_the_fingerprint_check_catches_up(settings) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 0
    source = Source()
    snapshot = Snapshot(f"test-{uuid.uuid4().hex}", source.build, lambda: source.content)
    assert snapshot.get() == "v1"
    source.content = "v2"
    assert snapshot.get() == "v2"


def test_an_unreachable_cache_does_not_stop_reads(settings, monkeypatch) -> None:
    settings.SNAPSHOT_CHECK_SECONDS = 3600
    source = Source()
    snapshot = Snapshot(f"test-{uuid.uuid4().hex}", source.build)
    assert snapshot.get() == "v1"

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr("receptionist.lib.snapshots.cache.get", down)
    monkeypatch.setattr("receptionist.lib.snapshots.cache.add", down)
    source.content = "v2"
    assert snapshot.get() == "v1"
    snapshot._bump()  # logs, does not raise
    assert snapshot.get() == "v2"  # this process still forgot its own copy


def test_a_faq_edit_reaches_another_server_process_at_once(
    shared_database, redis_url, tmp_path
) -> None:
    environment = {
        "DATABASE_URL": shared_database,
        "REDIS_URL": redis_url,
        "REDIS_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        # An hour between fingerprint checks: only the shared version can explain a quick change.
        "SNAPSHOT_CHECK_SECONDS": "3600",
    }
    edited = json.loads(PROFILE.read_text("utf-8"))
    edited["faq"][0]["answer"] = "Nouveaux horaires : tous les jours de 7h à 21h."
    edited_path = tmp_path / "edited.json"
    edited_path.write_text(json.dumps(edited, ensure_ascii=False), "utf-8")

    def ask(server: DaphneServer) -> str:
        return httpx.post(
            f"{server.url}/api/chat", json={"message": "vous ouvrez quand ?"}, timeout=10
        ).json()["reply"]

    with DaphneServer(PROFILE, **environment, **WITHOUT_SENTENCE_ENCODER) as server:
        assert "8h à 12h" in ask(server)
        server.manage("load_business", str(edited_path))  # another process: the command line
        assert "tous les jours de 7h à 21h" in ask(server)
