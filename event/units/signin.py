"""Signing in a unit contact by a one-time code sent to its registered mobile or e-mail.

Like 找回我的链接 (event/messages/recover.py), asking for a code answers the same whether or not
the address belongs to an approved contact, and each request costs one write transaction with
its audit entry. A code is six digits, kept only as a hash, valid ten minutes, for five tries,
once; asking again voids the earlier code. At most CODES_PER_HOUR codes go to one contact an
hour, so the page cannot flood someone's phone; per client address the login rate limit holds.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from event import audit
from event.current import EventInfo
from event.db import write_transaction
from event.errors import InvalidInput
from event.messages import outbox
from event.messages.config import load_config
from event.messages.events import event_name
from event.messages.recover import mask, parse_contact
from event.tables import UnitContact, UnitSignInCode

LIFETIME = timedelta(minutes=10)
MAX_TRIES = 5
CODES_PER_HOUR = 5
WRONG = "验证码不正确或已失效，请重新输入或重新获取验证码"
LOCKED = "验证码错误次数过多，已失效，请重新获取验证码"


def _hash(contact_id: int, code: str) -> str:
    return hashlib.sha256(f"{contact_id}:{code}".encode()).hexdigest()


async def _contact(channel: str, value: str) -> dict[str, Any] | None:
    C = UnitContact
    where = (C.mobile == value) if channel == "sms" else C.email.is_in(list({value, value.lower()}))
    return (
        await C.select(C.id, C.name, C.mobile, C.email)
        .where(where & (C.status == "approved"))
        .first()
    )


async def request_code(event: EventInfo, raw: str) -> None:
    """Queue a code to this address if it is an approved contact's (see the module)."""
    channel, value = parse_contact(raw)
    now = datetime.now(UTC)
    async with write_transaction(UnitContact._meta.db):
        contact = await _contact(channel, value)
        recent = 0
        if contact is not None:
            recent = await UnitSignInCode.count().where(
                (UnitSignInCode.contact == contact["id"]) & (UnitSignInCode.created_at > now - timedelta(hours=1))
            )  # fmt: skip
        outcome = "未找到已批准的联系人" if contact is None else "超过频率限制"
        if contact is not None and recent < CODES_PER_HOUR:
            await _issue(event, contact, channel, value, now)
            outcome = "已发送"
        await audit.record(event.id, "unit_contact.code", "unit_contact", contact["id"] if contact else "",
                           f"单位登录验证码（{mask(channel, value)}）：{outcome}")  # fmt: skip


async def _issue(
    event: EventInfo, contact: dict[str, Any], channel: str, value: str, now: datetime
) -> None:
    code = f"{secrets.randbelow(10**6):06d}"
    await UnitSignInCode.update({UnitSignInCode.used: True}).where(
        (UnitSignInCode.contact == contact["id"]) & (UnitSignInCode.used == False)  # noqa: E712
    )
    await UnitSignInCode.insert(UnitSignInCode(contact=contact["id"], code_hash=_hash(contact["id"], code),
                                               expires_at=now + LIFETIME, tries=0, used=False, created_at=now))  # fmt: skip
    name = await event_name(event.id)
    text = f"{contact['name']}，您的单位登录验证码是{code}，10分钟内有效，请勿告诉他人。"
    message = outbox.Outgoing(channel=channel, recipient=value, text=text, topic="unit_contact.code",
                              recipient_name=contact["name"], subject=f"{name}：单位登录验证码")  # fmt: skip
    if load_config().enabled:
        await outbox.queue(event.id, [message])


async def verify(event: EventInfo, raw: str, code: str) -> dict[str, Any]:
    """The contact whose live code this is; a wrong code uses up one of its five tries (the
    count is committed before the refusal is raised)."""
    channel, value = parse_contact(raw)
    async with write_transaction(UnitContact._meta.db):
        contact = await _contact(channel, value)
        refusal = await _check(contact, code.strip())
        if refusal is None and contact is not None:
            audit.set_actor(f"单位联系人 {contact['name']}")
            await audit.record(event.id, "unit_contact.signin", "unit_contact", contact["id"],
                               f"单位联系人登录（{mask(channel, value)}）")  # fmt: skip
    if refusal is not None or contact is None:
        raise InvalidInput.one("code", refusal or WRONG)
    return contact


async def _check(contact: dict[str, Any] | None, code: str) -> str | None:
    """None when the code is right (it is then used up), else the refusal."""
    if contact is None:
        return WRONG
    S = UnitSignInCode
    live = await S.select().where(
        (S.contact == contact["id"]) & (S.used == False) & (S.expires_at > datetime.now(UTC))  # noqa: E712
    ).order_by(S.id, ascending=False).first()  # fmt: skip
    if live is None:
        return WRONG
    if live["tries"] >= MAX_TRIES:
        return LOCKED
    if hmac.compare_digest(live["code_hash"], _hash(contact["id"], code)):
        await S.update({S.used: True}).where(S.id == live["id"])
        return None
    await S.update({S.tries: S.tries + 1}).where(S.id == live["id"])
    return LOCKED if live["tries"] + 1 >= MAX_TRIES else WRONG
