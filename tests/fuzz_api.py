"""Schemathesis against a real daphne server: every operation of /api/schema/, all checks.

    make fuzz        (or: .venv/bin/python tests/fuzz_api.py --schemathesis .venv-fuzz/bin/schemathesis)

Starts daphne on a throwaway SQLite database (or on DATABASE_URL when set), loads the garage
profile, creates a staff user with a DRF token so the staff endpoints are exercised, sets a
VAPI_SECRET and sends it, raises the rate limits, then runs schemathesis with a fixed seed and
a bounded number of examples per operation (reproducible, about a minute; `--max-time 600`
hunts longer). Exits non-zero when schemathesis finds a failure or when a server log line
carries a phone number or an e-mail address (tests/log_audit.py). Not a pytest test:
schemathesis lives in its own virtualenv (requirements-fuzz.txt), away from caldav's
urllib3-future, which breaks the requests library it uses.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.daphne_server import DaphneServer  # noqa: E402
from tests.log_audit import masked, personal_data  # noqa: E402

PROFILE = ROOT / "tests" / "fixtures" / "garage_profile.json"
VAPI_SECRET = "fuzz-vapi-secret"
UNLIMITED = "1000000"


def server_environment() -> dict[str, str]:
    environment = {
        "VAPI_SECRET": VAPI_SECRET,
        # Set, so the SMS reply webhook answers 401 to the staff token rather than 503.
        "SMS_INBOUND_TOKEN": "fuzz-sms-inbound-token",
        "LOG_LEVEL": "INFO",
        "CHAT_RATE_LIMIT_PER_MINUTE": UNLIMITED,
        "CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE": UNLIMITED,
        "VOICE_RATE_LIMIT_PER_MINUTE": UNLIMITED,
        "VOICE_WEBHOOK_RATE_LIMIT_PER_MINUTE": UNLIMITED,
        "VOICE_ADDRESS_RATE_LIMIT_PER_MINUTE": UNLIMITED,
        "STAFF_API_RATE_LIMIT_PER_MINUTE": UNLIMITED,
        "DJANGO_SUPERUSER_PASSWORD": "fuzz-staff-password",
    }
    if os.environ.get("DATABASE_URL"):
        environment["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return environment


def staff_token(server: DaphneServer) -> str:
    server.manage(
        "createsuperuser", "--noinput", "--username", "fuzz", "--email", "fuzz@example.invalid"
    )
    output = subprocess.run(
        [sys.executable, "manage.py", "drf_create_token", "fuzz"],
        cwd=ROOT,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return re.search(r"\b[0-9a-f]{40}\b", output).group()


def schemathesis_command(args: argparse.Namespace, url: str, token: str) -> list[str]:
    return [
        str(Path(args.schemathesis).absolute()),
        "--config-file",
        str(ROOT / "tests" / "schemathesis.toml"),
        "run",
        f"{url}/api/schema/",
        "--checks",
        "all",
        "--seed",
        str(args.seed),
        "--max-examples",
        str(args.max_examples),
        *(["--max-time", str(args.max_time)] if args.max_time else []),
        "--workers",
        "1",
        "--request-timeout",
        "10",
        "--header",
        f"Authorization: Token {token}",
        "--header",
        f"X-Vapi-Secret: {VAPI_SECRET}",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(args.junit),
    ]


# daphne's access log echoes the fuzzed query strings: what the client sent, not what we log.
ACCESS_LINE = re.compile(r'^\S+ - - \[[^\]]*\] "')


def audit_server_logs(directory: Path) -> list[str]:
    return [
        masked(line)
        for path in sorted(directory.glob("*.log"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if personal_data(line) and not ACCESS_LINE.match(line)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemathesis", default=str(ROOT / ".venv-fuzz" / "bin" / "schemathesis"))
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--max-examples", type=int, default=300)
    parser.add_argument(
        "--max-time",
        type=int,
        help="fuzz for this many seconds instead (cases repeat until then: not reproducible)",
    )
    parser.add_argument("--junit", type=Path, default=Path(tempfile.gettempdir()) / "fuzz.xml")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fuzz-logs-") as logs:
        os.environ["LOG_AUDIT_DIR"] = logs
        with DaphneServer(PROFILE, **server_environment()) as server:
            command = schemathesis_command(args, server.url, staff_token(server))
            print("$", " ".join("Authorization: Token ***" if "Token" in c else c for c in command))
            returncode, output = run_echoing(command)
        leaks = audit_server_logs(Path(logs))
    cases = re.search(r"Test cases:\s*(.+)", output)
    print(f"fuzz: test cases: {cases.group(1) if cases else 'no count printed'}")
    for line in leaks[:20]:
        print(f"fuzz: personal data in a server log line: {line}")
    if returncode != 0:
        print(f"fuzz: schemathesis failed (exit {returncode})")
    return 1 if returncode != 0 or leaks else 0


def run_echoing(command: list[str]) -> tuple[int, str]:
    """Run, printing the output as it comes (schemathesis writes .hypothesis/ in its cwd)."""
    with subprocess.Popen(
        command,
        cwd=tempfile.gettempdir(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        lines = []
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    return process.returncode, "".join(lines)


if __name__ == "__main__":
    sys.exit(main())
