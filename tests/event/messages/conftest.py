"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and message settings
pointing at it."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from event.messages.config import MessageConfig, SmtpConfig

PUBLIC_URL = "http://testserver"


class Sink:
    """An aiosmtpd handler: every accepted message, parsed; refuses recipients in `refuse`."""

    def __init__(self) -> None:
        self.received: list[EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(email.message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink() -> Iterator[tuple[Sink, int]]:
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield sink, port
    controller.stop()


@pytest.fixture
def mail_config(smtp_sink: tuple[Sink, int]) -> MessageConfig:
    _, port = smtp_sink
    smtp = SmtpConfig(host="127.0.0.1", port=port, username=None, password=None, implicit_tls=False)
    return MessageConfig(public_url=PUBLIC_URL, smtp=smtp, mail_from="huiwu@cmqa.example.cn")


@pytest.fixture(autouse=True)
def message_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The subscribers read QCCONF_* when they queue: absolute links on the test host."""
    monkeypatch.setenv("QCCONF_PUBLIC_URL", PUBLIC_URL)
    monkeypatch.delenv("QCCONF_MESSAGES", raising=False)
