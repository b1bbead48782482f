"""The lock files: every package the product and its tests install, pinned with its hashes.

`make`, the Dockerfile and CI install from the locks alone (`--require-hashes`); the
`requirements*.txt` files say what we chose, and `make lock` resolves them again. These checks
keep the two in step, so that an edited requirement cannot be silently left out of the locks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
PAIRS = [
    ("requirements.txt", "requirements.lock"),
    ("requirements-dev.txt", "requirements-dev.lock"),
    ("requirements-fuzz.txt", "requirements-fuzz.lock"),
]


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def chosen(path: Path) -> dict[str, str]:
    """The pins of a requirements file, following its `-r` includes."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins |= chosen(path.parent / line[3:].strip())
        elif match := PIN.match(line):
            pins[normalized(match[1])] = match[2]
    return pins


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} of a pip-compile lock file."""
    entries: dict[str, tuple[str, int]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            current = normalized(match[1])
            entries[current] = (match[2], 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = entries[current]
            entries[current] = (version, hashes + 1)
    return entries


@pytest.mark.parametrize(("source", "lock"), PAIRS)
def test_every_chosen_pin_is_locked_at_its_version(source: str, lock: str) -> None:
    pins, entries = chosen(ROOT / source), locked(ROOT / lock)
    assert {name: entries.get(name, ("missing", 0))[0] for name in pins} == pins


@pytest.mark.parametrize("lock", [lock for _, lock in PAIRS])
def test_every_locked_package_carries_a_hash(lock: str) -> None:
    entries = locked(ROOT / lock)
    assert entries
    assert [name for name, (_, hashes) in entries.items() if hashes == 0] == []


def test_the_image_runs_the_versions_the_tests_ran() -> None:
    runtime, dev = locked(ROOT / "requirements.lock"), locked(ROOT / "requirements-dev.lock")
    assert {n: v for n, (v, _) in runtime.items()} == {n: dev[n][0] for n in runtime if n in dev}
    assert set(runtime) <= set(dev)


def test_installs_use_the_locks_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile
    assert "-r requirements-dev.lock" in makefile
    assert "-r requirements-fuzz.lock" in makefile
    assert re.search(r"pip install --require-hashes .*requirements\.lock", dockerfile)
    assert not re.search(r"pip install .*requirements(-dev)?\.txt", makefile + dockerfile)
