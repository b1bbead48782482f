"""A real daphne process on a throwaway SQLite database, for end-to-end tests and benchmarks."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# For tests whose subject is not how the FAQ reads a question (pages, processes, sockets,
# logs): a server without the FAQ's sentence encoder starts a second sooner and ~110 MB
# lighter. The encoder's own behaviour is tested in tests/faq, and the evaluation runs with it.
WITHOUT_SENTENCE_ENCODER = {"FAQ_SENTENCE_ENCODER": "false"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DaphneServer:
    """`with DaphneServer(profile) as server:` → server.url, stopped and cleaned up on exit."""

    def __init__(self, profile: Path, **environment: str) -> None:
        self.profile = profile
        self.directory = tempfile.TemporaryDirectory(prefix="receptionist-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(self.directory.name) / "server.log"
        self.manage_log = Path(self.directory.name) / "manage.log"
        self.database = Path(self.directory.name) / "db.sqlite3"
        self.env = {
            # The settings refuse to start without DEBUG on the development key.
            "SECRET_KEY": secrets.token_urlsafe(50),
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "CHAT_RATE_LIMIT_PER_MINUTE": "1000000",
            **environment,
        }
        self.process: subprocess.Popen[bytes] | None = None

    def manage(self, *args: str) -> None:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True
        )
        with self.manage_log.open("ab") as log:
            log.write(result.stderr)
        result.check_returncode()

    def __enter__(self) -> DaphneServer:
        self.manage("migrate", "--noinput")
        self.manage("load_business", str(self.profile))
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "receptionist.asgi:application",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited: {self.log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.05)
        self.__exit__(None, None, None)
        raise RuntimeError("daphne did not start within 30 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.hand_logs_to_audit()
        for variable, path in (("KEEP_SERVER_LOG", self.log), ("KEEP_SERVER_DB", self.database)):
            target = os.environ.get(variable)
            if target and path.exists():
                Path(target).write_bytes(path.read_bytes())
        self.directory.cleanup()

    def hand_logs_to_audit(self) -> None:
        """Copy what the processes wrote where the test run's log audit reads (tests.log_audit)."""
        audit_dir = os.environ.get("LOG_AUDIT_DIR")
        if not audit_dir or not Path(audit_dir).is_dir():
            return
        for path in (self.manage_log, self.log):
            if path.exists():
                name = f"daphne-{self.port}-{path.stem}-{os.urandom(4).hex()}.log"
                (Path(audit_dir) / name).write_bytes(path.read_bytes())
