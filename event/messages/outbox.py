"""The outbox: messages written inside the transaction of the change that causes them, claimed
by one worker at a time, marked sent or failed.

A worker claims a batch in one short transaction: the rows become `sending` with a lease
(`claimed_until`) and one more attempt. On PostgreSQL the claim selects with
`FOR UPDATE SKIP LOCKED`, so workers claiming at once take different rows without waiting; on
SQLite the claim is an IMMEDIATE transaction, and SQLite has one writer. The network is used
outside any transaction. A worker that dies leaves its rows `sending`; once the lease has passed
another worker claims them again. Delivery is therefore at least once: a message the SMTP server
had accepted just before the worker died (before `sent` was committed) is sent again, with the
same Message-ID, which mail clients use to show it once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from msgspec import Struct
from piccolo.engine.postgres import PostgresEngine

from event.db import write_transaction
from event.tables import Message, MessageOptOut

ESSENTIAL, OPTIONAL = "essential", "optional"
STATUS_LABELS = {
    "queued": "待发送", "sending": "发送中", "sent": "已发送", "local": "已投递到本地邮箱",
    "failed": "发送失败",
}  # fmt: skip
CHANNEL_LABELS = {"email": "电子邮件", "sms": "短信", "fanout": "逐人生成"}
RETRY_BASE = timedelta(seconds=30)
RETRY_MAX = timedelta(hours=1)


class Outgoing(Struct, kw_only=True):
    """A message to queue: who gets what, through which channel."""

    channel: str  # email | sms
    recipient: str
    text: str
    topic: str
    recipient_name: str = ""
    subject: str = ""
    html: str = ""
    calendars: list[str] = []
    kind: str = ESSENTIAL
    person: int | None = None
    registration: int | None = None


async def declined(person_ids: list[int]) -> set[int]:
    """Those of these people who declined optional messages."""
    if not person_ids:
        return set()
    rows = await MessageOptOut.select(MessageOptOut.person).where(
        MessageOptOut.person.is_in(person_ids)
    )
    return {r["person"] for r in rows}


async def queue(event_id: int | None, messages: list[Outgoing]) -> int:
    """Write the messages; call inside the transaction of the change. Optional messages to
    people who declined them are left out. Returns how many were queued."""
    optional = [m.person for m in messages if m.kind == OPTIONAL and m.person is not None]
    skip = await declined(optional)
    now = datetime.now(UTC)
    rows = [
        Message(
            event=event_id, channel=m.channel, recipient=m.recipient,
            recipient_name=m.recipient_name[:50], topic=m.topic, kind=m.kind,
            subject=m.subject[:200], text=m.text, html=m.html, calendars=m.calendars,
            status="queued", attempts=0, next_try_at=now, created_at=now,
            person=m.person, registration=m.registration,
        )
        for m in messages
        if not (m.kind == OPTIONAL and m.person in skip)
    ]  # fmt: skip
    if rows:
        await Message.insert(*rows)
    return len(rows)


def _due(now: datetime) -> Any:
    M = Message
    waiting = (M.status == "queued") & (M.next_try_at <= now)
    abandoned = (M.status == "sending") & (M.claimed_until < now)  # its worker died
    return waiting | abandoned


async def claim(limit: int, lease_seconds: float) -> list[dict[str, Any]]:
    """Take up to `limit` due messages for this worker (see the module's docstring)."""
    engine = Message._meta.db
    now = datetime.now(UTC)
    async with write_transaction(engine):
        query = Message.select(Message.id).where(_due(now)).order_by(Message.id).limit(limit)
        if isinstance(engine, PostgresEngine):
            query = query.lock_rows("UPDATE", skip_locked=True)
        ids = [r["id"] for r in await query]
        if not ids:
            return []
        until = now + timedelta(seconds=lease_seconds)
        await Message.update(
            {
                Message.status: "sending",
                Message.claimed_until: until,
                Message.attempts: Message.attempts + 1,
            }
        ).where(Message.id.is_in(ids))
        rows = await (
            Message.select()
            .where(Message.id.is_in(ids))
            .order_by(Message.id)
            .output(load_json=True)
        )
    return rows


async def mark_sent(message_id: int, provider_id: str, *, local: bool = False) -> None:
    """The message left (or landed in the local mailbox)."""
    await Message.update(
        {
            Message.status: "local" if local else "sent",
            Message.sent_at: datetime.now(UTC),
            Message.provider_id: provider_id[:200],
            Message.last_error: "",
            Message.claimed_until: None,
        }
    ).where(Message.id == message_id)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … at most an hour: the wait after the n-th failed attempt."""
    return min(RETRY_BASE * 2 ** max(0, attempts - 1), RETRY_MAX)


async def mark_failed(
    message_id: int, attempts: int, error: str, *, permanent: bool, max_attempts: int
) -> None:
    """A failed attempt: try again later, or record the permanent failure."""
    final = permanent or attempts >= max_attempts
    values: dict[Any, Any] = {Message.last_error: error[:2000], Message.claimed_until: None}
    if final:
        values[Message.status] = "failed"
    else:
        values[Message.status] = "queued"
        values[Message.next_try_at] = datetime.now(UTC) + retry_delay(attempts)
    await Message.update(values).where(Message.id == message_id)


async def resend(message_id: int) -> bool:
    """Queue a message again now (an organiser's resend); False when there is no such message."""
    found = await Message.exists().where(Message.id == message_id)
    if found:
        await Message.update(
            {
                Message.status: "queued",
                Message.next_try_at: datetime.now(UTC),
                Message.attempts: 0,
                Message.claimed_until: None,
            }
        ).where(Message.id == message_id)
    return found
