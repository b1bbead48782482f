"""The floor plan, enforced: who may import whom.

    receptionist/lib/         shared helpers; imports no app
    booking/, faq/            the two domains; each imports only itself and the lib
    conversations/            the turn shell, channels and back office; imports the domains
    conversations/dialogue/   the pure core: no Django below it (checked by importing it)
    receptionist/ (the rest)  project wiring: settings, URLs, ASGI, the API glue; imports all

Counting the arrows that break the rule, on this checkout or another one:

    python -m tests.test_layers [PROJECT_DIR]
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("receptionist", "conversations", "booking", "faq")
LIB = "receptionist.lib"
CORE = "conversations.dialogue"

# (importer prefix, what it may import among the project's packages); the longest prefix
# naming the importer applies.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (LIB, (LIB,)),
    ("booking", (LIB, "booking")),
    ("faq", (LIB, "faq")),
    (CORE, (LIB, "booking", "faq", CORE)),
    ("conversations", (LIB, "booking", "faq", "conversations")),
    ("receptionist", PACKAGES),
)


def within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def rule_for(module: str) -> tuple[str, ...]:
    matching = [rule for rule in RULES if within(module, rule[0])]
    return max(matching, key=lambda rule: len(rule[0]))[1]


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(root: Path, path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import of a project package in the file."""
    importer = module_name(root, path)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            # « from pkg import module » imports pkg.module when it is one
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
            names = [name if _is_module(root, name) else base for name in names]
        else:
            continue
        for name in names:
            if name.split(".")[0] in PACKAGES:
                yield node.lineno, name


def _is_module(root: Path, name: str) -> bool:
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def violations(root: Path = ROOT) -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            importer = module_name(root, path)
            allowed = rule_for(importer)
            for line, imported in imports(root, path):
                if not any(within(imported, prefix) for prefix in allowed):
                    found.append(f"{path.relative_to(root)}:{line}: {importer} -> {imported}")
    return found


def test_no_import_runs_against_the_layers() -> None:
    assert violations() == []


def test_the_rules_read_as_the_docstring_says() -> None:
    assert rule_for("receptionist.lib.text") == (LIB,)
    assert rule_for("receptionist.urls") == PACKAGES
    assert rule_for("faq.matcher") == (LIB, "faq")
    assert rule_for("conversations.dialogue.engine")[-1] == CORE
    assert "conversations" not in rule_for("booking.services")


def test_the_counter_sees_an_arrow_against_the_layers(tmp_path: Path) -> None:
    (tmp_path / "faq").mkdir()
    (tmp_path / "conversations").mkdir()
    (tmp_path / "conversations" / "__init__.py").write_text("")
    (tmp_path / "conversations" / "services.py").write_text("")
    (tmp_path / "faq" / "views.py").write_text(
        "from conversations import services\nfrom faq import models\n"
    )
    assert violations(tmp_path) == ["faq/views.py:1: faq.views -> conversations.services"]


# Importing the pure core with Django, DRF and Channels made unimportable: any module
# below conversations/dialogue that needs them fails to import.
_PURE_PROBE = """
import importlib, pkgutil, sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("django", "rest_framework", "channels", "daphne"):
            raise ImportError("the pure core imported " + name)
sys.meta_path.insert(0, Refuse())
import conversations.dialogue as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, core.__name__ + ".")]
for name in names:
    importlib.import_module(name)
from conversations.dialogue.understanding import warm_up
warm_up()
print(len(names))
"""


def test_the_pure_core_runs_without_django() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PURE_PROBE], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    files = list((ROOT / "conversations" / "dialogue").rglob("*.py"))
    packages = [path for path in files if path.name == "__init__.py"]
    # every module and subpackage was imported (the package itself is not counted)
    assert int(done.stdout) == len(files) - 1 > 20, (done.stdout, len(packages))


if __name__ == "__main__":
    project = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT
    arrows = violations(project)
    print("\n".join(arrows))
    print(f"{len(arrows)} imports run against the layers in {project}")
