"""Accessibility of a page, as axe-core judges it (npm `axe-core`, injected by the test).

`make test` installs it from tests/e2e/axe/package-lock.json; without it (no npm) the
check skips, except in CI.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# What a user is kept from doing, not a matter of polish.
BLOCKING = {"serious", "critical"}


def axe_violations(page, *, include: str = "", exclude: tuple[str, ...] = ()) -> list[str]:
    """The serious and critical violations on the page, one line each (rule, target, summary).

    The page's context must be opened with ``bypass_csp=True``: the product's CSP forbids the
    injected script, as it should.
    """
    if not AXE.exists():
        if os.environ.get("CI"):
            raise RuntimeError("axe-core must be installed in CI (make test runs npm ci)")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/e2e/axe)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async ([include, exclude]) => {
            const context = {include: include ? [[include]] : [["html"]]};
            if (exclude.length) context.exclude = exclude.map((s) => [s]);
            const r = await axe.run(context, {resultTypes: ["violations"]});
            return r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
            }));
        }""",
        [include, list(exclude)],
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({'; '.join(v['targets'])})"
        for v in results
        if v["impact"] in BLOCKING
    ]
