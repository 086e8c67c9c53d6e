"""How messages leave: SMTP, the SMS provider, retries. Read from QCCONF_* variables.

QCCONF_SMTP_URL      smtp://user:password@host:587 (STARTTLS when the server offers it) or
                     smtps://user:password@host:465 (TLS from the start); unset: local mailbox
QCCONF_SMTP_CA_FILE  a CA certificate (PEM) to trust for the SMTP server, besides the system's
QCCONF_MAIL_FROM     the From address (default: the SMTP user, else qcconf@localhost)
QCCONF_SMS_ACCESS_KEY_ID, QCCONF_SMS_ACCESS_KEY_SECRET, QCCONF_SMS_SIGN_NAME,
QCCONF_SMS_TEMPLATE_CODE, QCCONF_SMS_ENDPOINT (default https://dysmsapi.aliyuncs.com/)
                     Aliyun SMS; the template takes one parameter ${content}; unset: local mailbox
QCCONF_MESSAGES      off: no message is queued at all (default on)
QCCONF_DELIVERY      inprocess (default on SQLite): the server sends; worker: only `qcconf worker`
QCCONF_MESSAGE_LEASE seconds a worker holds a claimed message before another may take it (120)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from event.security import app_secret
from event.settings import load_settings


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    username: str | None
    password: str | None
    implicit_tls: bool  # smtps://
    ca_file: str | None = (
        None  # QCCONF_SMTP_CA_FILE: a private CA that signed the server's certificate
    )


@dataclass(frozen=True, slots=True)
class SmsConfig:
    access_key_id: str
    access_key_secret: str
    sign_name: str
    template_code: str
    endpoint: str


@dataclass(frozen=True, slots=True)
class MessageConfig:
    public_url: str
    enabled: bool = True
    smtp: SmtpConfig | None = None
    mail_from: str = "qcconf@localhost"
    sms: SmsConfig | None = None
    in_process: bool = True
    lease_seconds: float = 120.0
    max_attempts: int = 6
    secret: str = ""  # the application secret: read-only calendar links are derived from it

    def link(self, path: str) -> str:
        """The absolute address of a path of the site."""
        return f"{self.public_url}{path}"


def parse_smtp_url(url: str, ca_file: str | None = None) -> SmtpConfig:
    """smtp://user:pass@host:port or smtps://… → SmtpConfig (ValueError on another scheme)."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError(f"QCCONF_SMTP_URL: unsupported scheme {parts.scheme!r}")
    tls = parts.scheme == "smtps"
    return SmtpConfig(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or (465 if tls else 587),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=tls,
        ca_file=ca_file,
    )


def _sms(env: Mapping[str, str]) -> SmsConfig | None:
    names = ("ACCESS_KEY_ID", "ACCESS_KEY_SECRET", "SIGN_NAME", "TEMPLATE_CODE")
    values = [env.get(f"QCCONF_SMS_{n}", "") for n in names]
    if not all(values):
        return None
    endpoint = env.get("QCCONF_SMS_ENDPOINT") or "https://dysmsapi.aliyuncs.com/"
    key_id, secret, sign_name, template = values
    return SmsConfig(key_id, secret, sign_name, template, endpoint)


def load_config(environ: Mapping[str, str] | None = None) -> MessageConfig:
    """The message settings of the environment (or of the mapping given)."""
    env = os.environ if environ is None else environ
    settings = load_settings(dict(env))
    ca_file = env.get("QCCONF_SMTP_CA_FILE") or None
    smtp = parse_smtp_url(env["QCCONF_SMTP_URL"], ca_file) if env.get("QCCONF_SMTP_URL") else None
    sender = env.get("QCCONF_MAIL_FROM") or (
        smtp.username if smtp and smtp.username and "@" in smtp.username else "qcconf@localhost"
    )
    delivery = env.get("QCCONF_DELIVERY") or ("inprocess" if settings.is_sqlite else "worker")
    return MessageConfig(
        secret=app_secret(settings),
        public_url=settings.public_url or f"http://{settings.host}:{settings.port}",
        enabled=env.get("QCCONF_MESSAGES", "on") != "off",
        smtp=smtp,
        mail_from=sender,
        sms=_sms(env),
        in_process=delivery == "inprocess",
        lease_seconds=float(env.get("QCCONF_MESSAGE_LEASE", "120")),
    )
