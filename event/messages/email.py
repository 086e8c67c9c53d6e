"""E-mail: MIME built with the standard library, sent over SMTP with aiosmtplib.

A message is multipart: plain text and HTML as alternatives, and each iTIP calendar as a
text/calendar part carrying its METHOD (REQUEST or CANCEL) so a mail client updates the event
in place. Headers are UTF-8 (the policy encodes Chinese subjects and names as RFC 2047 words).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Any

import aiosmtplib

from event.messages.config import SmtpConfig

SENDER_NAME = "中国机械工业质量管理协会"
_METHOD = re.compile(r"^METHOD:(\w+)", re.MULTILINE)


class DeliveryError(Exception):
    """A failed attempt; `permanent` when trying again cannot help (a refused address)."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason, self.permanent = reason, permanent


def message_id(row: dict[str, Any], domain: str) -> str:
    """Stable per outbox row: a message sent twice (after a crash) is shown once."""
    return f"<qcconf-message-{row['id']}@{domain}>"


def build_email(row: dict[str, Any], mail_from: str) -> EmailMessage:
    """The MIME message of an outbox row (channel email)."""
    domain = mail_from.rpartition("@")[2] or "localhost"
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = row["subject"]
    msg["From"] = Address(SENDER_NAME, addr_spec=mail_from)
    msg["To"] = Address(row["recipient_name"] or "", addr_spec=row["recipient"])
    msg["Message-ID"] = message_id(row, domain)
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(row["text"])
    if row["html"]:
        msg.add_alternative(row["html"], subtype="html")
    for i, calendar in enumerate(row["calendars"] or []):
        method = (_METHOD.search(calendar) or [None, "PUBLISH"])[1]
        name = "cancel.ics" if method == "CANCEL" else f"invite{i + 1 if i else ''}.ics"
        msg.add_attachment(calendar, subtype="calendar", filename=name, params={"method": method})
    return msg


class SmtpTransport:
    """One kept SMTP connection (opened on first use, opened again after it drops)."""

    def __init__(self, config: SmtpConfig, mail_from: str) -> None:
        self.config, self.mail_from = config, mail_from
        self._client: aiosmtplib.SMTP | None = None

    async def _connected(self) -> aiosmtplib.SMTP:
        if self._client is None or not self._client.is_connected:
            c = self.config
            client = aiosmtplib.SMTP(
                hostname=c.host, port=c.port, use_tls=c.implicit_tls, timeout=30,
                start_tls=False if c.implicit_tls else None,  # None: STARTTLS when offered
                cert_bundle=c.ca_file,
            )  # fmt: skip
            await client.connect()
            if c.username:
                await client.login(c.username, c.password or "")
            self._client = client
        return self._client

    async def send(self, row: dict[str, Any]) -> str:
        """Send one row; returns its Message-ID. Raises DeliveryError."""
        msg = build_email(row, self.mail_from)
        try:
            client = await self._connected()
            await client.send_message(msg)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            await self.close()
            codes = [r.code for r in exc.recipients]
            reason = "; ".join(f"SMTP {r.code}: {r.message}" for r in exc.recipients)
            raise DeliveryError(reason, permanent=min(codes, default=500) >= 500) from None
        except aiosmtplib.SMTPResponseException as exc:
            await self.close()
            # A refused login is the configuration's fault, not the message's: try again later.
            permanent = exc.code >= 500 and not isinstance(exc, aiosmtplib.SMTPAuthenticationError)
            raise DeliveryError(f"SMTP {exc.code}: {exc.message}", permanent=permanent) from None
        except (aiosmtplib.SMTPException, OSError) as exc:
            await self.close()
            raise DeliveryError(f"SMTP：{type(exc).__name__}: {exc}", permanent=False) from None
        return str(msg["Message-ID"])

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None and client.is_connected:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError):
                client.close()
