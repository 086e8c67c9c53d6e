"""Declining optional messages (organisers' broadcasts, reminders) from the personal page.
Confirmations, recovered links and schedule changes are essential and always sent."""

from __future__ import annotations

from datetime import UTC, datetime

from event import audit
from event.db import write_transaction
from event.errors import NotFound
from event.tables import MessageOptOut, Registration
from event.tokens import find_by_token


async def _owner(token: str) -> tuple[int, int]:
    row = await find_by_token(Registration, token, Registration.person, Registration.event)
    if row is None:
        raise NotFound("未找到该登记，请检查个人链接是否完整")
    return row["person"], row["event"]


async def declines_optional(token: str) -> bool:
    """Whether the person behind this personal link declined optional messages."""
    person, _ = await _owner(token)
    return await MessageOptOut.exists().where(MessageOptOut.person == person)


async def set_declines_optional(token: str, declines: bool) -> None:
    """Decline (or accept again) optional messages, audited."""
    person, event_id = await _owner(token)
    async with write_transaction(MessageOptOut._meta.db):
        await MessageOptOut.delete().where(MessageOptOut.person == person)
        if declines:
            await MessageOptOut.insert(MessageOptOut(person=person, at=datetime.now(UTC)))
        summary = "退订通知类消息" if declines else "恢复接收通知类消息"
        await audit.record(event_id, "message.preference", "person", person, summary)
