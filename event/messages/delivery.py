"""Sending what the outbox holds, apart from the requests that queued it.

`Courier.run()` claims due messages, sends each through its channel (or, with no SMTP server or
SMS provider configured, keeps it as delivered to the local mailbox that /admin/messages shows)
and records the outcome. It runs as a background task of the server on the embedded default
(`lifespan`) and as `qcconf worker` in production; any number may run at once (outbox.claim).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from litestar import Litestar

from event.messages import notices, outbox
from event.messages.config import MessageConfig, load_config
from event.messages.email import DeliveryError, SmtpTransport
from event.messages.sms import AliyunSms, SmsSender

log = logging.getLogger("qcconf.messages")
BATCH = 20
IDLE_SECONDS = 1.0


class Courier:
    """One worker: its SMTP connection, its SMS client, its loop."""

    def __init__(self, config: MessageConfig) -> None:
        self.config = config
        self.email = SmtpTransport(config.smtp, config.mail_from) if config.smtp else None
        self.sms: SmsSender | None = AliyunSms(config.sms) if config.sms else None

    async def _send(self, row: dict[str, Any]) -> None:
        if row["channel"] == notices.FANOUT:
            try:
                await notices.expand(row, self.config)
            except Exception as exc:  # a bug must not retry forever: count it as an attempt
                log.exception("expanding message %s failed", row["id"])
                await outbox.mark_failed(row["id"], row["attempts"], f"生成失败：{exc!r}",
                                         permanent=False, max_attempts=self.config.max_attempts)  # fmt: skip
            return
        transport = self.email if row["channel"] == "email" else self.sms
        try:
            if transport is None:
                await outbox.mark_sent(row["id"], "", local=True)
                return
            provider_id = await transport.send(row)
        except DeliveryError as exc:
            await outbox.mark_failed(row["id"], row["attempts"], exc.reason,
                                     permanent=exc.permanent, max_attempts=self.config.max_attempts)  # fmt: skip
            return
        await outbox.mark_sent(row["id"], provider_id)

    async def deliver_once(self, limit: int = BATCH) -> int:
        """Claim and send one batch; returns how many messages were claimed."""
        rows = await outbox.claim(limit, self.config.lease_seconds)
        for row in rows:
            await self._send(row)
        return len(rows)

    async def drain(self) -> int:
        """Send until nothing is due (tests, commands); returns how many were claimed."""
        total = 0
        while claimed := await self.deliver_once():
            total += claimed
        return total

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Deliver until stopped; a failure of the database or a bug is logged, then retried."""
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                busy = await self.deliver_once()
            except Exception:  # keep serving: the next round tries again
                log.exception("message delivery failed")
                busy = 0
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), IDLE_SECONDS)

    async def close(self) -> None:
        for transport in (self.email, self.sms):
            if transport is not None:
                await transport.close()


@contextlib.asynccontextmanager
async def lifespan(_: Litestar) -> AsyncIterator[None]:
    """The server's own courier, unless delivery is left to `qcconf worker`."""
    config = load_config()
    if not config.in_process:
        yield
        return
    courier, stop = Courier(config), asyncio.Event()
    task = asyncio.create_task(courier.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task
        await courier.close()
