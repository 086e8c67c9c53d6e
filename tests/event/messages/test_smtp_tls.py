"""SMTP with STARTTLS and a login, as a production relay asks for: the certificate is checked
against the CA given in QCCONF_SMTP_CA_FILE, and the server refuses mail before TLS and login."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from event.messages import outbox
from event.messages.config import load_config
from event.messages.delivery import Courier
from event.messages.outbox import Outgoing
from event.tables import Message
from tests.event.messages.conftest import Sink, free_port


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))  # fmt: skip
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    return cert_path, key_path


def check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        b"huiwu",
        b"p@ss",
    )
    return AuthResult(success=ok)


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[tuple[Sink, int, Path]]:
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=check_login, auth_required=True)  # fmt: skip
    controller.start()
    yield sink, port, cert
    controller.stop()


async def test_mail_goes_over_starttls_with_a_login(db_url, relay) -> None:
    sink, port, cert = relay
    env = {"QCCONF_SMTP_URL": f"smtp://huiwu:p%40ss@127.0.0.1:{port}", "QCCONF_SMTP_CA_FILE": str(cert),
           "QCCONF_MAIL_FROM": "huiwu@cmqa.example.cn"}  # fmt: skip
    await outbox.queue(
        None,
        [
            Outgoing(
                channel="email", recipient="a@example.cn", subject="测试", text="正文", topic="t"
            )
        ],
    )
    await Courier(load_config(env)).drain()
    assert ((await Message.select(Message.status).first())["status"], len(sink.received)) == (
        "sent",
        1,
    )


async def test_untrusted_certificate_is_not_sent_to(db_url, relay) -> None:
    _, port, _ = relay
    env = {"QCCONF_SMTP_URL": f"smtp://huiwu:p%40ss@127.0.0.1:{port}"}
    await outbox.queue(
        None,
        [
            Outgoing(
                channel="email", recipient="a@example.cn", subject="测试", text="正文", topic="t"
            )
        ],
    )
    await Courier(load_config(env)).drain()
    row = await Message.select(Message.status, Message.last_error).first()
    assert (row["status"], "CERTIFICATE_VERIFY_FAILED" in row["last_error"]) == ("queued", True)
