"""The log audit of the test run (tests/log_audit.py): what it catches, and what it lets through."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from receptionist.lib.redaction import RedactFilter
from tests.log_audit import AuditHandler, LogAudit, masked, personal_data

PHONES = [
    "06 12 34 56 78",
    "0612345678",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "04 72 00 00 00",
    "+33 6 12 34 56 78",
    "+33612345678",
    "+33 (0)6 12 34 56 78",
    "0033612345678",
    "0033 6 12 34 56 78",
    "+1 415 555 2671",
]
EMAILS = ["jean.dupont@example.fr", "gq+rdv@mail.example.co.uk", "l_maury-42@orange.fr"]


@pytest.mark.parametrize("phone", PHONES)
def test_catches_every_written_form_of_a_phone_number(phone: str) -> None:
    line = f"2026-11-23 09:00:00,123 INFO conversations.journal rappeler le {phone}, merci"
    assert personal_data(line) == [("phone", phone)]


@pytest.mark.parametrize("phone", ["(06 12 34 56 78)", "tel=0612345678", "au 0612345678."])
def test_catches_a_phone_number_next_to_punctuation(phone: str) -> None:
    assert [kind for kind, _ in personal_data(phone)] == ["phone"]


@pytest.mark.parametrize("email", EMAILS)
def test_catches_email_addresses(email: str) -> None:
    assert personal_data(f"[BOOKING_ATTEMPT] conv_id=abc email={email} ok") == [("email", email)]


CLEAN_LINES = [
    "2026-11-23 09:00:00,123 INFO conversations.journal [FLOW] conv_id="
    "3f2a9c1e0b7d4e5f8a6b9c0d1e2f3a4b state=QUALIF_NAME intent=BOOKING turn=3 "
    "prompts=MSG_ASK_NAME faq_id=- guard=-",
    "[STATE_CHANGE] conv_id=0612345678abcdef0612345678abcdef state=START intent=BOOKING from=START",
    "[BOOKING_ATTEMPT] conv_id=06123456780612345678061234567806 state=QUALIF_CONTACT intent=BOOKING "
    "start=2026-11-24T09:00:00+01:00",
    "[BOOKING_RESULT] conv_id=x state=WAIT_CONFIRM intent=BOOKING result=ok appointment_id=1234567",
    "start=2027-10-31T02:30:00+02:00 end=2027-10-31T02:00:00+01:00",
    "start=2026-11-24T09:00:00.123456+01:00 at 2026-11-24 09:00:00+01:00",
    "conv_id=123e4567-e89b-12d3-a456-426614174000",
    "[INTERRUPTION] conv_id=call_0612345678 state=- intent=- superseded",
    "vapi timestamp=1732350000000 latency_ms=0.0612345678 ratio=3.0612345678",
    "[CALENDAR] pushed event id=a1b2c3… for appointment 42",
    "client [email] joignable au [phone]",
    "postcode 69100, 3 rue des Tilleuls",
]


@pytest.mark.parametrize("line", CLEAN_LINES)
def test_lets_ordinary_log_lines_through(line: str) -> None:
    assert personal_data(line) == []


def test_masked_lines_show_where_but_not_what() -> None:
    assert masked("rappel 06 12 34 56 78 / jean@example.fr") == "rappel <phone> / <email>"


@pytest.fixture
def console() -> logging.Handler:
    """A handler shaped like settings.LOGGING's console: a line formatter and the RedactFilter."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactFilter())
    return handler


def record(msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("tests.audit", logging.INFO, __file__, 1, msg, args, None)


def test_audits_the_line_after_the_handlers_filters(console: logging.Handler) -> None:
    offending: list[str] = []
    AuditHandler(console, offending).handle(record("contact %s %s", "0612345678", "a@b.fr"))
    assert offending == []

    console.filters.clear()
    AuditHandler(console, offending).handle(record("contact %s", "0612345678"))
    assert offending == ["INFO tests.audit contact 0612345678"]


def test_audit_leaves_the_record_as_it_was(console: logging.Handler) -> None:
    original = record("contact %s", "jean@example.fr")
    AuditHandler(console, []).handle(original)
    assert (original.msg, original.args) == ("contact %s", ("jean@example.fr",))
    assert not hasattr(original, "message")


def test_audit_honours_the_handlers_level(console: logging.Handler) -> None:
    console.filters.clear()
    console.setLevel(logging.WARNING)
    offending: list[str] = []
    AuditHandler(console, offending).handle(record("contact %s", "0612345678"))
    assert offending == []


def test_the_audit_watches_this_run(request: pytest.FixtureRequest) -> None:
    audit = request.config.pluginmanager.get_plugin("log-audit")
    assert isinstance(audit, LogAudit)
    assert any(logger is logging.getLogger() for logger, _ in audit.installed)
    assert os.environ["LOG_AUDIT_DIR"] == audit.directory.name


CHILD_CONFTEST = """
from tests.log_audit import LogAudit

def pytest_configure(config):
    config.pluginmanager.register(LogAudit(), "log-audit")
"""
# A server process of the run wrote a phone number to its log.
CHILD_TEST = """
import os
from pathlib import Path

def test_a_server_logs_a_phone_number():
    Path(os.environ["LOG_AUDIT_DIR"], "daphne.log").write_text("rappeler le 06 12 34 56 78")
"""


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one-process", "xdist-workers"])
def test_a_run_whose_logs_carry_a_phone_number_fails(tmp_path: Path, workers: list[str]) -> None:
    """In one process or in pytest-xdist's workers (as `make test` runs), the run fails."""
    (tmp_path / "conftest.py").write_text(CHILD_CONFTEST)
    (tmp_path / "test_child.py").write_text(CHILD_TEST)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("LOG_AUDIT_DIR", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:django",
         "-c", os.devnull, "--rootdir", str(tmp_path), *workers, str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "1 passed" in run.stdout, run.stdout + run.stderr
    assert run.returncode == pytest.ExitCode.TESTS_FAILED, run.stdout + run.stderr
    assert "log audit: personal data in log lines" in run.stdout
    assert "06 12 34 56 78" not in run.stdout  # the summary masks what it found
