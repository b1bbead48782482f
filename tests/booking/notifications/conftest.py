"""A real SMTP server (aiosmtpd) for the notification tests, with faults on demand."""

from __future__ import annotations

import asyncio
import email
import random
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from tests.daphne_server import free_port


@dataclass
class Mailbox:
    """What the server accepted (« 250 »), and how it misbehaves: `fail` of the messages get a
    451 (nothing kept), `hang` of them no answer for `hang_seconds` (nothing kept either)."""

    fail: float = 0.0
    hang: float = 0.0
    hang_seconds: float = 3.0
    seed: int = 7
    accepted: list[Message] = field(default_factory=list)
    refused: int = 0
    hung: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)

    def heal(self) -> None:
        self.fail = self.hang = 0.0

    async def handle_DATA(self, server, session, envelope) -> str:
        draw = self.random.random()
        if draw < self.hang:
            self.hung += 1
            await asyncio.sleep(self.hang_seconds)
            return "451 4.4.2 Timeout"
        if draw < self.hang + self.fail:
            self.refused += 1
            return "451 4.3.0 Try again later"
        with self.lock:
            self.accepted.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.accepted]


@pytest.fixture
def smtp(settings):
    """A running SMTP server on a free port; Django's e-mail goes to it."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1.0
    settings.DEFAULT_FROM_EMAIL = "rdv@garage.example"
    settings.PUBLIC_BASE_URL = "https://rdv.garage.example"
    yield mailbox
    controller.stop()
