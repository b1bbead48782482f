"""A pytest plugin: no log line written during the test run carries a phone number or an e-mail.

It audits what reaches the output, not what the code asked to log: every record is formatted
by a copy of each handler ``settings.LOGGING`` configured, after that handler's filters (the
RedactFilter among them). Records are copied, so tests, caplog and the real handlers see them
untouched. Server processes started by the tests (``tests.daphne_server``) copy their output
into ``LOG_AUDIT_DIR`` before they clean up, and those lines are audited too.

The detector is written independently of ``receptionist.lib.redaction.redact``: it checks the
redaction, it does not reuse it.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import tempfile
from pathlib import Path

import pytest

AUDIT_DIR_VARIABLE = "LOG_AUDIT_DIR"

_EMAIL = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}")
# Not inside a word, an id or a decimal number (« 0.0612345678 »).
_START = r"(?<![\w+])(?<!\d[.,])"
_PHONES = (
    # 06 12 34 56 78, 0612345678, 06.12.34.56.78, 06-12-34-56-78
    re.compile(_START + r"0[1-9](?:[ .\-]?\d{2}){4}(?!\w)"),
    # +33 6 12 34 56 78, +33612345678, 0033 6 12 34 56 78, +33 (0)6 12 34 56 78, +1 415 555 2671
    re.compile(_START + r"(?:\+|00)\d{1,3}[ .\-]?(?:\(0\)[ .\-]?)?\d(?:[ .\-]?\d){6,12}(?!\w)"),
)


def personal_data(line: str) -> list[tuple[str, str]]:
    """Every (kind, text) in `line` that looks like a phone number or an e-mail address."""
    found = [("email", m.group()) for m in _EMAIL.finditer(line)]
    for pattern in _PHONES:
        found += [("phone", m.group()) for m in pattern.finditer(line)]
    return found


def masked(line: str) -> str:
    """The line with what was found replaced by its kind, safe to print in a report."""
    line = _EMAIL.sub("<email>", line)
    for pattern in _PHONES:
        line = pattern.sub("<phone>", line)
    return line


class AuditHandler(logging.Handler):
    """Writes nothing: formats each record as `target` would write it, and keeps bad lines."""

    def __init__(self, target: logging.Handler, offending: list[str]) -> None:
        super().__init__(level=target.level)
        self.target = target
        self.offending = offending

    def handle(self, record: logging.LogRecord) -> bool:
        if record.levelno < self.target.level:
            return False
        mirror = copy.copy(record)
        if not self.target.filter(mirror):
            return False
        try:
            text = self.target.format(mirror)
        except Exception:  # a malformed call: logging reports it through the real handler
            return False
        self.offending += [line for line in text.splitlines() if personal_data(line)]
        return True

    def emit(self, record: logging.LogRecord) -> None:  # pragma: no cover - handle() does it
        pass


def configured_handlers() -> list[tuple[logging.Logger, logging.Handler]]:
    """The handlers settings.LOGGING installed, with the logger each one hangs on."""
    from django.conf import settings

    names = set(settings.LOGGING.get("handlers", {}))
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in settings.LOGGING.get("loggers", {})
    ]
    return [
        (logger, handler)
        for logger in loggers
        for handler in logger.handlers
        if handler.get_name() in names
    ]


WORKER_OUTPUT_KEY = "log_audit_offending"


class LogAudit:
    def __init__(self) -> None:
        self.offending: list[str] = []
        self.installed: list[tuple[logging.Logger, AuditHandler]] = []
        self.directory: tempfile.TemporaryDirectory[str] | None = None
        self.previous_dir: str | None = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        for logger, handler in configured_handlers():
            audit = AuditHandler(handler, self.offending)
            logger.addHandler(audit)
            self.installed.append((logger, audit))
        self.directory = tempfile.TemporaryDirectory(prefix="log-audit-")
        self.previous_dir = os.environ.get(AUDIT_DIR_VARIABLE)
        os.environ[AUDIT_DIR_VARIABLE] = self.directory.name

    def server_lines(self) -> list[str]:
        if self.directory is None:
            return []
        lines = []
        for path in sorted(Path(self.directory.name).glob("*.log")):
            text = path.read_text(encoding="utf-8", errors="replace")
            lines += [f"{path.stem}: {line}" for line in text.splitlines() if personal_data(line)]
        return lines

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        for logger, audit in self.installed:
            logger.removeHandler(audit)
        self.offending += self.server_lines()
        if self.directory is not None:
            self.directory.cleanup()
        if self.previous_dir is None:
            os.environ.pop(AUDIT_DIR_VARIABLE, None)
        else:
            os.environ[AUDIT_DIR_VARIABLE] = self.previous_dir
        workeroutput = getattr(session.config, "workeroutput", None)
        if workeroutput is not None:
            # a pytest-xdist worker: its controller fails the run (pytest_testnodedown)
            workeroutput[WORKER_OUTPUT_KEY] = list(self.offending)
        if self.offending and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        """Under pytest-xdist the tests run in workers: their offending lines come back here."""
        self.offending += getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY, [])

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.offending:
            return
        terminalreporter.section("log audit: personal data in log lines", red=True, bold=True)
        for line in self.offending[:50]:
            terminalreporter.line(masked(line))
        if len(self.offending) > 50:
            terminalreporter.line(f"... and {len(self.offending) - 50} more lines")
        terminalreporter.line(
            f"{len(self.offending)} log line(s) carry a phone number or an e-mail address: "
            "the run fails (CONTRACT section 3)."
        )
